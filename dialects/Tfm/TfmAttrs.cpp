//===- TfmAttrs.cpp - tfm attributes: encodings, policies, statistics -----===//

#include "sinkc/Dialect/Tfm/TfmDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace sinkc::tfm;

#include "sinkc/Dialect/Tfm/TfmAttrInterfaces.cpp.inc"
#include "sinkc/Dialect/Tfm/TfmEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "sinkc/Dialect/Tfm/TfmAttrs.cpp.inc"

void TfmDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "sinkc/Dialect/Tfm/TfmAttrs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Quantized encodings
//===----------------------------------------------------------------------===//

/// Shared by every quantized encoding: values dequantize to a float type and
/// the innermost dimension is a whole number of blocks.
static LogicalResult
verifyQuantizedTensor(StringRef format, int64_t blockSize, ArrayRef<int64_t> shape,
                      Type elementType,
                      function_ref<InFlightDiagnostic()> emitError) {
  // The parser calls this even when the element type failed to parse.
  if (!elementType)
    return failure();
  if (!isa<Float32Type, Float16Type, BFloat16Type>(elementType))
    return emitError() << "encoding " << format
                       << " needs a float element type (f32, f16 or bf16) to "
                          "dequantize to, got "
                       << elementType;
  if (shape.empty())
    return emitError() << "encoding " << format << " needs a ranked tensor of rank >= 1";
  int64_t inner = shape.back();
  if (ShapedType::isDynamic(inner) || inner % blockSize != 0)
    return emitError() << "encoding " << format
                       << " stores blocks of " << blockSize
                       << " values: the innermost dimension ("
                       << (ShapedType::isDynamic(inner) ? std::string("?")
                                                        : std::to_string(inner))
                       << ") must be a multiple of " << blockSize;
  return success();
}

int64_t GgufQuantAttr::getBlockSize() const {
  switch (getFormat()) {
  case GgufFormat::Q4_K:
  case GgufFormat::Q6_K:
    return 256;
  default:
    return 32;
  }
}

int64_t GgufQuantAttr::getBlockBytes() const {
  // Block sizes as llama.cpp's ggml-common.h defines them.
  switch (getFormat()) {
  case GgufFormat::Q4_0: return 2 + 16;          // f16 d, 32 x 4 bits
  case GgufFormat::Q4_1: return 2 + 2 + 16;      // f16 d, f16 m
  case GgufFormat::Q5_0: return 2 + 4 + 16;      // f16 d, high bits, nibbles
  case GgufFormat::Q5_1: return 2 + 2 + 4 + 16;  // f16 d, f16 m, high bits
  case GgufFormat::Q8_0: return 2 + 32;          // f16 d, 32 x i8
  case GgufFormat::Q4_K: return 2 + 2 + 12 + 128; // d, dmin, 6-bit scales
  case GgufFormat::Q6_K: return 128 + 64 + 16 + 2; // ql, qh, scales, d
  }
  llvm_unreachable("unknown GGUF format");
}

std::string GgufQuantAttr::getFormatName() const {
  return stringifyGgufFormat(getFormat()).str();
}

LogicalResult
GgufQuantAttr::verifyEncoding(ArrayRef<int64_t> shape, Type elementType,
                              function_ref<InFlightDiagnostic()> emitError) const {
  return verifyQuantizedTensor(getFormatName(), getBlockSize(), shape, elementType,
                               emitError);
}

LogicalResult GroupQuantAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                     GroupBits bits, int64_t groupSize,
                                     GroupMode mode, Type scaleType) {
  if (groupSize != 32 && groupSize != 64 && groupSize != 128)
    return emitError() << "group size must be 32, 64 or 128, got " << groupSize;
  if (!isa<Float16Type, Float32Type>(scaleType))
    return emitError() << "group scales must be f16 or f32, got " << scaleType;
  return success();
}

int64_t GroupQuantAttr::getBlockSize() const { return getGroupSize(); }

