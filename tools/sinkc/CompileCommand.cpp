//===- CompileCommand.cpp - sinkc compile MODEL -o PKG --------------------===//

#include "Commands.h"

#include "sinkc/Lowering/CompileModel.h"

#include "llvm/Support/Process.h"
#include "llvm/Support/Timer.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

using namespace llvm;

namespace sinkc::cli {

cl::SubCommand compileCommand("compile",
                              "Compile a model (GGUF file or Hugging Face folder) to a .sinkpkg");

namespace {
cl::opt<std::string> modelPath(cl::Positional, cl::Required, cl::sub(compileCommand),
                               cl::desc("MODEL (.gguf file or checkpoint folder)"),
                               cl::value_desc("MODEL"));
cl::opt<std::string> outputPath("o", cl::Required, cl::sub(compileCommand),
                                cl::desc("Output file (the package, or what --emit asks for)"),
                                cl::value_desc("file"));
cl::opt<std::string> target("target", cl::sub(compileCommand), cl::init("cpu"),
                            cl::desc("Kernel targets, comma-separated: cpu, cuda:sm_80|sm_86|sm_90|sm_100|sm_120, rocm:gfx90a|gfx942|gfx1100 (default cpu)"),
                            cl::value_desc("targets"));
cl::opt<bool> emulateGpu("emulate-gpu", cl::sub(compileCommand),
                         cl::desc("Build the CPU kernels from the GPU schedules (one workgroup "
                                  "per dispatch): checks GPU numerics on any host"));
cl::opt<int64_t> gpuMaxContext("gpu-max-context", cl::sub(compileCommand), cl::init(0),
                               cl::desc("Most KV slots (session context) the GPU attention "
                                        "kernels take (default: the model's context length)"),
                               cl::value_desc("N"));
cl::opt<std::string> cpu("cpu", cl::sub(compileCommand), cl::init("native"),
                         cl::desc("CPU to generate code for: native (this machine's x86-64 "
                                  "level, default), host (this exact CPU), or an x86-64 name "
                                  "(x86-64-v3, x86-64-v4, znver4, ...)"),
                         cl::value_desc("name"));
cl::opt<unsigned> optLevel("O", cl::Prefix, cl::sub(compileCommand), cl::init(3),
                           cl::desc("Optimization level 0..3 (default 3)"), cl::value_desc("N"));
cl::opt<compiler::CompileOptions::Emit> emit(
    "emit", cl::sub(compileCommand), cl::init(compiler::CompileOptions::Emit::Pkg),
    cl::desc("What to write"),
    cl::values(clEnumValN(compiler::CompileOptions::Emit::Mlir, "mlir", "tfm module after dispatch outlining"),
               clEnumValN(compiler::CompileOptions::Emit::Llvm, "llvm", "optimized LLVM IR of the kernels"),
               clEnumValN(compiler::CompileOptions::Emit::Obj, "obj", "ELF object of the kernels"),
               clEnumValN(compiler::CompileOptions::Emit::Pkg, "pkg", "the .sinkpkg package (default)"),
               clEnumValN(compiler::CompileOptions::Emit::GpuSchedules, "gpu-schedules", "the GPU schedules of the dispatches (MLIR)"),
               clEnumValN(compiler::CompileOptions::Emit::GpuKernels, "gpu-kernels", "the GPU kernels, mapped and outlined into one gpu.module (MLIR)"),
               clEnumValN(compiler::CompileOptions::Emit::GpuAsm, "gpu-asm", "PTX or AMDGCN of the first GPU target")));
cl::opt<bool> taps("taps", cl::sub(compileCommand),
                   cl::desc("Keep per-layer hidden states and per-head attention mass on the "
                            "first --mass-positions positions for `sinkc run --dump`"));
cl::opt<int64_t> massPositions("mass-positions", cl::sub(compileCommand), cl::init(4),
                               cl::desc("Positions whose attention mass the taps report "
                                        "(default 4, the sink tokens)"),
                               cl::value_desc("N"));
cl::opt<int64_t> workgroups("workgroups", cl::sub(compileCommand), cl::init(4),
                            cl::desc("Most workgroups a dispatch is split into, for the "
                                     "runtime's threads (default 4)"),
                            cl::value_desc("N"));
cl::opt<bool> printIrAfterAll("print-ir-after-all", cl::sub(compileCommand),
                              cl::desc("Print the module after every pass (stderr)"));
cl::opt<std::string> kvPolicy("kv-policy", cl::sub(compileCommand),
                              cl::desc("KV-cache policy of every kv-head: full or "
                                       "sinks=N,window=W (default: the model's)"),
                              cl::value_desc("policy"));
enum class Activations { F32, Int8 };
cl::opt<Activations> activations(
    "activations", cl::sub(compileCommand), cl::init(Activations::F32),
    cl::desc("Activations of matmuls on q4_0 / q4_1 / q8_0 (and i4g32s_f16 / i4g32a_f16 / "
             "i8g32s_f16) weights"),
    cl::values(clEnumValN(Activations::F32, "f32", "f32 (default)"),
               clEnumValN(Activations::Int8, "int8",
                          "quantized to int8 per block of 32, integer dot products")));
cl::opt<std::string> kvType("kv-type", cl::sub(compileCommand), cl::init("f16"),
                            cl::desc("Element type of the KV cache: f16 or f32"),
                            cl::value_desc("type"));
cl::opt<int64_t> prefillChunk("prefill-chunk", cl::sub(compileCommand), cl::init(128),
                              cl::desc("Prompt tokens per prefill call (default 128)"),
                              cl::value_desc("N"));
} // namespace

int runCompile() {
  if (optLevel > 3) {
    errs() << "sinkc compile: -O" << optLevel << ": the level must be 0, 1, 2 or 3\n";
    return 1;
  }
  if (workgroups < 1 || workgroups > 1024) {
    errs() << "sinkc compile: --workgroups must be 1..1024, got " << workgroups << "\n";
    return 1;
  }
  if (gpuMaxContext < 0 || gpuMaxContext > (int64_t(1) << 24)) {
    errs() << "sinkc compile: --gpu-max-context must be 1..16777216 (or 0 for the model's), got "
           << gpuMaxContext << "\n";
    return 1;
  }
  if (massPositions < 1) {
    errs() << "sinkc compile: --mass-positions must be at least 1, got " << massPositions << "\n";
    return 1;
  }
  if (prefillChunk < 1 || prefillChunk > 4096) {
    errs() << "sinkc compile: --prefill-chunk must be 1..4096, got " << prefillChunk << "\n";
    return 1;
  }
  compiler::CompileOptions options;
  options.target = target;
  options.emulateGpu = emulateGpu;
  options.gpuMaxContext = gpuMaxContext;
  options.cpu = cpu;
  options.optLevel = optLevel;
  options.emit = emit;
  options.printIrAfterAll = printIrAfterAll;
  options.taps = taps;
  options.workgroups = workgroups;
  options.massPositions = massPositions;
  options.kvPolicy = kvPolicy;
  options.kvType = kvType;
  options.int8Activations = activations == Activations::Int8;
  options.prefillChunk = prefillChunk;
  // On a terminal, one status line that each stage overwrites.
  bool terminal = sys::Process::StandardErrIsDisplayed();
  auto start = std::chrono::steady_clock::now();
  if (terminal)
    options.progress = [&](StringRef stage) {
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      errs() << format("\r\x1b[K[%5.1fs] %s", seconds, stage.str().c_str());
    };
  std::string output = outputPath; // the option storage may not outlive option parsing
  Error error = compiler::compileModel(modelPath, output, options);
  if (terminal)
    errs() << "\r\x1b[K";
  if (error) {
    errs() << "sinkc compile: " << toString(std::move(error)) << "\n";
    return 1;
  }
  if (terminal) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    errs() << format("sinkc compile: wrote %s in %.1f s\n", outputPath.c_str(), seconds);
  }
  return 0;
}

} // namespace sinkc::cli
