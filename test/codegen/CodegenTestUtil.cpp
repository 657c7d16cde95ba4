//===- CodegenTestUtil.cpp - helpers for the codegen tests ----------------===//

#include "CodegenTestUtil.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Parser/Parser.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <dlfcn.h>
#include <gtest/gtest.h>

using namespace llvm;

namespace sinkc::codegen::testing {

std::unique_ptr<mlir::MLIRContext> makeContext() {
  auto context = std::make_unique<mlir::MLIRContext>();
  context->loadDialect<mlir::LLVM::LLVMDialect, mlir::func::FuncDialect,
                       mlir::arith::ArithDialect>();
  return context;
}

mlir::OwningOpRef<mlir::ModuleOp> parse(mlir::MLIRContext &context,
                                        StringRef text) {
  auto module = mlir::parseSourceString<mlir::ModuleOp>(text, &context);
  EXPECT_TRUE(module) << "test module does not parse";
  return module;
}

std::string errorText(Error error) {
  return error ? toString(std::move(error)) : std::string();
}

std::string compileToAssembly(StringRef text, const CodegenOptions &options) {
  auto context = makeContext();
  auto module = parse(*context, text);
  if (!module)
    return "ERROR: parse";
  LLVMContext llvmContext;
  auto llvmModule = translateToLLVMIR(*module, llvmContext);
  if (!llvmModule)
    return "ERROR: " + toString(llvmModule.takeError());
  if (Error error = optimize(**llvmModule, options))
    return "ERROR: " + toString(std::move(error));
  auto assembly = emitAssembly(**llvmModule, options);
  if (!assembly)
    return "ERROR: " + toString(assembly.takeError());
  return *assembly;
}

std::vector<std::string> exportedSymbols(StringRef path) {
  std::vector<std::string> names;
  auto binary = object::createBinary(path);
  if (!binary) {
    ADD_FAILURE() << toString(binary.takeError());
    return names;
  }
  auto *elf = dyn_cast<object::ELFObjectFileBase>(binary->getBinary());
  if (!elf) {
    ADD_FAILURE() << path.str() << " is not ELF";
    return names;
  }
  for (const object::ELFSymbolRef &symbol : elf->getDynamicSymbolIterators()) {
    Expected<StringRef> name = symbol.getName();
    Expected<uint32_t> flags = symbol.getFlags();
    if (!name || !flags) {
      consumeError(name.takeError());
      consumeError(flags.takeError());
      continue;
    }
    if (!name->empty() && !(*flags & object::SymbolRef::SF_Undefined))
      names.push_back(name->str());
  }
  return names;
}

std::string hostUkernelBitcode() {
  std::string level = microarchitectureLevel(CodegenOptions());
  if (level == "x86-64-v2") // no v2 flavour is built
    level = "x86-64";
  return std::string(SINKC_UKERNELS_BITCODE_DIR) + "/ukernels-" + level + ".bc";
}

bool hostRuns(StringRef cpu) {
  CodegenOptions host, wanted;
  wanted.cpu = cpu.str();
  std::vector<std::string> have = requiredFeatures(host);
  for (const std::string &feature : requiredFeatures(wanted))
    if (!is_contained(have, feature))
      return false;
  return true;
}

TempDir::TempDir() {
  SmallString<128> dir;
  std::error_code ec = sys::fs::createUniqueDirectory("sinkc-codegen", dir);
  EXPECT_FALSE(ec) << ec.message();
  path = std::string(dir);
}

TempDir::~TempDir() { sys::fs::remove_directories(path); }

std::string TempDir::file(StringRef name) const {
  SmallString<128> result(path);
  sys::path::append(result, name);
  return std::string(result);
}

SharedObject::SharedObject(const std::string &path) {
  handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    error = dlerror();
}

SharedObject::~SharedObject() {
  if (handle)
    dlclose(handle);
}

void *SharedObject::symbol(const char *name) const {
  return handle ? dlsym(handle, name) : nullptr;
}

} // namespace sinkc::codegen::testing
