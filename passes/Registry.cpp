//===- Registry.cpp - every pass sinkc tools offer -------------------------===//

#include "sinkc/Passes/Registry.h"

#include "sinkc/Passes/Passes.h"
#include "sinkc/Lowering/CpuPipeline.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <mutex>

using namespace mlir;

namespace {

using PassFactory = std::function<std::unique_ptr<Pass>()>;

/// The passes sinkc offers. Upstream ones are those sinkc's pipelines and
/// users' experiments need; add a line here to offer another.
const std::vector<PassFactory> &factories() {
  static const std::vector<PassFactory> list = {
      [] { return sinkc::createTfmPrintCostPass(); },
      [] { return sinkc::createTfmFormDispatchesPass(); },
      [] { return sinkc::createTfmOutlineDispatchesPass(); },
      [] { return sinkc::createTfmPrintExecutionPlanPass(); },
      [] { return sinkc::createConvertTfmToLinalgPass(); },
      [] { return sinkc::createTfmTileDispatchesPass(); },
      [] { return sinkc::createTfmSetKvPoliciesPass(); },
      [] { return sinkc::createTfmIsolateDispatchesPass(); },
      [] { return sinkc::createTfmLowerToUkernelsPass(); },
      [] { return sinkc::createTfmApproximateMathPass(); },
      [] { return sinkc::createTfmDispatchAbiPass(); },
      // The upstream steps of sinkc-cpu-pipeline, so each can run alone.
      [] { return bufferization::createOneShotBufferizePass(); },
      [] { return createConvertLinalgToLoopsPass(); },
      [] { return createLowerAffinePass(); },
      [] { return createSCFToControlFlowPass(); },
      [] { return memref::createExpandStridedMetadataPass(); },
      [] { return createFinalizeMemRefToLLVMConversionPass(); },
      [] { return createConvertMathToLLVMPass(); },
      [] { return createArithToLLVMConversionPass(); },
      [] { return createConvertIndexToLLVMPass(); },
      [] { return createConvertFuncToLLVMPass(); },
      [] { return createConvertControlFlowToLLVMPass(); },
      [] { return createReconcileUnrealizedCastsPass(); },
      [] { return createCanonicalizerPass(); },
      [] { return createCSEPass(); },
      [] { return createSymbolDCEPass(); },
      [] { return createInlinerPass(); },
      [] { return createLoopInvariantCodeMotionPass(); },
      [] { return createSCCPPass(); },
      [] { return createStripDebugInfoPass(); },
      [] { return createPrintIRPass(); },
  };
  return list;
}

/// Splits "name{a=1 b=x}" into option pairs; values may be quoted or braced.
std::vector<std::pair<std::string, std::string>> parseOptions(const std::string &text) {
  std::vector<std::pair<std::string, std::string>> options;
  size_t open = text.find('{');
  if (open == std::string::npos)
    return options;
  std::string body = text.substr(open + 1, text.size() - open - 2);
  size_t i = 0;
  while (i < body.size()) {
    while (i < body.size() && body[i] == ' ')
      ++i;
    size_t eq = body.find('=', i);
    if (eq == std::string::npos)
      break;
    std::string name = body.substr(i, eq - i);
    size_t j = eq + 1;
    int depth = 0;
    bool quoted = false;
    for (; j < body.size(); ++j) {
      char c = body[j];
      if (c == '"')
        quoted = !quoted;
      else if (!quoted && c == '{')
        ++depth;
      else if (!quoted && c == '}')
        --depth;
      else if (!quoted && depth == 0 && c == ' ')
        break;
    }
    options.emplace_back(name, body.substr(eq + 1, j - eq - 1));
    i = j;
  }
  return options;
}

} // namespace

void sinkc::registerAllPasses() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (const PassFactory &factory : factories())
      mlir::registerPass(factory);
  });
  lowering::registerCpuPipeline();
}

std::vector<sinkc::PassDescription> sinkc::listPasses() {
  std::vector<PassDescription> passes;
  for (const PassFactory &factory : factories()) {
    std::unique_ptr<Pass> pass = factory();
    std::string pipeline;
    llvm::raw_string_ostream os(pipeline);
    pass->printAsTextualPipeline(os);
    passes.push_back({pass->getArgument().str(), pass->getDescription().str(),
                      parseOptions(pipeline)});
  }
  std::sort(passes.begin(), passes.end(),
            [](const PassDescription &a, const PassDescription &b) {
              return a.argument < b.argument;
            });
  return passes;
}
