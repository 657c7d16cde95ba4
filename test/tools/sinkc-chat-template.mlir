// `sinkc run --chat` recognizes the template family from the model's
// template string (as llama.cpp's built-in list does) and wraps the prompt
// as one user turn; --verbose-prompt shows what the model gets. A model
// without a template, or with one sinkc does not know, is a clear error.

// RUN: sinkrt-toy-package %t.none.pkg
// RUN: not sinkc run %t.none.pkg --chat --prompt he 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: sinkc run: --chat: the model has no chat template; use --prompt

// RUN: sinkrt-toy-package %t.odd.pkg --chat-template "{{ messages[0].content }} ###"
// RUN: not sinkc run %t.odd.pkg --chat --prompt he 2>&1 | FileCheck %s --check-prefix=ODD
// ODD: sinkc run: --chat: the model's chat template is not one sinkc recognizes (chatml, llama3, llama2, mistral, gemma); use --prompt

// RUN: sinkrt-toy-package %t.chatml.pkg --context 128 --chat-template "{{'<|im_start|>' + message['role']}}"
// RUN: sinkc run %t.chatml.pkg --chat --system sys --prompt he -n 1 --temp 0 --verbose-prompt 2>&1 >/dev/null | FileCheck %s --check-prefix=CHATML
// CHATML: prompt: <|im_start|>system
// CHATML-NEXT: sys<|im_end|>
// CHATML-NEXT: <|im_start|>user
// CHATML-NEXT: he<|im_end|>
// CHATML-NEXT: <|im_start|>assistant

// RUN: sinkrt-toy-package %t.l3.pkg --context 128 --chat-template "<|start_header_id|>{{ role }}<|end_header_id|>"
// RUN: sinkc run %t.l3.pkg --chat --prompt he -n 1 --temp 0 --verbose-prompt 2>&1 >/dev/null | FileCheck %s --check-prefix=LLAMA3
// LLAMA3: prompt: <|start_header_id|>user<|end_header_id|>
// LLAMA3-EMPTY:
// LLAMA3-NEXT: he<|eot_id|><|start_header_id|>assistant<|end_header_id|>

// RUN: sinkrt-toy-package %t.l2.pkg --context 128 --chat-template "[INST] <<SYS>>{{ s }}<</SYS>>"
// RUN: sinkc run %t.l2.pkg --chat --system sys --prompt he -n 1 --temp 0 --verbose-prompt 2>&1 >/dev/null | FileCheck %s --check-prefix=LLAMA2
// LLAMA2: prompt: [INST] <<SYS>>
// LLAMA2-NEXT: sys
// LLAMA2-NEXT: <</SYS>>
// LLAMA2-EMPTY:
// LLAMA2-NEXT: he [/INST]

// RUN: sinkrt-toy-package %t.mi.pkg --context 128 --chat-template "{{ '[INST] ' + m + ' [/INST]' }}"
// RUN: sinkc run %t.mi.pkg --chat --prompt he -n 1 --temp 0 --verbose-prompt 2>&1 >/dev/null | FileCheck %s --check-prefix=MISTRAL
// MISTRAL: prompt: [INST] he [/INST]

// RUN: sinkrt-toy-package %t.ge.pkg --context 128 --chat-template "<start_of_turn>{{ r }}"
// RUN: sinkc run %t.ge.pkg --chat --prompt he -n 1 --temp 0 --verbose-prompt 2>&1 >/dev/null | FileCheck %s --check-prefix=GEMMA
// GEMMA: prompt: <start_of_turn>user
// GEMMA-NEXT: he<end_of_turn>
// GEMMA-NEXT: <start_of_turn>model
