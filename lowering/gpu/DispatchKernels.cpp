//===- DispatchKernels.cpp - the GPU schedules of a model's dispatches ----===//

#include "DispatchKernels.h"

#include "DecodeAttentionSchedule.h"
#include "GemvSchedule.h"
#include "RowSchedules.h"
#include "ScheduleLowering.h"

#include "sinkc/Dialect/Tfm/TfmDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

#include "llvm/ADT/DenseMap.h"

using namespace mlir;
using llvm::StringRef;
using llvm::Twine;

namespace sinkc::gpu {

namespace {

constexpr int64_t kScratchAlignment = 256;

int64_t alignScratch(int64_t bytes) {
  return (bytes + kScratchAlignment - 1) / kScratchAlignment * kScratchAlignment;
}

/// The op's location and name, for errors.
std::string describe(Operation *op) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << op->getName() << " at ";
  op->getLoc().print(os);
  return text;
}

/// Generates the launches of one dispatch function.
class DispatchGenerator {
public:
  DispatchGenerator(func::FuncOp func, MLIRContext *context, ModuleOp program,
                    const DispatchKernelOptions &options, int64_t maxContext, bool gpu,
                    std::vector<DispatchLaunch> &launches)
      : func(func), context(context), program(program), options(options),
        maxContext(maxContext), gpu(gpu), launches(launches) {}

  /// Bytes of scratch the dispatch used.
  llvm::Expected<int64_t> run() {
    if (llvm::Error error = classifyArguments())
      return std::move(error);
    for (Operation &op : func.getBody().front()) {
      if (isa<func::ReturnOp>(op))
        continue;
      if (llvm::Error error = lower(op))
        return std::move(error);
    }
    return scratchTop;
  }

private:
  llvm::Error fail(const Twine &message) {
    return scheduleError("GPU kernels of @" + func.getSymName() + ": " + message);
  }
  llvm::Error unsupported(Operation *op, const Twine &why) {
    return fail(describe(op) + ": " + why);
  }

  /// Plan operands of the function's arguments and returned values, the
  /// dispatch ABI's order (docs/execution-plan.md): tensor and KV-cache
  /// arguments then results are bindings; `tokens`, the index arguments,
  /// then `context` (with a full-attention cache) are scalars.
  llvm::Error classifyArguments() {
    int64_t bindings = 0, scalars = 1;
    bool fullCache = false;
    for (BlockArgument arg : func.getArguments()) {
      if (isa<IndexType>(arg.getType())) {
        operands[arg] = {StepOperand::Kind::Scalar, scalars++};
        continue;
      }
      if (auto cache = dyn_cast<tfm::KVCacheType>(arg.getType()))
        fullCache |= cache.hasDynamicSlots();
      operands[arg] = {StepOperand::Kind::Binding, bindings++};
    }
    if (fullCache)
      contextScalar = StepOperand{StepOperand::Kind::Scalar, scalars++};
    auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
    for (auto [i, value] : llvm::enumerate(ret.getOperands())) {
      if (operands.count(value))
        return fail("result " + Twine(i) + " is an argument or another result");
      operands[value] = {StepOperand::Kind::Binding, bindings + int64_t(i)};
      auto type = dyn_cast<RankedTensorType>(value.getType());
      if (!type || type.getRank() != 3)
        return fail("result " + Twine(i) + " is not a [1, tokens, features] activation");
      tokens = type.isDynamicDim(1) ? options.prefillTokens : type.getDimSize(1);
    }
    if (tokens <= 0)
      return fail("no activation result to take the token count from");
    return llvm::Error::success();
  }

  llvm::Expected<StepOperand> operandOf(Operation *op, Value v) {
    auto it = operands.find(v);
    if (it == operands.end())
      return unsupported(op, "an operand that no earlier op of the dispatch computed");
    return it->second;
  }

  /// Where `v` (a [1, tokens, N] f32 result) lives: its result binding, or
  /// new scratch.
  llvm::Expected<StepOperand> outputOf(Operation *op, Value v) {
    auto it = operands.find(v);
    if (it != operands.end())
      return it->second;
    auto type = dyn_cast<RankedTensorType>(v.getType());
    if (!type || type.getRank() != 3 || !type.getElementType().isF32() ||
        type.isDynamicDim(2))
      return unsupported(op, "a result that is not a [1, tokens, N] f32 activation");
    StepOperand scratch{StepOperand::Kind::Scratch, scratchTop};
    scratchTop += alignScratch(tokens * type.getDimSize(2) * 4);
    operands[v] = scratch;
    return scratch;
  }

