//===- Passes.td - passes on tfm IR ------------------------*- tablegen -*-===//

#ifndef SINKC_PASSES_PASSES_TD
#define SINKC_PASSES_PASSES_TD

include "mlir/Pass/PassBase.td"

def TfmPrintCostPass : Pass<"tfm-print-cost", "mlir::ModuleOp"> {
  let summary = "Report parameters, weight bytes, FLOPs and KV-cache bytes";
  let description = [{
    A cost model of a `tfm` module, per `tfm.layer` and in total:
    - parameters: values of every weight the model uses (a tied embedding
      counts once), and weight bytes by encoding (f32, f16, q4_1, ...);
    - FLOPs to prefill `prefill-tokens` tokens from an empty cache, and for
      one decode step at context `context` (matmuls count 2 per
      multiply-add; attention counts what each head's policy lets it see);
    - KV-cache bytes at context `context` under each kv-head's policy: full
      heads grow with the context, streaming heads stop at sinks + window,
      pruned heads hold nothing.

    The IR is left unchanged. `format=json` prints one JSON object.
  }];
  let options = [
    Option<"prefillTokens", "prefill-tokens", "int64_t", /*default=*/"128",
           "Tokens of the prefill whose FLOPs are counted">,
    Option<"context", "context", "int64_t", /*default=*/"4096",
           "Context length for decode FLOPs and KV-cache bytes">,
    Option<"format", "format", "std::string", /*default=*/"\"text\"",
           "Output format: text or json">,
    Option<"kvElementBytes", "kv-element-bytes", "int64_t", /*default=*/"2",
           "Bytes per cached value for attention without cache operands">,
  ];
}

#endif // SINKC_PASSES_PASSES_TD
