//===- ImportCommand.cpp - sinkc import MODEL -o model.mlir ---------------===//

#include "Commands.h"

#include "sinkc/Dialect/Tfm/TfmDialect.h"
#include "sinkc/Importers/TfmImport.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace llvm;

namespace sinkc::cli {

cl::SubCommand importCommand("import",
                             "Import a GGUF file or a Hugging Face checkpoint folder "
                             "(config.json + *.safetensors) as tfm IR");

namespace {
cl::opt<std::string> modelPath(cl::Positional, cl::Required, cl::sub(importCommand),
                               cl::desc("MODEL (.gguf file or checkpoint folder)"),
                               cl::value_desc("MODEL"));
cl::opt<std::string> outputPath("o", cl::sub(importCommand), cl::init("-"),
                                cl::desc("Output file for the tfm module (default: stdout)"),
                                cl::value_desc("file"));
cl::opt<std::string> kvType("kv-type", cl::sub(importCommand), cl::init("f16"),
                            cl::desc("Element type of the KV cache: f16, bf16 or f32"),
                            cl::value_desc("type"));
} // namespace

int runImport() {
  if (kvType != "f16" && kvType != "bf16" && kvType != "f32") {
    errs() << "sinkc import: --kv-type must be f16, bf16 or f32, got '" << kvType << "'\n";
    return 1;
  }
  Expected<import::ModelDescription> model = import::describeModel(modelPath);
  if (!model) {
    errs() << "sinkc import: " << toString(model.takeError()) << "\n";
    return 1;
  }
  mlir::MLIRContext context;
  import::ImportOptions options;
  options.kvElementType = kvType;
  mlir::OwningOpRef<mlir::ModuleOp> module = import::buildTfmModule(context, *model, options);
  // The importer promises valid IR; say so loudly if it is not.
  if (failed(mlir::verify(*module))) {
    errs() << "sinkc import: internal error: the imported module of " << modelPath
           << " does not verify (diagnostics above)\n";
    return 1;
  }
  std::string error;
  std::unique_ptr<ToolOutputFile> output = mlir::openOutputFile(outputPath, &error);
  if (!output) {
    errs() << "sinkc import: " << error << "\n";
    return 1;
  }
  module->print(output->os());
  output->os() << "\n";
  output->keep();
  return 0;
}

} // namespace sinkc::cli