  llvm::Expected<StepOperand> scratchOf(int64_t bytes) {
    StepOperand scratch{StepOperand::Kind::Scratch, scratchTop};
    scratchTop += alignScratch(bytes);
    return scratch;
  }

  static int64_t lastDim(Value v) {
    return cast<RankedTensorType>(v.getType()).getShape().back();
  }

  std::string nextName() { return (func.getSymName() + "__" + Twine(next++)).str(); }

  /// Moves `keep` (and nothing else) of a schedule instance into the
  /// program; its private helpers (whose names and types repeat across
  /// instances) take the instance's name as a prefix.
  llvm::Error adopt(OwningOpRef<ModuleOp> instance, StringRef prefix,
                    ArrayRef<std::string> keep) {
    for (auto f : llvm::make_early_inc_range(instance->getOps<func::FuncOp>()))
      if (f.isPublic() && !llvm::is_contained(keep, f.getSymName().str()))
        f.erase();
    if (llvm::Error error = runPipeline(*instance, "symbol-dce", "dispatch kernels"))
      return error;
    SymbolTable symbols(*instance);
    for (auto f : llvm::make_early_inc_range(instance->getOps<func::FuncOp>()))
      if (f.isPrivate() &&
          failed(symbols.rename(f, (prefix + "_" + f.getSymName()).str())))
        return scheduleError("dispatch kernels: cannot rename @" + f.getSymName());
    for (Operation &op : llvm::make_early_inc_range(instance->getBody()->getOperations()))
      op.moveBefore(program.getBody(), program.getBody()->end());
    return llvm::Error::success();
  }

  void addLaunch(const std::string &function, std::vector<StepOperand> args,
                 std::array<int64_t, 3> block) {
    launches.push_back({func.getSymName().str(), function, std::move(args), block});
  }

  RowShape rowShape(int64_t cols) const {
    // Fields the kind at hand does not use still have to be valid.
    RowShape s;
    s.maxTokens = tokens;
    s.cols = cols;
    s.vocab = 1;
    s.ropeHeads = 1;
    s.headDim = 2;
    return s;
  }

  /// One row schedule (`kind` of RowSchedules) with `args`.
  llvm::Error rowLaunch(const RowShape &shape, StringRef kind, std::vector<StepOperand> args) {
    std::string name = nextName();
    auto instance = buildRowSchedules(context, name, shape, gpu);
    if (!instance)
      return instance.takeError();
    std::string function = name + "_" + kind.str();
    if (llvm::Error error = adopt(std::move(*instance), name, {function}))
      return error;
    addLaunch(function, std::move(args), {kRowLanes, 1, 1});
    return llvm::Error::success();
  }

  llvm::Error lower(Operation &op) {
    if (auto e = dyn_cast<tfm::EmbeddingOp>(op))
      return lowerEmbedding(e);
    if (auto n = dyn_cast<tfm::RMSNormOp>(op))
      return lowerRmsNorm(n);
    if (auto l = dyn_cast<tfm::LinearOp>(op)) {
      if (llvm::Error error = lowerGemv(&op, l.getInput(), l.getWeight(), l.getResult()))
        return error;
      return l.getBias() ? lowerBias(l) : llvm::Error::success();
    }
    if (auto h = dyn_cast<tfm::LMHeadOp>(op)) {
      if (h.getSoftcap())
        return unsupported(&op, "a logit softcap (no GPU schedule applies one yet)");
      return lowerGemv(&op, h.getInput(), h.getWeight(), h.getResult());
    }
    if (auto r = dyn_cast<tfm::RopeOp>(op))
      return lowerRope(r);
    if (auto s = dyn_cast<tfm::SwiGLUOp>(op))
      return lowerElementwise(&op, "swiglu", s.getGate(), s.getUp(), s.getResult());
    if (auto a = dyn_cast<tfm::AddOp>(op))
      return lowerElementwise(&op, "add", a.getLhs(), a.getRhs(), a.getResult());
    if (auto a = dyn_cast<tfm::AttentionOp>(op))
      return lowerAttention(a);
    return unsupported(&op, "no GPU schedule for this op");
  }

