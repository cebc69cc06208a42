"""Property tests for every parser of stranger-written input: whatever the bytes, the answer is evidence or a clean
error (never another exception), and the streamed safetensors reader agrees with a whole-header reading."""

from __future__ import annotations

import contextlib
import io
import json
import math
import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from howopen.errors import HowopenError
from howopen.licenses.identify import identify_text
from howopen.licenses.textfile import read_license_file
from howopen.policy.load import load_policy_file
from howopen.sources import weights
from howopen.sources.assemble import build_release, parse_config
from howopen.sources.mot import MotRecordSource
from howopen.sources.snapshot import FileEntry, Snapshot
from howopen.sources.weights import HeaderError, read_gguf_header, read_safetensors_header
from howopen.yamldata import TooLarge, expanded_size
from support.writers import gguf_bytes

ROOT = Path(__file__).resolve().parents[2]
MOT = next((ROOT / "tests" / "fixtures" / "mot" / "Test_Data").glob("Class1TestFile*.yml")).read_text("utf-8")
POLICY = ('require = ["commercial", "open-weights"]\nforbid = ["user-cap"]\n\n[[exceptions]]\n'
          'model = "meta-llama/*"\nreason = "approved"\nrules = ["forbid:user-cap"]\nexpires = 2030-06-30\n')
quick = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                          HealthCheck.function_scoped_fixture])
edits = st.lists(st.tuples(st.integers(0, 100_000), st.integers(0, 255)), max_size=6)


def mutate(text: str, changes: list[tuple[int, int]], cut: int | None) -> bytes:
    data = bytearray(text.encode())
    for position, value in changes:
        data[position % len(data)] = value
    return bytes(data[:cut] if cut is not None else data)


# -- safetensors: the streamed reader against the whole header ---------------------------------------------------

DTYPES = {"F16": 2, "BF16": 2, "F32": 4, "U8": 1, "I64": 8}
names = st.text(st.characters(codec="utf-8"), min_size=1, max_size=12).filter(lambda n: n != "__metadata__")
tensor = st.tuples(st.sampled_from(sorted(DTYPES)), st.lists(st.integers(0, 5), max_size=3))
blank = st.sampled_from(["", " ", "\n", "\t ", "\r\n  "])


@st.composite
def safetensors_file(draw: st.DrawFn) -> tuple[bytes, int, dict[str, int]]:
    tensors = draw(st.dictionaries(names, tensor, max_size=12))
    metadata = draw(st.none() | st.dictionaries(st.text(max_size=5), st.text(max_size=20), max_size=3))
    entries, offset, total, dtypes = [], 0, 0, {}
    for name, (dtype, shape) in tensors.items():
        count = math.prod(shape)
        size = count * DTYPES[dtype]
        info = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + size]}
        entries.append((name, info))
        offset, total = offset + size, total + count
        dtypes[dtype] = dtypes.get(dtype, 0) + count
    if metadata is not None:
        entries.insert(draw(st.integers(0, len(entries))), ("__metadata__", metadata))
    gap = draw(blank)
    body = "{" + gap + ("," + draw(blank)).join(f"{json.dumps(k)}{draw(blank)}:{draw(blank)}{json.dumps(v)}"
                                               for k, v in entries) + draw(blank) + "}" + draw(blank)
    raw = body.encode()
    return struct.pack("<Q", len(raw)) + raw + b"\x00" * offset, total, dtypes


@settings(max_examples=150, deadline=None)
@given(safetensors_file(), st.integers(1, 64))
def test_streamed_safetensors_header_matches_the_whole(case: tuple[bytes, int, dict[str, int]], chunk: int) -> None:
    data, total, dtypes = case
    old = weights._CHUNK
    weights._CHUNK = chunk  # every boundary: inside names, numbers, escapes and multi-byte characters
    try:
        header = read_safetensors_header(io.BytesIO(data), len(data))
    finally:
        weights._CHUNK = old
    assert header.parameters == total
    assert {k: v for k, v in header.dtypes.items() if v} == {k: v for k, v in dtypes.items() if v}


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.integers(1, 16))
def test_streamed_safetensors_header_on_any_text(text: str, chunk: int) -> None:
    raw = text.encode("utf-8", errors="surrogatepass")
    data = struct.pack("<Q", len(raw)) + raw
    old = weights._CHUNK
    weights._CHUNK = chunk
    try:
        read_safetensors_header(io.BytesIO(data), len(data))
    except HeaderError:
        pass
    finally:
        weights._CHUNK = old


# -- GGUF ----------------------------------------------------------------------------------------------------------

