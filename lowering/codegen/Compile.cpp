//===- Compile.cpp - MLIR (LLVM dialect) -> shared object -----------------===//

#include "Codegen.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace sinkc::codegen {

Error compileToSharedObject(mlir::ModuleOp module,
                            const CodegenOptions &options,
                            StringRef outputPath) {
  LLVMContext context;
  Expected<std::unique_ptr<Module>> llvmModule =
      translateToLLVMIR(module, context);
  if (!llvmModule)
    return llvmModule.takeError();
  if (Error error = optimize(**llvmModule, options))
    return error;
  Expected<std::string> object = emitObject(**llvmModule, options);
  if (!object)
    return object.takeError();

  // lld reads files: the object goes through a private temp file.
  SmallString<128> objectPath;
  int fd = -1;
  if (std::error_code ec =
          sys::fs::createTemporaryFile("sinkc-codegen", "o", fd, objectPath))
    return createStringError("cannot create a temporary object file: " +
                             ec.message());
  FileRemover removeObject(objectPath);
  {
    raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << *object;
    os.close();
    if (os.has_error()) {
      std::error_code ec = os.error();
      os.clear_error(); // or the stream's destructor aborts
      return createStringError("cannot write '" + objectPath +
                               "': " + ec.message());
    }
  }
  return linkSharedObject({std::string(objectPath)}, outputPath);
}

} // namespace sinkc::codegen