  llvm::Error lowerEmbedding(tfm::EmbeddingOp op) {
    auto table = cast<RankedTensorType>(op.getTable().getType());
    std::optional<GemvFormat> format = gemvFormatOf(table);
    if (!format)
      return unsupported(op, "the GPU embedding reads " + gemvFormatList() +
                                 " tables (this one is " + weightFormatName(table) + ")");
    auto t = operandOf(op, op.getTable());
    auto ids = t ? operandOf(op, op.getTokens()) : t.takeError();
    if (!ids)
      return ids.takeError();
    auto y = outputOf(op, op.getResult());
    if (!y)
      return y.takeError();
    RowShape shape = rowShape(table.getDimSize(1));
    shape.vocab = table.getDimSize(0);
    shape.embeddingFormat = *format;
    return rowLaunch(shape, "embedding", {*t, *ids, kTokens, *y});
  }

  llvm::Error lowerRmsNorm(tfm::RMSNormOp op) {
    auto x = operandOf(op, op.getInput());
    auto w = x ? operandOf(op, op.getWeight()) : x.takeError();
    if (!w)
      return w.takeError();
    auto y = outputOf(op, op.getResult());
    if (!y)
      return y.takeError();
    RowShape shape = rowShape(lastDim(op.getInput()));
    shape.eps = float(op.getEpsilon().convertToDouble());
    return rowLaunch(shape, "rms_norm", {*x, *w, kTokens, *y});
  }

  llvm::Error lowerElementwise(Operation *op, StringRef kind, Value a, Value b, Value result) {
    auto x = operandOf(op, a);
    auto y = x ? operandOf(op, b) : x.takeError();
    if (!y)
      return y.takeError();
    auto out = outputOf(op, result);
    if (!out)
      return out.takeError();
    return rowLaunch(rowShape(lastDim(result)), kind, {*x, *y, kTokens, *out});
  }

  llvm::Error lowerRope(tfm::RopeOp op) {
    RowShape shape = rowShape(lastDim(op.getInput()));
    shape.headDim = op.getHeadDim();
    shape.ropeHeads = shape.cols / shape.headDim;
    shape.theta = float(op.getTheta().convertToDouble());
    shape.neox = op.getStyle() == tfm::RopeStyle::Neox;
    if (std::optional<tfm::RopeScalingAttr> scaling = op.getScaling()) {
      if (scaling->getKind() != tfm::RopeScalingKind::Linear)
        return unsupported(op, "RoPE scaling other than linear (llama3 arrives as frequency "
                               "factors; no GPU schedule for yarn yet)");
      shape.ropePositionScale = float(1.0 / scaling->getFactor().convertToDouble());
    }
    std::vector<StepOperand> args;
    auto x = operandOf(op, op.getInput());
    if (!x)
      return x.takeError();
    args.push_back(*x);
    if (Value factors = op.getFreqFactors()) {
      auto type = cast<RankedTensorType>(factors.getType());
      if (!type.getElementType().isF32() || type.getEncoding() || type.getRank() != 1 ||
          type.getDimSize(0) != shape.headDim / 2)
        return unsupported(op, "RoPE frequency factors that are not head_dim / 2 f32 values");
      auto f = operandOf(op, factors);
      if (!f)
        return f.takeError();
      shape.ropeFactors = true;
      args.push_back(*f);
    }
    auto pos = operandOf(op, op.getPosition());
    if (!pos)
      return pos.takeError();
    auto y = outputOf(op, op.getResult());
    if (!y)
      return y.takeError();
    args.insert(args.end(), {*pos, kTokens, *y});
    return rowLaunch(shape, "rope", std::move(args));
  }

  /// y += bias, in place on the GEMV's output.
  llvm::Error lowerBias(tfm::LinearOp op) {
    auto type = cast<RankedTensorType>(op.getBias().getType());
    if (!type.getElementType().isF32() || type.getEncoding())
      return unsupported(op, "a bias that is not f32");
    auto b = operandOf(op, op.getBias());
    auto y = b ? outputOf(op, op.getResult()) : b.takeError();
    if (!y)
      return y.takeError();
    return rowLaunch(rowShape(lastDim(op.getResult())), "add_bias", {*y, *b, kTokens, *y});
  }

