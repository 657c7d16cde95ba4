//===- GpuTestUtil.cpp - shared helpers of the GPU target tests -----------===//

#include "GpuTestUtil.h"

#include "Codegen.h"
#include "GemvSchedule.h"

#include "mlir/IR/DialectRegistry.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <dlfcn.h>
#include <sys/mman.h>
#include <unistd.h>

namespace sinkc::gpu::testing {

std::unique_ptr<mlir::MLIRContext> makeContext() {
  mlir::DialectRegistry registry;
  registerGpuCompilation(registry);
  registerKernelSchedules(registry);
  auto context = std::make_unique<mlir::MLIRContext>(registry);
  context->loadAllAvailableDialects();
  return context;
}

float fromHalf(uint16_t h) {
  int exponent = (h >> 10) & 31, mantissa = h & 1023;
  float v = exponent ? std::ldexp(float(mantissa | 1024), exponent - 25)
                     : std::ldexp(float(mantissa), -24);
  return h >> 15 ? -v : v;
}

uint16_t toHalf(float f) {
  if (f == 0.0f)
    return 0;
  int e;
  float m = std::frexp(std::fabs(f), &e); // |f| = m 2^e, m in [0.5, 1)
  long bits = std::lrint(std::ldexp(m, 11));  // 11 significant bits
  if (bits == 2048) {
    bits = 1024;
    ++e;
  }
  int exponent = e - 1 + 15;
  if (exponent <= 0 || exponent >= 31)
    return 0;
  return uint16_t((f < 0) << 15 | exponent << 10 | (bits & 1023));
}

void *loadCpuBuild(mlir::ModuleOp module) {
  llvm::SmallString<128> so;
  if (auto ec = llvm::sys::fs::createTemporaryFile("sinkc-gpu-test", "so", so)) {
    ADD_FAILURE() << "no temporary file: " << ec.message();
    return nullptr;
  }
  llvm::Error built = sinkc::codegen::compileToSharedObject(module, {}, so);
  if (built) {
    ADD_FAILURE() << llvm::toString(std::move(built));
    llvm::sys::fs::remove(so);
    return nullptr;
  }
  void *handle = dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    ADD_FAILURE() << dlerror();
  llvm::sys::fs::remove(so);
  return handle;
}

GuardedBuffer::GuardedBuffer(size_t bytes) {
  const size_t page = size_t(sysconf(_SC_PAGESIZE));
  const size_t usable = (bytes + page - 1) / page * page;
  mapped = usable + page;
  base = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) {
    ADD_FAILURE() << "mmap of " << mapped << " bytes failed";
    base = nullptr;
    return;
  }
  mprotect(static_cast<char *>(base) + usable, page, PROT_NONE);
  data = static_cast<char *>(base) + (usable - bytes);
}

GuardedBuffer::~GuardedBuffer() {
  if (base)
    munmap(base, mapped);
}

AvailableToolkits availableToolkits() {
  AvailableToolkits t;
  t.cuda = llvm::sys::fs::can_execute(t.paths.cudaPath + "/bin/ptxas");
  t.rocm = llvm::sys::fs::exists(t.paths.rocmPath + "/amdgcn/bitcode/ockl.bc");
  return t;
}

void forEveryChip(mlir::ModuleOp module, size_t modules,
                  llvm::function_ref<void(const GpuTarget &, const KernelResources &)> check) {
  AvailableToolkits available = availableToolkits();
  for (Vendor vendor : {Vendor::Cuda, Vendor::Rocm}) {
    if (!(vendor == Vendor::Cuda ? available.cuda : available.rocm))
      continue;
    for (llvm::StringRef chip : supportedChips(vendor)) {
      GpuTarget target{vendor, chip.str()};
      SCOPED_TRACE(target.name());
      auto objects = compileGpuModules(module, target, available.paths);
      ASSERT_TRUE(bool(objects)) << llvm::toString(objects.takeError());
      ASSERT_EQ(objects->size(), modules);
      for (const GpuObject &o : *objects) {
        ASSERT_EQ(o.kernels.size(), 1u) << o.module;
        const KernelResources &k = o.kernels[0];
        std::printf("%s %s: %lld registers%s, %lld bytes shared\n", target.name().c_str(),
                    k.kernel.c_str(), (long long)k.registers,
                    k.scalarRegisters >= 0
                        ? (" (+" + std::to_string(k.scalarRegisters) + " scalar)").c_str()
                        : "",
                    (long long)k.sharedBytes);
        EXPECT_GT(k.registers, 0) << k.kernel;
        EXPECT_EQ(k.spillBytes, 0) << k.kernel;
        EXPECT_EQ(k.privateBytes, 0) << k.kernel;
        check(target, k);
      }
    }
  }
}

} // namespace sinkc::gpu::testing
