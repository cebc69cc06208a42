"""Weight-file headers: real safetensors and GGUF files written by the tests, and hostile ones."""

from __future__ import annotations

import io
import json
import struct

import pytest

from howopen.sources.weights import HeaderError, read_gguf_header, read_header, read_safetensors_header
from support.writers import gguf_bytes, safetensors_bytes


def st(data: bytes):
    return read_safetensors_header(io.BytesIO(data), len(data))


def gg(data: bytes):
    return read_gguf_header(io.BytesIO(data), len(data))


def test_safetensors_parameters_and_dtype() -> None:
    data = safetensors_bytes({"a": ("F16", [4, 8]), "b": ("F32", [3]), "c": ("F16", [2, 2, 2])},
                             metadata={"format": "pt"})
    header = st(data)
    assert header.format == "safetensors"
    assert header.parameters == 32 + 3 + 8
    assert header.dtypes == {"F16": 40, "F32": 3}
    assert header.dtype == "F16"
    assert header.tensors == 3
    assert header.metadata == {"format": "pt"}


def test_safetensors_reads_only_the_header() -> None:
    data = safetensors_bytes({"a": ("F32", [1000])})
    stream = io.BytesIO(data)
    read_safetensors_header(stream, len(data))
    (length,) = struct.unpack("<Q", data[:8])
    assert stream.tell() == 8 + length


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x01\x02", "shorter than"),
        (struct.pack("<Q", 2**40) + b"{}", "more than the format's limit"),
        (struct.pack("<Q", 1000) + b"{}", "has only"),
        (struct.pack("<Q", 4) + b"{{{{", "not valid JSON"),
        (struct.pack("<Q", 2) + b"[]", "not a JSON object"),
    ],
)
def test_safetensors_hostile_headers(data: bytes, message: str) -> None:
    with pytest.raises(HeaderError, match=message):
        st(data)


def test_safetensors_offsets_outside_the_file() -> None:
    header = json.dumps({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 1_000_000]}}).encode()
    with pytest.raises(HeaderError, match="offsets outside"):
        st(struct.pack("<Q", len(header)) + header + b"\x00" * 16)


def test_safetensors_bad_shape() -> None:
    header = json.dumps({"a": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 0]}}).encode()
    with pytest.raises(HeaderError, match="invalid shape"):
        st(struct.pack("<Q", len(header)) + header)


def test_gguf_metadata_and_parameters() -> None:
    data = gguf_bytes({"general.architecture": "llama", "general.license": "apache-2.0",
                       "general.name": "Tiny", "llama.block_count": 2,
                       "tokenizer.ggml.tokens": [f"t{i}" for i in range(40)]},
                      {"tok_embd.weight": (1, [8, 16]), "output.weight": (12, [16, 8])})
    header = gg(data)
    assert header.format == "gguf"
    assert header.parameters == 256
    assert header.dtypes == {"F16": 128, "Q4_K": 128}
    assert header.metadata["general.license"] == "apache-2.0"
    assert header.metadata["llama.block_count"] == 2
    assert "tokenizer.ggml.tokens" not in header.metadata


def test_gguf_wrong_magic() -> None:
    with pytest.raises(HeaderError, match="wrong magic number"):
        gg(b"GGML" + b"\x00" * 32)


def test_gguf_truncated() -> None:
    data = gguf_bytes({"general.name": "x"}, {"w": (0, [4])})
    with pytest.raises(HeaderError, match=r"ends inside|larger than"):
        gg(data[:30])


def test_gguf_huge_string_length() -> None:
    data = b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 2**50)
    with pytest.raises(HeaderError, match="declares a length"):
        gg(data + b"\x00" * 64)


def test_gguf_huge_counts() -> None:
    data = b"GGUF" + struct.pack("<IQQ", 3, 2**40, 2**40)
    with pytest.raises(HeaderError, match="declares"):
        gg(data)


def test_dispatch_by_suffix() -> None:
    with pytest.raises(HeaderError, match="no header reader"):
        read_header("model.bin", io.BytesIO(b""), 0)
