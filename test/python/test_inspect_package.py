#!/usr/bin/env python3
"""`sinkc inspect PKG.sinkpkg [--json]`: a compiled package's model, kernel
sections, plan entries, and for each GPU target of `gpu_launches` a table of
launches with an estimated occupancy (tools/sinkc/GpuOccupancy.cpp).

`sinkc compile` cannot write GPU kernels yet, so the GPU packages here are
written by this file from docs/package-format.md (header, section table,
XXH3-64 checksums through the system's libxxhash): the sections of the toy
package of `sinkrt-toy-package`, plus dummy `cuda-sm_*` / `hip-gfx*` kernel
sections and a hand-written `gpu_launches` (format 1, docs/gpu-runtime.md)
for the toy plan's kernels. The occupancy values are computed by hand in the
comments of LAUNCHES.

CLI (for test/tools/sinkc-inspect-package.mlir):

    python3 test_inspect_package.py gpu-package TOY.sinkpkg OUT.sinkpkg
"""
from __future__ import annotations

import ctypes
import ctypes.util
import json
import pathlib
import struct
import subprocess
import sys

import pytest

HEADER = struct.Struct("<8sHHIQQIIQQQ")   # 64 bytes
SECTION = struct.Struct("<IIQQQQ24s")     # 64 bytes
KIND_MANIFEST, KIND_TOKENIZER, KIND_KERNEL, KIND_WEIGHTS = 1, 2, 3, 4

# --------------------------------------------------------------------------
# Reading and writing packages (docs/package-format.md), independent of sinkc
# --------------------------------------------------------------------------

_xxh = None


def xxh3_64(data: bytes) -> int:
    global _xxh
    if _xxh is None:
        _xxh = ctypes.CDLL(ctypes.util.find_library("xxhash") or "libxxhash.so.0")
        _xxh.XXH3_64bits.restype = ctypes.c_uint64
        _xxh.XXH3_64bits.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
    return _xxh.XXH3_64bits(data, len(data))


def read_sections(path) -> list[tuple[int, str, bytes]]:
    """[(kind, name, bytes)] of a package, in section table order."""
    data = pathlib.Path(path).read_bytes()
    fields = HEADER.unpack_from(data, 0)
    magic, table, count = fields[0], fields[5], fields[6]
    assert magic == b"SINKPKG\0"
    out = []
    for i in range(count):
        kind, _flags, offset, size, _align, _sum, name = SECTION.unpack_from(data, table + 64 * i)
        out.append((kind, name.rstrip(b"\0").decode(), data[offset:offset + size]))
    return out


def write_package(path, manifest: dict, tokenizer: bytes, kernels: list[tuple[str, bytes]],
                  weights: bytes) -> None:
    """A version 1.0 package: manifest, tokenizer, kernel sections, weights."""
    body = json.dumps(manifest).encode()
    sections = ([(KIND_MANIFEST, "", body, 8), (KIND_TOKENIZER, "", tokenizer, 8)] +
                [(KIND_KERNEL, name, blob, 4096) for name, blob in kernels] +
                [(KIND_WEIGHTS, "", weights, 4096)])
    offset = 64 + 64 * len(sections)
    placed = []
    for kind, name, blob, align in sections:
        offset = (offset + align - 1) // align * align
        placed.append((kind, name, blob, align, offset))
        offset += len(blob)
    file_size = offset
    table = b"".join(SECTION.pack(kind, 0, off, len(blob), align, xxh3_64(blob), name.encode())
                     for kind, name, blob, align, off in placed)
    head = HEADER.pack(b"SINKPKG\0", 1, 0, 64, file_size, 64, len(sections), 0, xxh3_64(table),
                       0, 0)[:56]
    out = bytearray(file_size)
    out[0:64] = head + struct.pack("<Q", xxh3_64(head))
    out[64:64 + len(table)] = table
    for _kind, _name, blob, _align, off in placed:
        out[off:off + len(blob)] = blob
    pathlib.Path(path).write_bytes(bytes(out))


# --------------------------------------------------------------------------
# The GPU package: the toy package's plan (kernels toy_embed: 3 bindings,
# 1 scalar; toy_kv: 3 bindings, 7 scalars; toy_lm_head: 3 bindings, 2
# scalars) with launches for three chips
# --------------------------------------------------------------------------


def launch(kernel, symbol, args, grid, block, registers, static_shared, spills=0, private=0):
    return {"kernel": kernel, "symbol": symbol, "args": args, "grid": grid, "block": block,
            "shared_bytes": 0, "registers": registers, "spills": spills,
            "static_shared_bytes": static_shared, "private_bytes": private}


