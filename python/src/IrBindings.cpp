//===- IrBindings.cpp - sinkc.ir ------------------------------------------===//

#include "Diagnostics.h"
#include "Objects.h"

#include "sinkc/Dialect/Tfm/ParserGuards.h"
#include "sinkc/Dialect/Tfm/TfmDialect.h"
#include "sinkc/Lowering/Dialects.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <pybind11/stl.h>

namespace py = pybind11;
using namespace mlir;

namespace sinkc::python {

Context::Context() {
  DialectRegistry registry;
  // Everything sinkc's pipelines produce, down to the LLVM dialect.
  lowering::registerCompilerDialects(registry);
  context = std::make_unique<MLIRContext>(registry);
  context->loadAllAvailableDialects();
  // Python drives one pipeline at a time; no thread pool behind its back.
  context->disableMultithreading();
}

std::shared_ptr<Context> Context::getDefault() {
  static std::shared_ptr<Context> context = std::make_shared<Context>();
  return context;
}

void throwFileNotFound(const std::string &message) {
  PyErr_SetString(PyExc_FileNotFoundError, message.c_str());
  throw py::error_already_set();
}

namespace {

std::string printed(Attribute attr) {
  std::string text;
  llvm::raw_string_ostream os(text);
  attr.print(os);
  return text;
}

std::shared_ptr<Module> parseModule(const std::string &text, const std::string &name,
                                    std::shared_ptr<Context> context) {
  if (!context)
    context = Context::getDefault();
  if (std::optional<size_t> offset = findIndexDenseArray(text)) {
    size_t line = 1 + std::count(text.begin(), text.begin() + *offset, '\n');
    throw py::value_error(name + ":" + std::to_string(line) + ": error: " +
                          kIndexDenseArrayMessage);
  }
  DiagnosticCollector diagnostics(context->context.get());
  ParserConfig config(context->context.get());
  auto module = std::make_shared<Module>();
  module->context = context;
  module->module = parseSourceString<ModuleOp>(text, config, name);
  if (!module->module)
    throw py::value_error(diagnostics.message("cannot parse " + name));
  return module;
}

std::vector<Operation> walk(const std::shared_ptr<Module> &module) {
  std::vector<Operation> ops;
  module->module->walk<WalkOrder::PreOrder>([&](mlir::Operation *op) {
    ops.push_back({module, op, module->generation});
  });
  return ops;
}

} // namespace

void bindIr(py::module_ &m) {
  py::class_<Context, std::shared_ptr<Context>>(
      m, "Context", "An MLIR context with the tfm dialect and the upstream ones sinkc uses.")
      .def(py::init<>());

  py::class_<Module, std::shared_ptr<Module>>(m, "Module", "A tfm module.")
      .def_static(
          "parse",
          [](const std::string &text, std::shared_ptr<Context> context) {
            return parseModule(text, "<string>", std::move(context));
          },
          py::arg("text"), py::arg("context") = nullptr,
          "Parses MLIR text; raises ValueError with MLIR's diagnostics.")
      .def_static(
          "load",
          [](const std::string &path, std::shared_ptr<Context> context) -> std::shared_ptr<Module> {
            if (!llvm::sys::fs::exists(path))
              throwFileNotFound(path + ": no such file");
            auto buffer = llvm::MemoryBuffer::getFile(path);
            if (!buffer)
              throwFileNotFound(path + ": " + buffer.getError().message());
            return parseModule((*buffer)->getBuffer().str(), path, std::move(context));
          },
          py::arg("path"), py::arg("context") = nullptr,
          "Reads and parses an .mlir file.")
      .def("__str__",
           [](Module &self) {
             std::string text;
             llvm::raw_string_ostream os(text);
             self.module->print(os);
             return text;
           })
      .def(
          "verify",
          [](Module &self) {
            DiagnosticCollector diagnostics(self.context->context.get());
            if (failed(mlir::verify(*self.module)))
              throw py::value_error(diagnostics.message("the module does not verify"));
          },
          "Verifies the module; raises ValueError with the diagnostics.")
      .def("operations", &walk,
           "Every operation, the module first, in pre-order. Handles become "
           "stale once a pass pipeline runs on the module.");

  py::class_<Operation>(m, "Operation", "An operation of a Module.")
      .def_property_readonly(
          "name", [](const Operation &self) { return self.get()->getName().getStringRef().str(); })
      .def_property_readonly(
          "attributes",
          [](const Operation &self) {
            std::map<std::string, std::string> out;
            for (NamedAttribute attr : self.get()->getAttrs())
              out[attr.getName().str()] = printed(attr.getValue());
            return out;
          },
          "Attribute name -> its text, inherent and discardable.")
      .def_property_readonly(
          "result_types",
          [](const Operation &self) {
            std::vector<std::string> types;
            for (Type t : self.get()->getResultTypes()) {
              std::string text;
              llvm::raw_string_ostream os(text);
              t.print(os);
              types.push_back(text);
            }
            return types;
          })
      .def_property_readonly("location",
                             [](const Operation &self) {
                               std::string text;
                               llvm::raw_string_ostream os(text);
                               self.get()->getLoc().print(os);
                               return text;
                             })
      .def(
          "get_attribute",
          [](const Operation &self, const std::string &name) -> py::object {
            Attribute attr = self.get()->getAttr(name);
            if (!attr)
              return py::none();
            return py::str(printed(attr));
          },
          py::arg("name"), "The attribute's text, or None.")
      .def(
          "set_attribute",
          [](Operation &self, const std::string &name, const std::string &text) {
            mlir::Operation *op = self.get();
            MLIRContext *context = op->getContext();
            Attribute attr;
            {
              DiagnosticCollector diagnostics(context);
              size_t consumed = 0;
              attr = parseAttribute(text, context, Type(), &consumed);
              if (!attr)
                throw py::value_error(diagnostics.message("cannot parse attribute " + text));
              if (consumed != text.size())
                throw py::value_error("unexpected text after the attribute: '" +
                                      text.substr(consumed) + "'");
            }
            // Keep the module valid: an attribute the op rejects is undone.
            Attribute previous = op->getAttr(name);
            op->setAttr(name, attr);
            DiagnosticCollector diagnostics(context);
            if (failed(mlir::verify(op))) {
              std::string message = diagnostics.message("the operation does not verify");
              if (previous)
                op->setAttr(name, previous);
              else
                op->removeAttr(name);
              throw py::value_error(message);
            }
          },
          py::arg("name"), py::arg("text"),
          "Parses `text` as an attribute and sets it; raises ValueError (and leaves "
          "the operation as it was) when the operation then fails to verify.")
      .def("__repr__", [](const Operation &self) {
        return "<sinkc.ir.Operation " + self.get()->getName().getStringRef().str() + ">";
      });
}

} // namespace sinkc::python
