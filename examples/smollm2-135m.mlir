module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  tfm.weight @token_embd.weight : tensor<49152x576xf32, #tfm.gguf<q8_0>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "token_embd.weight", offset = 0, type = tensor<49152x576xf32, #tfm.gguf<q8_0>>>
  tfm.weight @blk.0.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.0.attn_norm.weight", offset = 30081024, type = tensor<576xf32>>
  tfm.weight @blk.0.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.0.attn_q.weight", offset = 30083328, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.0.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.0.attn_k.weight", offset = 30290688, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.0.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.0.attn_v.weight", offset = 30359808, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.0.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.0.attn_output.weight", offset = 30428928, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.0.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.0.ffn_norm.weight", offset = 30636288, type = tensor<576xf32>>
  tfm.weight @blk.0.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.0.ffn_gate.weight", offset = 30638592, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.0.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.0.ffn_up.weight", offset = 31191552, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.0.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.0.ffn_down.weight", offset = 31744512, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.1.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.1.attn_norm.weight", offset = 32297472, type = tensor<576xf32>>
  tfm.weight @blk.1.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.1.attn_q.weight", offset = 32299776, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.1.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.1.attn_k.weight", offset = 32507136, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.1.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.1.attn_v.weight", offset = 32576256, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.1.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.1.attn_output.weight", offset = 32645376, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.1.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.1.ffn_norm.weight", offset = 32852736, type = tensor<576xf32>>
  tfm.weight @blk.1.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.1.ffn_gate.weight", offset = 32855040, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.1.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.1.ffn_up.weight", offset = 33408000, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.1.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.1.ffn_down.weight", offset = 33960960, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.2.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.2.attn_norm.weight", offset = 34513920, type = tensor<576xf32>>
  tfm.weight @blk.2.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.2.attn_q.weight", offset = 34516224, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.2.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.2.attn_k.weight", offset = 34723584, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.2.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.2.attn_v.weight", offset = 34792704, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.2.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.2.attn_output.weight", offset = 34861824, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.2.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.2.ffn_norm.weight", offset = 35069184, type = tensor<576xf32>>
  tfm.weight @blk.2.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.2.ffn_gate.weight", offset = 35071488, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.2.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.2.ffn_up.weight", offset = 35624448, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.2.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.2.ffn_down.weight", offset = 36177408, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.3.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.3.attn_norm.weight", offset = 36730368, type = tensor<576xf32>>
  tfm.weight @blk.3.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.3.attn_q.weight", offset = 36732672, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.3.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.3.attn_k.weight", offset = 36940032, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.3.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.3.attn_v.weight", offset = 37009152, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.3.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.3.attn_output.weight", offset = 37078272, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.3.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.3.ffn_norm.weight", offset = 37285632, type = tensor<576xf32>>
  tfm.weight @blk.3.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.3.ffn_gate.weight", offset = 37287936, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.3.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.3.ffn_up.weight", offset = 37840896, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.3.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.3.ffn_down.weight", offset = 38393856, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.4.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.4.attn_norm.weight", offset = 38946816, type = tensor<576xf32>>
  tfm.weight @blk.4.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.4.attn_q.weight", offset = 38949120, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.4.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.4.attn_k.weight", offset = 39156480, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.4.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.4.attn_v.weight", offset = 39225600, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.4.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.4.attn_output.weight", offset = 39294720, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.4.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.4.ffn_norm.weight", offset = 39502080, type = tensor<576xf32>>
  tfm.weight @blk.4.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.4.ffn_gate.weight", offset = 39504384, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.4.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.4.ffn_up.weight", offset = 40057344, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.4.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.4.ffn_down.weight", offset = 40610304, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.5.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.5.attn_norm.weight", offset = 41163264, type = tensor<576xf32>>
  tfm.weight @blk.5.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.5.attn_q.weight", offset = 41165568, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.5.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.5.attn_k.weight", offset = 41372928, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.5.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.5.attn_v.weight", offset = 41442048, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.5.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.5.attn_output.weight", offset = 41511168, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.5.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.5.ffn_norm.weight", offset = 41718528, type = tensor<576xf32>>
  tfm.weight @blk.5.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.5.ffn_gate.weight", offset = 41720832, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.5.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.5.ffn_up.weight", offset = 42273792, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.5.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.5.ffn_down.weight", offset = 42826752, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.6.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.6.attn_norm.weight", offset = 43379712, type = tensor<576xf32>>
  tfm.weight @blk.6.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.6.attn_q.weight", offset = 43382016, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.6.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.6.attn_k.weight", offset = 43589376, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.6.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.6.attn_v.weight", offset = 43658496, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.6.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.6.attn_output.weight", offset = 43727616, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.6.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.6.ffn_norm.weight", offset = 43934976, type = tensor<576xf32>>
  tfm.weight @blk.6.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.6.ffn_gate.weight", offset = 43937280, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.6.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.6.ffn_up.weight", offset = 44490240, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.6.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.6.ffn_down.weight", offset = 45043200, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.7.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.7.attn_norm.weight", offset = 45596160, type = tensor<576xf32>>
  tfm.weight @blk.7.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.7.attn_q.weight", offset = 45598464, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.7.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.7.attn_k.weight", offset = 45805824, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.7.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.7.attn_v.weight", offset = 45874944, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.7.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.7.attn_output.weight", offset = 45944064, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.7.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.7.ffn_norm.weight", offset = 46151424, type = tensor<576xf32>>
  tfm.weight @blk.7.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.7.ffn_gate.weight", offset = 46153728, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.7.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.7.ffn_up.weight", offset = 46706688, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.7.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.7.ffn_down.weight", offset = 47259648, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.8.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.8.attn_norm.weight", offset = 47812608, type = tensor<576xf32>>
  tfm.weight @blk.8.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.8.attn_q.weight", offset = 47814912, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.8.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.8.attn_k.weight", offset = 48022272, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.8.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.8.attn_v.weight", offset = 48091392, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.8.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.8.attn_output.weight", offset = 48160512, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.8.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.8.ffn_norm.weight", offset = 48367872, type = tensor<576xf32>>
  tfm.weight @blk.8.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.8.ffn_gate.weight", offset = 48370176, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.8.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.8.ffn_up.weight", offset = 48923136, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.8.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.8.ffn_down.weight", offset = 49476096, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.9.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.9.attn_norm.weight", offset = 50029056, type = tensor<576xf32>>
  tfm.weight @blk.9.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.9.attn_q.weight", offset = 50031360, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.9.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.9.attn_k.weight", offset = 50238720, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.9.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.9.attn_v.weight", offset = 50307840, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.9.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.9.attn_output.weight", offset = 50376960, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.9.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.9.ffn_norm.weight", offset = 50584320, type = tensor<576xf32>>
  tfm.weight @blk.9.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.9.ffn_gate.weight", offset = 50586624, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.9.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.9.ffn_up.weight", offset = 51139584, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.9.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.9.ffn_down.weight", offset = 51692544, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.10.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.10.attn_norm.weight", offset = 52245504, type = tensor<576xf32>>
  tfm.weight @blk.10.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.10.attn_q.weight", offset = 52247808, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.10.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.10.attn_k.weight", offset = 52455168, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.10.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.10.attn_v.weight", offset = 52524288, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.10.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.10.attn_output.weight", offset = 52593408, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.10.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.10.ffn_norm.weight", offset = 52800768, type = tensor<576xf32>>
  tfm.weight @blk.10.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.10.ffn_gate.weight", offset = 52803072, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.10.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.10.ffn_up.weight", offset = 53356032, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.10.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.10.ffn_down.weight", offset = 53908992, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.11.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.11.attn_norm.weight", offset = 54461952, type = tensor<576xf32>>
  tfm.weight @blk.11.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.11.attn_q.weight", offset = 54464256, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.11.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.11.attn_k.weight", offset = 54671616, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.11.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.11.attn_v.weight", offset = 54740736, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.11.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.11.attn_output.weight", offset = 54809856, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.11.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.11.ffn_norm.weight", offset = 55017216, type = tensor<576xf32>>
  tfm.weight @blk.11.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.11.ffn_gate.weight", offset = 55019520, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.11.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.11.ffn_up.weight", offset = 55572480, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.11.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.11.ffn_down.weight", offset = 56125440, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.12.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.12.attn_norm.weight", offset = 56678400, type = tensor<576xf32>>
  tfm.weight @blk.12.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.12.attn_q.weight", offset = 56680704, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.12.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.12.attn_k.weight", offset = 56888064, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.12.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.12.attn_v.weight", offset = 56957184, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.12.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.12.attn_output.weight", offset = 57026304, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.12.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.12.ffn_norm.weight", offset = 57233664, type = tensor<576xf32>>
  tfm.weight @blk.12.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.12.ffn_gate.weight", offset = 57235968, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.12.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.12.ffn_up.weight", offset = 57788928, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.12.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.12.ffn_down.weight", offset = 58341888, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.13.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.13.attn_norm.weight", offset = 58894848, type = tensor<576xf32>>
  tfm.weight @blk.13.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.13.attn_q.weight", offset = 58897152, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.13.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.13.attn_k.weight", offset = 59104512, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.13.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.13.attn_v.weight", offset = 59173632, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.13.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.13.attn_output.weight", offset = 59242752, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.13.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.13.ffn_norm.weight", offset = 59450112, type = tensor<576xf32>>
  tfm.weight @blk.13.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.13.ffn_gate.weight", offset = 59452416, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.13.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.13.ffn_up.weight", offset = 60005376, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.13.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.13.ffn_down.weight", offset = 60558336, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.14.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.14.attn_norm.weight", offset = 61111296, type = tensor<576xf32>>
  tfm.weight @blk.14.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.14.attn_q.weight", offset = 61113600, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.14.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.14.attn_k.weight", offset = 61320960, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.14.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.14.attn_v.weight", offset = 61390080, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.14.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.14.attn_output.weight", offset = 61459200, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.14.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.14.ffn_norm.weight", offset = 61666560, type = tensor<576xf32>>
  tfm.weight @blk.14.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.14.ffn_gate.weight", offset = 61668864, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.14.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.14.ffn_up.weight", offset = 62221824, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.14.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.14.ffn_down.weight", offset = 62774784, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.15.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.15.attn_norm.weight", offset = 63327744, type = tensor<576xf32>>
  tfm.weight @blk.15.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.15.attn_q.weight", offset = 63330048, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.15.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.15.attn_k.weight", offset = 63537408, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.15.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.15.attn_v.weight", offset = 63606528, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.15.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.15.attn_output.weight", offset = 63675648, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.15.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.15.ffn_norm.weight", offset = 63883008, type = tensor<576xf32>>
  tfm.weight @blk.15.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.15.ffn_gate.weight", offset = 63885312, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.15.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.15.ffn_up.weight", offset = 64438272, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.15.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.15.ffn_down.weight", offset = 64991232, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.16.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.16.attn_norm.weight", offset = 65544192, type = tensor<576xf32>>
  tfm.weight @blk.16.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.16.attn_q.weight", offset = 65546496, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.16.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.16.attn_k.weight", offset = 65753856, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.16.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.16.attn_v.weight", offset = 65822976, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.16.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.16.attn_output.weight", offset = 65892096, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.16.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.16.ffn_norm.weight", offset = 66099456, type = tensor<576xf32>>
  tfm.weight @blk.16.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.16.ffn_gate.weight", offset = 66101760, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.16.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.16.ffn_up.weight", offset = 66654720, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.16.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.16.ffn_down.weight", offset = 67207680, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.17.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.17.attn_norm.weight", offset = 67760640, type = tensor<576xf32>>
  tfm.weight @blk.17.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.17.attn_q.weight", offset = 67762944, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.17.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.17.attn_k.weight", offset = 67970304, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.17.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.17.attn_v.weight", offset = 68039424, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.17.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.17.attn_output.weight", offset = 68108544, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.17.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.17.ffn_norm.weight", offset = 68315904, type = tensor<576xf32>>
  tfm.weight @blk.17.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.17.ffn_gate.weight", offset = 68318208, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.17.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.17.ffn_up.weight", offset = 68871168, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.17.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.17.ffn_down.weight", offset = 69424128, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.18.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.18.attn_norm.weight", offset = 69977088, type = tensor<576xf32>>
  tfm.weight @blk.18.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.18.attn_q.weight", offset = 69979392, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.18.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.18.attn_k.weight", offset = 70186752, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.18.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.18.attn_v.weight", offset = 70255872, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.18.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.18.attn_output.weight", offset = 70324992, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.18.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.18.ffn_norm.weight", offset = 70532352, type = tensor<576xf32>>
  tfm.weight @blk.18.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.18.ffn_gate.weight", offset = 70534656, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.18.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.18.ffn_up.weight", offset = 71087616, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.18.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.18.ffn_down.weight", offset = 71640576, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.19.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.19.attn_norm.weight", offset = 72193536, type = tensor<576xf32>>
  tfm.weight @blk.19.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.19.attn_q.weight", offset = 72195840, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.19.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.19.attn_k.weight", offset = 72403200, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.19.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.19.attn_v.weight", offset = 72472320, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.19.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.19.attn_output.weight", offset = 72541440, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.19.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.19.ffn_norm.weight", offset = 72748800, type = tensor<576xf32>>
  tfm.weight @blk.19.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.19.ffn_gate.weight", offset = 72751104, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.19.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.19.ffn_up.weight", offset = 73304064, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.19.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.19.ffn_down.weight", offset = 73857024, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.20.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.20.attn_norm.weight", offset = 74409984, type = tensor<576xf32>>
  tfm.weight @blk.20.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.20.attn_q.weight", offset = 74412288, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.20.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.20.attn_k.weight", offset = 74619648, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.20.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.20.attn_v.weight", offset = 74688768, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.20.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.20.attn_output.weight", offset = 74757888, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.20.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.20.ffn_norm.weight", offset = 74965248, type = tensor<576xf32>>
  tfm.weight @blk.20.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.20.ffn_gate.weight", offset = 74967552, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.20.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.20.ffn_up.weight", offset = 75520512, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.20.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.20.ffn_down.weight", offset = 76073472, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.21.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.21.attn_norm.weight", offset = 76626432, type = tensor<576xf32>>
  tfm.weight @blk.21.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.21.attn_q.weight", offset = 76628736, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.21.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.21.attn_k.weight", offset = 76836096, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.21.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.21.attn_v.weight", offset = 76905216, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.21.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.21.attn_output.weight", offset = 76974336, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.21.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.21.ffn_norm.weight", offset = 77181696, type = tensor<576xf32>>
  tfm.weight @blk.21.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.21.ffn_gate.weight", offset = 77184000, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.21.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.21.ffn_up.weight", offset = 77736960, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.21.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.21.ffn_down.weight", offset = 78289920, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.22.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.22.attn_norm.weight", offset = 78842880, type = tensor<576xf32>>
  tfm.weight @blk.22.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.22.attn_q.weight", offset = 78845184, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.22.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.22.attn_k.weight", offset = 79052544, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.22.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.22.attn_v.weight", offset = 79121664, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.22.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.22.attn_output.weight", offset = 79190784, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.22.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.22.ffn_norm.weight", offset = 79398144, type = tensor<576xf32>>
  tfm.weight @blk.22.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.22.ffn_gate.weight", offset = 79400448, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.22.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.22.ffn_up.weight", offset = 79953408, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.22.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.22.ffn_down.weight", offset = 80506368, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.23.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.23.attn_norm.weight", offset = 81059328, type = tensor<576xf32>>
  tfm.weight @blk.23.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.23.attn_q.weight", offset = 81061632, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.23.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.23.attn_k.weight", offset = 81268992, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.23.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.23.attn_v.weight", offset = 81338112, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.23.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.23.attn_output.weight", offset = 81407232, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.23.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.23.ffn_norm.weight", offset = 81614592, type = tensor<576xf32>>
  tfm.weight @blk.23.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.23.ffn_gate.weight", offset = 81616896, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.23.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.23.ffn_up.weight", offset = 82169856, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.23.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.23.ffn_down.weight", offset = 82722816, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.24.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.24.attn_norm.weight", offset = 83275776, type = tensor<576xf32>>
  tfm.weight @blk.24.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.24.attn_q.weight", offset = 83278080, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.24.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.24.attn_k.weight", offset = 83485440, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.24.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.24.attn_v.weight", offset = 83554560, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.24.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.24.attn_output.weight", offset = 83623680, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.24.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.24.ffn_norm.weight", offset = 83831040, type = tensor<576xf32>>
  tfm.weight @blk.24.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.24.ffn_gate.weight", offset = 83833344, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.24.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.24.ffn_up.weight", offset = 84386304, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.24.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.24.ffn_down.weight", offset = 84939264, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.25.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.25.attn_norm.weight", offset = 85492224, type = tensor<576xf32>>
  tfm.weight @blk.25.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.25.attn_q.weight", offset = 85494528, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.25.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.25.attn_k.weight", offset = 85701888, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.25.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.25.attn_v.weight", offset = 85771008, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.25.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.25.attn_output.weight", offset = 85840128, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.25.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.25.ffn_norm.weight", offset = 86047488, type = tensor<576xf32>>
  tfm.weight @blk.25.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.25.ffn_gate.weight", offset = 86049792, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.25.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.25.ffn_up.weight", offset = 86602752, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.25.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.25.ffn_down.weight", offset = 87155712, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.26.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.26.attn_norm.weight", offset = 87708672, type = tensor<576xf32>>
  tfm.weight @blk.26.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.26.attn_q.weight", offset = 87710976, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.26.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.26.attn_k.weight", offset = 87918336, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.26.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.26.attn_v.weight", offset = 87987456, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.26.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.26.attn_output.weight", offset = 88056576, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.26.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.26.ffn_norm.weight", offset = 88263936, type = tensor<576xf32>>
  tfm.weight @blk.26.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.26.ffn_gate.weight", offset = 88266240, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.26.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.26.ffn_up.weight", offset = 88819200, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.26.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.26.ffn_down.weight", offset = 89372160, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.27.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.27.attn_norm.weight", offset = 89925120, type = tensor<576xf32>>
  tfm.weight @blk.27.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.27.attn_q.weight", offset = 89927424, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.27.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.27.attn_k.weight", offset = 90134784, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.27.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.27.attn_v.weight", offset = 90203904, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.27.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.27.attn_output.weight", offset = 90273024, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.27.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.27.ffn_norm.weight", offset = 90480384, type = tensor<576xf32>>
  tfm.weight @blk.27.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.27.ffn_gate.weight", offset = 90482688, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.27.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.27.ffn_up.weight", offset = 91035648, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.27.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.27.ffn_down.weight", offset = 91588608, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.28.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.28.attn_norm.weight", offset = 92141568, type = tensor<576xf32>>
  tfm.weight @blk.28.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.28.attn_q.weight", offset = 92143872, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.28.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.28.attn_k.weight", offset = 92351232, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.28.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.28.attn_v.weight", offset = 92420352, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.28.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.28.attn_output.weight", offset = 92489472, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.28.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.28.ffn_norm.weight", offset = 92696832, type = tensor<576xf32>>
  tfm.weight @blk.28.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.28.ffn_gate.weight", offset = 92699136, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.28.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.28.ffn_up.weight", offset = 93252096, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.28.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.28.ffn_down.weight", offset = 93805056, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.29.attn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.29.attn_norm.weight", offset = 94358016, type = tensor<576xf32>>
  tfm.weight @blk.29.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.29.attn_q.weight", offset = 94360320, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.29.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.29.attn_k.weight", offset = 94567680, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.29.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.29.attn_v.weight", offset = 94636800, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.29.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.29.attn_output.weight", offset = 94705920, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.29.ffn_norm : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.29.ffn_norm.weight", offset = 94913280, type = tensor<576xf32>>
  tfm.weight @blk.29.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.29.ffn_gate.weight", offset = 94915584, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.29.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.29.ffn_up.weight", offset = 95468544, type = tensor<1536x576xf32, #tfm.gguf<q4_1>>>
  tfm.weight @blk.29.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "blk.29.ffn_down.weight", offset = 96021504, type = tensor<576x1536xf32, #tfm.gguf<q4_1>>>
  tfm.weight @output_norm.weight : tensor<576xf32> = #tfm.source<file = "SmolLM2-135M-Instruct-Q4_1.gguf", tensor = "output_norm.weight", offset = 96574464, type = tensor<576xf32>>
  func.func @prefill(%arg0: tensor<1x?xi32>, %arg1: index, %arg2: !tfm.kv_cache<90x?x64xf16>) -> tensor<1x?x49152xf32> {
    %0 = tfm.weight_ref @token_embd.weight : tensor<49152x576xf32, #tfm.gguf<q8_0>>
    %1 = tfm.embedding %0[%arg0] : tensor<49152x576xf32, #tfm.gguf<q8_0>>, tensor<1x?xi32> -> tensor<1x?x576xf32>
    %2 = tfm.layer 0 (%1 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 2.000000e-02>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.0.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.0.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.0.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.0.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 0, 1, 2>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [0.94999999999999996, 9.000000e-01, 8.500000e-01, 0.94999999999999996, 9.000000e-01, 8.500000e-01, 0.94999999999999996, 9.000000e-01, 8.500000e-01], entropy = [5.000000e-01, 0.69999999999999996, 9.000000e-01, 5.000000e-01, 0.69999999999999996, 9.000000e-01, 5.000000e-01, 0.69999999999999996, 9.000000e-01]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.0.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.0.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.0.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.0.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.0.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %3 = tfm.layer 1 (%2 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 2.400000e-02>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.1.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.1.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.1.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.1.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 3, 4, 5>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [9.300000e-01, 8.800000e-01, 8.300000e-01, 9.300000e-01, 8.800000e-01, 8.300000e-01, 9.300000e-01, 8.800000e-01, 8.300000e-01], entropy = [6.000000e-01, 8.000000e-01, 1.000000e+00, 6.000000e-01, 8.000000e-01, 1.000000e+00, 6.000000e-01, 8.000000e-01, 1.000000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.1.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.1.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.1.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.1.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.1.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %4 = tfm.layer 2 (%3 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 2.800000e-02>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.2.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.2.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.2.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.2.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 6, 7, 8>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [9.100000e-01, 8.600000e-01, 8.100000e-01, 9.100000e-01, 8.600000e-01, 8.100000e-01, 9.100000e-01, 8.600000e-01, 8.100000e-01], entropy = [0.69999999999999996, 9.000000e-01, 1.100000e+00, 0.69999999999999996, 9.000000e-01, 1.100000e+00, 0.69999999999999996, 9.000000e-01, 1.100000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.2.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.2.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.2.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.2.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.2.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %5 = tfm.layer 3 (%4 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 3.200000e-02>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.3.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.3.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.3.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.3.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 9, 10, 11>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [8.900000e-01, 8.400000e-01, 7.900000e-01, 8.900000e-01, 8.400000e-01, 7.900000e-01, 8.900000e-01, 8.400000e-01, 7.900000e-01], entropy = [8.000000e-01, 1.000000e+00, 1.200000e+00, 8.000000e-01, 1.000000e+00, 1.200000e+00, 8.000000e-01, 1.000000e+00, 1.200000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.3.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.3.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.3.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.3.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.3.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %6 = tfm.layer 4 (%5 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 3.600000e-02>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.4.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.4.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.4.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.4.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 12, 13, 14>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [8.700000e-01, 8.200000e-01, 7.700000e-01, 8.700000e-01, 8.200000e-01, 7.700000e-01, 8.700000e-01, 8.200000e-01, 7.700000e-01], entropy = [9.000000e-01, 1.100000e+00, 1.300000e+00, 9.000000e-01, 1.100000e+00, 1.300000e+00, 9.000000e-01, 1.100000e+00, 1.300000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.4.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.4.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.4.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.4.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.4.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %7 = tfm.layer 5 (%6 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 4.000000e-02>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.5.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.5.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.5.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.5.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 15, 16, 17>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [8.500000e-01, 8.000000e-01, 7.500000e-01, 8.500000e-01, 8.000000e-01, 7.500000e-01, 8.500000e-01, 8.000000e-01, 7.500000e-01], entropy = [1.000000e+00, 1.200000e+00, 1.400000e+00, 1.000000e+00, 1.200000e+00, 1.400000e+00, 1.000000e+00, 1.200000e+00, 1.400000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.5.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.5.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.5.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.5.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.5.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %8 = tfm.layer 6 (%7 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 4.400000e-02>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.6.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.6.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.6.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.6.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 18, 19, 20>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [8.300000e-01, 7.800000e-01, 7.300000e-01, 8.300000e-01, 7.800000e-01, 7.300000e-01, 8.300000e-01, 7.800000e-01, 7.300000e-01], entropy = [1.100000e+00, 1.300000e+00, 1.500000e+00, 1.100000e+00, 1.300000e+00, 1.500000e+00, 1.100000e+00, 1.300000e+00, 1.500000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.6.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.6.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.6.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.6.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.6.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %9 = tfm.layer 7 (%8 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 4.800000e-02>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.7.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.7.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.7.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.7.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 21, 22, 23>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [8.100000e-01, 7.600000e-01, 7.100000e-01, 8.100000e-01, 7.600000e-01, 7.100000e-01, 8.100000e-01, 7.600000e-01, 7.100000e-01], entropy = [1.200000e+00, 1.400000e+00, 1.600000e+00, 1.200000e+00, 1.400000e+00, 1.600000e+00, 1.200000e+00, 1.400000e+00, 1.600000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.7.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.7.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.7.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.7.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.7.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %10 = tfm.layer 8 (%9 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 5.200000e-02>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.8.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.8.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.8.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.8.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 24, 25, 26>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [7.900000e-01, 0.73999999999999999, 6.900000e-01, 7.900000e-01, 0.73999999999999999, 6.900000e-01, 7.900000e-01, 0.73999999999999999, 6.900000e-01], entropy = [1.300000e+00, 1.500000e+00, 1.700000e+00, 1.300000e+00, 1.500000e+00, 1.700000e+00, 1.300000e+00, 1.500000e+00, 1.700000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.8.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.8.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.8.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.8.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.8.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %11 = tfm.layer 9 (%10 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 5.600000e-02>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.9.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.9.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.9.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.9.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 27, 28, 29>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [7.700000e-01, 0.71999999999999997, 6.700000e-01, 7.700000e-01, 0.71999999999999997, 6.700000e-01, 7.700000e-01, 0.71999999999999997, 6.700000e-01], entropy = [1.400000e+00, 1.600000e+00, 1.800000e+00, 1.400000e+00, 1.600000e+00, 1.800000e+00, 1.400000e+00, 1.600000e+00, 1.800000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.9.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.9.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.9.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.9.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.9.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %12 = tfm.layer 10 (%11 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 6.000000e-02>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.10.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.10.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.10.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.10.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 30, 31, 32>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [7.500000e-01, 0.69999999999999996, 6.500000e-01, 7.500000e-01, 0.69999999999999996, 6.500000e-01, 7.500000e-01, 0.69999999999999996, 6.500000e-01], entropy = [1.500000e+00, 1.700000e+00, 1.900000e+00, 1.500000e+00, 1.700000e+00, 1.900000e+00, 1.500000e+00, 1.700000e+00, 1.900000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.10.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.10.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.10.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.10.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.10.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %13 = tfm.layer 11 (%12 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 6.400000e-02>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.11.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.11.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.11.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.11.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 33, 34, 35>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [7.300000e-01, 6.800000e-01, 6.300000e-01, 7.300000e-01, 6.800000e-01, 6.300000e-01, 7.300000e-01, 6.800000e-01, 6.300000e-01], entropy = [1.600000e+00, 1.800000e+00, 2.000000e+00, 1.600000e+00, 1.800000e+00, 2.000000e+00, 1.600000e+00, 1.800000e+00, 2.000000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.11.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.11.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.11.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.11.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.11.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %14 = tfm.layer 12 (%13 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 6.800000e-02>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.12.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.12.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.12.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.12.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 36, 37, 38>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [7.100000e-01, 6.600000e-01, 6.100000e-01, 7.100000e-01, 6.600000e-01, 6.100000e-01, 7.100000e-01, 6.600000e-01, 6.100000e-01], entropy = [1.700000e+00, 1.900000e+00, 2.100000e+00, 1.700000e+00, 1.900000e+00, 2.100000e+00, 1.700000e+00, 1.900000e+00, 2.100000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.12.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.12.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.12.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.12.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.12.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %15 = tfm.layer 13 (%14 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 0.071999999999999995>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.13.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.13.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.13.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.13.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 39, 40, 41>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [6.900000e-01, 6.400000e-01, 5.900000e-01, 6.900000e-01, 6.400000e-01, 5.900000e-01, 6.900000e-01, 6.400000e-01, 5.900000e-01], entropy = [1.800000e+00, 2.000000e+00, 2.200000e+00, 1.800000e+00, 2.000000e+00, 2.200000e+00, 1.800000e+00, 2.000000e+00, 2.200000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.13.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.13.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.13.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.13.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.13.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %16 = tfm.layer 14 (%15 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 0.075999999999999998>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.14.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.14.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.14.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.14.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 42, 43, 44>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [6.700000e-01, 6.200000e-01, 5.700000e-01, 6.700000e-01, 6.200000e-01, 5.700000e-01, 6.700000e-01, 6.200000e-01, 5.700000e-01], entropy = [1.900000e+00, 2.100000e+00, 2.300000e+00, 1.900000e+00, 2.100000e+00, 2.300000e+00, 1.900000e+00, 2.100000e+00, 2.300000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.14.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.14.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.14.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.14.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.14.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %17 = tfm.layer 15 (%16 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 8.000000e-02>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.15.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.15.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.15.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.15.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 45, 46, 47>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [6.500000e-01, 6.000000e-01, 5.500000e-01, 6.500000e-01, 6.000000e-01, 5.500000e-01, 6.500000e-01, 6.000000e-01, 5.500000e-01], entropy = [2.000000e+00, 2.200000e+00, 2.400000e+00, 2.000000e+00, 2.200000e+00, 2.400000e+00, 2.000000e+00, 2.200000e+00, 2.400000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.15.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.15.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.15.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.15.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.15.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %18 = tfm.layer 16 (%17 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 8.400000e-02>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.16.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.16.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.16.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.16.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 48, 49, 50>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [6.300000e-01, 5.800000e-01, 5.300000e-01, 6.300000e-01, 5.800000e-01, 5.300000e-01, 6.300000e-01, 5.800000e-01, 5.300000e-01], entropy = [2.100000e+00, 2.300000e+00, 2.500000e+00, 2.100000e+00, 2.300000e+00, 2.500000e+00, 2.100000e+00, 2.300000e+00, 2.500000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.16.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.16.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.16.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.16.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.16.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %19 = tfm.layer 17 (%18 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 0.087999999999999994>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.17.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.17.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.17.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.17.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 51, 52, 53>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [6.100000e-01, 5.600000e-01, 5.100000e-01, 6.100000e-01, 5.600000e-01, 5.100000e-01, 6.100000e-01, 5.600000e-01, 5.100000e-01], entropy = [2.200000e+00, 2.400000e+00, 2.600000e+00, 2.200000e+00, 2.400000e+00, 2.600000e+00, 2.200000e+00, 2.400000e+00, 2.600000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.17.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.17.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.17.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.17.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.17.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %20 = tfm.layer 18 (%19 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 0.091999999999999998>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.18.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.18.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.18.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.18.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 54, 55, 56>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [5.900000e-01, 5.400000e-01, 4.900000e-01, 5.900000e-01, 5.400000e-01, 4.900000e-01, 5.900000e-01, 5.400000e-01, 4.900000e-01], entropy = [2.300000e+00, 2.500000e+00, 2.700000e+00, 2.300000e+00, 2.500000e+00, 2.700000e+00, 2.300000e+00, 2.500000e+00, 2.700000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.18.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.18.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.18.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.18.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.18.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %21 = tfm.layer 19 (%20 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 9.600000e-02>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.19.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.19.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.19.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.19.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 57, 58, 59>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [5.700000e-01, 5.200000e-01, 4.700000e-01, 5.700000e-01, 5.200000e-01, 4.700000e-01, 5.700000e-01, 5.200000e-01, 4.700000e-01], entropy = [2.400000e+00, 2.600000e+00, 2.800000e+00, 2.400000e+00, 2.600000e+00, 2.800000e+00, 2.400000e+00, 2.600000e+00, 2.800000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.19.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.19.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.19.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.19.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.19.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %22 = tfm.layer 20 (%21 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.000000e-01>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.20.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.20.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.20.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.20.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 60, 61, 62>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [5.500000e-01, 5.000000e-01, 4.500000e-01, 5.500000e-01, 5.000000e-01, 4.500000e-01, 5.500000e-01, 5.000000e-01, 4.500000e-01], entropy = [2.500000e+00, 2.700000e+00, 2.900000e+00, 2.500000e+00, 2.700000e+00, 2.900000e+00, 2.500000e+00, 2.700000e+00, 2.900000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.20.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.20.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.20.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.20.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.20.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %23 = tfm.layer 21 (%22 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.040000e-01>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.21.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.21.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.21.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.21.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 63, 64, 65>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [5.300000e-01, 4.800000e-01, 4.300000e-01, 5.300000e-01, 4.800000e-01, 4.300000e-01, 5.300000e-01, 4.800000e-01, 4.300000e-01], entropy = [2.600000e+00, 2.800000e+00, 3.000000e+00, 2.600000e+00, 2.800000e+00, 3.000000e+00, 2.600000e+00, 2.800000e+00, 3.000000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.21.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.21.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.21.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.21.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.21.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %24 = tfm.layer 22 (%23 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.080000e-01>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.22.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.22.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.22.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.22.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 66, 67, 68>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [5.100000e-01, 4.600000e-01, 4.100000e-01, 5.100000e-01, 4.600000e-01, 4.100000e-01, 5.100000e-01, 4.600000e-01, 4.100000e-01], entropy = [2.700000e+00, 2.900000e+00, 3.100000e+00, 2.700000e+00, 2.900000e+00, 3.100000e+00, 2.700000e+00, 2.900000e+00, 3.100000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.22.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.22.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.22.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.22.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.22.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %25 = tfm.layer 23 (%24 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.120000e-01>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.23.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.23.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.23.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.23.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 69, 70, 71>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [4.900000e-01, 4.400000e-01, 3.900000e-01, 4.900000e-01, 4.400000e-01, 3.900000e-01, 4.900000e-01, 4.400000e-01, 3.900000e-01], entropy = [2.800000e+00, 3.000000e+00, 3.200000e+00, 2.800000e+00, 3.000000e+00, 3.200000e+00, 2.800000e+00, 3.000000e+00, 3.200000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.23.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.23.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.23.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.23.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.23.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %26 = tfm.layer 24 (%25 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.160000e-01>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.24.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.24.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.24.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.24.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 72, 73, 74>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [4.700000e-01, 4.200000e-01, 3.700000e-01, 4.700000e-01, 4.200000e-01, 3.700000e-01, 4.700000e-01, 4.200000e-01, 3.700000e-01], entropy = [2.900000e+00, 3.100000e+00, 3.300000e+00, 2.900000e+00, 3.100000e+00, 3.300000e+00, 2.900000e+00, 3.100000e+00, 3.300000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.24.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.24.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.24.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.24.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.24.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %27 = tfm.layer 25 (%26 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.200000e-01>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.25.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.25.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.25.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.25.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 75, 76, 77>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [4.500000e-01, 4.000000e-01, 3.500000e-01, 4.500000e-01, 4.000000e-01, 3.500000e-01, 4.500000e-01, 4.000000e-01, 3.500000e-01], entropy = [3.000000e+00, 3.200000e+00, 3.400000e+00, 3.000000e+00, 3.200000e+00, 3.400000e+00, 3.000000e+00, 3.200000e+00, 3.400000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.25.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.25.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.25.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.25.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.25.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %28 = tfm.layer 26 (%27 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.240000e-01>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.26.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.26.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.26.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.26.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 78, 79, 80>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [4.300000e-01, 3.800000e-01, 3.300000e-01, 4.300000e-01, 3.800000e-01, 3.300000e-01, 4.300000e-01, 3.800000e-01, 3.300000e-01], entropy = [3.100000e+00, 3.300000e+00, 3.500000e+00, 3.100000e+00, 3.300000e+00, 3.500000e+00, 3.100000e+00, 3.300000e+00, 3.500000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.26.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.26.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.26.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.26.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.26.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %29 = tfm.layer 27 (%28 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.280000e-01>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.27.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.27.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.27.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.27.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 81, 82, 83>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [4.100000e-01, 3.600000e-01, 3.100000e-01, 4.100000e-01, 3.600000e-01, 3.100000e-01, 4.100000e-01, 3.600000e-01, 3.100000e-01], entropy = [3.200000e+00, 3.400000e+00, 3.600000e+00, 3.200000e+00, 3.400000e+00, 3.600000e+00, 3.200000e+00, 3.400000e+00, 3.600000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.27.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.27.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.27.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.27.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.27.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %30 = tfm.layer 28 (%29 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.320000e-01>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.28.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.28.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.28.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.28.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 84, 85, 86>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [3.900000e-01, 3.400000e-01, 2.900000e-01, 3.900000e-01, 3.400000e-01, 2.900000e-01, 3.900000e-01, 3.400000e-01, 2.900000e-01], entropy = [3.300000e+00, 3.500000e+00, 3.700000e+00, 3.300000e+00, 3.500000e+00, 3.700000e+00, 3.300000e+00, 3.500000e+00, 3.700000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.28.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.28.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.28.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.28.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.28.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %31 = tfm.layer 29 (%30 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.360000e-01>} {
    ^bb0(%arg3: tensor<1x?x576xf32>):
      %35 = tfm.weight_ref @blk.29.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.29.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %39 = tfm.weight_ref @blk.29.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %41 = tfm.weight_ref @blk.29.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 87, 88, 89>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [3.700000e-01, 3.200000e-01, 2.700000e-01, 3.700000e-01, 3.200000e-01, 2.700000e-01, 3.700000e-01, 3.200000e-01, 2.700000e-01], entropy = [3.400000e+00, 3.600000e+00, 3.800000e+00, 3.400000e+00, 3.600000e+00, 3.800000e+00, 3.400000e+00, 3.600000e+00, 3.800000e+00]>} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
      %46 = tfm.weight_ref @blk.29.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x?x576xf32>
      %49 = tfm.weight_ref @blk.29.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.29.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %53 = tfm.weight_ref @blk.29.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x?x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x?x1536xf32>
      %56 = tfm.weight_ref @blk.29.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x?x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x?x576xf32>
      tfm.yield %58 : tensor<1x?x576xf32>
    }
    %32 = tfm.weight_ref @output_norm.weight : tensor<576xf32>
    %33 = tfm.rms_norm %31, %32 {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
    %34 = tfm.lm_head %33, %0 : tensor<1x?x576xf32>, tensor<49152x576xf32, #tfm.gguf<q8_0>> -> tensor<1x?x49152xf32>
    return %34 : tensor<1x?x49152xf32>
  }
  func.func @decode(%arg0: tensor<1x1xi32>, %arg1: index, %arg2: !tfm.kv_cache<90x?x64xf16>) -> tensor<1x1x49152xf32> {
    %0 = tfm.weight_ref @token_embd.weight : tensor<49152x576xf32, #tfm.gguf<q8_0>>
    %1 = tfm.embedding %0[%arg0] : tensor<49152x576xf32, #tfm.gguf<q8_0>>, tensor<1x1xi32> -> tensor<1x1x576xf32>
    %2 = tfm.layer 0 (%1 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 2.000000e-02>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.0.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.0.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.0.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.0.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 0, 1, 2>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [0.94999999999999996, 9.000000e-01, 8.500000e-01, 0.94999999999999996, 9.000000e-01, 8.500000e-01, 0.94999999999999996, 9.000000e-01, 8.500000e-01], entropy = [5.000000e-01, 0.69999999999999996, 9.000000e-01, 5.000000e-01, 0.69999999999999996, 9.000000e-01, 5.000000e-01, 0.69999999999999996, 9.000000e-01]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.0.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.0.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.0.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.0.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.0.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %3 = tfm.layer 1 (%2 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 2.400000e-02>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.1.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.1.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.1.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.1.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 3, 4, 5>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [9.300000e-01, 8.800000e-01, 8.300000e-01, 9.300000e-01, 8.800000e-01, 8.300000e-01, 9.300000e-01, 8.800000e-01, 8.300000e-01], entropy = [6.000000e-01, 8.000000e-01, 1.000000e+00, 6.000000e-01, 8.000000e-01, 1.000000e+00, 6.000000e-01, 8.000000e-01, 1.000000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.1.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.1.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.1.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.1.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.1.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %4 = tfm.layer 2 (%3 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 2.800000e-02>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.2.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.2.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.2.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.2.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 6, 7, 8>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [9.100000e-01, 8.600000e-01, 8.100000e-01, 9.100000e-01, 8.600000e-01, 8.100000e-01, 9.100000e-01, 8.600000e-01, 8.100000e-01], entropy = [0.69999999999999996, 9.000000e-01, 1.100000e+00, 0.69999999999999996, 9.000000e-01, 1.100000e+00, 0.69999999999999996, 9.000000e-01, 1.100000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.2.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.2.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.2.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.2.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.2.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %5 = tfm.layer 3 (%4 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 3.200000e-02>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.3.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.3.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.3.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.3.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 9, 10, 11>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [8.900000e-01, 8.400000e-01, 7.900000e-01, 8.900000e-01, 8.400000e-01, 7.900000e-01, 8.900000e-01, 8.400000e-01, 7.900000e-01], entropy = [8.000000e-01, 1.000000e+00, 1.200000e+00, 8.000000e-01, 1.000000e+00, 1.200000e+00, 8.000000e-01, 1.000000e+00, 1.200000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.3.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.3.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.3.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.3.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.3.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %6 = tfm.layer 4 (%5 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 3.600000e-02>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.4.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.4.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.4.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.4.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 12, 13, 14>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [8.700000e-01, 8.200000e-01, 7.700000e-01, 8.700000e-01, 8.200000e-01, 7.700000e-01, 8.700000e-01, 8.200000e-01, 7.700000e-01], entropy = [9.000000e-01, 1.100000e+00, 1.300000e+00, 9.000000e-01, 1.100000e+00, 1.300000e+00, 9.000000e-01, 1.100000e+00, 1.300000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.4.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.4.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.4.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.4.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.4.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %7 = tfm.layer 5 (%6 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 4.000000e-02>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.5.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.5.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.5.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.5.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 15, 16, 17>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [8.500000e-01, 8.000000e-01, 7.500000e-01, 8.500000e-01, 8.000000e-01, 7.500000e-01, 8.500000e-01, 8.000000e-01, 7.500000e-01], entropy = [1.000000e+00, 1.200000e+00, 1.400000e+00, 1.000000e+00, 1.200000e+00, 1.400000e+00, 1.000000e+00, 1.200000e+00, 1.400000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.5.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.5.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.5.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.5.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.5.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %8 = tfm.layer 6 (%7 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 4.400000e-02>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.6.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.6.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.6.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.6.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 18, 19, 20>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [8.300000e-01, 7.800000e-01, 7.300000e-01, 8.300000e-01, 7.800000e-01, 7.300000e-01, 8.300000e-01, 7.800000e-01, 7.300000e-01], entropy = [1.100000e+00, 1.300000e+00, 1.500000e+00, 1.100000e+00, 1.300000e+00, 1.500000e+00, 1.100000e+00, 1.300000e+00, 1.500000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.6.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.6.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.6.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.6.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.6.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %9 = tfm.layer 7 (%8 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 4.800000e-02>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.7.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.7.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.7.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.7.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 21, 22, 23>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [8.100000e-01, 7.600000e-01, 7.100000e-01, 8.100000e-01, 7.600000e-01, 7.100000e-01, 8.100000e-01, 7.600000e-01, 7.100000e-01], entropy = [1.200000e+00, 1.400000e+00, 1.600000e+00, 1.200000e+00, 1.400000e+00, 1.600000e+00, 1.200000e+00, 1.400000e+00, 1.600000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.7.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.7.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.7.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.7.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.7.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %10 = tfm.layer 8 (%9 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 5.200000e-02>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.8.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.8.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.8.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.8.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 24, 25, 26>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [7.900000e-01, 0.73999999999999999, 6.900000e-01, 7.900000e-01, 0.73999999999999999, 6.900000e-01, 7.900000e-01, 0.73999999999999999, 6.900000e-01], entropy = [1.300000e+00, 1.500000e+00, 1.700000e+00, 1.300000e+00, 1.500000e+00, 1.700000e+00, 1.300000e+00, 1.500000e+00, 1.700000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.8.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.8.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.8.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.8.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.8.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %11 = tfm.layer 9 (%10 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 5.600000e-02>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.9.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.9.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.9.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.9.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 27, 28, 29>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [7.700000e-01, 0.71999999999999997, 6.700000e-01, 7.700000e-01, 0.71999999999999997, 6.700000e-01, 7.700000e-01, 0.71999999999999997, 6.700000e-01], entropy = [1.400000e+00, 1.600000e+00, 1.800000e+00, 1.400000e+00, 1.600000e+00, 1.800000e+00, 1.400000e+00, 1.600000e+00, 1.800000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.9.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.9.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.9.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.9.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.9.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %12 = tfm.layer 10 (%11 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 6.000000e-02>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.10.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.10.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.10.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.10.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 30, 31, 32>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [7.500000e-01, 0.69999999999999996, 6.500000e-01, 7.500000e-01, 0.69999999999999996, 6.500000e-01, 7.500000e-01, 0.69999999999999996, 6.500000e-01], entropy = [1.500000e+00, 1.700000e+00, 1.900000e+00, 1.500000e+00, 1.700000e+00, 1.900000e+00, 1.500000e+00, 1.700000e+00, 1.900000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.10.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.10.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.10.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.10.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.10.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %13 = tfm.layer 11 (%12 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 6.400000e-02>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.11.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.11.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.11.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.11.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 33, 34, 35>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [7.300000e-01, 6.800000e-01, 6.300000e-01, 7.300000e-01, 6.800000e-01, 6.300000e-01, 7.300000e-01, 6.800000e-01, 6.300000e-01], entropy = [1.600000e+00, 1.800000e+00, 2.000000e+00, 1.600000e+00, 1.800000e+00, 2.000000e+00, 1.600000e+00, 1.800000e+00, 2.000000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.11.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.11.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.11.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.11.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.11.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %14 = tfm.layer 12 (%13 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 6.800000e-02>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.12.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.12.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.12.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.12.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 36, 37, 38>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [7.100000e-01, 6.600000e-01, 6.100000e-01, 7.100000e-01, 6.600000e-01, 6.100000e-01, 7.100000e-01, 6.600000e-01, 6.100000e-01], entropy = [1.700000e+00, 1.900000e+00, 2.100000e+00, 1.700000e+00, 1.900000e+00, 2.100000e+00, 1.700000e+00, 1.900000e+00, 2.100000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.12.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.12.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.12.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.12.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.12.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %15 = tfm.layer 13 (%14 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 0.071999999999999995>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.13.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.13.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.13.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.13.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 39, 40, 41>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [6.900000e-01, 6.400000e-01, 5.900000e-01, 6.900000e-01, 6.400000e-01, 5.900000e-01, 6.900000e-01, 6.400000e-01, 5.900000e-01], entropy = [1.800000e+00, 2.000000e+00, 2.200000e+00, 1.800000e+00, 2.000000e+00, 2.200000e+00, 1.800000e+00, 2.000000e+00, 2.200000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.13.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.13.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.13.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.13.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.13.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %16 = tfm.layer 14 (%15 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 0.075999999999999998>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.14.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.14.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.14.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.14.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 42, 43, 44>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [6.700000e-01, 6.200000e-01, 5.700000e-01, 6.700000e-01, 6.200000e-01, 5.700000e-01, 6.700000e-01, 6.200000e-01, 5.700000e-01], entropy = [1.900000e+00, 2.100000e+00, 2.300000e+00, 1.900000e+00, 2.100000e+00, 2.300000e+00, 1.900000e+00, 2.100000e+00, 2.300000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.14.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.14.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.14.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.14.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.14.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %17 = tfm.layer 15 (%16 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 8.000000e-02>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.15.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.15.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.15.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.15.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 45, 46, 47>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [6.500000e-01, 6.000000e-01, 5.500000e-01, 6.500000e-01, 6.000000e-01, 5.500000e-01, 6.500000e-01, 6.000000e-01, 5.500000e-01], entropy = [2.000000e+00, 2.200000e+00, 2.400000e+00, 2.000000e+00, 2.200000e+00, 2.400000e+00, 2.000000e+00, 2.200000e+00, 2.400000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.15.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.15.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.15.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.15.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.15.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %18 = tfm.layer 16 (%17 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 8.400000e-02>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.16.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.16.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.16.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.16.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 48, 49, 50>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [6.300000e-01, 5.800000e-01, 5.300000e-01, 6.300000e-01, 5.800000e-01, 5.300000e-01, 6.300000e-01, 5.800000e-01, 5.300000e-01], entropy = [2.100000e+00, 2.300000e+00, 2.500000e+00, 2.100000e+00, 2.300000e+00, 2.500000e+00, 2.100000e+00, 2.300000e+00, 2.500000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.16.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.16.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.16.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.16.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.16.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %19 = tfm.layer 17 (%18 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 0.087999999999999994>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.17.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.17.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.17.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.17.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 51, 52, 53>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [6.100000e-01, 5.600000e-01, 5.100000e-01, 6.100000e-01, 5.600000e-01, 5.100000e-01, 6.100000e-01, 5.600000e-01, 5.100000e-01], entropy = [2.200000e+00, 2.400000e+00, 2.600000e+00, 2.200000e+00, 2.400000e+00, 2.600000e+00, 2.200000e+00, 2.400000e+00, 2.600000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.17.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.17.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.17.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.17.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.17.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %20 = tfm.layer 18 (%19 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 0.091999999999999998>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.18.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.18.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.18.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.18.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 54, 55, 56>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [5.900000e-01, 5.400000e-01, 4.900000e-01, 5.900000e-01, 5.400000e-01, 4.900000e-01, 5.900000e-01, 5.400000e-01, 4.900000e-01], entropy = [2.300000e+00, 2.500000e+00, 2.700000e+00, 2.300000e+00, 2.500000e+00, 2.700000e+00, 2.300000e+00, 2.500000e+00, 2.700000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.18.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.18.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.18.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.18.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.18.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %21 = tfm.layer 19 (%20 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 9.600000e-02>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.19.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.19.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.19.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.19.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 57, 58, 59>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [5.700000e-01, 5.200000e-01, 4.700000e-01, 5.700000e-01, 5.200000e-01, 4.700000e-01, 5.700000e-01, 5.200000e-01, 4.700000e-01], entropy = [2.400000e+00, 2.600000e+00, 2.800000e+00, 2.400000e+00, 2.600000e+00, 2.800000e+00, 2.400000e+00, 2.600000e+00, 2.800000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.19.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.19.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.19.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.19.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.19.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %22 = tfm.layer 20 (%21 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.000000e-01>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.20.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.20.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.20.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.20.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 60, 61, 62>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [5.500000e-01, 5.000000e-01, 4.500000e-01, 5.500000e-01, 5.000000e-01, 4.500000e-01, 5.500000e-01, 5.000000e-01, 4.500000e-01], entropy = [2.500000e+00, 2.700000e+00, 2.900000e+00, 2.500000e+00, 2.700000e+00, 2.900000e+00, 2.500000e+00, 2.700000e+00, 2.900000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.20.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.20.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.20.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.20.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.20.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %23 = tfm.layer 21 (%22 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.040000e-01>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.21.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.21.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.21.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.21.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 63, 64, 65>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [5.300000e-01, 4.800000e-01, 4.300000e-01, 5.300000e-01, 4.800000e-01, 4.300000e-01, 5.300000e-01, 4.800000e-01, 4.300000e-01], entropy = [2.600000e+00, 2.800000e+00, 3.000000e+00, 2.600000e+00, 2.800000e+00, 3.000000e+00, 2.600000e+00, 2.800000e+00, 3.000000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.21.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.21.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.21.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.21.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.21.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %24 = tfm.layer 22 (%23 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.080000e-01>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.22.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.22.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.22.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.22.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 66, 67, 68>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [5.100000e-01, 4.600000e-01, 4.100000e-01, 5.100000e-01, 4.600000e-01, 4.100000e-01, 5.100000e-01, 4.600000e-01, 4.100000e-01], entropy = [2.700000e+00, 2.900000e+00, 3.100000e+00, 2.700000e+00, 2.900000e+00, 3.100000e+00, 2.700000e+00, 2.900000e+00, 3.100000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.22.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.22.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.22.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.22.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.22.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %25 = tfm.layer 23 (%24 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.120000e-01>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.23.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.23.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.23.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.23.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 69, 70, 71>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [4.900000e-01, 4.400000e-01, 3.900000e-01, 4.900000e-01, 4.400000e-01, 3.900000e-01, 4.900000e-01, 4.400000e-01, 3.900000e-01], entropy = [2.800000e+00, 3.000000e+00, 3.200000e+00, 2.800000e+00, 3.000000e+00, 3.200000e+00, 2.800000e+00, 3.000000e+00, 3.200000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.23.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.23.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.23.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.23.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.23.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %26 = tfm.layer 24 (%25 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.160000e-01>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.24.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.24.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.24.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.24.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 72, 73, 74>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [4.700000e-01, 4.200000e-01, 3.700000e-01, 4.700000e-01, 4.200000e-01, 3.700000e-01, 4.700000e-01, 4.200000e-01, 3.700000e-01], entropy = [2.900000e+00, 3.100000e+00, 3.300000e+00, 2.900000e+00, 3.100000e+00, 3.300000e+00, 2.900000e+00, 3.100000e+00, 3.300000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.24.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.24.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.24.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.24.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.24.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %27 = tfm.layer 25 (%26 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.200000e-01>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.25.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.25.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.25.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.25.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 75, 76, 77>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [4.500000e-01, 4.000000e-01, 3.500000e-01, 4.500000e-01, 4.000000e-01, 3.500000e-01, 4.500000e-01, 4.000000e-01, 3.500000e-01], entropy = [3.000000e+00, 3.200000e+00, 3.400000e+00, 3.000000e+00, 3.200000e+00, 3.400000e+00, 3.000000e+00, 3.200000e+00, 3.400000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.25.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.25.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.25.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.25.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.25.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %28 = tfm.layer 26 (%27 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.240000e-01>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.26.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.26.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.26.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.26.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 78, 79, 80>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [4.300000e-01, 3.800000e-01, 3.300000e-01, 4.300000e-01, 3.800000e-01, 3.300000e-01, 4.300000e-01, 3.800000e-01, 3.300000e-01], entropy = [3.100000e+00, 3.300000e+00, 3.500000e+00, 3.100000e+00, 3.300000e+00, 3.500000e+00, 3.100000e+00, 3.300000e+00, 3.500000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.26.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.26.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.26.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.26.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.26.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %29 = tfm.layer 27 (%28 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.280000e-01>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.27.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.27.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.27.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.27.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 81, 82, 83>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [4.100000e-01, 3.600000e-01, 3.100000e-01, 4.100000e-01, 3.600000e-01, 3.100000e-01, 4.100000e-01, 3.600000e-01, 3.100000e-01], entropy = [3.200000e+00, 3.400000e+00, 3.600000e+00, 3.200000e+00, 3.400000e+00, 3.600000e+00, 3.200000e+00, 3.400000e+00, 3.600000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.27.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.27.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.27.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.27.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.27.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %30 = tfm.layer 28 (%29 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.320000e-01>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.28.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.28.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.28.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.28.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 84, 85, 86>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [3.900000e-01, 3.400000e-01, 2.900000e-01, 3.900000e-01, 3.400000e-01, 2.900000e-01, 3.900000e-01, 3.400000e-01, 2.900000e-01], entropy = [3.300000e+00, 3.500000e+00, 3.700000e+00, 3.300000e+00, 3.500000e+00, 3.700000e+00, 3.300000e+00, 3.500000e+00, 3.700000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.28.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.28.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.28.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.28.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.28.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %31 = tfm.layer 29 (%30 : tensor<1x1x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 1.360000e-01>} {
    ^bb0(%arg3: tensor<1x1x576xf32>):
      %35 = tfm.weight_ref @blk.29.attn_norm : tensor<576xf32>
      %36 = tfm.rms_norm %arg3, %35 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %37 = tfm.weight_ref @blk.29.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %38 = tfm.linear %36, %37 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %39 = tfm.weight_ref @blk.29.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %40 = tfm.linear %36, %39 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %41 = tfm.weight_ref @blk.29.attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
      %42 = tfm.linear %36, %41 : tensor<1x1x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x192xf32>
      %43 = tfm.rope %38 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x576xf32>
      %44 = tfm.rope %40 at %arg1 style = interleaved {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x1x192xf32>
      %45 = tfm.attention %43, %44, %42 at %arg1 caches(%arg2 : !tfm.kv_cache<90x?x64xf16>) {head_dim = 64 : i64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 87, 88, 89>, num_heads = 9 : i64, num_kv_heads = 3 : i64, policies = [#tfm.full, #tfm.full, #tfm.full], scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [3.700000e-01, 3.200000e-01, 2.700000e-01, 3.700000e-01, 3.200000e-01, 2.700000e-01, 3.700000e-01, 3.200000e-01, 2.700000e-01], entropy = [3.400000e+00, 3.600000e+00, 3.800000e+00, 3.400000e+00, 3.600000e+00, 3.800000e+00, 3.400000e+00, 3.600000e+00, 3.800000e+00]>} : tensor<1x1x576xf32>, tensor<1x1x192xf32>, tensor<1x1x192xf32> -> tensor<1x1x576xf32>
      %46 = tfm.weight_ref @blk.29.attn_output : tensor<576x576xf32, #tfm.gguf<q4_1>>
      %47 = tfm.linear %45, %46 : tensor<1x1x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %48 = tfm.add %arg3, %47 : tensor<1x1x576xf32>
      %49 = tfm.weight_ref @blk.29.ffn_norm : tensor<576xf32>
      %50 = tfm.rms_norm %48, %49 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
      %51 = tfm.weight_ref @blk.29.ffn_gate : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %52 = tfm.linear %50, %51 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %53 = tfm.weight_ref @blk.29.ffn_up : tensor<1536x576xf32, #tfm.gguf<q4_1>>
      %54 = tfm.linear %50, %53 : tensor<1x1x576xf32>, tensor<1536x576xf32, #tfm.gguf<q4_1>> -> tensor<1x1x1536xf32>
      %55 = tfm.swiglu %52, %54 : tensor<1x1x1536xf32>
      %56 = tfm.weight_ref @blk.29.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>
      %57 = tfm.linear %55, %56 : tensor<1x1x1536xf32>, tensor<576x1536xf32, #tfm.gguf<q4_1>> -> tensor<1x1x576xf32>
      %58 = tfm.add %48, %57 : tensor<1x1x576xf32>
      tfm.yield %58 : tensor<1x1x576xf32>
    }
    %32 = tfm.weight_ref @output_norm.weight : tensor<576xf32>
    %33 = tfm.rms_norm %31, %32 {epsilon = 1.000000e-05 : f64} : tensor<1x1x576xf32>, tensor<576xf32>
    %34 = tfm.lm_head %33, %0 : tensor<1x1x576xf32>, tensor<49152x576xf32, #tfm.gguf<q8_0>> -> tensor<1x1x49152xf32>
    return %34 : tensor<1x1x49152xf32>
  }
}

