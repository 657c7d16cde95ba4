//===- Runtime.h - objects shared by the sinkc._runtime sources -*- C++ -*-===//
//
// The Python-side handles over the runtime's C API (sinkrt.h) that more
// than one source file of the extension uses, and the status-to-exception
// rule. Only libsinkrt is linked: no compiler header may be included here.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_PYTHON_RUNTIME_RUNTIME_H
#define SINKC_PYTHON_RUNTIME_RUNTIME_H

#include "sinkrt/sinkrt.h"

#include <pybind11/pybind11.h>

#include <memory>
#include <string>
#include <vector>

namespace sinkc::python::runtime {

/// Raises the Python exception of a failed status, with sinkrt_last_error()'s
/// text: OSError for I/O, ValueError for an invalid argument or package,
/// MemoryError for out of memory, RuntimeError otherwise.
void check(sinkrt_status status);

/// An open package; shared by the objects made from it, which keep the
/// mapping alive after close().
struct Package {
  Package(const std::string &path, bool verifyWeights);
  /// The handle; ValueError once the package is closed.
  const std::shared_ptr<sinkrt_package> &get() const;
  std::shared_ptr<sinkrt_package> handle;
};

struct Tokenizer {
  explicit Tokenizer(std::shared_ptr<sinkrt_package> package);
  pybind11::object encode(const std::string &text, pybind11::object addBos,
                          bool parseSpecial) const;
  std::string decode(const std::vector<int32_t> &ids, bool skipSpecial) const;
  std::shared_ptr<sinkrt_package> package; ///< kept open while the tokenizer lives
  std::shared_ptr<sinkrt_tokenizer> handle;
};

/// Adds Session to the module.
void bindSession(pybind11::module_ &m);

} // namespace sinkc::python::runtime

#endif // SINKC_PYTHON_RUNTIME_RUNTIME_H
