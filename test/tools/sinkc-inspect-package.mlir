// `sinkc inspect PKG.sinkpkg [--json]`: what a compiled package holds. The
// toy package of sinkrt-toy-package (test/runtime/toy/ToyPackageTool.cpp),
// a tiny model compiled by `sinkc compile`, the toy package with GPU kernel
// sections and a hand-written `gpu_launches` (written by
// test/python/test_inspect_package.py, which checks the occupancy of every
// launch against hand-computed values), and the errors.

// RUN: sinkrt-toy-package %t.pkg
// RUN: sinkc inspect %t.pkg | FileCheck %s --check-prefix=TOY
// TOY:      package: {{.*}}.pkg (format 1.0)
// TOY-NEXT: architecture: toy
// TOY-NEXT: model: layers 1, hidden 4, heads 1, kv_heads 1, head_dim 4, vocab 8, context 16
// TOY-NEXT: tokenizer: gpt2, pre-tokenizer gpt2 (0 regexes), bos none, eos 7, unk none, pad none, chat template none
// TOY-NEXT: kv cache: abi 1, 1 group
// TOY-NEXT:   group 0: full (slots: the session's context), 2 entries, head_dim 4, f32
// TOY-NEXT: cpu features: none
// TOY-NEXT: kernel sections: 1
// TOY-NEXT:   target format bytes
// TOY-NEXT:   cpu elf-shared-object {{[0-9]+}}
// TOY-NEXT: execution plan: 2 entries
// TOY-NEXT:   prefill: 3 steps, max_tokens 3, workspace 68 x tokens + 0 bytes (204 at max_tokens), scratch 64 bytes
// TOY-NEXT:   decode: 3 steps, max_tokens 1, workspace 68 bytes, scratch 64 bytes
// TOY-NEXT: tensors: 2 (256 bytes)
// TOY-NEXT:   f32 2 tensors 256 bytes
// TOY-NOT:  gpu

// The same facts as one JSON object.
// RUN: sinkc inspect %t.pkg --json | FileCheck %s --check-prefix=TOYJSON
// TOYJSON:      "execution_plan": [
// TOYJSON:          "entry": "prefill",
// TOYJSON-NEXT:     "max_tokens": 3,
// TOYJSON-NEXT:     "scratch_bytes": 64,
// TOYJSON-NEXT:     "steps": 3,
// TOYJSON:      "kernels": [
// TOYJSON-NEXT:   {
// TOYJSON-NEXT:     "format": "elf-shared-object",
// TOYJSON-NEXT:     "size": {{[0-9]+}},
// TOYJSON-NEXT:     "target": "cpu"
// TOYJSON-NOT:  "gpu_launches"

// A tiny llama compiled for the CPU.
// RUN: rm -rf %t.tiny && %python %sinkc_src_root/test/oracle/tiny_models.py %t.tiny --type q8_0 --name tiny > /dev/null
// RUN: sinkc compile %t.tiny/tiny.gguf -o %t.tiny.sinkpkg
// RUN: sinkc inspect %t.tiny.sinkpkg | FileCheck %s --check-prefix=TINY
// TINY:      architecture: llama "tiny"
// TINY-NEXT: model: layers 2, hidden 64, heads 4, kv_heads 2, head_dim 16, vocab {{[0-9]+}}, context {{[0-9]+}}
// TINY:      kv cache: abi 1, 1 group
// TINY:      kernel sections: 1
// TINY-NEXT:   target format bytes
// TINY-NEXT:   cpu{{[-_a-z0-9]*}} elf-shared-object {{[0-9]+}}
// TINY-NEXT: execution plan: 2 entries
// TINY-NEXT:   prefill: {{[1-9][0-9]*}} steps, max_tokens {{[0-9]+}}, workspace {{.*}}
// TINY-NEXT:   decode: {{[1-9][0-9]*}} steps, max_tokens 1, workspace {{.*}}
// TINY-NEXT: tensors: 21
// TINY-NOT:  gpu

