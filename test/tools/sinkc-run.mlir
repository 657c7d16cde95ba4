// `sinkc run` on the toy package of sinkrt-toy-package (a hand-written model
// with vocabulary 8 whose tokens are the bytes of "he! \n", 0xC3 and 0xA9, and
// "<|end|>"; test/runtime/toy/ToyPackageTool.cpp). Greedy output must equal
// what test/runtime/toy_reference.py computes without the runtime, and the
// pinned CHECK lines say what that is.

// RUN: sinkrt-toy-package %t.pkg
// RUN: sinkrt-toy-package %t.stream.pkg --streaming
// RUN: sinkrt-toy-package %t.eos.pkg --eos 4
// RUN: sinkrt-toy-package %t.bos.pkg --bos 0

// Greedy: "e!" continues with "é" (tokens 0xC3 then 0xA9), two spaces, "!"s.
// RUN: sinkc run %t.pkg --prompt 'e!' -n 8 --temp 0 > %t.greedy 2> %t.greedy.err
// RUN: %python %sinkc_src_root/test/runtime/toy_reference.py generate --prompt 'e!' -n 8 > %t.greedy.want
// RUN: diff %t.greedy.want %t.greedy
// RUN: FileCheck %s --check-prefix=GREEDY --strict-whitespace < %t.greedy
// GREEDY: {{^}}é  !!!!{{$}}
// RUN: FileCheck %s --check-prefix=STATS < %t.greedy.err
// STATS:      prompt tokens: 2
// STATS-NEXT: generated tokens: 8
// STATS-NEXT: stopped by: token limit (-n)
// STATS-NEXT: prefill: 2 tokens in {{[0-9]+\.[0-9][0-9][0-9]}} s
// STATS-NEXT: decode: 7 tokens in {{[0-9]+\.[0-9][0-9][0-9]}} s
// STATS-NOT:  seed

// The ids instead of the text.
// RUN: sinkc run %t.pkg --prompt 'e!' -n 8 --temp 0 --ids 2>/dev/null | FileCheck %s --check-prefix=IDS --match-full-lines
// IDS: 3 1 4 4 2 2 2 2

// A full-attention context of 16 fills after 2 + 14 tokens; the 15th is
// sampled from the last logits. --ctx 8 fills sooner.
// RUN: sinkc run %t.pkg --prompt 'e!' -n 30 --temp 0 > %t.full 2> %t.full.err
// RUN: %python %sinkc_src_root/test/runtime/toy_reference.py generate --prompt 'e!' -n 30 > %t.full.want
// RUN: diff %t.full.want %t.full
// RUN: FileCheck %s --check-prefix=FULL < %t.full.err
// FULL:      generated tokens: 15
// FULL-NEXT: stopped by: context full (--ctx)
// RUN: sinkc run %t.pkg --prompt 'e!' -n 30 --temp 0 --ctx 8 > %t.ctx8 2> %t.ctx8.err
// RUN: %python %sinkc_src_root/test/runtime/toy_reference.py generate --prompt 'e!' -n 30 --ctx 8 > %t.ctx8.want
// RUN: diff %t.ctx8.want %t.ctx8
// RUN: FileCheck %s --check-prefix=CTX8 < %t.ctx8.err
// CTX8: generated tokens: 7

// A stop string is not printed, and text that may start one is held back
// until decided: the first space is printed, the second is the start of " !".
// RUN: sinkc run %t.pkg --prompt 'e!' -n 30 --temp 0 --stop ' !' --stop 'xyz' > %t.stop 2> %t.stop.err
// RUN: %python %sinkc_src_root/test/runtime/toy_reference.py generate --prompt 'e!' -n 30 --stop ' !' --stop xyz > %t.stop.want
// RUN: diff %t.stop.want %t.stop
// RUN: FileCheck %s --check-prefix=STOP --strict-whitespace < %t.stop
// STOP: {{^}}é {{$}}
// RUN: FileCheck %s --check-prefix=STOPSTATS < %t.stop.err
// STOPSTATS:      generated tokens: 5
// STOPSTATS-NEXT: stopped by: stop string
// Held-back text that never becomes a stop string is printed in the end
// (here the second space).
// RUN: sinkc run %t.pkg --prompt 'e!' -n 4 --temp 0 --stop ' !' 2>/dev/null | FileCheck %s --check-prefix=NOSTOP --strict-whitespace
// NOSTOP: {{^}}é  {{$}}

