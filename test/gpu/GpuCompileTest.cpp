//===- GpuCompileTest.cpp - kernels to cubins and HSACOs without a GPU ----===//
//
// Two kernels (an axpy, and a block sum through 1 KiB of workgroup memory
// with barriers) compiled for every supported chip: CUDA through NVVM, PTX
// and ptxas (an ELF cubin, the PTX's .target and .entry, ptxas' registers,
// no spills, the workgroup buffer as 1,024 bytes of smem); ROCm through ROCDL
// to an AMDGPU ELF whose kernel metadata reports VGPRs, no spills and the
// 1,024-byte group segment. Skipped where the toolkit is not installed.
// ptxas -v output parsing on a fixed text.
//
//===----------------------------------------------------------------------===//

#include "GpuCompile.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

using namespace sinkc::gpu;

namespace {

const char *kKernels = R"mlir(
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @axpy(%a: f32, %x: memref<1024xf32>, %y: memref<1024xf32>) kernel {
      %bid = gpu.block_id x
      %tid = gpu.thread_id x
      %bdim = gpu.block_dim x
      %base = arith.muli %bid, %bdim : index
      %i = arith.addi %base, %tid : index
      %xv = memref.load %x[%i] : memref<1024xf32>
      %yv = memref.load %y[%i] : memref<1024xf32>
      %p = arith.mulf %a, %xv : f32
      %s = arith.addf %p, %yv : f32
      memref.store %s, %y[%i] : memref<1024xf32>
      gpu.return
    }
    gpu.func @block_sum(%x: memref<1024xf32>, %out: memref<4xf32>)
        workgroup(%buf: memref<256xf32, #gpu.address_space<workgroup>>) kernel {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %c2 = arith.constant 2 : index
      %c256 = arith.constant 256 : index
      %bid = gpu.block_id x
      %tid = gpu.thread_id x
      %base = arith.muli %bid, %c256 : index
      %i = arith.addi %base, %tid : index
      %v = memref.load %x[%i] : memref<1024xf32>
      memref.store %v, %buf[%tid] : memref<256xf32, #gpu.address_space<workgroup>>
      gpu.barrier
      %is0 = arith.cmpi eq, %tid, %c0 : index
      scf.if %is0 {
        %zero = arith.constant 0.0 : f32
        %sum = scf.for %j = %c0 to %c256 step %c1 iter_args(%acc = %zero) -> (f32) {
          %e = memref.load %buf[%j] : memref<256xf32, #gpu.address_space<workgroup>>
          %n = arith.addf %acc, %e : f32
          scf.yield %n : f32
        }
        memref.store %sum, %out[%bid] : memref<4xf32>
      }
      gpu.return
    }
  }
}
)mlir";

class GpuCompile : public ::testing::Test {
protected:
  void SetUp() override {
    mlir::DialectRegistry registry;
    registerGpuCompilation(registry);
    context = std::make_unique<mlir::MLIRContext>(registry);
    context->loadAllAvailableDialects();
    module = mlir::parseSourceString<mlir::ModuleOp>(kKernels, context.get());
    ASSERT_TRUE(module) << "the test kernels do not parse";
  }

  const KernelResources *kernelNamed(const GpuObject &o, llvm::StringRef name) {
    for (const KernelResources &k : o.kernels)
      if (k.kernel == name)
        return &k;
    return nullptr;
  }

  std::unique_ptr<mlir::MLIRContext> context;
  mlir::OwningOpRef<mlir::ModuleOp> module;
};

bool isElf(const std::string &bytes, uint16_t machine) {
  if (bytes.size() < 64 || bytes.compare(0, 4, "\x7f" "ELF") != 0)
    return false;
  uint16_t m = uint8_t(bytes[18]) | uint16_t(uint8_t(bytes[19])) << 8;
  return m == machine;
}

TEST_F(GpuCompile, CubinForEveryCudaChip) {
  Toolkits toolkits = defaultToolkits();
  if (!llvm::sys::fs::can_execute(toolkits.cudaPath + "/bin/ptxas"))
    GTEST_SKIP() << "no ptxas under " << toolkits.cudaPath;
  for (llvm::StringRef chip : supportedChips(Vendor::Cuda)) {
    SCOPED_TRACE(chip.str());
    llvm::Expected<GpuObject> object =
        compileGpuModule(*module, GpuTarget{Vendor::Cuda, chip.str()}, toolkits);
    ASSERT_TRUE(bool(object)) << llvm::toString(object.takeError());
    EXPECT_TRUE(isElf(object->binary, /*EM_CUDA=*/190)) << "not a CUDA ELF";
    EXPECT_NE(object->assembly.find(".target " + chip.str()), std::string::npos);
    EXPECT_NE(object->assembly.find(".entry axpy"), std::string::npos);
    ASSERT_EQ(object->kernels.size(), 2u);
    for (const KernelResources &k : object->kernels) {
      SCOPED_TRACE(k.kernel);
      EXPECT_GT(k.registers, 0);
      EXPECT_LE(k.registers, 255);
      EXPECT_EQ(k.spillBytes, 0);
    }
    const KernelResources *sum = kernelNamed(*object, "block_sum");
    ASSERT_NE(sum, nullptr);
    EXPECT_EQ(sum->sharedBytes, 1024);
    EXPECT_EQ(kernelNamed(*object, "axpy")->sharedBytes, 0);
  }
}