// GPU kernel sections and launches (cuda-sm_90, hip-gfx942, hip-gfx1100).
// RUN: %python %sinkc_src_root/test/python/test_inspect_package.py gpu-package %t.pkg %t.gpu.sinkpkg
// RUN: sinkc inspect %t.gpu.sinkpkg | FileCheck %s --check-prefix=GPU
// GPU:      kernel sections: 4
// GPU-NEXT:   target format bytes
// GPU-NEXT:   cpu elf-shared-object {{[0-9]+}}
// GPU-NEXT:   cuda-sm_90 cubin 410
// GPU-NEXT:   hip-gfx942 hsaco 287
// GPU-NEXT:   hip-gfx1100 hsaco 287
// GPU:      gpu scratch: 4096 bytes
// GPU-NEXT: gpu max context: 16
// GPU-NEXT: gpu launches cuda-sm_90 (occupancy: estimated warps per SM of sm_90):
// GPU-NEXT:   kernel symbol grid block regs spills shared private occupancy
// GPU-NEXT:   toy_embed toy_embed_kernel 128x1x1 256x1x1 32 0 1028 0 64/64 100%
// GPU-NEXT:   toy_kv toy_kv_rows 4x1x1 256x1x1 168 0 0 0 8/64 12.5%
// GPU-NEXT:   toy_kv toy_kv_reduce 1x1x1 64x1x1 40 0 49152 0 8/64 12.5%
// GPU-NEXT:   toy_lm_head toy_lm_head_kernel 4x1x1 1024x1x1 64 16 0 24 32/64 50%
// GPU-NEXT:   summary: 4 launches, max registers 168, spills 16 bytes in 1 launch, private memory in 1 launch, lowest occupancy 12.5%
// GPU-NEXT: gpu launches hip-gfx942 (occupancy: estimated waves per CU of gfx942):
// GPU-NEXT:   kernel symbol grid block regs spills shared private occupancy
// GPU-NEXT:   toy_embed toy_embed_kernel 128x1x1 256x1x1 57 0 1028 0 32/32 100%
// GPU-NEXT:   toy_kv toy_kv_rows 4x1x1 256x1x1 65 0 0 0 28/32 87.5%
// GPU-NEXT:   toy_lm_head toy_lm_head_kernel 8x1x1 64x1x1 24 3 16384 0 4/32 12.5%
// GPU-NEXT:   summary: 3 launches, max registers 65, spills 3 registers in 1 launch, private memory none, lowest occupancy 12.5%
// GPU-NEXT: gpu launches hip-gfx1100 (occupancy: estimated waves per WGP of gfx1100):
// GPU-NEXT:   kernel symbol grid block regs spills shared private occupancy
// GPU-NEXT:   toy_embed toy_embed_kernel 128x1x1 256x1x1 100 0 0 0 48/64 75%
// GPU-NEXT:   toy_kv toy_kv_rows 4x1x1 64x1x1 20 0 32768 0 8/64 12.5%
// GPU-NEXT:   toy_lm_head toy_lm_head_kernel 4x1x1 1024x1x1 256 0 0 0 0/64 0% (does not fit)
// GPU-NEXT:   summary: 3 launches, max registers 256, spills none, private memory none, lowest occupancy 0%

// RUN: sinkc inspect %t.gpu.sinkpkg --json | FileCheck %s --check-prefix=GPUJSON
// GPUJSON:      "gpu_launches": {
// GPUJSON-NEXT:   "cuda-sm_90": {
// GPUJSON-NEXT:     "chip": "sm_90",
// GPUJSON-NEXT:     "launches": [
// GPUJSON-NEXT:       {
// GPUJSON-NEXT:         "arguments": 4,
// GPUJSON-NEXT:         "block": [
// GPUJSON:              "kernel": "toy_embed",
// GPUJSON-NEXT:         "occupancy": {
// GPUJSON-NEXT:           "active_waves": 64,
// GPUJSON-NEXT:           "blocks": 8,
// GPUJSON-NEXT:           "limited_by": [
// GPUJSON-NEXT:             "threads",
// GPUJSON-NEXT:             "registers"
// GPUJSON-NEXT:           ],
// GPUJSON-NEXT:           "max_waves": 64,
// GPUJSON-NEXT:           "per": "SM",
// GPUJSON-NEXT:           "percent": 100,
// GPUJSON-NEXT:           "waves_per_block": 8
// GPUJSON-NEXT:         },
// GPUJSON:              "shared_total_bytes": 1028,
// GPUJSON:          "summary": {
// GPUJSON-NEXT:       "any_private": true,
// GPUJSON-NEXT:       "any_spills": true,
// GPUJSON-NEXT:       "launches": 4,
// GPUJSON-NEXT:       "launches_with_private": 1,
// GPUJSON-NEXT:       "launches_with_spills": 1,
// GPUJSON-NEXT:       "lowest_occupancy_percent": 12.5,
// GPUJSON-NEXT:       "max_registers": 168,
// GPUJSON-NEXT:       "plan_kernels_without_launches": [],
// GPUJSON-NEXT:       "total_spills": 16
// GPUJSON:        "gpu_max_context": 16,
// GPUJSON-NEXT:   "gpu_scratch_bytes": 4096,

// Errors: one line naming the file and the reason, exit code 1.
// RUN: not sinkc inspect %t.missing.sinkpkg 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: sinkc inspect: {{.*}}missing.sinkpkg: cannot open: No such file or directory
// RUN: head -c 4096 %t.pkg > %t.short.sinkpkg
// RUN: not sinkc inspect %t.short.sinkpkg 2>&1 | FileCheck %s --check-prefix=SHORT
// SHORT: sinkc inspect: {{.*}}short.sinkpkg: byte 4096: file is truncated: the header says {{[0-9]+}} bytes, the file has 4096
// A package is recognized by its magic whatever its name, and its header
// checksum is checked.
// RUN: cp %t.pkg %t.renamed && printf 'X' | dd of=%t.renamed bs=1 seek=40 conv=notrunc 2>/dev/null
// RUN: not sinkc inspect %t.renamed 2>&1 | FileCheck %s --check-prefix=CORRUPT
// CORRUPT: sinkc inspect: {{.*}}renamed: byte {{[0-9]+}}: {{.*}}checksum
// Neither a model nor a package.
// RUN: echo 'not a model' > %t.txt
// RUN: not sinkc inspect %t.txt 2>&1 | FileCheck %s --check-prefix=NEITHER
// NEITHER: sinkc inspect: {{.*}}.txt: not a GGUF file