// EOS (here the space, id 4) ends generation and is not printed.
// RUN: sinkc run %t.eos.pkg --prompt 'e!' -n 30 --temp 0 > %t.eos 2> %t.eos.err
// RUN: %python %sinkc_src_root/test/runtime/toy_reference.py generate --prompt 'e!' -n 30 --eos 4 > %t.eos.want
// RUN: diff %t.eos.want %t.eos
// RUN: FileCheck %s --check-prefix=EOS < %t.eos.err
// EOS:      prompt tokens: 2
// EOS-NEXT: generated tokens: 2
// EOS-NEXT: stopped by: end of sequence

// BOS (id 0, "h") is prepended when the package asks, unless --no-bos.
// RUN: sinkc run %t.bos.pkg --prompt 'e!' -n 10 --temp 0 > %t.bos 2> %t.bos.err
// RUN: %python %sinkc_src_root/test/runtime/toy_reference.py generate --prompt 'e!' -n 10 --bos 0 > %t.bos.want
// RUN: diff %t.bos.want %t.bos
// RUN: FileCheck %s --check-prefix=BOS < %t.bos.err
// BOS: prompt tokens: 3
// RUN: sinkc run %t.bos.pkg --prompt 'e!' -n 8 --temp 0 --no-bos > %t.nobos 2> %t.nobos.err
// RUN: diff %t.greedy %t.nobos
// RUN: FileCheck %s --check-prefix=NOBOS < %t.nobos.err
// NOBOS: prompt tokens: 2

// --prompt-file reads the prompt as it is (here with a newline).
// RUN: printf 'he!\n' > %t.prompt
// RUN: sinkc run %t.pkg --prompt-file %t.prompt -n 12 --temp 0 > %t.file 2>/dev/null
// RUN: %python %sinkc_src_root/test/runtime/toy_reference.py generate --prompt-file %t.prompt -n 12 > %t.file.want
// RUN: diff %t.file.want %t.file

// A streaming (sinks + window) package takes a prompt longer than the
// context.
// RUN: sinkc run %t.stream.pkg --prompt 'hhhhhhhhhhhhhhhhhhhh' -n 12 --temp 0 > %t.stream 2>/dev/null
// RUN: %python %sinkc_src_root/test/runtime/toy_reference.py generate --streaming --prompt 'hhhhhhhhhhhhhhhhhhhh' -n 12 > %t.stream.want
// RUN: diff %t.stream.want %t.stream

// Sampling depends only on the logits and the seed: the same tokens at 1, 2
// and 3 threads, other tokens for another seed (a package without EOS, so
// that all 40 tokens are drawn).
// RUN: sinkrt-toy-package %t.noeos.pkg --streaming --eos -1
// RUN: sinkc run %t.noeos.pkg --prompt 'he' -n 40 --temp 1.5 --top-k 0 --top-p 1 --seed 7 --threads 1 --ids > %t.seed1 2> %t.seed.err
// RUN: sinkc run %t.noeos.pkg --prompt 'he' -n 40 --temp 1.5 --top-k 0 --top-p 1 --seed 7 --threads 2 --ids > %t.seed2 2>/dev/null
// RUN: sinkc run %t.noeos.pkg --prompt 'he' -n 40 --temp 1.5 --top-k 0 --top-p 1 --seed 7 --threads 3 --ids > %t.seed3 2>/dev/null
// RUN: sinkc run %t.noeos.pkg --prompt 'he' -n 40 --temp 1.5 --top-k 0 --top-p 1 --seed 8 --threads 1 --ids > %t.seed8 2>/dev/null
// RUN: diff %t.seed1 %t.seed2
// RUN: diff %t.seed1 %t.seed3
// RUN: not diff %t.seed1 %t.seed8
// RUN: FileCheck %s --check-prefix=SEED < %t.seed.err
// SEED: generated tokens: 40
// SEED: seed: 7
// The same for the text, with the default top-k and top-p.
// RUN: sinkc run %t.noeos.pkg --prompt 'he' -n 40 --seed 9 --threads 1 > %t.text1 2>/dev/null
// RUN: sinkc run %t.noeos.pkg --prompt 'he' -n 40 --seed 9 --threads 2 > %t.text2 2>/dev/null
// RUN: diff %t.text1 %t.text2
// Top-k 1 is greedy whatever the temperature.
// RUN: sinkc run %t.pkg --prompt 'e!' -n 8 --temp 5 --top-k 1 --seed 3 2>/dev/null > %t.topk1
// RUN: diff %t.greedy %t.topk1
