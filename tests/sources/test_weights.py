"""Weight-file headers: real safetensors and GGUF files written by the tests, and hostile ones."""

from __future__ import annotations

import io
import json
import struct

import pytest

from howopen.evidence import ArtifactKind
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


def raw_safetensors(header: dict, data_bytes: int) -> bytes:  # type: ignore[type-arg]
    raw = json.dumps(header).encode()
    return struct.pack("<Q", len(raw)) + raw + b"\x00" * data_bytes


@pytest.mark.parametrize(("header", "data_bytes", "message"), [
    # shape x dtype says 4 x 4 = 16 bytes; the offsets span 8
    ({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 8]}}, 8, r"'a' is F32 \[4\] \(16 bytes\).*span 8"),
    ({"a": {"dtype": "BF16", "shape": [2, 3], "data_offsets": [0, 24]}}, 24, r"12 bytes.*span 24"),
    ({"a": {"dtype": "F16", "shape": [4], "data_offsets": [0, 8]},
      "b": {"dtype": "F16", "shape": [4], "data_offsets": [4, 12]}}, 12, "overlap"),
])
def test_safetensors_inconsistent_headers(header: dict, data_bytes: int, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(HeaderError, match=r"^header inconsistent: ") as raised:
        st(raw_safetensors(header, data_bytes))
    assert raised.match(message)


def test_safetensors_offsets_beyond_the_data_are_inconsistent() -> None:
    header = {"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}
    with pytest.raises(HeaderError, match=r"^header inconsistent: .*outside the 8 bytes of tensor data"):
        st(raw_safetensors(header, 8))


def test_safetensors_consistent_headers_of_every_dtype() -> None:
    header, offset = {}, 0
    for name, (dtype, size) in {"a": ("F8_E4M3", 1), "b": ("BOOL", 1), "c": ("U16", 2), "d": ("F64", 8),
                                "e": ("I64", 8), "f": ("U32", 4)}.items():
        header[name] = {"dtype": dtype, "shape": [3, 2], "data_offsets": [offset, offset + 6 * size]}
        offset += 6 * size
    header["g"] = {"dtype": "EXOTIC", "shape": [5], "data_offsets": [offset, offset + 3]}  # unknown size: unchecked
    assert st(raw_safetensors(header, offset + 3)).parameters == 6 * 6 + 5


def test_an_inconsistent_header_is_a_gap_and_no_parameter_count(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from howopen.sources.local import LocalSource
    from support.snapshots import make_snapshot

    root = make_snapshot(tmp_path / "m", card="# M\n", weights=False)
    (root / "model.safetensors").write_bytes(
        raw_safetensors({"w": {"dtype": "F32", "shape": [1000, 1000], "data_offsets": [0, 8]}}, 8))
    release = LocalSource(root).fetch()
    gap = next(g for g in release.gaps if g.code == "weights-header-invalid")
    assert "model.safetensors: header inconsistent:" in gap.message
    assert release.fact("parameters") is None
    assert "parameters" not in release.artifact(ArtifactKind.WEIGHTS).details
