//===- CostModel.cpp - parameters, bytes, FLOPs and KV bytes of a model ---===//
//
// FLOP conventions: a multiply-add is 2 FLOPs. Matmul-like ops (linear,
// lm_head, route_heads) count 2 x tokens x rows x columns; attention counts
// 4 x head_dim per (query head, visible key) pair (q.k and p.v); elementwise
// ops count per output value: add 1, rope 3, rms_norm 4, swiglu 5,
// layer_norm 7, gelu 8. Embedding lookups are free.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Passes/CostModel.h"

#include "sinkc/Dialect/Tfm/TfmDialect.h"

#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"

using namespace mlir;
using namespace sinkc;
using namespace sinkc::tfm;

int64_t Cost::weightBytes() const {
  int64_t sum = 0;
  for (const auto &[name, bytes] : weightBytesByEncoding)
    sum += bytes;
  return sum;
}

void Cost::add(const Cost &other) {
  parameters += other.parameters;
  for (const auto &[name, bytes] : other.weightBytesByEncoding)
    weightBytesByEncoding[name] += bytes;
  prefillFlops += other.prefillFlops;
  decodeFlops += other.decodeFlops;
  kvBytes += other.kvBytes;
  fullKvHeads += other.fullKvHeads;
  streamingKvHeads += other.streamingKvHeads;
  prunedKvHeads += other.prunedKvHeads;
}

namespace {

/// How many tokens an op processes and how many the cache held before them.
struct Step {
  int64_t tokens;
  int64_t startPosition;
};

/// Name and stored bytes of a weight type.
std::pair<std::string, int64_t> storedBytes(RankedTensorType type) {
  int64_t count = type.getNumElements();
  if (auto enc = dyn_cast_or_null<QuantEncodingAttrInterface>(type.getEncoding()))
    return {enc.getFormatName(), count / enc.getBlockSize() * enc.getBlockBytes()};
  std::string name;
  llvm::raw_string_ostream os(name);
  os << type.getElementType();
  return {name, count * static_cast<int64_t>(
                            type.getElementType().getIntOrFloatBitWidth() / 8)};
}

/// Output values of `value` (batch x tokens x features) for `step`.
int64_t valuesPerStep(Value value, const Step &step) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t count = 1;
  for (auto [i, d] : llvm::enumerate(type.getShape()))
    count *= (i == 1 && ShapedType::isDynamic(d)) ? step.tokens
             : ShapedType::isDynamic(d)           ? 1
                                                  : d;
  return count;
}

/// Keys kv-head `h` of `op` sees, summed over the step's queries.
int64_t visibleKeys(HeadPolicyAttrInterface policy, const Step &step) {
  int64_t sum = 0;
  for (int64_t i = 0; i < step.tokens; ++i)
    sum += policy.getCachedTokens(step.startPosition + i + 1);
  return sum;
}

int64_t attentionFlops(AttentionOp op, const Step &step) {
  int64_t groupSize = op.getNumHeads() / op.getNumKvHeads();
  int64_t flops = 0;
  for (int64_t h = 0; h < op.getNumKvHeads(); ++h)
    flops += groupSize * 4 * op.getHeadDim() * visibleKeys(op.getPolicy(h), step);
  if (op.getGates())
    flops += valuesPerStep(op.getResult(), step); // scaling by gates
  return flops;
}

int64_t matmulFlops(Value input, Value weight, const Step &step) {
  auto w = cast<RankedTensorType>(weight.getType());
  int64_t rows = valuesPerStep(input, step) / w.getDimSize(1);
  return 2 * rows * w.getDimSize(0) * w.getDimSize(1);
}

