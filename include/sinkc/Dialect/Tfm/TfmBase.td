//===- TfmBase.td - the tfm dialect definition -------------*- tablegen -*-===//
//
// The `tfm` dialect: decoder transformers with attention, attention-sink
// tokens and per-head routing as first-class IR.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_DIALECT_TFM_TFMBASE_TD
#define SINKC_DIALECT_TFM_TFMBASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/CommonAttrConstraints.td"

def Tfm_Dialect : Dialect {
  let name = "tfm";
  let cppNamespace = "::sinkc::tfm";
  let summary = "Decoder transformers with attention sinks and head routing";
  let description = [{
    `tfm` describes a decoder LLM at the level at which interpretability
    findings apply: layers, attention with its sink semantics and per-head
    cache policies, head routing, and weights held by reference to the file
    they come from. Passes fuse, quantize and prune by editing this IR;
    lowering turns it into dispatch functions for CPU and GPU targets.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
  let useDefaultAttributePrinterParser = 1;
  let useDefaultTypePrinterParser = 1;
  // Verifies the `tfm.model` attribute on a module (entry points, ABI).
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    /// Name of the module attribute that describes a whole model.
    static constexpr ::llvm::StringLiteral kModelAttrName = "tfm.model";
    /// Name of the module attribute that describes the tokenizer.
    static constexpr ::llvm::StringLiteral kTokenizerAttrName = "tfm.tokenizer";
    /// Marks a func.func as an outlined dispatch; the value is its group.
    static constexpr ::llvm::StringLiteral kDispatchAttrName = "tfm.dispatch";
    /// On a dispatch function: how many workgroups compute it (a positive
    /// integer; absent means one). See `tfm.workgroup_id`.
    static constexpr ::llvm::StringLiteral kWorkgroupsAttrName = "tfm.workgroups";

  private:
    void registerAttributes();
    void registerTypes();
  public:
  }];
}

/// An i64 attribute read as a signed value (upstream I64Attr reads uint64_t,
/// which would turn a negative head count into a huge one before verifying).
def Tfm_I64Attr : TypedSignlessIntegerAttrBase<I64, "int64_t",
                                               "64-bit signless integer attribute"> {
  let convertFromStorage = "$_self.getValue().getSExtValue()";
}

class Tfm_Op<string mnemonic, list<Trait> traits = []>
    : Op<Tfm_Dialect, mnemonic, traits>;

class Tfm_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<Tfm_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

class Tfm_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<Tfm_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

#endif // SINKC_DIALECT_TFM_TFMBASE_TD