gguf_values = st.one_of(st.integers(0, 2**31), st.text(max_size=20), st.booleans(),
                        st.lists(st.integers(0, 1000), min_size=1, max_size=40),
                        st.lists(st.text(max_size=6), min_size=1, max_size=40))


@quick
@given(st.dictionaries(st.text(min_size=1, max_size=10), gguf_values, max_size=6),
       st.dictionaries(st.text(min_size=1, max_size=8), st.lists(st.integers(1, 9), min_size=1, max_size=3),
                       max_size=5))
def test_gguf_headers_read_back(metadata: dict, shapes: dict) -> None:
    data = gguf_bytes(metadata, {name: (0, shape) for name, shape in shapes.items()})
    old = weights._CHUNK
    weights._CHUNK = 7  # vocabularies are skipped a chunk at a time: strings cross every boundary
    try:
        header = read_gguf_header(io.BytesIO(data), len(data))
    finally:
        weights._CHUNK = old
    assert header.parameters == sum(math.prod(s) for s in shapes.values())
    assert header.tensors == len(shapes)
    for key, value in metadata.items():
        kept = header.metadata.get(key)
        assert kept == value or (isinstance(kept, dict) and kept["array_length"] == len(value)) \
            or isinstance(value, float | bool)


# -- config.json ---------------------------------------------------------------------------------------------------

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                        max_size=4), max_leaves=30)
config_keys = st.sampled_from(["architectures", "model_type", "num_parameters", "torch_dtype", "_name_or_path",
                               "hidden_size", "num_hidden_layers", "vocab_size", "max_position_embeddings",
                               "quantization_config", "auto_map", "license", "base_model"])


@quick
@given(st.dictionaries(config_keys | st.text(max_size=8), json_values, max_size=8) | json_values)
def test_any_config_json_is_evidence_or_a_gap(config: object) -> None:
    snapshot = Snapshot(label="m", files=[FileEntry("config.json", 10), FileEntry("model.safetensors", 10)],
                        listing_complete=True)
    parse_config(snapshot, json.dumps(config).encode())
    build_release(snapshot, target="m", source="local", name="m")


@quick
@given(st.binary(max_size=300))
def test_any_config_bytes_are_evidence_or_a_gap(data: bytes) -> None:
    snapshot = Snapshot(label="m", files=[FileEntry("config.json", len(data))], listing_complete=True)
    parse_config(snapshot, data)
    assert snapshot.config is not None or snapshot.gaps


# -- license texts -------------------------------------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(st.text(max_size=600))
def test_any_license_text_is_identified_or_not(text: str) -> None:
    ident = identify_text(text)
    assert not ident.recognized or ident.id


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600))
def test_any_license_file_reads_or_refuses(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "LICENSE"
    path.write_bytes(data)
    try:
        read = read_license_file(path)
    except HowopenError as exc:
        assert "\n" not in exc.message
        return
    assert isinstance(read.text, str)


# -- policies and MOT records --------------------------------------------------------------------------------------

@quick
@given(edits, st.none() | st.integers(0, 300))
def test_any_policy_file_loads_or_is_a_clean_error(tmp_path: Path, changes: list, cut: int | None) -> None:
    path = tmp_path / "howopen.toml"
    path.write_bytes(mutate(POLICY, changes, cut))
    try:
        load_policy_file(path)
    except HowopenError as exc:
        assert exc.exit_code == 2


@quick
@given(edits, st.none() | st.integers(0, 4000))
def test_any_mot_record_reads_or_is_a_clean_error(tmp_path: Path, changes: list, cut: int | None) -> None:
    path = tmp_path / "record.yml"
    path.write_bytes(mutate(MOT, changes, cut))
    with contextlib.suppress(HowopenError):
        MotRecordSource(path).fetch()


# -- YAML aliases --------------------------------------------------------------------------------------------------

def naive(value: object) -> int:
    if isinstance(value, dict):
        return 1 + sum(naive(k) + naive(v) for k, v in value.items())
    if isinstance(value, list):
        return 1 + sum(naive(v) for v in value)
    return 1


@quick
@given(json_values)
def test_expanded_size_counts_what_a_walk_would_visit(value: object) -> None:
    assert expanded_size(value) == naive(value)


def test_an_alias_bomb_is_refused_without_expanding_it() -> None:
    level: list = ["lol"] * 10
    for _ in range(9):
        level = [level] * 10  # 10^10 values once expanded, 100 objects in memory
    with pytest.raises(TooLarge, match="more than 1000000 values"):
        expanded_size(level)
