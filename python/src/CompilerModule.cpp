//===- CompilerModule.cpp - the sinkc._compiler extension -----------------===//
//
// One submodule per concern, as Triton's python/src does: ir, passes,
// importers. The runtime has its own extension (it must not load libMLIR).
//
//===----------------------------------------------------------------------===//

#include "Objects.h"

#include "sinkc/Lowering/CpuPipeline.h"
#include "sinkc/Passes/Registry.h"

namespace py = pybind11;

PYBIND11_MODULE(_compiler, m) {
  m.doc() = "sinkc's compiler: tfm IR, passes and model importers";
  sinkc::registerAllPasses();
  py::module_ ir = m.def_submodule("ir", "tfm IR: contexts, modules, operations");
  sinkc::python::bindIr(ir);
  py::module_ passes = m.def_submodule("passes", "Passes and pass pipelines");
  sinkc::python::bindPasses(passes);
  py::module_ importers = m.def_submodule("importers", "GGUF and safetensors importers");
  sinkc::python::bindImporters(importers);
  py::module_ compile = m.def_submodule("compile", "Models to packages");
  sinkc::python::bindCompile(compile);
}
