//===- RuntimeModule.cpp - the sinkc._runtime extension -------------------===//
//
// Python over the runtime's C API only: this module links libsinkrt and not
// libMLIR, so a deployment loads packages without the compiler. Packages,
// the tokenizer and the KV cache are here; sessions in Session.cpp.
//
//===----------------------------------------------------------------------===//

#include "Runtime.h"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <vector>

namespace py = pybind11;

namespace sinkc::python::runtime {

void check(sinkrt_status status) {
  if (status == SINKRT_OK)
    return;
  std::string message = sinkrt_last_error();
  switch (status) {
  case SINKRT_ERROR_IO:
    PyErr_SetString(PyExc_OSError, message.c_str());
    throw py::error_already_set();
  case SINKRT_ERROR_UNSUPPORTED_HOST:
  case SINKRT_ERROR_INTERNAL:
    throw std::runtime_error(message);
  case SINKRT_ERROR_OUT_OF_MEMORY:
    throw std::bad_alloc();
  default:
    throw py::value_error(message);
  }
}

Package::Package(const std::string &path, bool verifyWeights) {
  sinkrt_package *p = nullptr;
  check(sinkrt_package_open(path.c_str(), verifyWeights ? SINKRT_OPEN_VERIFY_WEIGHTS : 0, &p));
  handle = std::shared_ptr<sinkrt_package>(p, sinkrt_package_close);
}

const std::shared_ptr<sinkrt_package> &Package::get() const {
  if (!handle)
    throw py::value_error("the package is closed");
  return handle;
}

Tokenizer::Tokenizer(std::shared_ptr<sinkrt_package> p) : package(std::move(p)) {
  sinkrt_tokenizer *t = nullptr;
  check(sinkrt_tokenizer_create(package.get(), &t));
  handle = std::shared_ptr<sinkrt_tokenizer>(t, sinkrt_tokenizer_destroy);
}

py::object Tokenizer::encode(const std::string &text, py::object addBos, bool parseSpecial) const {
  int bos = addBos.is_none() ? SINKRT_BOS_DEFAULT
                             : (addBos.cast<bool>() ? SINKRT_BOS_YES : SINKRT_BOS_NO);
  size_t count = 0;
  sinkrt_status status = sinkrt_tokenize(handle.get(), text.data(), text.size(), bos, parseSpecial,
                                         nullptr, 0, &count);
  if (status != SINKRT_ERROR_BUFFER_TOO_SMALL)
    check(status); // OK only for empty results
  py::array_t<int32_t> ids(count);
  if (count)
    check(sinkrt_tokenize(handle.get(), text.data(), text.size(), bos, parseSpecial,
                          ids.mutable_data(), count, &count));
  return std::move(ids);
}

std::string Tokenizer::decode(const std::vector<int32_t> &ids, bool skipSpecial) const {
  size_t length = 0;
  sinkrt_status status =
      sinkrt_detokenize(handle.get(), ids.data(), ids.size(), skipSpecial, nullptr, 0, &length);
  if (status != SINKRT_ERROR_BUFFER_TOO_SMALL)
    check(status);
  std::string text(length + 1, '\0');
  check(sinkrt_detokenize(handle.get(), ids.data(), ids.size(), skipSpecial, text.data(),
                          text.size(), &length));
  text.resize(length);
  return text;
}

namespace {

struct KvCache {
  KvCache(const Package &package, int64_t context) {
    sinkrt_kv_cache *c = nullptr;
    check(sinkrt_kv_cache_create(package.get().get(), context, &c));
    handle = std::shared_ptr<sinkrt_kv_cache>(c, sinkrt_kv_cache_destroy);
  }
  size_t bytes() const { return sinkrt_kv_cache_bytes(handle.get()); }
  std::shared_ptr<sinkrt_kv_cache> handle{nullptr, sinkrt_kv_cache_destroy};
};

} // namespace
} // namespace sinkc::python::runtime

using namespace sinkc::python::runtime;

PYBIND11_MODULE(_runtime, m) {
  m.doc() = "sinkc's runtime: packages, tokenizer, KV cache, sessions (no compiler loaded)";
  m.attr("API_VERSION") = SINKRT_API_VERSION;

  py::class_<Package>(m, "Package", "An open .sinkpkg (memory-mapped, validated).")
      .def(py::init<const std::string &, bool>(), py::arg("path"),
           py::arg("verify_weights") = false,
           "Opens and validates a package; OSError if unreadable, ValueError if "
           "corrupt, RuntimeError if this CPU lacks a feature it needs.")
      .def(
          "manifest_json",
          [](const Package &p) { return std::string(sinkrt_package_manifest_json(p.get().get())); },
          "The manifest's JSON text.")
      .def(
          "close", [](Package &p) { p.handle.reset(); },
          "Drops this object's hold on the file; tokenizers and sessions made from "
          "it keep it mapped until they go. Using the package afterwards is a ValueError.")
      .def_property_readonly("closed", [](const Package &p) { return !p.handle; });

  py::class_<Tokenizer>(m, "Tokenizer", "The package's byte-level BPE tokenizer.")
      .def(py::init([](const Package &p) { return Tokenizer(p.get()); }), py::arg("package"))
      .def("encode", &Tokenizer::encode, py::arg("text"), py::arg("add_bos") = py::none(),
           py::arg("parse_special") = false,
           "Token ids (int32 numpy array); add_bos None follows the package.")
      .def("decode", &Tokenizer::decode, py::arg("ids"), py::arg("skip_special") = false,
           "Text of the ids; ill-formed UTF-8 becomes U+FFFD.");

  py::class_<KvCache>(m, "KvCache", "A zeroed KV cache in the layout of docs/kv-abi.md.")
      .def(py::init<const Package &, int64_t>(), py::arg("package"), py::arg("context"))
      .def_property_readonly("bytes", &KvCache::bytes);

  bindSession(m);
}