  llvm::Error lowerGemv(Operation *op, Value input, Value weight, Value result) {
    auto type = cast<RankedTensorType>(weight.getType());
    GemvShape shape;
    shape.rows = type.getDimSize(0);
    shape.cols = type.getDimSize(1);
    shape.maxTokens = tokens;
    std::optional<GemvFormat> format = gemvFormatOf(type);
    if (!format)
      return unsupported(op, "the GPU GEMV reads " + gemvFormatList() + " weights (this one is " +
                                 weightFormatName(type) + ")");
    shape.format = *format;
    auto w = operandOf(op, weight);
    auto x = w ? operandOf(op, input) : w.takeError();
    if (!x)
      return x.takeError();
    auto y = outputOf(op, result);
    if (!y)
      return y.takeError();
    std::string name = nextName() + "_gemv";
    auto instance = buildGemvSchedule(context, name, shape, gpu);
    if (!instance)
      return instance.takeError();
    if (llvm::Error error = adopt(std::move(*instance), name, {name}))
      return error;
    addLaunch(name, {*w, *x, kTokens, *y}, {kGemvLanes, kGemvRowsPerBlock, 1});
    return llvm::Error::success();
  }

  /// kv-heads of an attention op that share a cache buffer and a policy.
  struct PolicyGroup {
    int64_t buffer = 0, sinks = 0, window = 0; ///< window 0: full attention
    std::vector<int64_t> kvHeads, entries;
  };

  /// The op's kv-heads by (buffer, policy), in order of first kv-head, and
  /// the pruned ones.
  llvm::Expected<std::vector<PolicyGroup>> policyGroups(tfm::AttentionOp op,
                                                        std::vector<int64_t> &pruned) {
    std::vector<PolicyGroup> groups;
    for (int64_t h = 0; h < op.getNumKvHeads(); ++h) {
      Attribute attr = op.getPolicy(h);
      if (isa<tfm::PrunedPolicyAttr>(attr)) {
        pruned.push_back(h);
        continue;
      }
      PolicyGroup key;
      key.buffer = op.getKvBuffer() ? (*op.getKvBuffer())[h] : 0;
      if (auto streaming = dyn_cast<tfm::StreamingPolicyAttr>(attr)) {
        key.sinks = streaming.getSinks();
        key.window = streaming.getWindow();
      } else if (!isa<tfm::FullPolicyAttr>(attr)) {
        return unsupported(op, "kv-head " + Twine(h) + " has a policy no GPU schedule runs");
      }
      auto it = llvm::find_if(groups, [&](const PolicyGroup &g) {
        return g.buffer == key.buffer && g.sinks == key.sinks && g.window == key.window;
      });
      if (it == groups.end())
        it = groups.insert(groups.end(), key);
      it->kvHeads.push_back(h);
      it->entries.push_back(op.getKvEntry() ? (*op.getKvEntry())[h] : h);
    }
    return groups;
  }

  llvm::Error lowerAttention(tfm::AttentionOp op) {
    const int64_t heads = op.getNumHeads(), kvHeads = op.getNumKvHeads(),
                  headDim = op.getHeadDim();
    if (op.getGates())
      return unsupported(op, "head gates (no GPU schedule yet)");
    if (op.getSoftcap() || !op.getCausal())
      return unsupported(op, "a softcap or non-causal attention (no GPU schedule yet)");
    if (op->getNumResults() != 1)
      return unsupported(op, "taps of the attention (no GPU schedule writes them yet)");
    std::vector<int64_t> pruned;
    llvm::Expected<std::vector<PolicyGroup>> groups = policyGroups(op, pruned);
    if (!groups)
      return groups.takeError();
    auto q = operandOf(op, op.getQ());
    auto k = q ? operandOf(op, op.getK()) : q.takeError();
    auto v = k ? operandOf(op, op.getV()) : k.takeError();
    auto pos = v ? operandOf(op, op.getPosition()) : v.takeError();
    if (!pos)
      return pos.takeError();
    std::optional<StepOperand> sinks;
    if (Value s = op.getSinkLogits()) {
      auto operand = operandOf(op, s);
      if (!operand)
        return operand.takeError();
      sinks = *operand;
    }
    auto out = outputOf(op, op.getResult());
    if (!out)
      return out.takeError();

    DecodeAttentionShape base;
    base.heads = heads;
    base.kvHeads = kvHeads;
    base.headDim = headDim;
    base.scale = float(op.getScale().convertToDouble());
    base.maxTokens = tokens;
    base.learnedSinks = sinks.has_value();
    for (const PolicyGroup &group : *groups)
      if (llvm::Error error = lowerPolicyGroup(op, group, base, {*q, *k, *v, *pos, *out}, sinks))
        return error;
    if (pruned.empty())
      return llvm::Error::success();
    // Pruned kv-heads attend to nothing: their query heads' rows are zeros.
    DecodeAttentionShape zero = base;
    zero.kvHeadIds = pruned;
    zero.kvEntryOf.assign(pruned.size(), 0);
    std::string name = nextName();
    auto instance = buildZeroHeadsSchedule(context, name, zero);
    if (!instance)
      return instance.takeError();
    if (llvm::Error error = adopt(std::move(*instance), name, {name + "_zero"}))
      return error;
    addLaunch(name + "_zero", {kTokens, *out}, {headDim, 1, 1});
    return llvm::Error::success();
  }

