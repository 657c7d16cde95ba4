// Without a GPU driver, `sinkc run --device cuda|hip` is a clear error and
// exit code 1 (the runtime loads drivers at run time; nothing links them).
// REQUIRES: no-gpu-driver
// RUN: sinkrt-toy-package %t.pkg
// RUN: not sinkc run %t.pkg --device cuda --prompt he 2>&1 | FileCheck %s --check-prefix=CUDA
// CUDA: sinkc run: no CUDA driver: dlopen(libcuda.so.1) failed:
// RUN: not sinkc run %t.pkg --device hip --prompt he 2>&1 | FileCheck %s --check-prefix=HIP
// HIP: sinkc run: no HIP runtime:
// RUN: not sinkc run %t.pkg --device tpu --prompt he 2>&1 | FileCheck %s --check-prefix=TPU
// TPU: sinkc run: {{.*}}tpu
