//===- GpuTestUtil.h - shared helpers of the GPU target tests ---*- C++ -*-===//

#ifndef SINKC_TEST_GPU_GPUTESTUTIL_H
#define SINKC_TEST_GPU_GPUTESTUTIL_H

#include "GpuCompile.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstdint>
#include <memory>

namespace sinkc::gpu::testing {

/// A context with everything the schedules and GPU compilation use.
std::unique_ptr<mlir::MLIRContext> makeContext();

/// IEEE half <-> float (normal and subnormal halves; toHalf rounds to
/// nearest even for |f| within the normal half range, else flushes to 0).
float fromHalf(uint16_t h);
uint16_t toHalf(float f);

/// Compiles a module already in the LLVM dialect to a shared object and
/// loads it (RTLD_NOW); null with a gtest failure on error. dlclose it.
void *loadCpuBuild(mlir::ModuleOp module);

/// `bytes` of zeroed memory that end where an inaccessible page begins:
/// a kernel that reads past them faults (how the tests check that tokens
/// past `tokens` read nothing).
class GuardedBuffer {
public:
  explicit GuardedBuffer(size_t bytes);
  ~GuardedBuffer();
  GuardedBuffer(const GuardedBuffer &) = delete;
  GuardedBuffer &operator=(const GuardedBuffer &) = delete;
  template <typename T> T *as() { return static_cast<T *>(data); }

private:
  void *base = nullptr, *data = nullptr;
  size_t mapped = 0;
};

/// Which vendor toolkits this machine has (the GPU builds skip without).
struct AvailableToolkits {
  Toolkits paths = defaultToolkits();
  bool cuda = false, rocm = false;
};
AvailableToolkits availableToolkits();

/// Compiles `module` (its gpu.modules, `modules` of them, one kernel each)
/// for every chip whose toolkit is installed and checks what every GPU
/// kernel must: registers, no spills, no private memory; then `check`
/// for the test's own expectations. Prints each kernel's resources.
void forEveryChip(mlir::ModuleOp module, size_t modules,
                  llvm::function_ref<void(const GpuTarget &, const KernelResources &)> check);

} // namespace sinkc::gpu::testing

#endif // SINKC_TEST_GPU_GPUTESTUTIL_H
