// Bad input to `sinkc compile` is one clear line on stderr naming what and
// where, exit code 1, never a crash (`not` fails on a crash), and no output
// file left behind.

// An unknown flag names itself.
// RUN: not sinkc compile %s -o %t.pkg --bogus 2>&1 | FileCheck %s --check-prefix=FLAG
// FLAG: Unknown command line argument '--bogus'

// A missing model.
// RUN: not sinkc compile %t.missing.gguf -o %t.pkg 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: sinkc compile: {{.*}}missing.gguf: {{.*}}No such file or directory

// A truncated GGUF: the magic and version, then nothing.
// RUN: printf 'GGUF\003\000\000\000' > %t.short.gguf
// RUN: not sinkc compile %t.short.gguf -o %t.pkg 2>&1 | FileCheck %s --check-prefix=SHORT
// SHORT: sinkc compile: {{.*}}short.gguf: {{.*}}
// RUN: not test -e %t.pkg

// Options out of range.
// RUN: not sinkc compile %s -o %t.pkg -O7 2>&1 | FileCheck %s --check-prefix=OPT
// OPT: sinkc compile: -O7: the level must be 0, 1, 2 or 3
// RUN: not sinkc compile %s -o %t.pkg --mass-positions 0 2>&1 | FileCheck %s --check-prefix=MASS
// MASS: sinkc compile: --mass-positions must be at least 1, got 0
// RUN: not sinkc compile %s -o %t.pkg --emit=exe 2>&1 | FileCheck %s --check-prefix=EMIT
// EMIT: Cannot find option named 'exe'
// RUN: not sinkc compile %s -o %t.pkg --activations=int4 2>&1 | FileCheck %s --check-prefix=ACT
// ACT: Cannot find option named 'int4'

// An unknown chip, a bad GPU context, a bad policy, a cache type without
// kernels.
// RUN: printf 'GGUF\003\000\000\000' > %t.any.gguf
// RUN: not sinkc compile %t.any.gguf -o %t.pkg --target cpu,cuda:sm_90 --gpu-max-context -1 2>&1 | FileCheck %s --check-prefix=GPUCTX
// GPUCTX: sinkc compile: --gpu-max-context must be 1..16777216 (or 0 for the model's), got -1
// RUN: not sinkc compile %t.any.gguf -o %t.pkg --target cuda:sm_75 2>&1 | FileCheck %s --check-prefix=CHIP
// CHIP: sinkc compile: --target: unknown cuda chip 'sm_75' in 'cuda:sm_75' (supported: sm_80, sm_86, sm_90, sm_100, sm_120)
// RUN: not sinkc compile %t.any.gguf -o %t.pkg --kv-policy sinks=4 2>&1 | FileCheck %s --check-prefix=POLICY
// POLICY: sinkc compile: {{.*}}sinks=4
// RUN: not sinkc compile %t.any.gguf -o %t.pkg --kv-type bf16 2>&1 | FileCheck %s --check-prefix=KVTYPE
// KVTYPE: sinkc compile: --kv-type bf16: the CPU kernels take f16 or f32 caches
