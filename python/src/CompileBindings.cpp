//===- CompileBindings.cpp - sinkc._compiler.compile ----------------------===//
//
// `sinkc.compile` (python/sinkc/__init__.py) calls compile_model here: a
// model file or a Module to a .sinkpkg (or --emit's stage), the same driver
// `sinkc compile` uses.
//
//===----------------------------------------------------------------------===//

#include "Diagnostics.h"
#include "Objects.h"

#include "sinkc/Lowering/CompileModel.h"

#include <pybind11/stl.h>

namespace py = pybind11;

namespace sinkc::python {

namespace {

compiler::CompileOptions::Emit parseEmit(const std::string &emit) {
  if (emit == "mlir")
    return compiler::CompileOptions::Emit::Mlir;
  if (emit == "llvm")
    return compiler::CompileOptions::Emit::Llvm;
  if (emit == "obj")
    return compiler::CompileOptions::Emit::Obj;
  if (emit == "pkg")
    return compiler::CompileOptions::Emit::Pkg;
  if (emit == "gpu-schedules")
    return compiler::CompileOptions::Emit::GpuSchedules;
  if (emit == "gpu-kernels")
    return compiler::CompileOptions::Emit::GpuKernels;
  if (emit == "gpu-asm")
    return compiler::CompileOptions::Emit::GpuAsm;
  throw py::value_error("emit must be 'mlir', 'llvm', 'obj', 'pkg', 'gpu-schedules', "
                        "'gpu-kernels' or 'gpu-asm', got '" + emit + "'");
}

} // namespace

void bindCompile(py::module_ &m) {
  m.def(
      "compile_model",
      [](py::object source, const std::string &output, const std::string &model,
         const std::string &target, const std::string &cpu, int optLevel,
         const std::string &kvType, const std::string &kvPolicy, int64_t prefillChunk,
         int64_t workgroups, bool taps, int64_t massPositions, const std::string &emit,
         bool emulateGpu, int64_t gpuMaxContext) {
        if (optLevel < 0 || optLevel > 3)
          throw py::value_error("opt_level must be 0..3, got " + std::to_string(optLevel));
        if (workgroups < 1 || prefillChunk < 1 || massPositions < 1)
          throw py::value_error("workgroups, prefill_chunk and mass_positions must be >= 1");
        if (gpuMaxContext < 0)
          throw py::value_error("gpu_max_context must be >= 0 (0: the model's context)");
        compiler::CompileOptions options;
        options.target = target;
        options.cpu = cpu;
        options.optLevel = unsigned(optLevel);
        options.kvType = kvType;
        options.kvPolicy = kvPolicy;
        options.prefillChunk = prefillChunk;
        options.workgroups = workgroups;
        options.taps = taps;
        options.massPositions = massPositions;
        options.emit = parseEmit(emit);
        options.emulateGpu = emulateGpu;
        options.gpuMaxContext = gpuMaxContext;
        llvm::Error error = llvm::Error::success();
        if (py::isinstance<py::str>(source) || py::hasattr(source, "__fspath__")) {
          std::string path = py::str(py::module_::import("os").attr("fspath")(source));
          py::gil_scoped_release release;
          error = compiler::compileModel(path, output, options);
        } else {
          auto module = source.cast<std::shared_ptr<Module>>();
          // The caller's module stays as it is: compile a copy.
          mlir::OwningOpRef<mlir::ModuleOp> copy = module->module->clone();
          DiagnosticCollector diagnostics(copy->getContext());
          error = compiler::compileModule(*copy, model, output, options);
          if (error) {
            std::string text = llvm::toString(std::move(error));
            throw std::runtime_error(diagnostics.message("") .empty()
                                         ? text
                                         : text + "\n" + diagnostics.message(""));
          }
        }
        if (error) {
          std::string text = llvm::toString(std::move(error));
          if (text.find("No such file or directory") != std::string::npos)
            throwFileNotFound(text);
          throw std::runtime_error(text);
        }
        return output;
      },
      py::arg("source"), py::arg("output"), py::arg("model") = "", py::arg("target") = "cpu",
      py::arg("cpu") = "native", py::arg("opt_level") = 3, py::arg("kv_type") = "f16",
      py::arg("kv_policy") = "", py::arg("prefill_chunk") = 128, py::arg("workgroups") = 4,
      py::arg("taps") = false, py::arg("mass_positions") = 4, py::arg("emit") = "pkg",
      py::arg("emulate_gpu") = false, py::arg("gpu_max_context") = 0,
      "Compile a model file or a Module to `output` (see sinkc.compile).");
}

} // namespace sinkc::python
