// Bad input to sinkc-opt is a clear error with a non-zero exit, never a crash.

// MLIR 22.1's parser crashes on dense arrays of index; sinkc-opt reports them.
// RUN: printf 'func.func @f() attributes {\n  e = array<index: 0>} { return }\n' | not sinkc-opt 2>&1 | FileCheck %s --check-prefix=INDEX
// INDEX: <stdin>:2:7: error: dense arrays of index are not supported

// An unknown flag names itself.
// RUN: not sinkc-opt --tfm-no-such-pass %s 2>&1 | FileCheck %s --check-prefix=FLAG
// FLAG: Unknown command line argument '--tfm-no-such-pass'

// A missing file names itself.
// RUN: not sinkc-opt %t.does-not-exist.mlir 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: cannot open input file '{{.*}}does-not-exist.mlir'

// A truncated module is a parse error at its end.
// RUN: head -c 2000 %sinkc_src_root/examples/smollm2-135m.mlir | not sinkc-opt 2>&1 | FileCheck %s --check-prefix=TRUNC
// TRUNC: <stdin>:{{[0-9]+}}:{{[0-9]+}}: error:

// A tensor type whose element type fails to parse still reaches the encoding
// verifier (MLIR calls it with a null type): an error, not a crash.
// RUN: echo 'func.func @f(%%a: tensor<, #tfm.gguf<q8_0>>) { return }' | not sinkc-opt 2>&1 | FileCheck %s --check-prefix=NOELT
// NOELT: <stdin>:1:25: error: expected non-function type