int64_t GroupQuantAttr::getBlockBytes() const {
  int64_t scaleBytes = getScaleType().getIntOrFloatBitWidth() / 8;
  int64_t perGroupScales = getMode() == GroupMode::Asymmetric ? 2 : 1;
  return getGroupSize() * static_cast<int64_t>(getBits()) / 8 +
         perGroupScales * scaleBytes;
}

std::string GroupQuantAttr::getFormatName() const {
  return (llvm::Twine("i") + llvm::Twine(static_cast<int>(getBits())) + "g" +
          llvm::Twine(getGroupSize()) +
          (getMode() == GroupMode::Asymmetric ? "a" : "s") + "_" +
          (getScaleType().isF16() ? "f16" : "f32"))
      .str();
}

LogicalResult
GroupQuantAttr::verifyEncoding(ArrayRef<int64_t> shape, Type elementType,
                               function_ref<InFlightDiagnostic()> emitError) const {
  return verifyQuantizedTensor(getFormatName(), getBlockSize(), shape, elementType,
                               emitError);
}

//===----------------------------------------------------------------------===//
// Head policies
//===----------------------------------------------------------------------===//

int64_t FullPolicyAttr::getCachedTokens(int64_t context) const { return context; }
int64_t FullPolicyAttr::getSlotCapacity() const { return ShapedType::kDynamic; }

LogicalResult StreamingPolicyAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                          int64_t sinks, int64_t window) {
  if (sinks < 0)
    return emitError() << "streaming policy needs sinks >= 0, got " << sinks;
  if (window < 1)
    return emitError() << "streaming policy needs window >= 1, got " << window;
  return success();
}

int64_t StreamingPolicyAttr::getCachedTokens(int64_t context) const {
  return std::min(context, getSinks() + getWindow());
}
int64_t StreamingPolicyAttr::getSlotCapacity() const {
  return getSinks() + getWindow();
}

int64_t PrunedPolicyAttr::getCachedTokens(int64_t) const { return 0; }
int64_t PrunedPolicyAttr::getSlotCapacity() const { return 0; }

//===----------------------------------------------------------------------===//
// Weight sources and transforms with verifiers (type inference lives in
// TfmWeightTransforms.cpp)
//===----------------------------------------------------------------------===//

LogicalResult WeightSourceAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                       StringRef file, StringRef tensor,
                                       int64_t offset, RankedTensorType type) {
  if (file.empty())
    return emitError() << "weight source needs a file";
  if (tensor.empty())
    return emitError() << "weight source needs a tensor name";
  if (offset < 0)
    return emitError() << "weight source offset must be >= 0, got " << offset;
  if (!type.hasStaticShape())
    return emitError() << "weight source type must have a static shape, got " << type;
  return success();
}

LogicalResult ConcatAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 int64_t dim, ArrayAttr weights) {
  if (weights.empty())
    return emitError() << "concat needs at least one weight to append";
  for (Attribute w : weights)
    if (!isa<FlatSymbolRefAttr>(w))
      return emitError() << "concat appends weights by symbol (@name), got " << w;
  return success();
}

// Empty lists would print as `<[]>`, which the parser cannot read back.
LogicalResult TransposeAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                    ArrayRef<int64_t> permutation) {
  if (permutation.empty())
    return emitError() << "transpose needs a permutation";
  return success();
}

LogicalResult ReshapeAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                  ArrayRef<int64_t> shape) {
  if (shape.empty())
    return emitError() << "reshape needs at least one dimension";
  return success();
}

LogicalResult RepackAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 ArrayRef<int64_t> tile) {
  if (tile.empty())
    return emitError() << "repack needs tile sizes";
  return success();
}

LogicalResult QuantizeAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                   Attribute encoding) {
  if (!isa<QuantEncodingAttrInterface>(encoding))
    return emitError() << "quantize needs a quantized encoding (#tfm.gguf or "
                          "#tfm.group_quant), got "
                       << encoding;
  return success();
}

//===----------------------------------------------------------------------===//
// Custom syntax helpers: `key = value` lists with doubles printed exactly
//===----------------------------------------------------------------------===//

static void printDouble(AsmPrinter &printer, double value) {
  printer.printFloat(llvm::APFloat(value));
}