B0, B1, B2, S0, S1 = {"binding": 0}, {"binding": 1}, {"binding": 2}, {"scalar": 0}, {"scalar": 1}

# (launch, expected occupancy (blocks, active waves, max waves, percent, limited by)).
LAUNCHES = {
    "cuda-sm_90": [
        # 8 warps a block. Warp slots: 64 / 8 = 8 blocks. Registers: 32 * 32 =
        # 1024 a warp (a multiple of 256); 16384 per sub-partition / 1024 =
        # 16 warps, x 4 = 64 warps = 8 blocks. Shared: 1028 + 1024 reserved
        # = 2052 -> 2176 (128s); 233472 / 2176 = 107. Cap 32. -> 8 blocks,
        # 64/64 warps, 100%.
        (launch("toy_embed", "toy_embed_kernel", [B0, B1, B2, S0], [128, 1, 1], [256, 1, 1],
                32, 1028),
         (8, 64, 64, 100, ["threads", "registers"])),
        # 168 registers: 168 * 32 = 5376 a warp (21 * 256); 16384 / 5376 = 3
        # warps per sub-partition, 12 per SM: 12 / 8 = 1 block -> 8/64, 12.5%.
        (launch("toy_kv", "toy_kv_rows", [B0, B1, B2, S0, S1], [4, 1, 1], [256, 1, 1],
                168, 0),
         (1, 8, 64, 12.5, ["registers"])),
        # 2 warps a block: slots 32 blocks; registers 40 * 32 = 1280, 16384 /
        # 1280 = 12 warps per sub-partition, 48 per SM = 24 blocks; shared
        # 49152 + 1024 = 50176 (= 392 * 128); 233472 / 50176 = 4 blocks ->
        # 8/64, 12.5%.
        (launch("toy_kv", "toy_kv_reduce", [{"scratch": 256}, B2], [1, 1, 1], [64, 1, 1],
                40, 49152),
         (4, 8, 64, 12.5, ["shared"])),
        # 32 warps a block: slots 64 / 32 = 2 blocks; registers 64 * 32 =
        # 2048, 16384 / 2048 = 8 warps per sub-partition, 32 per SM = 1
        # block -> 32/64, 50%. Spills 16 bytes, a 24-byte stack frame.
        (launch("toy_lm_head", "toy_lm_head_kernel", [B0, B1, B2, S0, S1], [4, 1, 1],
                [1024, 1, 1], 64, 0, spills=16, private=24),
         (1, 32, 64, 50, ["registers"])),
    ],
    "hip-gfx942": [
        # Wave64: 4 waves a workgroup; 4 SIMDs x 8 waves = 32 per CU: 8
        # workgroups. VGPRs 57 -> 64 (granule 8): 512 / 64 = 8 waves per
        # SIMD = 32 per CU = 8 workgroups. LDS 1028 -> 1536 (512s): 65536 /
        # 1536 = 42. Barrier cap 16. -> 8, 32/32 waves, 100%.
        (launch("toy_embed", "toy_embed_kernel", [B0, B1, B2, S0], [128, 1, 1], [256, 1, 1],
                57, 1028),
         (8, 32, 32, 100, ["threads", "registers"])),
        # 65 VGPRs -> 72: 512 / 72 = 7 waves per SIMD, 28 per CU: 7
        # workgroups of 4 waves -> 28/32, 87.5%.
        (launch("toy_kv", "toy_kv_rows", [B0, B1, B2, S0, S1], [4, 1, 1], [256, 1, 1], 65, 0),
         (7, 28, 32, 87.5, ["registers"])),
        # One wave a workgroup (no barrier cap): slots 32; 24 VGPRs -> 512 /
        # 24 = 21, at most 8 a SIMD: 32; LDS 16384: 65536 / 16384 = 4 ->
        # 4/32 waves, 12.5%. 3 spilled registers.
        (launch("toy_lm_head", "toy_lm_head_kernel", [B0, B1, B2, S0, S1], [8, 1, 1],
                [64, 1, 1], 24, 16384, spills=3),
         (4, 4, 32, 12.5, ["shared"])),
    ],
    "hip-gfx1100": [
        # Wave32: 8 waves a workgroup; 4 SIMDs x 16 = 64 per WGP: 8
        # workgroups. 100 VGPRs -> 120 (granule 24): 1536 / 120 = 12 waves
        # per SIMD = 48 per WGP = 6 workgroups -> 48/64, 75%.
        (launch("toy_embed", "toy_embed_kernel", [B0, B1, B2, S0], [128, 1, 1], [256, 1, 1],
                100, 0),
         (6, 48, 64, 75, ["registers"])),
        # 2 waves, 20 VGPRs (< granule: 16 a SIMD): slots 32 workgroups, the
        # barrier cap 32, LDS 32768 of 131072 per WGP: 4 -> 8/64, 12.5%.
        (launch("toy_kv", "toy_kv_rows", [B0, B1, B2, S0, S1], [4, 1, 1], [64, 1, 1],
                20, 32768),
         (4, 8, 64, 12.5, ["shared"])),
        # 1024 threads = 32 waves: slots 64 / 32 = 2; 256 VGPRs (-> 264):
        # 1536 / 264 = 5 waves a SIMD = 20 per WGP: 0 workgroups, it does
        # not fit.
        (launch("toy_lm_head", "toy_lm_head_kernel", [B0, B1, B2, S0, S1], [4, 1, 1],
                [1024, 1, 1], 256, 0),
         (0, 0, 64, 0, ["registers"])),
    ],
}

