// Bad input to `sinkc run` is one clear line on stderr naming what and
// where, exit code 1, never a crash (`not` fails on a crash).

// RUN: sinkrt-toy-package %t.pkg
// RUN: sinkrt-toy-package %t.cpu.pkg --cpu-features sse2,sinkc-test-missing-feature

// An unknown flag names itself.
// RUN: not sinkc run %t.pkg --prompt he --bogus 2>&1 | FileCheck %s --check-prefix=FLAG
// FLAG: Unknown command line argument '--bogus'

// A missing package.
// RUN: not sinkc run %t.missing.pkg --prompt he 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: sinkc run: {{.*}}missing.pkg: cannot open: No such file or directory

// A directory is not a package.
// RUN: mkdir -p %t.dir
// RUN: not sinkc run %t.dir --prompt he 2>&1 | FileCheck %s --check-prefix=DIR
// DIR: sinkc run: {{.*}}.dir: not a regular file

// A truncated package: cut inside the header, and after it.
// RUN: head -c 40 %t.pkg > %t.short.pkg
// RUN: not sinkc run %t.short.pkg --prompt he 2>&1 | FileCheck %s --check-prefix=SHORT
// SHORT: sinkc run: {{.*}}.short.pkg: byte 0: file is 40 bytes, shorter than the 64-byte header
// RUN: head -c 1000 %t.pkg > %t.trunc.pkg
// RUN: not sinkc run %t.trunc.pkg --prompt he 2>&1 | FileCheck %s --check-prefix=TRUNC
// TRUNC: sinkc run: {{.*}}.trunc.pkg: byte 1000: file is truncated: the header says {{[0-9]+}} bytes, the file has 1000

// A corrupt magic.
// RUN: printf 'NOTAPKG!' > %t.magic.pkg
// RUN: tail -c +9 %t.pkg >> %t.magic.pkg
// RUN: not sinkc run %t.magic.pkg --prompt he 2>&1 | FileCheck %s --check-prefix=MAGIC
// MAGIC: sinkc run: {{.*}}.magic.pkg: byte 0: not a sinkc package (bad magic)

// A package needing a CPU feature this host lacks.
// RUN: not sinkc run %t.cpu.pkg --prompt he 2>&1 | FileCheck %s --check-prefix=CPU
// CPU: sinkc run: {{.*}}.cpu.pkg: the package needs CPU features this host lacks: sinkc-test-missing-feature (manifest field "cpu_features")

// A prompt longer than a full-attention context (the model's 16, or --ctx).
// RUN: not sinkc run %t.pkg --prompt hhhhhhhhhhhhhhhhhhhh 2>&1 | FileCheck %s --check-prefix=LONG
// LONG: sinkc run: prompt has 20 tokens, context is 16
// RUN: not sinkc run %t.pkg --prompt hhhhhhhhhh --ctx 8 2>&1 | FileCheck %s --check-prefix=LONG8
// LONG8: sinkc run: prompt has 10 tokens, context is 8
// A context above the model's.
// RUN: not sinkc run %t.pkg --prompt he --ctx 17 2>&1 | FileCheck %s --check-prefix=CTX
// CTX: sinkc run: {{.*}}.pkg: context 17 is more than the model's context of 16 (manifest field "model.context")

// No prompt, two prompts, an empty one, a missing prompt file.
// RUN: not sinkc run %t.pkg 2>&1 | FileCheck %s --check-prefix=NOPROMPT
// NOPROMPT: sinkc run: no prompt: give --prompt TEXT or --prompt-file FILE
// RUN: not sinkc run %t.pkg --prompt he --prompt-file %t.pkg 2>&1 | FileCheck %s --check-prefix=TWO
// TWO: sinkc run: give --prompt or --prompt-file, not both
// RUN: not sinkc run %t.pkg --prompt '' 2>&1 | FileCheck %s --check-prefix=EMPTY
// EMPTY: sinkc run: the prompt has no tokens (an empty prompt and no BOS)
// RUN: not sinkc run %t.pkg --prompt-file %t.nofile 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: sinkc run: cannot read --prompt-file file '{{.*}}.nofile': No such file or directory

// Values out of range.
// RUN: not sinkc run %t.pkg --prompt he --temp -1 2>&1 | FileCheck %s --check-prefix=TEMP
// TEMP: sinkc run: --temp must be a finite number >= 0 (0 = greedy), got -1
// RUN: not sinkc run %t.pkg --prompt he --temp nan 2>&1 | FileCheck %s --check-prefix=TEMPNAN
// TEMPNAN: sinkc run: --temp must be a finite number >= 0 (0 = greedy), got nan
// RUN: not sinkc run %t.pkg --prompt he --top-p 2 2>&1 | FileCheck %s --check-prefix=TOPP
// TOPP: sinkc run: --top-p must be in (0, 1] (1 = all tokens), got 2
// RUN: not sinkc run %t.pkg --prompt he --top-p 0 2>&1 | FileCheck %s --check-prefix=TOPP0
// TOPP0: sinkc run: --top-p must be in (0, 1] (1 = all tokens), got 0
// RUN: not sinkc run %t.pkg --prompt he --top-k -1 2>&1 | FileCheck %s --check-prefix=TOPK
// TOPK: sinkc run: --top-k must be in [0, 2^31-1] (0 = all tokens), got -1
// RUN: not sinkc run %t.pkg --prompt he --repeat-penalty 0 2>&1 | FileCheck %s --check-prefix=PENALTY
// PENALTY: sinkc run: --repeat-penalty must be a finite number > 0 (1 = off), got 0
// RUN: not sinkc run %t.pkg --prompt he -n -1 2>&1 | FileCheck %s --check-prefix=N
// N: sinkc run: -n must be >= 0, got -1
// RUN: not sinkc run %t.pkg --prompt he --ctx -4 2>&1 | FileCheck %s --check-prefix=NEGCTX
// NEGCTX: sinkc run: --ctx must be >= 0 (0: the model's context), got -4
// RUN: not sinkc run %t.pkg --prompt he --threads 2000 2>&1 | FileCheck %s --check-prefix=THREADS
// THREADS: sinkc run: --threads must be in [0, 1024] (0: every hardware thread), got 2000
// RUN: not sinkc run %t.pkg --prompt he --stop '' 2>&1 | FileCheck %s --check-prefix=STOP
// STOP: sinkc run: --stop needs a non-empty text
// Not a number at all: llvm::cl names the option.
// RUN: not sinkc run %t.pkg --prompt he --temp abc 2>&1 | FileCheck %s --check-prefix=NAN
// NAN: for the --temp option: 'abc' value invalid for floating point argument!
// RUN: not sinkc run %t.pkg --prompt he --seed -3 2>&1 | FileCheck %s --check-prefix=SEED
// SEED: for the --seed option: '-3' value invalid for {{.*}}argument!
