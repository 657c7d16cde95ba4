"""sinkc's int4/int8 group formats (#tfm.group_quant) in numpy.

The layout (lowering/ukernels/sinkc_ukernels.h, runtime/include/sinkrt/
package_format.h): a row is groups of G values (G = 32, 64 or 128), each
group stored as
    d (f16 or f32) [, m (same type) when asymmetric], codes
where int4 codes are G/32 chunks of 16 bytes, value 32c + j the low nibble of
byte 16c + j for j < 16 and the high nibble of byte 16c + j - 16 for j >= 16,
and int8 codes are G bytes in order. Values: int4 symmetric (q - 8) * d,
int4 asymmetric q * d + m, int8 symmetric q * d with q signed, int8
asymmetric q * d + m with q unsigned.

Written from that description alone: the test oracle for the microkernels'
vector decoders. Safetensors files mark such tensors (stored U8, shape
[rows, row_bytes]) with the metadata key "sinkc.encoding.<tensor name>".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

METADATA_PREFIX = "sinkc.encoding."
FORMATS = tuple(f"i{b}g{g}{m}_{s}" for b in (4, 8) for g in (32, 64, 128)
                for m in ("s", "a") for s in ("f16", "f32"))


@dataclass(frozen=True)
class GroupFormat:
    bits: int
    group: int
    asymmetric: bool
    scale: type  # np.float16 | np.float32

    @staticmethod
    def parse(name: str) -> "GroupFormat":
        m = re.fullmatch(r"i([48])g(32|64|128)([sa])_(f16|f32)", name)
        if not m:
            raise ValueError(f"{name!r} is not a group format (i<4|8>g<32|64|128><s|a>_<f16|f32>)")
        return GroupFormat(int(m[1]), int(m[2]), m[3] == "a",
                           np.float16 if m[4] == "f16" else np.float32)

    @property
    def scale_bytes(self) -> int:
        return np.dtype(self.scale).itemsize

    @property
    def header_bytes(self) -> int:
        return self.scale_bytes * (2 if self.asymmetric else 1)

    @property
    def block_bytes(self) -> int:
        return self.group * self.bits // 8 + self.header_bytes


def quantize(x: np.ndarray, name: str) -> np.ndarray:
    """Rows of f32 values -> uint8 [rows, row_bytes] (round to nearest)."""
    f = GroupFormat.parse(name)
    x = np.asarray(x, np.float32)
    rows, cols = x.shape
    if cols % f.group:
        raise ValueError(f"{name}: rows of {cols} values are not whole groups of {f.group}")
    g = x.reshape(rows, cols // f.group, f.group)
    levels = (1 << f.bits) - 1
    if f.asymmetric:
        lo, hi = g.min(-1), g.max(-1)
        d = ((hi - lo) / levels).astype(f.scale)
        m = lo.astype(f.scale)
        dd = np.where(d == 0, 1, d.astype(np.float32))[..., None]
        q = np.clip(np.rint((g - m.astype(np.float32)[..., None]) / dd), 0, levels)
    else:
        half = 1 << (f.bits - 1)          # 8 or 128
        d = (np.abs(g).max(-1) / (half - 1)).astype(f.scale)
        dd = np.where(d == 0, 1, d.astype(np.float32))[..., None]
        q = np.clip(np.rint(g / dd), -(half - 1), half - 1)
        q = q + half if f.bits == 4 else q  # int4 stores q + 8; int8 two's complement
    q = q.astype(np.int64)
    if f.bits == 4:
        chunks = q.reshape(rows, cols // f.group, f.group // 32, 2, 16)
        codes = (chunks[..., 0, :] | (chunks[..., 1, :] << 4)).astype(np.uint8)
        codes = codes.reshape(rows, cols // f.group, f.group // 2)
    else:
        codes = (q & 0xFF).astype(np.uint8)
    header = [d.astype(f.scale)[..., None].view(np.uint8)]
    if f.asymmetric:
        header.append(m.astype(f.scale)[..., None].view(np.uint8))
    blocks = np.concatenate(header + [codes], axis=-1)
    return np.ascontiguousarray(blocks.reshape(rows, -1))


def dequantize(raw: np.ndarray, name: str) -> np.ndarray:
    """uint8 [rows, row_bytes] -> f32 [rows, cols]."""
    f = GroupFormat.parse(name)
    raw = np.ascontiguousarray(raw, np.uint8)
    rows, row_bytes = raw.shape
    if row_bytes % f.block_bytes:
        raise ValueError(f"{name}: {row_bytes} bytes per row are not whole groups of {f.block_bytes}")
    b = raw.reshape(rows, row_bytes // f.block_bytes, f.block_bytes)
    s = f.scale_bytes
    d = b[..., :s].copy().view(f.scale)[..., 0].astype(np.float32)[..., None]
    m = b[..., s:2 * s].copy().view(f.scale)[..., 0].astype(np.float32)[..., None] \
        if f.asymmetric else None
    codes = b[..., f.header_bytes:]
    if f.bits == 4:
        c = codes.reshape(rows, -1, f.group // 32, 16)
        q = np.concatenate([c & 15, c >> 4], axis=-1).reshape(rows, -1, f.group).astype(np.float32)
        v = q * d + m if f.asymmetric else (q - 8) * d
    else:
        q = (codes if f.asymmetric else codes.view(np.int8)).astype(np.float32)
        v = q * d + m if f.asymmetric else q * d
    return v.reshape(rows, -1).astype(np.float32)
