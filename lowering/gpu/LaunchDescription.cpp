//===- LaunchDescription.cpp - what the runtime needs to launch a kernel --===//

#include "LaunchDescription.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;

namespace sinkc::gpu {

namespace {

llvm::Error fail(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

std::optional<int64_t> constantOf(Value v) {
  APInt value;
  if (v && matchPattern(v, m_ConstantInt(&value)))
    return value.getSExtValue();
  return std::nullopt;
}

} // namespace

llvm::Expected<std::vector<LaunchDescription>> describeLaunches(ModuleOp module) {
  std::vector<LaunchDescription> launches;
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isExternal())
      continue;
    llvm::Error error = llvm::Error::success();
    func.walk([&](mlir::gpu::LaunchFuncOp launch) {
      if (error)
        return WalkResult::interrupt();
      LaunchDescription d;
      d.function = func.getSymName().str();
      d.module = launch.getKernelModuleName().str();
      d.symbol = launch.getKernelName().str();
      std::string where = "launch of " + d.symbol + " in @" + d.function;
      for (auto [i, operand] : llvm::enumerate(launch.getKernelOperands())) {
        if (auto arg = dyn_cast<BlockArgument>(operand);
            arg && arg.getOwner()->getParentOp() == func.getOperation()) {
          d.parameters.push_back({LaunchParameter::Kind::Argument, arg.getArgNumber()});
        } else if (std::optional<int64_t> c = constantOf(operand)) {
          d.parameters.push_back({LaunchParameter::Kind::Constant, *c});
        } else {
          error = fail(where + ": parameter " + llvm::Twine(i) +
                       " is computed in the host function (sink it into the kernel)");
          return WalkResult::interrupt();
        }
      }
      Value grid[3] = {launch.getGridSizeX(), launch.getGridSizeY(), launch.getGridSizeZ()};
      Value block[3] = {launch.getBlockSizeX(), launch.getBlockSizeY(), launch.getBlockSizeZ()};
      for (int axis = 0; axis < 3; ++axis) {
        std::optional<int64_t> g = constantOf(grid[axis]), b = constantOf(block[axis]);
        if (!g || !b) {
          error = fail(where + ": the grid and block sizes must be constants");
          return WalkResult::interrupt();
        }
        d.grid[axis] = *g;
        d.block[axis] = *b;
      }
      if (Value shared = launch.getDynamicSharedMemorySize();
          shared && constantOf(shared).value_or(1) != 0) {
        error = fail(where + ": dynamic shared memory (schedules use static shared memory)");
        return WalkResult::interrupt();
      }
      launches.push_back(std::move(d));
      return WalkResult::advance();
    });
    if (error)
      return std::move(error);
  }
  return launches;
}

llvm::Expected<llvm::json::Object> manifestLaunch(const LaunchDescription &launch,
                                                  llvm::StringRef kernel,
                                                  llvm::ArrayRef<StepOperand> arguments,
                                                  const KernelResources *resources) {
  llvm::json::Array args;
  for (auto [i, p] : llvm::enumerate(launch.parameters)) {
    std::string where = "launch of " + launch.symbol + ", parameter " + std::to_string(i);
    if (p.kind == LaunchParameter::Kind::Constant)
      return fail(where + " is the constant " + llvm::Twine(p.value) +
                  "; the runtime passes step operands only (sink it into the kernel)");
    if (p.value < 0 || p.value >= int64_t(arguments.size()))
      return fail(where + " is argument " + llvm::Twine(p.value) + ", but the step maps " +
                  llvm::Twine(arguments.size()) + " arguments");
    const StepOperand &operand = arguments[size_t(p.value)];
    const char *kind = operand.kind == StepOperand::Kind::Binding  ? "binding"
                       : operand.kind == StepOperand::Kind::Scalar ? "scalar"
                                                                   : "scratch";
    args.push_back(llvm::json::Object{{kind, operand.index}});
  }
  llvm::json::Object o{{"kernel", kernel.str()}, // owned: the entry outlives `kernel`
                       {"symbol", launch.symbol},
                       {"args", std::move(args)},
                       {"grid", llvm::json::Array{launch.grid[0], launch.grid[1],
                                                  launch.grid[2]}},
                       {"block", llvm::json::Array{launch.block[0], launch.block[1],
                                                   launch.block[2]}},
                       {"shared_bytes", 0}};
  if (resources) {
    o["registers"] = resources->registers;
    o["spills"] = resources->spillBytes;
    o["static_shared_bytes"] = resources->sharedBytes;
    o["private_bytes"] = resources->privateBytes;
  }
  return o;
}

} // namespace sinkc::gpu
