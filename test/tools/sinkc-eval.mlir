// `sinkc eval` on the toy package of sinkrt-toy-package: the tokens scored
// and the perplexity equal a direct computation (test/runtime/toy_reference.py,
// the model in float64 without the runtime), for one window, several, a
// token limit, and a sinks + window cache; then the errors.

// RUN: sinkrt-toy-package %t.pkg
// RUN: sinkrt-toy-package %t.stream.pkg --streaming

// 17 tokens: "e!", "é" (2 tokens), two spaces, eleven "!" (the model's
// greedy continuation, so a low perplexity). Without --ctx the windows are
// the model's context (16 < 512): 16 tokens + 1 left over, too few to score.
// RUN: printf 'e!\303\251  !!!!!!!!!!!' > %t.txt
// RUN: sinkc eval %t.pkg --text %t.txt > %t.one
// RUN: FileCheck %s --check-prefix=ONE < %t.one
// ONE:      tokens scored: 15
// ONE-NEXT: windows: 1 of up to 16 tokens
// ONE-NEXT: perplexity: 9.1373
// ONE-NEXT: speed: 15 tokens in {{[0-9.]+}} s
// RUN: grep -E '^(tokens scored|perplexity):' %t.one > %t.one.got
// RUN: %python %sinkc_src_root/test/runtime/toy_reference.py perplexity --text %t.txt > %t.one.want
// RUN: diff %t.one.want %t.one.got

// Windows of 5: 5 + 5 + 5 + 2 tokens, 4 + 4 + 4 + 1 scored, each window
// from an empty cache.
// RUN: sinkc eval %t.pkg --text %t.txt --ctx 5 --threads 2 | FileCheck %s --check-prefix=FIVE
// FIVE:      tokens scored: 13
// FIVE-NEXT: windows: 4 of up to 5 tokens
// FIVE-NEXT: perplexity: 14.2314
// RUN: sinkc eval %t.pkg --text %t.txt --ctx 5 --json | FileCheck %s --check-prefix=JSON
// JSON: {"tokens_scored":13,"perplexity":14.2314{{[0-9]*}},"windows":4,"tokens_per_second":{{[0-9.e+]+}}}

// A text the model does not expect, and a token limit.
// RUN: printf 'he!\303\251  !!!!!!!!!\nhe! he!' > %t.other.txt
// RUN: sinkc eval %t.pkg --text %t.other.txt --ctx 6 | grep -E '^(tokens scored|perplexity):' > %t.six.got
// RUN: %python %sinkc_src_root/test/runtime/toy_reference.py perplexity --text %t.other.txt --ctx 6 > %t.six.want
// RUN: diff %t.six.want %t.six.got
// RUN: sinkc eval %t.pkg --text %t.other.txt --ctx 4 --max-tokens 11 | grep -E '^(tokens scored|perplexity):' > %t.limit.got
// RUN: %python %sinkc_src_root/test/runtime/toy_reference.py perplexity --text %t.other.txt --ctx 4 --max-tokens 11 > %t.limit.want
// RUN: diff %t.limit.want %t.limit.got
// RUN: FileCheck %s --check-prefix=LIMIT < %t.limit.got
// LIMIT: tokens scored: 8

// A streaming cache (sinks 2 + window 3) over windows of 16.
// RUN: sinkc eval %t.stream.pkg --text %t.other.txt --ctx 16 | grep -E '^(tokens scored|perplexity):' > %t.stream.got
// RUN: %python %sinkc_src_root/test/runtime/toy_reference.py perplexity --streaming --text %t.other.txt --ctx 16 > %t.stream.want
// RUN: diff %t.stream.want %t.stream.got

// Errors: one line naming what and where, exit code 1.
// RUN: not sinkc eval %t.pkg 2>&1 | FileCheck %s --check-prefix=NOTEXT
// NOTEXT: for the --text option: must be specified at least once!
// RUN: not sinkc eval %t.pkg --text %t.nofile 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: sinkc eval: cannot read --text file '{{.*}}.nofile': No such file or directory
// RUN: not sinkc eval %t.missing.pkg --text %t.txt 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: sinkc eval: {{.*}}missing.pkg: cannot open: No such file or directory
// RUN: head -c 500 %t.pkg > %t.trunc.pkg
// RUN: not sinkc eval %t.trunc.pkg --text %t.txt 2>&1 | FileCheck %s --check-prefix=TRUNC
// TRUNC: sinkc eval: {{.*}}.trunc.pkg: byte 500: file is truncated: the header says {{[0-9]+}} bytes, the file has 500
// RUN: not sinkc eval %t.pkg --text %t.txt --ctx 1 2>&1 | FileCheck %s --check-prefix=CTX1
// CTX1: sinkc eval: --ctx must be >= 2 (a window scores all its tokens but the first), got 1
// RUN: not sinkc eval %t.pkg --text %t.txt --ctx 32 2>&1 | FileCheck %s --check-prefix=CTX32
// CTX32: sinkc eval: {{.*}}.pkg: context 32 is more than the model's context of 16 (manifest field "model.context")
// RUN: not sinkc eval %t.pkg --text %t.txt --max-tokens -2 2>&1 | FileCheck %s --check-prefix=MAXTOK
// MAXTOK: sinkc eval: --max-tokens must be >= 0 (0: all), got -2
// RUN: not sinkc eval %t.pkg --text %t.txt --max-tokens 1 2>&1 | FileCheck %s --check-prefix=FEW
// FEW: sinkc eval: '{{.*}}.txt' has 1 token(s) to score; at least 2 are needed
// RUN: not sinkc eval %t.pkg --text %t.txt --threads -1 2>&1 | FileCheck %s --check-prefix=THREADS
// THREADS: sinkc eval: --threads must be in [0, 1024] (0: every hardware thread), got -1
// RUN: not sinkc eval %t.pkg --text %t.txt --bogus 2>&1 | FileCheck %s --check-prefix=FLAG
// FLAG: Unknown command line argument '--bogus'
