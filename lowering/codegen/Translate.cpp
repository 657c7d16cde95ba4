//===- Translate.cpp - LLVM dialect -> LLVM IR ----------------------------===//

#include "Codegen.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace sinkc::codegen {

Expected<std::unique_ptr<Module>> translateToLLVMIR(mlir::ModuleOp module,
                                                    LLVMContext &context) {
  // Only the LLVM and builtin translations: a module still holding another
  // dialect's ops is a lowering bug, reported with the op's name.
  mlir::DialectRegistry registry;
  mlir::registerBuiltinDialectTranslation(registry);
  mlir::registerLLVMDialectTranslation(registry);
  module->getContext()->appendDialectRegistry(registry);

  // Collect the diagnostics instead of printing them: they become the error.
  std::string messages;
  raw_string_ostream os(messages);
  mlir::ScopedDiagnosticHandler handler(
      module->getContext(), [&](mlir::Diagnostic &diagnostic) {
        if (diagnostic.getSeverity() != mlir::DiagnosticSeverity::Error)
          return mlir::success();
        if (!messages.empty())
          os << "\n";
        os << diagnostic.getLocation() << ": " << diagnostic;
        // Not "see current operation": it prints the whole op, which for
        // a model's function is the whole model.
        for (const mlir::Diagnostic &note : diagnostic.getNotes())
          if (!StringRef(note.str()).starts_with("see current operation"))
            os << "\n  " << note.getLocation() << ": note: " << note;
        return mlir::success();
      });
  std::unique_ptr<Module> result =
      mlir::translateModuleToLLVMIR(module, context);
  if (!result)
    return createStringError(
        "cannot translate the module to LLVM IR: " +
        (messages.empty() ? std::string("invalid LLVM IR") : messages));
  return result;
}

} // namespace sinkc::codegen
