//===- PassBindings.cpp - sinkc.passes ------------------------------------===//

#include "Diagnostics.h"
#include "Objects.h"

#include "sinkc/Passes/Registry.h"

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

#include <pybind11/stl.h>

#include <chrono>

namespace py = pybind11;
using namespace mlir;

namespace sinkc::python {
namespace {

struct RunResult {
  std::vector<std::pair<std::string, double>> timings;   ///< pass, seconds
  std::vector<std::pair<std::string, std::string>> snapshots; ///< pass, IR after it
};

/// Times every pass and, when asked, prints the module after each.
class Recorder : public PassInstrumentation {
public:
  Recorder(RunResult &result, ModuleOp module, bool snapshots)
      : result(result), module(module), snapshots(snapshots) {}
  void runBeforePass(Pass *, mlir::Operation *) override {
    start = std::chrono::steady_clock::now();
  }
  void runAfterPass(Pass *pass, mlir::Operation *) override { record(pass); }
  void runAfterPassFailed(Pass *pass, mlir::Operation *) override { record(pass); }

private:
  void record(Pass *pass) {
    std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    result.timings.emplace_back(pass->getArgument().str(), seconds.count());
    if (!snapshots)
      return;
    std::string text;
    llvm::raw_string_ostream os(text);
    module->print(os);
    result.snapshots.emplace_back(pass->getArgument().str(), text);
  }
  RunResult &result;
  ModuleOp module;
  bool snapshots;
  std::chrono::steady_clock::time_point start;
};

class PyPassManager {
public:
  PyPassManager(const std::string &pipeline, std::shared_ptr<Context> context)
      : context(context ? context : Context::getDefault()), text(pipeline) {
    std::string errors;
    llvm::raw_string_ostream os(errors);
    // Accept "builtin.module(a,b)" and the bare "a,b" that sinkc-opt's
    // flags spell.
    llvm::StringRef body = pipeline;
    body = body.trim();
    if (body.consume_front("builtin.module(") && body.consume_back(")"))
      ;
    else
      body = llvm::StringRef(pipeline).trim();
    DiagnosticCollector diagnostics(this->context->context.get());
    manager = std::make_unique<PassManager>(this->context->context.get());
    if (failed(parsePassPipeline(body, *manager, os)))
      throw py::value_error(errors.empty() ? diagnostics.message("invalid pipeline '" +
                                                                 pipeline + "'")
                                           : "invalid pipeline '" + pipeline + "': " + errors);
  }

  RunResult run(Module &module, bool snapshots) {
    if (module.context->context.get() != context->context.get())
      throw py::value_error("the module belongs to another Context than this PassManager");
    RunResult result;
    manager->addInstrumentation(
        std::make_unique<Recorder>(result, *module.module, snapshots));
    DiagnosticCollector diagnostics(context->context.get());
    ++module.generation; // passes may erase operations handed out before
    LogicalResult status = manager->run(*module.module);
    // A fresh manager for the next run, without this run's instrumentation.
    rebuild();
    if (failed(status))
      throw std::runtime_error(diagnostics.message("pipeline '" + text + "' failed"));
    return result;
  }

  std::string pipeline() const { return text; }

private:
  void rebuild() {
    std::string errors;
    llvm::raw_string_ostream os(errors);
    auto fresh = std::make_unique<PassManager>(context->context.get());
    llvm::StringRef body = llvm::StringRef(text).trim();
    if (!(body.consume_front("builtin.module(") && body.consume_back(")")))
      body = llvm::StringRef(text).trim();
    (void)parsePassPipeline(body, *fresh, os); // parsed fine once already
    manager = std::move(fresh);
  }

  std::shared_ptr<Context> context;
  std::string text;
  std::unique_ptr<PassManager> manager;
};

} // namespace

void bindPasses(py::module_ &m) {
  py::class_<PassDescription>(m, "PassInfo", "A registered pass.")
      .def_readonly("name", &PassDescription::argument, "The flag, e.g. tfm-print-cost.")
      .def_readonly("summary", &PassDescription::summary)
      .def_property_readonly(
          "options",
          [](const PassDescription &p) {
            std::map<std::string, std::string> out(p.options.begin(), p.options.end());
            return out;
          },
          "Option name -> default value (as text).")
      .def("__repr__", [](const PassDescription &p) {
        return "<sinkc.passes.PassInfo " + p.argument + ">";
      });

  m.def("list_passes", &listPasses,
        "Every pass sinkc registers (its own and the upstream ones it offers).");

  py::class_<RunResult>(m, "RunResult", "What a pipeline run recorded.")
      .def_readonly("timings", &RunResult::timings, "(pass, seconds) in run order.")
      .def_readonly("snapshots", &RunResult::snapshots,
                    "(pass, module text after it) when run(snapshots=True).");

  py::class_<PyPassManager>(m, "PassManager",
                            "A pass pipeline in sinkc-opt's syntax, e.g. "
                            "'canonicalize,tfm-print-cost{context=8192}'.")
      .def(py::init<const std::string &, std::shared_ptr<Context>>(), py::arg("pipeline"),
           py::arg("context") = nullptr,
           "Parses the pipeline; raises ValueError for an unknown pass or a bad option.")
      .def_property_readonly("pipeline", &PyPassManager::pipeline)
      .def("run", &PyPassManager::run, py::arg("module"), py::arg("snapshots") = false,
           "Runs on the module in place; raises RuntimeError with MLIR's diagnostics "
           "when a pass fails.");
}

} // namespace sinkc::python
