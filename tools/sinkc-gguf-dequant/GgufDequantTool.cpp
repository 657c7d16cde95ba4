//===- GgufDequantTool.cpp - list, dequantize and describe GGUF files -----===//
//
// A test helper, so the Python tests can compare sinkc's GGUF reader with the
// `gguf` package:
//   sinkc-gguf-dequant FILE                  one line per tensor:
//                                            name, type, shape, offset, bytes
//   sinkc-gguf-dequant FILE TENSOR OUT       TENSOR as little-endian f32 to OUT
//   sinkc-gguf-dequant --describe FILE       the model description, key: value
// Errors go to stderr with exit status 1.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Importers/GgufFile.h"
#include "sinkc/Importers/ModelDescription.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

using namespace llvm;
using namespace sinkc;

namespace {

int fail(const Twine &message) {
  errs() << "sinkc-gguf-dequant: " << message << "\n";
  return 1;
}

int fail(Error e) { return fail(toString(std::move(e))); }

std::string shapeString(const std::vector<int64_t> &shape) {
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "x" : "") + std::to_string(shape[i]);
  return s.empty() ? "scalar" : s;
}

int list(const gguf::GgufFile &file) {
  for (const gguf::TensorInfo &t : file.getTensors())
    outs() << t.name << '\t' << gguf::describeTypeId(t.typeId) << '\t'
           << shapeString(t.getShape()) << '\t' << t.fileOffset << '\t'
           << t.byteSize << '\n';
  return 0;
}

int dequantizeTensor(const gguf::GgufFile &file, StringRef name, StringRef out) {
  const gguf::TensorInfo *t = file.findTensor(name);
  if (!t)
    return fail(file.getPath() + ": no tensor '" + name + "'");
  const gguf::TypeTraits *traits = gguf::getTypeTraits(t->typeId);
  if (!traits)
    return fail(file.getPath() + ": tensor '" + name + "' has type " +
                gguf::describeTypeId(t->typeId) + ", which sinkc cannot dequantize");
  std::vector<float> values(t->getNumElements());
  ArrayRef<uint8_t> bytes = file.getTensorData(*t);
  if (!gguf::dequantize(*traits, bytes.data(), bytes.size(), values.data(),
                        values.size()))
    return fail(file.getPath() + ": tensor '" + name + "': cannot dequantize");
  std::error_code ec;
  raw_fd_ostream os(out, ec, sys::fs::OF_None);
  if (ec)
    return fail(out + ": " + ec.message());
  os.write(reinterpret_cast<const char *>(values.data()),
           values.size() * sizeof(float)); // little-endian host
  os.close();
  if (os.has_error())
    return fail(out + ": " + os.error().message());
  return 0;
}

void printTensor(raw_ostream &os, StringRef key, const import::TensorRef &t) {
  std::string shape;
  for (size_t i = 0; i < t.shape.size(); ++i)
    shape += (i ? "x" : "") + std::to_string(t.shape[i]);
  os << key << ": " << t.name << ' ' << t.dtype << ' ' << shape << " @" << t.offset
     << '\n';
}

int describe(const gguf::GgufFile &file) {
  Expected<import::ModelDescription> d = import::describeGguf(file);
  if (!d)
    return fail(d.takeError());
  raw_ostream &os = outs();
  auto flag = [](bool b) { return b ? "true" : "false"; };
  os << "format: " << d->format << '\n'
     << "source: " << d->source << '\n'
     << "arch: " << d->arch << '\n'
     << "name: " << d->name << '\n'
     << "layers: " << d->numLayers << '\n'
     << "hidden: " << d->hidden << '\n'
     << "ffn: " << d->ffn << '\n'
     << "heads: " << d->numHeads << '\n'
     << "kv_heads: " << d->numKvHeads << '\n'
     << "head_dim: " << d->headDim << '\n'
     << "vocab: " << d->vocab << '\n'
     << "context: " << d->contextLength << '\n'
     << "norm_eps: " << format("%g", d->normEpsilon) << '\n'
     << "sliding_window: " << d->slidingWindow << '\n'
     << "rope_theta: " << format("%g", d->rope.theta) << '\n'
     << "rope_style: "
     << (d->rope.style == import::RopeStyle::Interleaved ? "interleaved" : "neox")
     << '\n'
     << "rope_scaling: " << (d->rope.scaling.empty() ? "none" : d->rope.scaling)
     << '\n'
     << "rope_factor: " << format("%g", d->rope.factor) << '\n'
     << "rope_original_context: " << d->rope.originalContext << '\n'
     << "tied: " << flag(d->tiedEmbeddings) << '\n';
  unsigned biases = 0, sinks = 0;
  for (const import::BlockTensors &b : d->blocks) {
    biases += b.qBias.has_value() + b.kBias.has_value() + b.vBias.has_value();
    sinks += b.sinkLogits.has_value();
  }
  os << "qkv_biases: " << biases << '\n' << "sink_layers: " << sinks << '\n';
  printTensor(os, "token_embd", d->tokenEmbedding);
  printTensor(os, "output_norm", d->outputNorm);
  if (d->output)
    printTensor(os, "output", *d->output);
  if (!d->blocks.empty()) {
    const import::BlockTensors &b = d->blocks.front();
    printTensor(os, "blk0.attn_q", b.q);
    printTensor(os, "blk0.attn_k", b.k);
    printTensor(os, "blk0.ffn_down", b.down);
  }
  const import::TokenizerInfo &t = d->tokenizer;
  os << "tokenizer.source: " << t.source << '\n'
     << "tokenizer.model: " << t.model << '\n'
     << "tokenizer.pre: " << t.pre << '\n'
     << "tokenizer.regexes: " << t.preRegexes.size() << '\n';
  for (size_t i = 0; i < t.preRegexes.size(); ++i)
    os << "tokenizer.regex" << i << ": " << t.preRegexes[i] << '\n';
  os << "tokenizer.vocab: " << t.vocabSize << '\n'
     << "tokenizer.merges: " << t.mergeCount << '\n'
     << "tokenizer.scores: " << flag(t.hasScores) << '\n'
     << "tokenizer.token_types: " << flag(t.hasTokenTypes) << '\n'
     << "tokenizer.bos: " << t.bos << '\n'
     << "tokenizer.eos: " << t.eos << '\n'
     << "tokenizer.unk: " << t.unk << '\n'
     << "tokenizer.pad: " << t.pad << '\n'
     << "tokenizer.add_bos: " << flag(t.addBos) << '\n'
     << "tokenizer.chat_template_bytes: " << t.chatTemplate.size() << '\n';
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  std::vector<StringRef> args(argv + 1, argv + argc);
  bool describeMode = !args.empty() && args[0] == "--describe";
  if (describeMode)
    args.erase(args.begin());
  if (args.empty() || (describeMode && args.size() != 1) ||
      (!describeMode && args.size() != 1 && args.size() != 3))
    return fail("usage: sinkc-gguf-dequant FILE | FILE TENSOR OUT | --describe FILE");
  Expected<gguf::GgufFile> file = gguf::GgufFile::open(args[0]);
  if (!file)
    return fail(file.takeError());
  if (describeMode)
    return describe(*file);
  if (args.size() == 1)
    return list(*file);
  return dequantizeTensor(*file, args[1], args[2]);
}
