//===- ImporterBindings.cpp - sinkc.importers -----------------------------===//

#include "Objects.h"

#include "sinkc/Importers/TfmImport.h"

#include "ModelPackager.h"

#include "llvm/Support/FileSystem.h"

namespace py = pybind11;

namespace sinkc::python {

void bindImporters(py::module_ &m) {
  m.def(
      "import_model",
      [](const std::string &path, const std::string &kvType, const std::string &kvPolicy,
         std::shared_ptr<Context> context) {
        if (!llvm::sys::fs::exists(path))
          throwFileNotFound(path + ": no such file or folder");
        if (kvType != "f16" && kvType != "bf16" && kvType != "f32")
          throw py::value_error("kv_type must be f16, bf16 or f32, got '" + kvType + "'");
        llvm::Expected<import::ModelDescription> model = import::describeModel(path);
        if (!model)
          throw py::value_error(llvm::toString(model.takeError()));
        if (!context)
          context = Context::getDefault();
        import::ImportOptions options;
        options.kvElementType = kvType;
        if (!kvPolicy.empty()) {
          llvm::Expected<package::KvPolicyOption> policy = package::parseKvPolicy(kvPolicy);
          if (!policy)
            throw py::value_error(llvm::toString(policy.takeError()));
          if (policy->kind == package::KvPolicyOption::Kind::Full)
            options.kvPolicy = import::ImportOptions::KvPolicy::Full;
          if (policy->kind == package::KvPolicyOption::Kind::Streaming) {
            options.kvPolicy = import::ImportOptions::KvPolicy::Streaming;
            options.sinks = policy->sinks;
            options.window = policy->window;
          }
        }
        auto module = std::make_shared<Module>();
        module->context = context;
        module->module = import::buildTfmModule(*context->context, *model, options);
        return module;
      },
      py::arg("path"), py::arg("kv_type") = "f16", py::arg("kv_policy") = "",
      py::arg("context") = nullptr,
      "Imports a .gguf file or a Hugging Face checkpoint folder as a tfm Module, every "
      "kv-head's cache under kv_policy ('' = the model's, 'full' or 'sinks=N,window=W'); "
      "raises FileNotFoundError or ValueError (naming the file and byte offset or field).");
}

} // namespace sinkc::python