  /// Split, combine and append for one policy group's kv-heads.
  /// `io` = {q, k, v, position, out}.
  llvm::Error lowerPolicyGroup(tfm::AttentionOp op, const PolicyGroup &group,
                               const DecodeAttentionShape &base,
                               const std::array<StepOperand, 5> &io,
                               std::optional<StepOperand> sinks) {
    const auto &[q, k, v, pos, out] = io;
    const bool streaming = group.window > 0;
    Value cacheValue = op.getCaches()[size_t(group.buffer)];
    auto cacheType = cast<tfm::KVCacheType>(cacheValue.getType());
    if (!cacheType.getElementType().isF16())
      return unsupported(op, "the GPU attention reads f16 caches (compile with --kv-type f16)");
    if (streaming ? cacheType.hasDynamicSlots() : !cacheType.hasDynamicSlots() || !contextScalar)
      return unsupported(op, "a cache whose slots do not match its policy");
    auto cache = operandOf(op, cacheValue);
    auto entry = cache ? operandOf(op, op.getEntryOffsets()[size_t(group.buffer)])
                       : cache.takeError();
    if (!entry)
      return entry.takeError();

    DecodeAttentionShape shape = base;
    shape.slots = streaming ? cacheType.getSlots() : maxContext;
    shape.sinks = group.sinks;
    shape.window = group.window;
    shape.entries = cacheType.getEntries();
    // All kv-heads in order at entries 0, 1, ...: the plain layout.
    bool identity = int64_t(group.kvHeads.size()) == base.kvHeads;
    for (size_t j = 0; identity && j < group.kvHeads.size(); ++j)
      identity = group.kvHeads[j] == int64_t(j) && group.entries[j] == int64_t(j);
    if (!identity) {
      shape.kvHeadIds = group.kvHeads;
      shape.kvEntryOf = group.entries;
    }
    const int64_t splits = decodeAttentionSplits(shape);
    const int64_t groupHeads = launchKvHeads(shape) * (base.heads / base.kvHeads);
    auto m = scratchOf(tokens * groupHeads * splits * 4);
    auto l = scratchOf(tokens * groupHeads * splits * 4);
    auto o = scratchOf(tokens * groupHeads * splits * base.headDim * 4);
    std::string name = nextName();
    auto instance = buildDecodeAttentionSchedule(context, name, shape, gpu);
    if (!instance)
      return instance.takeError();
    if (llvm::Error error = adopt(std::move(*instance), name,
                                  {name + "_split", name + "_combine", name + "_append"}))
      return error;
    // Full attention passes the session's slot count; a ring's is fixed.
    std::vector<StepOperand> split = {q, k, v, *cache, *entry};
    std::vector<StepOperand> append = {k, v, pos, kTokens, *cache, *entry};
    if (!streaming) {
      split.push_back(*contextScalar);
      append.push_back(*contextScalar);
    }
    split.insert(split.end(), {pos, kTokens, *m, *l, *o});
    addLaunch(name + "_split", std::move(split),
              {std::max(kSplitKeys, base.headDim), base.heads / base.kvHeads, 1});
    std::vector<StepOperand> combine = {*m, *l, *o};
    if (sinks)
      combine.push_back(*sinks);
    combine.push_back(kTokens);
    combine.push_back(out);
    addLaunch(name + "_combine", std::move(combine), {base.headDim, 1, 1});
    // After the split read the cache: a ring slot may be overwritten.
    addLaunch(name + "_append", std::move(append), {kAppendLanes, 1, 1});
    return llvm::Error::success();
  }