CUBIN = b"\x7fELF dummy cubin for sinkc inspect tests\n" * 10
HSACO = b"\x7fELF dummy hsaco for sinkc inspect tests\n" * 7


def make_gpu_package(toy, out, targets=tuple(LAUNCHES), gpu_launches=None) -> dict:
    """The toy package `toy` with GPU kernel sections and `gpu_launches`
    (default: LAUNCHES) written to `out`; returns the manifest."""
    sections = read_sections(toy)
    (manifest_bytes,) = [b for k, _, b in sections if k == KIND_MANIFEST]
    (tokenizer,) = [b for k, _, b in sections if k == KIND_TOKENIZER]
    (weights,) = [b for k, _, b in sections if k == KIND_WEIGHTS]
    kernels = [(n, b) for k, n, b in sections if k == KIND_KERNEL]
    for target in targets:
        kernels.append((target, CUBIN if target.startswith("cuda-") else HSACO))
    manifest = json.loads(manifest_bytes)
    manifest["kernels"] = [
        {"target": n, "format": ("cubin" if n.startswith("cuda-") else
                                 "hsaco" if n.startswith("hip-") else "elf-shared-object"),
         "size": len(b)} for n, b in kernels]
    manifest["gpu_scratch_bytes"] = 4096
    manifest["gpu_max_context"] = 16
    if gpu_launches is None:
        gpu_launches = {t: [l for l, _ in LAUNCHES[t]] for t in targets}
    manifest["gpu_launches"] = gpu_launches
    write_package(out, manifest, tokenizer, kernels, weights)
    return manifest


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def toy(build_dir, tmp_path_factory):
    exe = build_dir / "bin" / "sinkrt-toy-package"
    assert exe.exists(), f"{exe} is not built"
    path = tmp_path_factory.mktemp("toy") / "toy.sinkpkg"
    subprocess.run([str(exe), str(path)], check=True)
    return path


@pytest.fixture(scope="module")
def gpu_pkg(toy, tmp_path_factory):
    path = tmp_path_factory.mktemp("gpu") / "gpu.sinkpkg"
    make_gpu_package(toy, path)
    return path


def inspect_json(sinkc, path):
    return json.loads(sinkc("inspect", path, "--json").stdout)


def test_written_package_opens_in_the_runtime(sinkc, gpu_pkg):
    # The hand-written package is valid for the runtime's reader (sinkc
    # inspect opens it through libsinkrt).
    proc = sinkc("inspect", gpu_pkg, check=False)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("target", list(LAUNCHES))
def test_occupancy_is_the_hand_computed_value(sinkc, gpu_pkg, target):
    d = inspect_json(sinkc, gpu_pkg)
    rows = d["gpu_launches"][target]["launches"]
    assert len(rows) == len(LAUNCHES[target])
    for row, (entry, (blocks, active, most, percent, limited)) in zip(rows, LAUNCHES[target]):
        occ = row["occupancy"]
        got = (occ["blocks"], occ["active_waves"], occ["max_waves"], occ["percent"],
               occ["limited_by"])
        assert got == (blocks, active, most, percent, limited), entry["symbol"]
        assert row["kernel"] == entry["kernel"] and row["symbol"] == entry["symbol"]
        assert row["grid"] == entry["grid"] and row["block"] == entry["block"]
        assert row["registers"] == entry["registers"]
        assert row["shared_total_bytes"] == entry["static_shared_bytes"]
        assert row["private_bytes"] == entry["private_bytes"]
    assert d["gpu_launches"][target]["chip"] == target.split("-", 1)[1]


