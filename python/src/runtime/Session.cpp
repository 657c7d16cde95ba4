//===- Session.cpp - sinkc._runtime.Session over sinkrt_session -----------===//
//
// Prefill and decode into numpy arrays. The GIL is released while the
// runtime computes; a mutex per session serializes callers, since the C API
// allows one thread at a time per session. Ids are checked to fit int32
// here (the C API checks the vocabulary); every failure is an exception.
//
//===----------------------------------------------------------------------===//

#include "Runtime.h"

#include <pybind11/numpy.h>

#include <climits>
#include <cstdint>
#include <memory>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

namespace py = pybind11;

namespace sinkc::python::runtime {
namespace {

/// The id `value` as int64 (any Python integer or numpy integer; bool and
/// float are a TypeError), ValueError when it does not fit int32.
int32_t toId(py::handle value, size_t index, const char *what) {
  if (PyBool_Check(value.ptr()) || PyFloat_Check(value.ptr()))
    throw py::type_error(std::string(what) + ": token ids are integers, got " +
                         std::string(py::str(py::type::of(value).attr("__name__"))));
  py::object number = py::reinterpret_steal<py::object>(PyNumber_Index(value.ptr()));
  if (!number)
    throw py::error_already_set();
  int overflow = 0;
  long long id = PyLong_AsLongLongAndOverflow(number.ptr(), &overflow);
  if (id == -1 && PyErr_Occurred())
    throw py::error_already_set();
  if (overflow || id < INT32_MIN || id > INT32_MAX)
    throw py::value_error(std::string(what) + ": id " + std::string(py::str(number)) +
                          " at index " + std::to_string(index) + " is outside the vocabulary");
  return int32_t(id);
}

/// Ids from a 1-D integer sequence or numpy array.
std::vector<int32_t> toIds(py::handle tokens, const char *what) {
  if (py::isinstance<py::str>(tokens) || py::isinstance<py::bytes>(tokens))
    throw py::type_error(std::string(what) + ": expects token ids, not text (encode it with "
                                             "the Tokenizer)");
  std::vector<int32_t> ids;
  if (py::isinstance<py::array>(tokens)) {
    auto array = py::reinterpret_borrow<py::array>(tokens);
    char kind = array.dtype().kind();
    if (array.ndim() != 1 || (kind != 'i' && kind != 'u'))
      throw py::type_error(
          std::string(what) + ": expects a 1-D array of integer token ids, got shape " +
          std::string(py::str(array.attr("shape"))) + " of " + std::string(py::str(array.dtype())));
    // Widened first, so that no value wraps before it is checked.
    auto wide = py::array_t<int64_t, py::array::c_style | py::array::forcecast>::ensure(array);
    if (!wide)
      throw py::error_already_set();
    const int64_t *data = wide.data();
    ids.reserve(size_t(wide.size()));
    for (py::ssize_t i = 0; i < wide.size(); ++i) {
      if (data[i] < INT32_MIN || data[i] > INT32_MAX)
        throw py::value_error(std::string(what) + ": id " + std::to_string(data[i]) + " at index " +
                              std::to_string(i) + " is outside the vocabulary");
      ids.push_back(int32_t(data[i]));
    }
    return ids;
  }
  size_t index = 0;
  for (py::handle item : py::iter(tokens))
    ids.push_back(toId(item, index++, what));
  return ids;
}

class Session {
public:
  Session(const Package &package, int64_t ctx, int32_t threads, const std::string &device)
      : package(package.get()) {
    sinkrt_session_options options = SINKRT_SESSION_OPTIONS_INIT;
    options.ctx = ctx;
    options.threads = threads;
    options.device = device.c_str();
    sinkrt_session *s = nullptr;
    sinkrt_status status;
    {
      // Loading the kernels and allocating the cache may take a while.
      py::gil_scoped_release release;
      status = sinkrt_session_create(this->package.get(), &options, &s);
    }
    check(status);
    handle = std::shared_ptr<sinkrt_session>(s, sinkrt_session_destroy);
    vocab = sinkrt_session_vocab(s);
  }

  py::array_t<float> prefill(py::handle tokens, bool allLogits) {
    std::vector<int32_t> ids = toIds(tokens, "prefill");
    if (ids.empty())
      throw py::value_error("prefill: no tokens to prefill");
    std::vector<py::ssize_t> shape;
    if (allLogits)
      shape = {py::ssize_t(ids.size()), py::ssize_t(vocab)};
    else
      shape = {py::ssize_t(vocab)};
    py::array_t<float> logits(shape);
    float *out = logits.mutable_data();
    return run(std::move(logits), [&](sinkrt_session *s) {
      return sinkrt_session_prefill(s, ids.data(), ids.size(), out, allLogits);
    });
  }

  py::array_t<float> decode(py::handle token) {
    int32_t id = toId(token, 0, "decode");
    py::array_t<float> logits(py::ssize_t(this->vocab));
    float *out = logits.mutable_data();
    return run(std::move(logits),
               [&](sinkrt_session *s) { return sinkrt_session_decode(s, id, out); });
  }

  void reset() {
    run(py::none(), [](sinkrt_session *s) { return sinkrt_session_reset(s); });
  }