  static constexpr StepOperand kTokens{StepOperand::Kind::Scalar, 0};

  func::FuncOp func;
  MLIRContext *context;
  ModuleOp program;
  const DispatchKernelOptions &options;
  int64_t maxContext;
  bool gpu;
  std::vector<DispatchLaunch> &launches;

  llvm::DenseMap<Value, StepOperand> operands;
  std::optional<StepOperand> contextScalar;
  int64_t tokens = 0;
  int64_t scratchTop = 0;
  int next = 0;
};

} // namespace

llvm::Expected<DispatchKernels> buildDispatchKernels(ModuleOp dispatches,
                                                     MLIRContext *scheduleContext,
                                                     const DispatchKernelOptions &options,
                                                     bool gpu) {
  if (options.prefillTokens <= 0 || options.maxContext <= 0)
    return scheduleError("dispatch kernels: prefill tokens " + Twine(options.prefillTokens) +
                         " and max context " + Twine(options.maxContext) +
                         " must be positive");
  DispatchKernels result;
  result.maxContext = (options.maxContext + kSplitKeys - 1) / kSplitKeys * kSplitKeys;
  result.schedules = ModuleOp::create(UnknownLoc::get(scheduleContext));
  for (auto func : dispatches.getOps<func::FuncOp>()) {
    if (!func->hasAttr(tfm::TfmDialect::kDispatchAttrName) || func.isExternal())
      continue;
    DispatchGenerator generator(func, scheduleContext, *result.schedules, options,
                                result.maxContext, gpu, result.launches);
    llvm::Expected<int64_t> scratch = generator.run();
    if (!scratch)
      return scratch.takeError();
    result.scratchBytes = std::max(result.scratchBytes, *scratch);
  }
  if (result.launches.empty())
    return scheduleError("dispatch kernels: the module has no dispatch functions");
  return result;
}

llvm::Error lowerDispatchKernelsForGpu(ModuleOp schedules, llvm::ArrayRef<DispatchLaunch> launches) {
  std::vector<KernelMapping> mappings;
  for (const DispatchLaunch &launch : launches)
    mappings.push_back({launch.function, launch.blockDims});
  if (llvm::Error error = mapScheduleToGpu(schedules, mappings, "dispatch kernels"))
    return error;

  // Outlining made one gpu.module per launch; the package holds one binary
  // per target, so every kernel moves into one module. Symbols that repeat
  // (a workgroup global two kernels share) are copies of one top-level
  // symbol: the first copy stays.
  MLIRContext *context = schedules.getContext();
  OpBuilder b(context);
  b.setInsertionPointToEnd(schedules.getBody());
  auto merged = mlir::gpu::GPUModuleOp::create(b, schedules.getLoc(), kKernelModuleName);
  SymbolTable mergedSymbols(merged);
  for (auto module : llvm::make_early_inc_range(schedules.getOps<mlir::gpu::GPUModuleOp>())) {
    if (module == merged)
      continue;
    for (Operation &op : llvm::make_early_inc_range(module.getBody()->getOperations())) {
      if (op.hasTrait<OpTrait::IsTerminator>())
        continue;
      auto name = op.getAttrOfType<StringAttr>(SymbolTable::getSymbolAttrName());
      if (name && mergedSymbols.lookup(name)) {
        op.erase();
        continue;
      }
      op.remove();
      mergedSymbols.insert(&op);
    }
    module.erase();
  }
  schedules.walk([&](mlir::gpu::LaunchFuncOp launch) {
    launch.setKernelAttr(SymbolRefAttr::get(
        StringAttr::get(context, kKernelModuleName),
        {FlatSymbolRefAttr::get(context, launch.getKernelName())}));
  });
  return llvm::Error::success();
}

