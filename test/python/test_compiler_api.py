"""sinkc.ir, sinkc.passes and sinkc.importers: every function and its errors."""
import pathlib
import re

import pytest

import sinkc
import sinkc.ir
import sinkc.passes

SOURCE = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = SOURCE / "examples" / "smollm2-135m.mlir"

TINY = """
func.func @f(%q: tensor<1x?x64xf32>, %kv: tensor<1x?x32xf32>, %pos: index) -> tensor<1x?x64xf32> {
  %o = tfm.attention %q, %kv, %kv at %pos {num_heads = 2, num_kv_heads = 1, head_dim = 32,
         scale = 0.17677669529663687, policies = [#tfm.full]}
       : tensor<1x?x64xf32>, tensor<1x?x32xf32>, tensor<1x?x32xf32> -> tensor<1x?x64xf32>
  return %o : tensor<1x?x64xf32>
}
"""


def test_parse_print_roundtrip():
    module = sinkc.ir.Module.parse(TINY)
    text = str(module)
    assert "tfm.attention %arg0, %arg1, %arg1 at %arg2" in text
    assert str(sinkc.ir.Module.parse(text)) == text


def test_load_and_walk_the_sample():
    module = sinkc.ir.Module.load(str(SAMPLE))
    module.verify()
    ops = module.operations()
    assert ops[0].name == "builtin.module"
    names = [op.name for op in ops]
    assert names.count("tfm.layer") == 60 and names.count("tfm.attention") == 60
    weight = next(op for op in ops if op.name == "tfm.weight")
    assert weight.attributes["sym_name"] == '"token_embd.weight"'
    attention = next(op for op in ops if op.name == "tfm.attention")
    assert attention.result_types == ["tensor<1x?x576xf32>"]
    assert attention.get_attribute("num_heads") == "9 : i64"
    assert attention.get_attribute("no_such_attribute") is None
    assert "smollm2-135m.mlir" in attention.location


def test_set_attribute_switches_a_head_policy():
    module = sinkc.ir.Module.parse(TINY)
    attention = next(op for op in module.operations() if op.name == "tfm.attention")
    attention.set_attribute("policies", "[#tfm.streaming<sinks = 4, window = 60>]")
    module.verify()
    assert "policies = [#tfm.streaming<sinks = 4, window = 60>]" in str(module)


def test_set_attribute_rejects_what_the_op_rejects():
    module = sinkc.ir.Module.parse(TINY)
    attention = next(op for op in module.operations() if op.name == "tfm.attention")
    with pytest.raises(ValueError, match="expects one policy per kv-head \\(1\\), got 2"):
        attention.set_attribute("policies", "[#tfm.full, #tfm.pruned]")
    # Undone: the module still holds its old, valid policy list.
    assert attention.get_attribute("policies") == "[#tfm.full]"
    module.verify()
    with pytest.raises(ValueError, match="cannot parse attribute|expected"):
        attention.set_attribute("policies", "[#tfm.full")


def test_bad_ir_raises_with_location():
    with pytest.raises(ValueError, match=r'loc\("<string>":1:\d+\): error'):
        sinkc.ir.Module.parse("func.func @f( {")
    bad = TINY.replace("num_kv_heads = 1", "num_kv_heads = 3")
    with pytest.raises(ValueError, match="expects num_heads \\(2\\) to be a multiple of num_kv_heads \\(3\\)"):
        sinkc.ir.Module.parse(bad)


def test_input_that_crashes_mlir_22_parser_is_an_error():
    with pytest.raises(ValueError, match="<string>:2: error: dense arrays of index are not supported"):
        sinkc.ir.Module.parse("func.func @f() attributes {\n e = array<index: 0>} { return }")


def test_missing_file():
    with pytest.raises(FileNotFoundError, match="nope.mlir"):
        sinkc.ir.Module.load("/nonexistent/nope.mlir")


def test_list_passes():
    passes = {p.name: p for p in sinkc.passes.list_passes()}
    assert {"tfm-print-cost", "canonicalize", "cse"} <= passes.keys()
    cost = passes["tfm-print-cost"]
    assert "KV-cache bytes" in cost.summary
    assert cost.options == {"context": "4096", "format": "text", "kv-element-bytes": "2",
                            "prefill-tokens": "128"}


def test_pipeline_with_snapshots_and_timings():
    module = sinkc.ir.Module.parse(TINY)
    result = sinkc.passes.PassManager("canonicalize,cse").run(module, snapshots=True)
    assert [name for name, _ in result.timings] == ["canonicalize", "cse"]
    assert all(seconds >= 0 for _, seconds in result.timings)
    after_canonicalize = result.snapshots[0][1]
    # Canonicalization drops the all-full policy list.
    assert "policies" in TINY and "policies" not in after_canonicalize
    assert "policies" not in str(module)
    # The builtin.module(...) spelling works too.
    sinkc.passes.PassManager("builtin.module(cse)").run(module)


def test_stale_operation_handles_raise():
    module = sinkc.ir.Module.parse(TINY)
    ops = module.operations()
    sinkc.passes.PassManager("canonicalize").run(module)
    with pytest.raises(RuntimeError, match="stale operation handle"):
        _ = ops[1].name


def test_pipeline_errors():
    with pytest.raises(ValueError, match="'nope-pass' does not refer to a registered pass"):
        sinkc.passes.PassManager("nope-pass")
    with pytest.raises(ValueError, match="tfm-print-cost.*context=abc"):
        sinkc.passes.PassManager("tfm-print-cost{context=abc}")
    module = sinkc.ir.Module.parse(TINY)
    with pytest.raises(RuntimeError, match="format must be text or json, got 'xml'"):
        sinkc.passes.PassManager("tfm-print-cost{format=xml}").run(module)


def test_module_from_another_context_is_refused():
    other = sinkc.ir.Context()
    module = sinkc.ir.Module.parse(TINY, other)
    with pytest.raises(ValueError, match="another Context"):
        sinkc.passes.PassManager("cse").run(module)
    sinkc.passes.PassManager("cse", other).run(module)


def test_import_model(smollm2_gguf):
    module = sinkc.importers.import_model(str(smollm2_gguf))
    module.verify()
    text = str(module)
    assert len(re.findall(r"tfm\.layer \d+ ", text)) == 60
    assert "!tfm.kv_cache<90x?x64xf32>" not in text
    f32_cache = sinkc.importers.import_model(str(smollm2_gguf), kv_type="f32")
    assert "!tfm.kv_cache<90x?x64xf32>" in str(f32_cache)


def test_import_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        sinkc.importers.import_model(str(tmp_path / "missing.gguf"))
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"GGUF\x03\x00\x00\x00")
    with pytest.raises(ValueError, match="bad.gguf: byte"):
        sinkc.importers.import_model(str(bad))
    with pytest.raises(ValueError, match="kv_type must be f16, bf16 or f32"):
        sinkc.importers.import_model(str(bad), kv_type="i8")