TEST_F(GpuCompile, HsacoForEveryRocmChip) {
  Toolkits toolkits = defaultToolkits();
  if (!llvm::sys::fs::exists(toolkits.rocmPath + "/amdgcn/bitcode/ockl.bc"))
    GTEST_SKIP() << "no ROCm device libraries under " << toolkits.rocmPath
                 << " (Debian package rocm-device-libs)";
  for (llvm::StringRef chip : supportedChips(Vendor::Rocm)) {
    SCOPED_TRACE(chip.str());
    llvm::Expected<GpuObject> object =
        compileGpuModule(*module, GpuTarget{Vendor::Rocm, chip.str()}, toolkits);
    ASSERT_TRUE(bool(object)) << llvm::toString(object.takeError());
    EXPECT_TRUE(isElf(object->binary, /*EM_AMDGPU=*/224)) << "not an AMDGPU ELF";
    EXPECT_NE(object->assembly.find(chip.str()), std::string::npos);
    ASSERT_EQ(object->kernels.size(), 2u);
    for (const KernelResources &k : object->kernels) {
      SCOPED_TRACE(k.kernel);
      EXPECT_GT(k.registers, 0);
      EXPECT_EQ(k.spillBytes, 0);
      EXPECT_EQ(k.privateBytes, 0);
    }
    EXPECT_EQ(kernelNamed(*object, "block_sum")->sharedBytes, 1024);
  }
}

TEST_F(GpuCompile, ToolkitErrorsNameThePath) {
  Toolkits missing{"/nonexistent/cuda", "/nonexistent/rocm"};
  llvm::Expected<GpuObject> cuda =
      compileGpuModule(*module, GpuTarget{Vendor::Cuda, "sm_90"}, missing);
  ASSERT_FALSE(bool(cuda));
  std::string message = llvm::toString(cuda.takeError());
  EXPECT_NE(message.find("cuda:sm_90"), std::string::npos) << message;
  EXPECT_NE(message.find("/nonexistent/cuda"), std::string::npos) << message;
  llvm::Expected<GpuObject> rocm =
      compileGpuModule(*module, GpuTarget{Vendor::Rocm, "gfx942"}, missing);
  ASSERT_FALSE(bool(rocm));
  message = llvm::toString(rocm.takeError());
  EXPECT_NE(message.find("rocm:gfx942"), std::string::npos) << message;
  EXPECT_NE(message.find("/nonexistent/rocm"), std::string::npos) << message;
}

TEST(PtxasInfo, ParsesEachEntry) {
  const char *text = "ptxas info    : 0 bytes gmem\n"
                     "ptxas info    : Compiling entry function 'gemv' for 'sm_90'\n"
                     "ptxas info    : Function properties for gemv\n"
                     "    16 bytes stack frame, 8 bytes spill stores, 8 bytes spill loads\n"
                     "ptxas info    : Used 40 registers, 2048 bytes smem, 368 bytes cmem[0]\n"
                     "ptxas info    : Compiling entry function 'axpy' for 'sm_90'\n"
                     "ptxas info    : Function properties for axpy\n"
                     "    0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads\n"
                     "ptxas info    : Used 8 registers, 372 bytes cmem[0]\n";
  std::vector<KernelResources> k = parsePtxasInfo(text);
  ASSERT_EQ(k.size(), 2u);
  EXPECT_EQ(k[0].kernel, "gemv");
  EXPECT_EQ(k[0].registers, 40);
  EXPECT_EQ(k[0].sharedBytes, 2048);
  EXPECT_EQ(k[0].spillBytes, 8);
  EXPECT_EQ(k[0].privateBytes, 16);
  EXPECT_EQ(k[1].kernel, "axpy");
  EXPECT_EQ(k[1].registers, 8);
  EXPECT_EQ(k[1].sharedBytes, 0);
  EXPECT_EQ(k[1].spillBytes, 0);
}

} // namespace