int64_t opFlops(Operation *op, const Step &step) {
  return llvm::TypeSwitch<Operation *, int64_t>(op)
      .Case<LinearOp>([&](LinearOp o) {
        return matmulFlops(o.getInput(), o.getWeight(), step) +
               (o.getBias() ? valuesPerStep(o.getResult(), step) : 0);
      })
      .Case<LMHeadOp>([&](LMHeadOp o) {
        return matmulFlops(o.getInput(), o.getWeight(), step);
      })
      .Case<RouteHeadsOp>([&](RouteHeadsOp o) {
        return matmulFlops(o.getInput(), o.getWeight(), step);
      })
      .Case<AttentionOp>([&](AttentionOp o) { return attentionFlops(o, step); })
      .Case<AddOp>([&](AddOp o) { return valuesPerStep(o.getResult(), step); })
      .Case<RopeOp>([&](RopeOp o) { return 3 * valuesPerStep(o.getResult(), step); })
      .Case<RMSNormOp>(
          [&](RMSNormOp o) { return 4 * valuesPerStep(o.getResult(), step); })
      .Case<SwiGLUOp>(
          [&](SwiGLUOp o) { return 5 * valuesPerStep(o.getResult(), step); })
      .Case<LayerNormOp>(
          [&](LayerNormOp o) { return 7 * valuesPerStep(o.getResult(), step); })
      .Case<GeluOp>([&](GeluOp o) { return 8 * valuesPerStep(o.getResult(), step); })
      .Default([](Operation *) { return int64_t(0); });
}

/// KV-cache bytes of `op` at `context`, and its kv-heads by policy.
void addKvCost(AttentionOp op, const CostOptions &options, Cost &cost) {
  std::optional<ArrayRef<int64_t>> buffers = op.getKvBuffer();
  for (int64_t h = 0; h < op.getNumKvHeads(); ++h) {
    HeadPolicyAttrInterface policy = op.getPolicy(h);
    if (isa<PrunedPolicyAttr>(policy)) {
      ++cost.prunedKvHeads;
      continue;
    }
    ++(isa<FullPolicyAttr>(policy) ? cost.fullKvHeads : cost.streamingKvHeads);
    int64_t elementBytes = options.kvElementBytes;
    if (buffers && !op.getCaches().empty()) {
      auto cache = cast<KVCacheType>(op.getCaches()[(*buffers)[h]].getType());
      elementBytes = cache.getElementType().getIntOrFloatBitWidth() / 8;
    }
    cost.kvBytes += 2 * op.getHeadDim() * elementBytes *
                    policy.getCachedTokens(options.context);
  }
}

class CostCollector {
public:
  CostCollector(ModuleOp module, const CostOptions &options)
      : module(module), result{options, {}, {}, {}} {}

  ModelCost run() {
    countWeights();
    auto prefill = module.lookupSymbol<func::FuncOp>("prefill");
    auto decode = module.lookupSymbol<func::FuncOp>("decode");
    SmallVector<Operation *> prefillRoots, decodeRoots;
    if (prefill && decode) {
      prefillRoots.push_back(prefill);
      decodeRoots.push_back(decode);
    } else {
      for (auto fn : module.getOps<func::FuncOp>()) {
        prefillRoots.push_back(fn);
        decodeRoots.push_back(fn);
      }
    }
    const CostOptions &options = result.options;
    Step prefillStep{options.prefillTokens, 0};
    Step decodeStep{1, options.context - 1};
    for (Operation *root : prefillRoots)
      root->walk([&](Operation *op) {
        bucket(op).prefillFlops += opFlops(op, prefillStep);
      });
    for (Operation *root : decodeRoots)
      root->walk([&](Operation *op) {
        bucket(op).decodeFlops += opFlops(op, decodeStep);
        if (auto attention = dyn_cast<AttentionOp>(op))
          addKvCost(attention, options, bucket(op));
      });
    result.total = result.outsideLayers;
    for (const auto &[index, layer] : result.layers)
      result.total.add(layer);
    return result;
  }

private:
  Cost &bucket(Operation *op) {
    if (auto layer = op->getParentOfType<LayerOp>())
      return result.layers[layer.getIndex()];
    return result.outsideLayers;
  }