static void printDoubleList(AsmPrinter &printer, ArrayRef<double> values) {
  printer << "[";
  llvm::interleaveComma(values, printer,
                        [&](double v) { printDouble(printer, v); });
  printer << "]";
}

static ParseResult parseDoubleList(AsmParser &parser, SmallVectorImpl<double> &out) {
  return parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, [&]() {
    double v;
    if (parser.parseFloat(v))
      return failure();
    out.push_back(v);
    return success();
  });
}

/// Parses `< key = value, ... >` calling `parseValue(key)` for each key; each
/// key may appear once.
static ParseResult
parseKeyValueList(AsmParser &parser, bool openAngleDone,
                  function_ref<ParseResult(StringRef)> parseValue) {
  if (!openAngleDone && parser.parseLess())
    return failure();
  llvm::StringSet<> seen;
  auto parseOne = [&]() -> ParseResult {
    StringRef key;
    SMLoc loc = parser.getCurrentLocation();
    if (parser.parseKeyword(&key) || parser.parseEqual())
      return failure();
    if (!seen.insert(key).second)
      return parser.emitError(loc) << "'" << key << "' is given twice";
    return parseValue(key);
  };
  if (parser.parseOptionalGreater().succeeded())
    return success();
  if (parseOne())
    return failure();
  while (parser.parseOptionalComma().succeeded())
    if (parseOne())
      return failure();
  return parser.parseGreater();
}

//===----------------------------------------------------------------------===//
// RoPE scaling
//===----------------------------------------------------------------------===//

Attribute RopeScalingAttr::parse(AsmParser &parser, Type) {
  SMLoc loc = parser.getCurrentLocation();
  StringRef kindName;
  if (parser.parseLess() || parser.parseKeyword(&kindName))
    return {};
  std::optional<RopeScalingKind> kind = symbolizeRopeScalingKind(kindName);
  if (!kind) {
    parser.emitError(loc) << "unknown RoPE scaling '" << kindName
                          << "' (expected linear, llama3 or yarn)";
    return {};
  }
  double factor = 1.0, low = 0.0, high = 0.0;
  int64_t original = 0;
  bool hasFactor = false;
  auto parseValue = [&](StringRef key) -> ParseResult {
    if (key == "factor") {
      hasFactor = true;
      return parser.parseFloat(factor);
    }
    if (key == "low_freq_factor")
      return parser.parseFloat(low);
    if (key == "high_freq_factor")
      return parser.parseFloat(high);
    if (key == "original_context")
      return parser.parseInteger(original);
    return parser.emitError(parser.getCurrentLocation())
           << "unknown RoPE scaling parameter '" << key << "'";
  };
  if (parser.parseOptionalComma().succeeded()) {
    if (parseKeyValueList(parser, /*openAngleDone=*/true, parseValue))
      return {};
  } else if (parser.parseGreater()) {
    return {};
  }
  if (!hasFactor) {
    parser.emitError(loc) << "RoPE scaling needs a factor";
    return {};
  }
  return getChecked([&] { return parser.emitError(loc); }, parser.getContext(),
                    *kind, llvm::APFloat(factor), llvm::APFloat(low),
                    llvm::APFloat(high), original);
}

void RopeScalingAttr::print(AsmPrinter &printer) const {
  printer << "<" << stringifyRopeScalingKind(getKind()) << ", factor = ";
  printDouble(printer, getFactor().convertToDouble());
  if (getKind() == RopeScalingKind::Llama3) {
    printer << ", low_freq_factor = ";
    printDouble(printer, getLowFreqFactor().convertToDouble());
    printer << ", high_freq_factor = ";
    printDouble(printer, getHighFreqFactor().convertToDouble());
  }
  if (getKind() != RopeScalingKind::Linear)
    printer << ", original_context = " << getOriginalContext();
  printer << ">";
}

