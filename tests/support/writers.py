"""Writes real-format safetensors and GGUF files (tiny tensors) for tests and benchmarks."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

DTYPE_SIZES = {"F32": 4, "F16": 2, "BF16": 2, "I8": 1, "U8": 1, "I32": 4, "I64": 8, "F64": 8}


def safetensors_bytes(tensors: dict[str, tuple[str, list[int]]], metadata: dict[str, str] | None = None) -> bytes:
    """A complete safetensors file: header plus zero-filled tensor data."""
    header: dict[str, Any] = {}
    offset = 0
    for name, (dtype, shape) in tensors.items():
        size = DTYPE_SIZES[dtype]
        for dim in shape:
            size *= dim
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + size]}
        offset += size
    if metadata is not None:
        header["__metadata__"] = metadata
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    return struct.pack("<Q", len(raw)) + raw + b"\x00" * offset


def write_safetensors(path: Path, tensors: dict[str, tuple[str, list[int]]],
                      metadata: dict[str, str] | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(safetensors_bytes(tensors, metadata))
    return path


def _gguf_string(value: str) -> bytes:
    data = value.encode()
    return struct.pack("<Q", len(data)) + data


def _gguf_value(value: Any) -> tuple[int, bytes]:
    if isinstance(value, bool):
        return 7, struct.pack("<?", value)
    if isinstance(value, int):
        return (4, struct.pack("<I", value)) if 0 <= value < 2**32 else (11, struct.pack("<q", value))
    if isinstance(value, float):
        return 6, struct.pack("<f", value)
    if isinstance(value, str):
        return 8, _gguf_string(value)
    if isinstance(value, list):
        kinds = {_gguf_value(v)[0] for v in value} or {8}
        kind = kinds.pop()
        body = b"".join(_gguf_value(v)[1] for v in value)
        return 9, struct.pack("<I", kind) + struct.pack("<Q", len(value)) + body
    raise TypeError(value)


def gguf_bytes(metadata: dict[str, Any], tensors: dict[str, tuple[int, list[int]]], version: int = 3) -> bytes:
    """A GGUF v2/v3 file: metadata, tensor infos (ggml type, shape), padding and zero tensor data."""
    out = bytearray(b"GGUF")
    out += struct.pack("<I", version)
    out += struct.pack("<Q", len(tensors))
    out += struct.pack("<Q", len(metadata))
    for key, value in metadata.items():
        kind, body = _gguf_value(value)
        out += _gguf_string(key) + struct.pack("<I", kind) + body
    offset = 0
    for name, (ggml_type, shape) in tensors.items():
        out += _gguf_string(name) + struct.pack("<I", len(shape))
        out += b"".join(struct.pack("<Q", d) for d in shape)
        out += struct.pack("<I", ggml_type) + struct.pack("<Q", offset)
        count = 1
        for d in shape:
            count *= d
        offset += count * 4
    out += b"\x00" * (-len(out) % 32)
    out += b"\x00" * offset
    return bytes(out)


def write_gguf(path: Path, metadata: dict[str, Any], tensors: dict[str, tuple[int, list[int]]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gguf_bytes(metadata, tensors))
    return path