  /// Each weight counts once, in the part of the model that first uses it.
  void countWeights() {
    SymbolTableCollection symbols;
    llvm::DenseSet<Operation *> counted;
    module.walk([&](WeightRefOp ref) {
      auto weight = symbols.lookupNearestSymbolFrom<WeightOp>(ref, ref.getWeightAttr());
      if (!weight || !counted.insert(weight).second)
        return;
      RankedTensorType type = weight.getTensorType();
      Cost &cost = bucket(ref);
      cost.parameters += type.getNumElements();
      auto [name, bytes] = storedBytes(type);
      cost.weightBytesByEncoding[name] += bytes;
    });
  }

  ModuleOp module;
  ModelCost result;
};

std::string withThousands(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0)
      out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

llvm::json::Object costToJson(const Cost &cost) {
  llvm::json::Object bytes;
  for (const auto &[name, b] : cost.weightBytesByEncoding)
    bytes[name] = b;
  return llvm::json::Object{
      {"parameters", cost.parameters},
      {"weight_bytes", cost.weightBytes()},
      {"weight_bytes_by_encoding", std::move(bytes)},
      {"prefill_flops", cost.prefillFlops},
      {"decode_flops", cost.decodeFlops},
      {"kv_bytes", cost.kvBytes},
      {"kv_heads", llvm::json::Object{{"full", cost.fullKvHeads},
                                      {"streaming", cost.streamingKvHeads},
                                      {"pruned", cost.prunedKvHeads}}},
  };
}

} // namespace

ModelCost sinkc::computeModelCost(ModuleOp module, const CostOptions &options) {
  return CostCollector(module, options).run();
}

void sinkc::printCostText(const ModelCost &cost, llvm::raw_ostream &os) {
  const CostOptions &o = cost.options;
  os << "tfm cost model: prefill of " << o.prefillTokens
     << " tokens; decode step and KV cache at context " << o.context << "\n";
  os << llvm::format("%-8s %14s %14s %18s %16s %14s  %s\n", "layer", "parameters",
                     "weight bytes", "prefill FLOPs", "decode FLOPs", "KV bytes",
                     "kv-heads full/streaming/pruned");
  auto row = [&](const std::string &name, const Cost &c) {
    os << llvm::format("%-8s %14s %14s %18s %16s %14s  %lld/%lld/%lld\n",
                       name.c_str(), withThousands(c.parameters).c_str(),
                       withThousands(c.weightBytes()).c_str(),
                       withThousands(c.prefillFlops).c_str(),
                       withThousands(c.decodeFlops).c_str(),
                       withThousands(c.kvBytes).c_str(),
                       (long long)c.fullKvHeads, (long long)c.streamingKvHeads,
                       (long long)c.prunedKvHeads);
  };
  for (const auto &[index, layer] : cost.layers)
    row(std::to_string(index), layer);
  row("other", cost.outsideLayers);
  row("total", cost.total);
  const Cost &t = cost.total;
  os << "total parameters: " << t.parameters << "\n";
  os << "total weight bytes: " << t.weightBytes() << " (";
  llvm::interleaveComma(t.weightBytesByEncoding, os, [&](const auto &entry) {
    os << entry.first << ": " << entry.second;
  });
  os << ")\n";
  os << "prefill FLOPs (" << o.prefillTokens << " tokens): " << t.prefillFlops << "\n";
  os << "decode FLOPs (context " << o.context << "): " << t.decodeFlops << "\n";
  os << "KV-cache bytes (context " << o.context << "): " << t.kvBytes << "\n";
  os << "kv-heads: " << t.fullKvHeads << " full, " << t.streamingKvHeads
     << " streaming, " << t.prunedKvHeads << " pruned\n";
}

void sinkc::printCostJson(const ModelCost &cost, llvm::raw_ostream &os) {
  llvm::json::Array layers;
  for (const auto &[index, layer] : cost.layers) {
    llvm::json::Object entry = costToJson(layer);
    entry["layer"] = index;
    layers.push_back(std::move(entry));
  }
  llvm::json::Object root{
      {"prefill_tokens", cost.options.prefillTokens},
      {"context", cost.options.context},
      {"layers", std::move(layers)},
      {"outside_layers", costToJson(cost.outsideLayers)},
      {"total", costToJson(cost.total)},
  };
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(root))) << "\n";
}