def test_json_summary_and_gpu_members(sinkc, gpu_pkg):
    d = inspect_json(sinkc, gpu_pkg)
    assert d["gpu_scratch_bytes"] == 4096 and d["gpu_max_context"] == 16
    cuda = d["gpu_launches"]["cuda-sm_90"]["summary"]
    assert cuda == {"launches": 4, "max_registers": 168, "total_spills": 16,
                    "any_spills": True, "launches_with_spills": 1, "any_private": True,
                    "launches_with_private": 1, "lowest_occupancy_percent": 12.5,
                    "plan_kernels_without_launches": []}
    hip = d["gpu_launches"]["hip-gfx942"]["summary"]
    assert (hip["max_registers"], hip["total_spills"], hip["any_spills"],
            hip["any_private"]) == (65, 3, True, False)
    assert d["gpu_launches"]["hip-gfx942"]["spill_unit"] == "registers"
    assert d["gpu_launches"]["cuda-sm_90"]["occupancy"] if False else True
    targets = {k["target"]: k for k in d["kernels"]}
    assert targets["cuda-sm_90"] == {"target": "cuda-sm_90", "format": "cubin",
                                     "size": len(CUBIN)}
    assert targets["hip-gfx942"]["format"] == "hsaco"
    assert targets["cpu"]["format"] == "elf-shared-object"


def test_text_table(sinkc, gpu_pkg):
    out = sinkc("inspect", gpu_pkg).stdout
    lines = out.splitlines()
    start = lines.index("gpu launches cuda-sm_90 (occupancy: estimated warps per SM of "
                        "sm_90):")
    header = lines[start + 1].split()
    assert header == ["kernel", "symbol", "grid", "block", "regs", "spills", "shared",
                      "private", "occupancy"]
    assert lines[start + 2].split() == ["toy_embed", "toy_embed_kernel", "128x1x1",
                                        "256x1x1", "32", "0", "1028", "0", "64/64", "100%"]
    assert lines[start + 4].split() == ["toy_kv", "toy_kv_reduce", "1x1x1", "64x1x1",
                                        "40", "0", "49152", "0", "8/64", "12.5%"]
    assert lines[start + 6] == ("  summary: 4 launches, max registers 168, spills 16 bytes "
                                "in 1 launch, private memory in 1 launch, lowest occupancy "
                                "12.5%")
    assert "gpu launches hip-gfx942 (occupancy: estimated waves per CU of gfx942):" in lines
    assert ("  summary: 3 launches, max registers 65, spills 3 registers in 1 launch, "
            "private memory none, lowest occupancy 12.5%") in lines
    assert any(l.endswith("0/64 0% (does not fit)") for l in lines)
    assert "gpu scratch:     4096 bytes" in lines
    assert "gpu max context: 16" in lines


# One launch on every chip: 256 threads, 96 registers, 20000 bytes of static
# shared memory. (blocks, active waves, max waves, percent, limited by).
EVERY_CHIP = {
    # 8 warps. Registers: 96 * 32 = 3072 a warp; 16384 / 3072 = 5 warps per
    # sub-partition, 20 per SM: 2 blocks. Shared: 20000 + 1024 -> 21120
    # (165 * 128): 167936 / 21120 = 7. Warp slots 64 / 8 = 8. -> 16/64.
    "cuda-sm_80": (2, 16, 64, 25, ["registers"]),
    # 48 warps (slots 6), 102400 / 21120 = 4, cap 16: registers, 16/48.
    "cuda-sm_86": (2, 16, 48, 33.3, ["registers"]),
    # 233472 / 21120 = 11: registers, 16/64.
    "cuda-sm_90": (2, 16, 64, 25, ["registers"]),
    "cuda-sm_100": (2, 16, 64, 25, ["registers"]),
    # As sm_86 with a cap of 32 blocks.
    "cuda-sm_120": (2, 16, 48, 33.3, ["registers"]),
    # Wave64: 4 waves. VGPRs 96: 512 / 96 = 5 a SIMD, 20 a CU: 5
    # workgroups. LDS 20000 -> 20480 (512s): 65536 / 20480 = 3. -> 12/32.
    "hip-gfx90a": (3, 12, 32, 37.5, ["shared"]),
    "hip-gfx942": (3, 12, 32, 37.5, ["shared"]),
    # Wave32: 8 waves. VGPRs 96 (a multiple of 24): 1536 / 96 = 16 a SIMD,
    # 64 a WGP: 8 workgroups. LDS 131072 / 20480 = 6. -> 48/64.
    "hip-gfx1100": (6, 48, 64, 75, ["shared"]),
}


