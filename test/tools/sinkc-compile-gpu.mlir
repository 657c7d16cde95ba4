// The GPU build of a tiny q8_0 llama (hidden 64, 4 heads, 2 kv-heads,
// head_dim 16), stage by stage: the schedules generated from the dispatch
// functions, the kernels mapped and outlined into one gpu.module, PTX and
// AMDGCN; then the package's kernel sections and launch table.
// REQUIRES: ptxas, rocm-device-libs
// RUN: rm -rf %t.tiny && %python %sinkc_src_root/test/oracle/tiny_models.py %t.tiny --type q8_0 --name tiny > /dev/null
// RUN: sinkc compile %t.tiny/tiny.gguf --target cuda:sm_90 --prefill-chunk 4 --gpu-max-context 64 --emit gpu-schedules -o - | FileCheck %s --check-prefix=SCHED
// RUN: sinkc compile %t.tiny/tiny.gguf --target cuda:sm_90 --prefill-chunk 4 --gpu-max-context 64 --emit gpu-kernels -o - | FileCheck %s --check-prefix=KERNELS
// RUN: sinkc compile %t.tiny/tiny.gguf --target cuda:sm_80 --prefill-chunk 4 --gpu-max-context 64 --emit gpu-asm -o - | FileCheck %s --check-prefix=PTX
// RUN: sinkc compile %t.tiny/tiny.gguf --target rocm:gfx942 --prefill-chunk 4 --gpu-max-context 64 --emit gpu-asm -o - | FileCheck %s --check-prefix=GCN
// RUN: sinkc compile %t.tiny/tiny.gguf --target cpu,cuda:sm_90,rocm:gfx1100 --prefill-chunk 4 --gpu-max-context 64 -o %t.pkg
// RUN: sinkc inspect %t.pkg | FileCheck %s --check-prefix=PKG

// Each op of a dispatch is a schedule function for 4 tokens: the embedding
// gathers q8_0 rows (34-byte blocks); the q projection is a GEMV over
// 64 x 64 q8_0 (2 blocks a row: 4352 bytes); the attention reads the call's
// keys from its inputs and the group buffer (2 layers x 2 kv-heads = 4
// entries, 2 x 64 slots x 16) in one split of 64 keys, then appends.
// SCHED-LABEL: func.func @dispatch_0_embedding__0_embedding(%arg0: memref<21760xi8>, %arg1: memref<4xi32>, %arg2: index, %arg3: memref<4x64xf32>)
// SCHED: } {mapping = [#gpu.thread<x>]}
// SCHED: } {mapping = [#gpu.block<x>]}
// SCHED-LABEL: func.func @dispatch_1_rms_norm_linear_rope__0_rms_norm(%arg0: memref<4x64xf32>, %arg1: memref<64xf32>, %arg2: index, %arg3: memref<4x64xf32>)
// SCHED: memref.alloca() : memref<257xf32, #gpu.address_space<workgroup>>
// SCHED-LABEL: func.func @dispatch_1_rms_norm_linear_rope__1_gemv(%arg0: memref<4352xi8>, %arg1: memref<4x64xf32>, %arg2: index, %arg3: memref<4x64xf32>)
// SCHED-LABEL: func.func @dispatch_1_rms_norm_linear_rope__4_rope(%arg0: memref<4x4x16xf32>, %arg1: index, %arg2: index, %arg3: memref<4x4x16xf32>)
// SCHED-LABEL: func.func @dispatch_2_attention__0_split(%arg0: memref<4x4x16xf32>, %arg1: memref<4x2x16xf32>, %arg2: memref<4x2x16xf32>, %arg3: memref<8192xf16>, %arg4: index, %arg5: index, %arg6: index, %arg7: index, %arg8: memref<4x4x1xf32>, %arg9: memref<4x4x1xf32>, %arg10: memref<4x4x1x16xf32>)
// SCHED: } {mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]}
// SCHED-LABEL: func.func @dispatch_2_attention__0_append(%arg0: memref<4x2x16xf32>, %arg1: memref<4x2x16xf32>, %arg2: index, %arg3: index, %arg4: memref<8192xf16>, %arg5: index, %arg6: index)
// SCHED-LABEL: func.func @dispatch_2_attention__0_combine(%arg0: memref<4x4x1xf32>, %arg1: memref<4x4x1xf32>, %arg2: memref<4x4x1x16xf32>, %arg3: index, %arg4: memref<4x4x16xf32>)

// One launch per schedule function; the grid is the tokens compiled for
// (4) times the row tiles (64 rows / 4) or the (kv-head, split) blocks;
// every kernel in one gpu.module.
// KERNELS-LABEL: func.func @dispatch_1_rms_norm_linear_rope__1_gemv(
// KERNELS: gpu.launch_func  @sinkc_kernels::@dispatch_1_rms_norm_linear_rope__1_gemv_kernel blocks in (%c16, %c4, %c1) threads in (%c32, %c4, %c1)
// KERNELS-LABEL: func.func @dispatch_2_attention__0_split(
// KERNELS: gpu.launch_func  @sinkc_kernels::@dispatch_2_attention__0_split_kernel blocks in (%c1, %c2, %c4) threads in (%c64, %c2, %c1)
// KERNELS: gpu.module @sinkc_kernels {
// KERNELS: gpu.func @dispatch_0_embedding__0_embedding_kernel(
// KERNELS-SAME: kernel
// KERNELS: gpu.barrier
// KERNELS-NOT: gpu.module

// PTX: .target sm_80
// PTX: .visible .entry dispatch_0_embedding__0_embedding_kernel(
// PTX: .visible .entry dispatch_1_rms_norm_linear_rope__0_rms_norm_kernel(
// PTX: .shared .align 4 .b8 {{.*}}[1028];
// PTX: bar.sync 0;
// PTX: .visible .entry dispatch_2_attention__0_split_kernel(
// PTX: ex2.approx

// GCN: .amdgcn_target "amdgcn-amd-amdhsa--gfx942"
// GCN: .amdhsa_kernel dispatch_0_embedding__0_embedding_kernel
// GCN: .amdhsa_private_segment_fixed_size 0
// GCN: .amdhsa_kernel dispatch_2_attention__0_split_kernel
// GCN-NEXT: .amdhsa_group_segment_fixed_size 512
// GCN-NEXT: .amdhsa_private_segment_fixed_size 0

// PKG: kernel sections: 3
// PKG: cpu          elf-shared-object
// PKG: cuda-sm_90   cubin
// PKG: hip-gfx1100  hsaco
// PKG: gpu max context: 64
// PKG: gpu launches cuda-sm_90
// PKG: dispatch_0_embedding {{ *}}dispatch_0_embedding__0_embedding_kernel {{ *}}4x1x1 {{ *}}256x1x1
// PKG: dispatch_2_attention {{ *}}dispatch_2_attention__0_split_kernel {{ *}}1x2x4 {{ *}}64x2x1
// PKG: summary: {{[0-9]+}} launches, max registers {{[0-9]+}}, spills none, private memory none
// PKG: gpu launches hip-gfx1100
// PKG: summary: {{[0-9]+}} launches, max registers {{[0-9]+}}, spills none, private memory none
