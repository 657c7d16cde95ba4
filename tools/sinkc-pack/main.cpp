//===- main.cpp - sinkc-pack: a model as a .sinkpkg, without kernels -----===//
//
// A test helper (the real command is `sinkc compile`):
//   sinkc-pack MODEL -o OUT.sinkpkg [--kv-policy full|sinks=N,window=W]
//              [--kv-type f16|bf16|f32] [--cpu-features a,b,...]
//              [--execution-plan PLAN.json] [--kernel TARGET=FILE]...
// MODEL is a .gguf file or a Hugging Face checkpoint folder. The package
// holds the manifest, the tokenizer and every weight tensor in its stored
// encoding; by default no kernel sections and an empty execution plan.
// `--kernel` embeds FILE's bytes as the kernel section TARGET (format from
// the target's name: cpu* an ELF shared object), e.g. a hand-written test
// kernel library with a matching `--execution-plan`. Errors go to stderr
// with exit status 1.
//
//===----------------------------------------------------------------------===//

#include "ModelPackager.h"

#include "sinkc/Importers/ModelDescription.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace {

int fail(const Twine &message) {
  errs() << "sinkc-pack: " << message << "\n";
  return 1;
}

constexpr const char *kUsage =
    "usage: sinkc-pack MODEL -o OUT.sinkpkg [--kv-policy full|sinks=N,window=W] "
    "[--kv-type f16|bf16|f32] [--cpu-features a,b,...] [--execution-plan PLAN.json] "
    "[--kernel TARGET=FILE]...";

} // namespace

int main(int argc, char **argv) {
  std::string model, output;
  sinkc::package::PackageOptions options;
  for (int i = 1; i < argc; ++i) {
    StringRef a = argv[i];
    bool hasValue = i + 1 < argc;
    if (a == "-h" || a == "--help") {
      outs() << kUsage << "\n";
      return 0;
    } else if (a == "-o" && hasValue) {
      output = argv[++i];
    } else if (a == "--kv-policy" && hasValue) {
      Expected<sinkc::package::KvPolicyOption> p = sinkc::package::parseKvPolicy(argv[++i]);
      if (!p)
        return fail(toString(p.takeError()));
      options.kvPolicy = *p;
    } else if (a == "--kv-type" && hasValue) {
      options.kvElementType = argv[++i];
    } else if (a == "--cpu-features" && hasValue) {
      SmallVector<StringRef> names;
      StringRef(argv[++i]).split(names, ',', -1, /*KeepEmpty=*/false);
      for (StringRef n : names)
        options.cpuFeatures.push_back(n.str());
    } else if (a == "--execution-plan" && hasValue) {
      // Test hook until `sinkc compile` exists: a plan JSON file (e.g. from
      // sinkc-opt --tfm-print-execution-plan) instead of the empty plan.
      ErrorOr<std::unique_ptr<MemoryBuffer>> plan = MemoryBuffer::getFile(argv[++i]);
      if (!plan)
        return fail(Twine(argv[i]) + ": " + plan.getError().message());
      options.executionPlanJson = (*plan)->getBuffer().str();
    } else if (a == "--kernel" && hasValue) {
      // Test hook as well: a kernel blob (e.g. the runtime tests' toy
      // kernels) for the plan above to call.
      auto [target, file] = StringRef(argv[++i]).split('=');
      if (target.empty() || file.empty())
        return fail(Twine("--kernel expects TARGET=FILE, got '") + argv[i] + "'");
      ErrorOr<std::unique_ptr<MemoryBuffer>> blob = MemoryBuffer::getFile(file);
      if (!blob)
        return fail(file + ": " + blob.getError().message());
      sinkc::package::KernelBlob kernel;
      kernel.target = target.str();
      kernel.bytes.assign((*blob)->getBufferStart(), (*blob)->getBufferEnd());
      options.kernels.push_back(std::move(kernel));
    } else if (a.starts_with("-") || !model.empty()) {
      return fail(Twine("unexpected argument '") + a + "'\n" + kUsage);
    } else {
      model = a.str();
    }
  }
  if (model.empty() || output.empty())
    return fail(kUsage);

  Expected<sinkc::import::ModelDescription> desc = sinkc::import::describeModel(model);
  if (!desc)
    return fail(toString(desc.takeError()));
  if (Error e = sinkc::package::writeModelPackage(*desc, options, output))
    return fail(toString(std::move(e)));
  return 0;
}
