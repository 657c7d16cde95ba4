//===- Diagnostics.cpp - MLIR diagnostics as Python exceptions ------------===//

#include "Diagnostics.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace sinkc::python {

static const char *severityName(DiagnosticSeverity severity) {
  switch (severity) {
  case DiagnosticSeverity::Error: return "error";
  case DiagnosticSeverity::Warning: return "warning";
  case DiagnosticSeverity::Note: return "note";
  case DiagnosticSeverity::Remark: return "remark";
  }
  return "error";
}

DiagnosticCollector::DiagnosticCollector(MLIRContext *context) : context(context) {
  handler = context->getDiagEngine().registerHandler([this](Diagnostic &diag) {
    auto add = [this](Diagnostic &d) {
      std::string line;
      llvm::raw_string_ostream os(line);
      os << d.getLocation() << ": " << severityName(d.getSeverity()) << ": " << d;
      lines.push_back(line);
    };
    add(diag);
    for (Diagnostic &note : diag.getNotes())
      add(note);
    return success();
  });
}

DiagnosticCollector::~DiagnosticCollector() {
  context->getDiagEngine().eraseHandler(handler);
}

std::string DiagnosticCollector::message(const std::string &fallback) const {
  if (lines.empty())
    return fallback;
  std::string out;
  for (const std::string &line : lines)
    out += (out.empty() ? "" : "\n") + line;
  return out;
}

} // namespace sinkc::python