  int64_t position() {
    return query([](sinkrt_session *s) { return sinkrt_session_position(s); });
  }
  int64_t context() {
    return query([](sinkrt_session *s) { return sinkrt_session_context(s); });
  }
  /// The taps of a package compiled with taps, as {name: [tokens, columns]}
  /// float32 arrays (copies).
  py::dict taps() {
    std::shared_ptr<sinkrt_session> s = live();
    std::lock_guard<std::mutex> lock(mutex);
    py::dict result;
    size_t count = sinkrt_session_tap_count(s.get());
    for (size_t i = 0; i < count; ++i) {
      const float *data = nullptr;
      size_t rows = 0, columns = 0;
      if (sinkrt_session_tap(s.get(), i, &data, &rows, &columns) != SINKRT_OK)
        throw std::runtime_error(sinkrt_last_error());
      py::array_t<float> array({py::ssize_t(rows), py::ssize_t(columns)});
      if (rows * columns)
        std::memcpy(array.mutable_data(), data, rows * columns * sizeof(float));
      result[py::str(sinkrt_session_tap_name(s.get(), i))] = std::move(array);
    }
    return result;
  }
  size_t kvBytes() {
    return query([](sinkrt_session *s) { return sinkrt_session_kv_bytes(s); });
  }
  size_t vocabSize() {
    live();
    return vocab;
  }

  /// Frees the cache and workspace now (after a call in flight ends).
  void close() {
    std::shared_ptr<sinkrt_session> s = std::move(handle);
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(mutex);
    s.reset();
  }
  bool closed() const { return !handle; }

  std::shared_ptr<sinkrt_package> package; ///< mapped while the session lives

private:
  std::shared_ptr<sinkrt_session> live() const {
    if (!handle)
      throw py::value_error("the session is closed");
    return handle;
  }

  /// Calls `f` without the GIL, one caller at a time; returns `result` or
  /// raises the call's error.
  template <typename T, typename F> T run(T result, F f) {
    std::shared_ptr<sinkrt_session> s = live();
    sinkrt_status status;
    {
      py::gil_scoped_release release;
      std::lock_guard<std::mutex> lock(mutex);
      status = f(s.get());
    }
    check(status);
    return result;
  }

  template <typename F> auto query(F f) -> decltype(f(nullptr)) {
    std::shared_ptr<sinkrt_session> s = live();
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(mutex);
    return f(s.get());
  }

  std::shared_ptr<sinkrt_session> handle;
  size_t vocab = 0;
  std::mutex mutex;
};

} // namespace

void bindSession(py::module_ &m) {
  m.def(
      "device_count",
      [](const std::string &kind) {
        int32_t count = 0;
        return sinkrt_device_count(kind.c_str(), &count) == SINKRT_OK ? count : 0;
      },
      py::arg("kind"), "Devices of a kind (cpu, cuda, hip) on this host; 0 without a driver.");
  py::class_<Session>(m, "Session",
                      "Runs a package's compiled prefill and decode on the CPU: KV cache, "
                      "workspace and threads allocated at creation.")
      .def(py::init<const Package &, int64_t, int32_t, const std::string &>(), py::arg("package"),
           py::arg("ctx") = 0,
           py::arg("threads") = 0, py::arg("device") = "cpu",
           "ctx: slots of the full-attention KV groups (0: the model's context); threads: "
           "1 to 1024 (0: the host's); device: cpu, cuda, hip or cuda:N. ValueError for a "
           "package without runnable kernels or options out of range; RuntimeError when "
           "the device's driver or the device is missing.")
      .def("prefill", &Session::prefill, py::arg("tokens"), py::arg("all_logits") = false,
           "Runs the token ids from the current position and advances it. Returns the "
           "last token's logits, float32 (vocab,), or with all_logits every token's, "
           "(len(tokens), vocab). ValueError for an id outside the vocabulary or a "
           "position past the context (nothing runs then).")
      .def("decode", &Session::decode, py::arg("token"),
           "Runs one token id and advances the position; its logits, float32 (vocab,).")
      .def("reset", &Session::reset, "Empties the KV cache and returns to position 0.")
      .def("close", &Session::close,
           "Frees the session's memory now; using it afterwards is a ValueError.")
      .def_property_readonly("closed", &Session::closed)
      .def_property_readonly("position", &Session::position,
                             "Where the next token goes: tokens run since creation or reset.")
      .def_property_readonly("context", &Session::context,
                             "Slots of the full-attention KV groups (ctx, or the model's).")
      .def_property_readonly("vocab", &Session::vocabSize, "Logits per token.")
      .def("taps", &Session::taps,
           "Tap dumps of a package compiled with taps (sinkc.compile(..., taps=True)): "
           "{name: float32 array [tokens run since create/reset, columns]}, e.g. 'blk.3' "
           "(hidden state after layer 3) and 'blk.3.sink_mass' (per query head, the "
           "attention weight on the first positions). Empty for other packages.")
      .def_property_readonly("kv_bytes", &Session::kvBytes,
                             "Bytes of the KV cache; constant over the session's life.")
      .def(
          "_tokenizer", [](const Session &s) { return Tokenizer(s.package); },
          "The package's tokenizer (works after the Package object is closed).");
}

} // namespace sinkc::python::runtime