LogicalResult RopeScalingAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                      RopeScalingKind kind, llvm::APFloat factorValue,
                                      llvm::APFloat lowValue, llvm::APFloat highValue,
                                      int64_t original) {
  double factor = factorValue.convertToDouble();
  double low = lowValue.convertToDouble(), high = highValue.convertToDouble();
  if (!(factor > 0.0))
    return emitError() << "RoPE scaling factor must be > 0, got " << factor;
  if (kind != RopeScalingKind::Linear && original <= 0)
    return emitError() << stringifyRopeScalingKind(kind)
                       << " RoPE scaling needs original_context > 0";
  if (kind == RopeScalingKind::Llama3 && !(low > 0.0 && high > low))
    return emitError() << "llama3 RoPE scaling needs 0 < low_freq_factor < "
                          "high_freq_factor, got "
                       << low << " and " << high;
  if (kind == RopeScalingKind::Linear && original != 0)
    return emitError() << "linear RoPE scaling takes only a factor";
  if (kind != RopeScalingKind::Llama3 && (low != 0.0 || high != 0.0))
    return emitError() << "low_freq_factor and high_freq_factor belong to llama3 "
                          "RoPE scaling, not "
                       << stringifyRopeScalingKind(kind);
  return success();
}

//===----------------------------------------------------------------------===//
// Model description
//===----------------------------------------------------------------------===//

LogicalResult ModelAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                StringRef arch, int64_t contextLength) {
  if (arch.empty())
    return emitError() << "model needs an architecture name";
  if (contextLength < 1)
    return emitError() << "model context_length must be >= 1, got " << contextLength;
  return success();
}

LogicalResult TokenizerAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                    StringRef source, StringRef model, StringRef pre,
                                    ArrayAttr regexes, int64_t vocabSize, int64_t merges,
                                    int64_t bos, int64_t eos, int64_t unk, int64_t pad,
                                    BoolAttr addBos, StringRef chatTemplate) {
  if (source.empty())
    return emitError() << "tokenizer needs the source file of its vocabulary";
  if (model.empty())
    return emitError() << "tokenizer needs a model kind (gpt2, llama, ...)";
  if (vocabSize < 1)
    return emitError() << "tokenizer vocab_size must be >= 1, got " << vocabSize;
  if (merges < 0)
    return emitError() << "tokenizer merges must be >= 0, got " << merges;
  for (Attribute r : regexes)
    if (!isa<StringAttr>(r))
      return emitError() << "tokenizer regexes must be strings, got " << r;
  for (auto [name, id] : {std::pair{"bos", bos}, std::pair{"eos", eos},
                          std::pair{"unk", unk}, std::pair{"pad", pad}})
    if (id < -1 || id >= vocabSize)
      return emitError() << "tokenizer " << name << " token " << id
                         << " is outside the vocabulary of " << vocabSize
                         << " (-1 means none)";
  if (!addBos)
    return emitError() << "tokenizer needs add_bos = true or false";
  return success();
}

//===----------------------------------------------------------------------===//
// Calibration statistics
//===----------------------------------------------------------------------===//

Attribute HeadStatsAttr::parse(AsmParser &parser, Type) {
  SMLoc loc = parser.getCurrentLocation();
  int64_t tokens = 0;
  SmallVector<double> sinkMass, entropy, outputNorm;
  auto parseValue = [&](StringRef key) -> ParseResult {
    if (key == "tokens")
      return parser.parseInteger(tokens);
    if (key == "sink_mass")
      return parseDoubleList(parser, sinkMass);
    if (key == "entropy")
      return parseDoubleList(parser, entropy);
    if (key == "output_norm")
      return parseDoubleList(parser, outputNorm);
    return parser.emitError(parser.getCurrentLocation())
           << "unknown head statistic '" << key << "'";
  };
  if (parseKeyValueList(parser, /*openAngleDone=*/false, parseValue))
    return {};
  MLIRContext *ctx = parser.getContext();
  return getChecked([&] { return parser.emitError(loc); }, ctx, tokens,
                    DenseF64ArrayAttr::get(ctx, sinkMass),
                    DenseF64ArrayAttr::get(ctx, entropy),
                    DenseF64ArrayAttr::get(ctx, outputNorm));
}