llvm::Error lowerDispatchKernelsForCpu(ModuleOp schedules, llvm::ArrayRef<DispatchLaunch> launches) {
  if (llvm::Error error = lowerScheduleToCpu(schedules, "dispatch kernels"))
    return error;
  // void <kernel>(const sinkrt_dispatch_state *state, int64_t workgroup):
  // each launch's function called with its operands read from the state.
  MLIRContext *context = schedules.getContext();
  OpBuilder b(context);
  Location loc = schedules.getLoc();
  auto ptr = LLVM::LLVMPointerType::get(context);
  Type i64 = b.getI64Type(), i8 = b.getI8Type();
  auto signature = LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(context), {ptr, i64});
  for (size_t i = 0; i < launches.size();) {
    StringRef kernel = launches[i].kernel;
    b.setInsertionPointToEnd(schedules.getBody());
    auto wrapper = LLVM::LLVMFuncOp::create(b, loc, kernel, signature);
    Block *entry = wrapper.addEntryBlock(b);
    b.setInsertionPointToStart(entry);
    auto field = [&](int32_t index) -> Value {
      Value at = LLVM::GEPOp::create(b, loc, ptr, ptr, entry->getArgument(0),
                                     ArrayRef<LLVM::GEPArg>{index});
      return LLVM::LoadOp::create(b, loc, ptr, at);
    };
    Value bindings = field(0), scalars = field(1), scratch = field(2);
    for (; i < launches.size() && launches[i].kernel == kernel; ++i) {
      const DispatchLaunch &launch = launches[i];
      auto callee = schedules.lookupSymbol<LLVM::LLVMFuncOp>(launch.function);
      if (!callee)
        return scheduleError("dispatch kernels: the CPU build has no function @" + launch.function);
      SmallVector<Value> args;
      for (const StepOperand &operand : launch.operands) {
        auto index = static_cast<int32_t>(operand.index);
        switch (operand.kind) {
        case StepOperand::Kind::Binding: {
          Value at = LLVM::GEPOp::create(b, loc, ptr, ptr, bindings, ArrayRef<LLVM::GEPArg>{index});
          args.push_back(LLVM::LoadOp::create(b, loc, ptr, at));
          break;
        }
        case StepOperand::Kind::Scalar: {
          Value at = LLVM::GEPOp::create(b, loc, ptr, i64, scalars, ArrayRef<LLVM::GEPArg>{index});
          args.push_back(LLVM::LoadOp::create(b, loc, i64, at));
          break;
        }
        case StepOperand::Kind::Scratch:
          args.push_back(
              LLVM::GEPOp::create(b, loc, ptr, i8, scratch, ArrayRef<LLVM::GEPArg>{index}));
          break;
        }
      }
      if (args.size() != callee.getNumArguments())
        return scheduleError("dispatch kernels: @" + launch.function + " takes " +
                             Twine(callee.getNumArguments()) + " arguments, the launch maps " +
                             Twine(args.size()));
      LLVM::CallOp::create(b, loc, callee, args);
    }
    LLVM::ReturnOp::create(b, loc, ValueRange{});
  }
  return llvm::Error::success();
}

llvm::Expected<llvm::json::Array> manifestLaunches(ModuleOp gpuSchedules,
                                                   llvm::ArrayRef<DispatchLaunch> launches,
                                                   llvm::ArrayRef<KernelResources> resources) {
  llvm::Expected<std::vector<LaunchDescription>> described = describeLaunches(gpuSchedules);
  if (!described)
    return described.takeError();
  llvm::StringMap<const LaunchDescription *> byFunction;
  for (const LaunchDescription &d : *described)
    byFunction[d.function] = &d;
  llvm::json::Array entries;
  for (const DispatchLaunch &launch : launches) {
    const LaunchDescription *d = byFunction.lookup(launch.function);
    if (!d)
      return scheduleError("dispatch kernels: @" + launch.function + " launches no kernel");
    const KernelResources *r = nullptr;
    for (const KernelResources &k : resources)
      if (k.kernel == d->symbol)
        r = &k;
    if (!r)
      return scheduleError("dispatch kernels: the binary reports nothing for " + d->symbol);
    llvm::Expected<llvm::json::Object> entry =
        manifestLaunch(*d, launch.kernel, launch.operands, r);
    if (!entry)
      return entry.takeError();
    entries.push_back(std::move(*entry));
  }
  return entries;
}

} // namespace sinkc::gpu