def test_every_chip(sinkc, toy, tmp_path):
    path = tmp_path / "every.sinkpkg"
    kernels = {"toy_embed": [B0, S0], "toy_kv": [B1, S1], "toy_lm_head": [B2, S1]}
    one = {t: [launch(k, k + "_kernel", args, [1, 1, 1], [256, 1, 1], 96, 20000)
               for k, args in kernels.items()] for t in EVERY_CHIP}
    make_gpu_package(toy, path, targets=tuple(EVERY_CHIP), gpu_launches=one)
    d = inspect_json(sinkc, path)
    for target, want in EVERY_CHIP.items():
        for row in d["gpu_launches"][target]["launches"]:
            occ = row["occupancy"]
            got = (occ["blocks"], occ["active_waves"], occ["max_waves"], occ["percent"],
                   occ["limited_by"])
            assert got == want, target
            assert occ["per"] == {"cuda": "SM", "hip": "WGP" if "gfx11" in target else "CU"}[
                target.split("-")[0]]


def test_unknown_chip_has_no_estimate(sinkc, toy, tmp_path):
    path = tmp_path / "sm75.sinkpkg"
    launches = {"cuda-sm_75": [l for l, _ in LAUNCHES["cuda-sm_90"]]}
    make_gpu_package(toy, path, targets=("cuda-sm_75",), gpu_launches=launches)
    d = inspect_json(sinkc, path)
    t = d["gpu_launches"]["cuda-sm_75"]
    assert t["occupancy_known"] is False
    assert all(row["occupancy"] is None for row in t["launches"])
    assert t["summary"]["lowest_occupancy_percent"] is None
    out = sinkc("inspect", path).stdout
    assert "gpu launches cuda-sm_75 (no occupancy estimate: unknown chip sm_75):" in out


def test_compiled_cpu_package(sinkc, tmp_path):
    # A tiny model compiled by `sinkc compile`: its CPU kernel section
    # and both plan entries, and the model's sizes.
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "oracle"))
    import tiny_models
    gguf = tiny_models.write_tiny(tmp_path / "tiny", qtype="q8_0")["gguf"]
    pkg = tmp_path / "tiny.sinkpkg"
    sinkc("compile", gguf, "-o", pkg)
    d = inspect_json(sinkc, pkg)
    spec = tiny_models.TinySpec()
    assert d["model"]["arch"] == "llama"
    assert (d["model"]["layers"], d["model"]["hidden"], d["model"]["heads"],
            d["model"]["kv_heads"]) == (spec.n_layers, spec.hidden, spec.n_heads,
                                        spec.n_kv_heads)
    (kernel,) = d["kernels"]
    assert kernel["target"].startswith("cpu") and kernel["format"] == "elf-shared-object"
    assert kernel["size"] > 0
    entries = {e["entry"]: e for e in d["execution_plan"]}
    assert set(entries) == {"prefill", "decode"}
    assert all(e["steps"] > 0 for e in entries.values())
    assert entries["decode"]["max_tokens"] == 1
    assert "gpu_launches" not in d
    out = sinkc("inspect", pkg).stdout
    assert f"  {kernel['target']}" in out and "elf-shared-object" in out
    assert "  prefill:" in out and "  decode:" in out


def test_errors(sinkc, toy, tmp_path):
    # A corrupt manifest byte: the runtime's checksum message, exit 1.
    data = bytearray(toy.read_bytes())
    (_k, _n, manifest), = [s for s in read_sections(toy) if s[0] == KIND_MANIFEST]
    at = bytes(data).index(manifest[:32])
    data[at + 5] ^= 0x20
    bad = tmp_path / "bad.sinkpkg"
    bad.write_bytes(bytes(data))
    proc = sinkc("inspect", bad, check=False)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith(f"sinkc inspect: {bad}: ")
    assert "checksum" in proc.stderr
    # A truncated file.
    short = tmp_path / "short.sinkpkg"
    short.write_bytes(toy.read_bytes()[:4096])
    proc = sinkc("inspect", short, check=False)
    assert proc.returncode == 1 and proc.stderr.startswith(f"sinkc inspect: {short}: ")
    assert "truncated" in proc.stderr
    # A package without the extension is recognized by its magic.
    renamed = tmp_path / "renamed.bin"
    renamed.write_bytes(toy.read_bytes())
    assert inspect_json(sinkc, renamed)["model"]["arch"] == "toy"


def main(argv) -> int:
    if len(argv) == 3 and argv[0] == "gpu-package":
        make_gpu_package(argv[1], argv[2])
        return 0
    print("usage: test_inspect_package.py gpu-package TOY.sinkpkg OUT.sinkpkg", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
