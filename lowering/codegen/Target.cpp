//===- Target.cpp - x86-64 TargetMachine for sinkc's codegen --------------===//

#include "Target.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/CodeGen.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/TargetParser/X86TargetParser.h"

#include <mutex>

// Only X86 is initialized: InitializeAll* would register every backend of
// libLLVM for nothing.
extern "C" {
void LLVMInitializeX86TargetInfo();
void LLVMInitializeX86Target();
void LLVMInitializeX86TargetMC();
void LLVMInitializeX86AsmPrinter();
}

using namespace llvm;

namespace sinkc::codegen {
namespace {

constexpr const char *kTriple = "x86_64-unknown-linux-gnu";

const Target &x86Target() {
  static std::once_flag once;
  std::call_once(once, [] {
    LLVMInitializeX86TargetInfo();
    LLVMInitializeX86Target();
    LLVMInitializeX86TargetMC();
    LLVMInitializeX86AsmPrinter();
  });
  std::string error;
  const Target *target = TargetRegistry::lookupTarget(Triple(kTriple), error);
  // Registered just above: a failure here is a broken LLVM install.
  if (!target)
    report_fatal_error(Twine("x86_64 target missing from LLVM: ") + error);
  return *target;
}

std::string hostFeatureString() {
  SmallVector<std::string, 64> features;
  for (const auto &feature : sys::getHostCPUFeatures())
    features.push_back((feature.second ? "+" : "-") + feature.first().str());
  llvm::sort(features);
  return join(features, ",");
}

/// Every +x / -x of `features` must be a feature LLVM's X86 backend knows:
/// LLVM itself would only print a warning and ignore it.
Error checkFeatures(StringRef features) {
  if (features.empty())
    return Error::success();
  std::unique_ptr<MCSubtargetInfo> sti(
      x86Target().createMCSubtargetInfo(Triple(kTriple), "x86-64", ""));
  SmallVector<StringRef> items;
  features.split(items, ',', -1, /*KeepEmpty=*/false);
  for (StringRef item : items) {
    item = item.trim();
    StringRef name = item.drop_front();
    bool known = llvm::any_of(
        sti->getAllProcessorFeatures(),
        [&](const SubtargetFeatureKV &kv) { return name == kv.Key; });
    if ((!item.starts_with("+") && !item.starts_with("-")) || !known)
      return createStringError(
          "unknown x86-64 CPU feature '" + item +
          "' (expected +name or -name with an LLVM feature name, e.g. "
          "+avx512f)");
  }
  return Error::success();
}

CodeGenOptLevel codegenLevel(unsigned optLevel) {
  switch (optLevel) {
  case 0:
    return CodeGenOptLevel::None;
  case 1:
    return CodeGenOptLevel::Less;
  case 2:
    return CodeGenOptLevel::Default;
  default:
    return CodeGenOptLevel::Aggressive;
  }
}

} // namespace

Expected<ResolvedTarget> resolveTarget(const CodegenOptions &options) {
  if (options.optLevel > 3)
    return createStringError("optimization level " + Twine(options.optLevel) +
                             " is not 0..3");
  if (Error error = checkFeatures(options.features))
    return std::move(error);
  ResolvedTarget resolved;
  if (options.cpu == "host") {
    resolved.cpu = sys::getHostCPUName().str();
    resolved.features = hostFeatureString();
  } else {
    if (X86::parseArchX86(options.cpu, /*Only64Bit=*/true) == X86::CK_None)
      return createStringError(
          "unknown CPU '" + options.cpu +
          "' (expected host or an LLVM x86-64 CPU name such as x86-64-v3, "
          "x86-64-v4, znver4)");
    resolved.cpu = options.cpu;
  }
  // Later entries win in LLVM's feature strings: the extras go last.
  if (!options.features.empty()) {
    if (!resolved.features.empty())
      resolved.features += ",";
    resolved.features += options.features;
  }
  return resolved;
}

Expected<std::unique_ptr<TargetMachine>>
createTargetMachine(const CodegenOptions &options) {
  Expected<ResolvedTarget> resolved = resolveTarget(options);
  if (!resolved)
    return resolved.takeError();
  TargetOptions targetOptions;
  std::unique_ptr<TargetMachine> machine(x86Target().createTargetMachine(
      Triple(kTriple), resolved->cpu, resolved->features, targetOptions,
      Reloc::PIC_, std::nullopt, codegenLevel(options.optLevel)));
  if (!machine)
    return createStringError("cannot create a target machine for CPU '" +
                             resolved->cpu + "'");
  return machine;
}

std::vector<std::string> requiredFeatures(const CodegenOptions &options) {
  StringMap<bool> enabled;
  // TargetParser lists a CPU's own features; what they imply (avx512bw ->
  // avx512f -> avx2 ...) and the x86-64 baseline must be added.
  auto enable = [&](StringRef feature) {
    enabled[feature] = true;
    X86::updateImpliedFeatures(feature, true, enabled);
  };
  bool host = options.cpu == "host";
  if (!host &&
      X86::parseArchX86(options.cpu, /*Only64Bit=*/true) == X86::CK_None)
    return {};
  // The x86-64 psABI baseline, which neither list below states in full.
  for (StringRef feature : {"cmov", "cx8", "fxsr", "mmx", "sse", "sse2", "x87"})
    enable(feature);
  if (host) {
    for (const auto &feature : sys::getHostCPUFeatures())
      if (feature.second)
        enable(feature.first());
  } else {
    SmallVector<StringRef, 64> features;
    X86::getFeaturesForCPU(options.cpu, features);
    for (StringRef feature : features)
      enable(feature);
  }
  enabled.erase("64bit"); // a mode, not an extension to check for
  SmallVector<StringRef> extras;
  StringRef(options.features).split(extras, ',', -1, /*KeepEmpty=*/false);
  for (StringRef extra : extras) {
    extra = extra.trim();
    if (extra.size() < 2 || (extra[0] != '+' && extra[0] != '-'))
      continue;
    if (extra[0] == '+') {
      enable(extra.drop_front());
    } else {
      enabled[extra.drop_front()] = false;
      X86::updateImpliedFeatures(extra.drop_front(), false, enabled);
    }
  }
  std::vector<std::string> names;
  for (const auto &feature : enabled)
    if (feature.second)
      names.push_back(feature.first().str());
  llvm::sort(names);
  return names;
}

std::string microarchitectureLevel(const CodegenOptions &options) {
  std::vector<std::string> have = requiredFeatures(options);
  auto reaches = [&](StringRef level) {
    CodegenOptions levelOptions;
    levelOptions.cpu = level.str();
    return llvm::all_of(requiredFeatures(levelOptions),
                        [&](const std::string &feature) {
                          return llvm::is_contained(have, feature);
                        });
  };
  for (StringRef level : {"x86-64-v4", "x86-64-v3", "x86-64-v2"})
    if (reaches(level))
      return level.str();
  return "x86-64";
}

} // namespace sinkc::codegen
