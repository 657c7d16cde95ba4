//===- TapDump.cpp - `sinkc run --dump DIR` -------------------------------===//

#include "TapDump.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace sinkc::cli {

namespace {

/// NumPy format 1.0: magic, version, header length, a dict padded so the
/// data starts at a multiple of 64 bytes, then little-endian float32.
std::string npyHeader(size_t rows, size_t columns) {
  std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" +
                     std::to_string(rows) + ", " + std::to_string(columns) + "), }";
  size_t total = 10 + dict.size() + 1;
  dict.append((64 - total % 64) % 64, ' ');
  dict += '\n';
  std::string header = "\x93NUMPY";
  header += char(1);
  header += char(0);
  header += char(dict.size() & 0xff);
  header += char(dict.size() >> 8);
  return header + dict;
}

std::string writeFile(const std::string &path, StringRef bytes) {
  std::error_code ec;
  raw_fd_ostream os(path, ec, sys::fs::OF_None);
  if (ec)
    return path + ": " + ec.message();
  os << bytes;
  os.close();
  return os.has_error() ? path + ": " + os.error().message() : "";
}

/// The mass_positions the plan records for its sink-mass taps (0 if none).
int64_t massPositions(const sinkrt_package *package) {
  Expected<json::Value> manifest = json::parse(sinkrt_package_manifest_json(package));
  if (!manifest) {
    consumeError(manifest.takeError());
    return 0;
  }
  const json::Array *plan = manifest->getAsObject()->getArray("execution_plan");
  if (!plan || plan->empty())
    return 0;
  const json::Array *taps = (*plan)[0].getAsObject()->getArray("taps");
  if (taps)
    for (const json::Value &tap : *taps)
      if (std::optional<int64_t> n = tap.getAsObject()->getInteger("mass_positions"))
        return *n;
  return 0;
}

} // namespace

std::string writeTapDump(const sinkrt_session *session, const sinkrt_package *package,
                         const std::vector<int32_t> &tokens, StringRef dir) {
  size_t count = sinkrt_session_tap_count(session);
  if (count == 0)
    return "the package has no taps (compile it with `sinkc compile --taps`)";
  if (std::error_code ec = sys::fs::create_directories(dir))
    return dir.str() + ": " + ec.message();
  json::Array index;
  for (size_t i = 0; i < count; ++i) {
    const float *data = nullptr;
    size_t rows = 0, columns = 0;
    if (sinkrt_session_tap(session, i, &data, &rows, &columns) != SINKRT_OK)
      return sinkrt_last_error();
    std::string name = sinkrt_session_tap_name(session, i);
    SmallString<256> path(dir);
    sys::path::append(path, name + ".npy");
    std::string bytes = npyHeader(rows, columns);
    bytes.append(reinterpret_cast<const char *>(data), rows * columns * sizeof(float));
    if (std::string error = writeFile(std::string(path), bytes); !error.empty())
      return error;
    index.push_back(json::Object{{"name", name},
                                 {"file", name + ".npy"},
                                 {"shape", json::Array{int64_t(rows), int64_t(columns)}}});
  }
  json::Array ids;
  for (int32_t id : tokens)
    ids.push_back(int64_t(id));
  json::Object root{{"tokens", std::move(ids)},
                    {"mass_positions", massPositions(package)},
                    {"taps", std::move(index)}};
  std::string text;
  raw_string_ostream os(text);
  os << formatv("{0:2}", json::Value(std::move(root))) << "\n";
  SmallString<256> path(dir);
  sys::path::append(path, "taps.json");
  return writeFile(std::string(path), text);
}

} // namespace sinkc::cli