void HeadStatsAttr::print(AsmPrinter &printer) const {
  printer << "<tokens = " << getTokens();
  for (auto [name, list] : {std::pair{"sink_mass", getSinkMass()},
                            std::pair{"entropy", getEntropy()},
                            std::pair{"output_norm", getOutputNorm()}}) {
    if (list.empty())
      continue;
    printer << ", " << name << " = ";
    printDoubleList(printer, list.asArrayRef());
  }
  printer << ">";
}

LogicalResult HeadStatsAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                    int64_t tokens, DenseF64ArrayAttr sinkMassAttr,
                                    DenseF64ArrayAttr entropyAttr,
                                    DenseF64ArrayAttr outputNormAttr) {
  if (!sinkMassAttr || !entropyAttr || !outputNormAttr)
    return emitError() << "head statistics need all three lists (possibly empty)";
  ArrayRef<double> sinkMass = sinkMassAttr.asArrayRef();
  ArrayRef<double> entropy = entropyAttr.asArrayRef();
  ArrayRef<double> outputNorm = outputNormAttr.asArrayRef();
  if (tokens < 1)
    return emitError() << "head statistics need tokens >= 1 (how many "
                          "calibration tokens they average), got "
                       << tokens;
  size_t heads = std::max({sinkMass.size(), entropy.size(), outputNorm.size()});
  if (heads == 0)
    return emitError() << "head statistics hold no statistic";
  for (auto [name, list] : {std::pair{"sink_mass", sinkMass},
                            std::pair{"entropy", entropy},
                            std::pair{"output_norm", outputNorm}})
    if (!list.empty() && list.size() != heads)
      return emitError() << name << " has " << list.size()
                         << " entries but another statistic has " << heads
                         << " (one per head)";
  for (auto [i, m] : llvm::enumerate(sinkMass))
    if (!(m >= 0.0 && m <= 1.0))
      return emitError() << "sink_mass of head " << i
                         << " must be in [0, 1], got " << m;
  for (auto [i, e] : llvm::enumerate(entropy))
    if (!(e >= 0.0))
      return emitError() << "entropy of head " << i << " must be >= 0, got " << e;
  for (auto [i, n] : llvm::enumerate(outputNorm))
    if (!(n >= 0.0))
      return emitError() << "output_norm of head " << i
                         << " must be >= 0, got " << n;
  return success();
}

int64_t HeadStatsAttr::getNumHeads() const {
  return std::max({getSinkMass().size(), getEntropy().size(),
                   getOutputNorm().size()});
}

Attribute LayerStatsAttr::parse(AsmParser &parser, Type) {
  SMLoc loc = parser.getCurrentLocation();
  int64_t tokens = 0;
  std::optional<double> influence;
  auto parseValue = [&](StringRef key) -> ParseResult {
    if (key == "tokens")
      return parser.parseInteger(tokens);
    if (key == "block_influence")
      return parser.parseFloat(influence.emplace());
    return parser.emitError(parser.getCurrentLocation())
           << "unknown layer statistic '" << key << "'";
  };
  if (parseKeyValueList(parser, /*openAngleDone=*/false, parseValue))
    return {};
  if (!influence) {
    parser.emitError(loc) << "layer statistics need block_influence";
    return {};
  }
  return getChecked([&] { return parser.emitError(loc); }, parser.getContext(),
                    tokens, llvm::APFloat(*influence));
}

void LayerStatsAttr::print(AsmPrinter &printer) const {
  printer << "<tokens = " << getTokens() << ", block_influence = ";
  printDouble(printer, getBlockInfluence().convertToDouble());
  printer << ">";
}

LogicalResult LayerStatsAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                     int64_t tokens, llvm::APFloat influenceValue) {
  double influence = influenceValue.convertToDouble();
  if (tokens < 1)
    return emitError() << "layer statistics need tokens >= 1, got " << tokens;
  if (!(influence >= 0.0 && influence <= 2.0))
    return emitError() << "block_influence is 1 - cos(input, output) and must "
                          "be in [0, 2], got "
                       << influence;
  return success();
}
