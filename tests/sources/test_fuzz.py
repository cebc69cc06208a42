"""Property tests: random and mutated inputs only ever yield evidence or a clean error."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from howopen.sources.card import ModelCard, NotACard, parse_card
from howopen.sources.weights import HeaderError, WeightHeader, read_gguf_header, read_safetensors_header
from support.writers import gguf_bytes, safetensors_bytes

VALID_ST = safetensors_bytes({"a": ("F16", [4, 4]), "b": ("F32", [2])}, metadata={"k": "v"})
VALID_GGUF = gguf_bytes({"general.name": "x", "general.license": "mit", "n": 3, "arr": [1, 2, 3]},
                        {"w": (1, [4, 4]), "v": (0, [2])})
FRONT = "---\nlicense: mit\nbase_model: [a/b, c/d]\ndatasets:\n  - x\ntags: {a: 1}\n---\n# Title\nText\n"


def mutate(data: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    buf = bytearray(data)
    for position, value in edits:
        buf[position % len(buf)] = value
    return bytes(buf[:cut] if cut is not None else buf)


edits = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8)
cuts = st.none() | st.integers(0, 400)
fast = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def only_evidence_or_error(reader, data: bytes) -> None:
    try:
        header = reader(io.BytesIO(data), len(data))
    except HeaderError:
        return
    assert isinstance(header, WeightHeader)
    assert header.parameters >= 0


@fast
@given(st.binary(max_size=600))
def test_safetensors_random_bytes(data: bytes) -> None:
    only_evidence_or_error(read_safetensors_header, data)


@fast
@given(edits, cuts)
def test_safetensors_mutated(changes: list[tuple[int, int]], cut: int | None) -> None:
    only_evidence_or_error(read_safetensors_header, mutate(VALID_ST, changes, cut))


@fast
@given(st.binary(max_size=600))
def test_gguf_random_bytes(data: bytes) -> None:
    only_evidence_or_error(read_gguf_header, b"GGUF" + data)


@fast
@given(edits, cuts)
def test_gguf_mutated(changes: list[tuple[int, int]], cut: int | None) -> None:
    only_evidence_or_error(read_gguf_header, mutate(VALID_GGUF, changes, cut))


def parses_or_refuses(data: bytes) -> None:
    try:
        parsed = parse_card(data)
    except NotACard:
        return
    assert isinstance(parsed, ModelCard)
    assert isinstance(parsed.metadata, dict)
    for key in ("license", "base_model", "datasets", "tags"):
        assert all(isinstance(v, str) for v in parsed.strings(key))


@fast
@given(st.text(max_size=400))
def test_front_matter_random_text(text: str) -> None:
    parses_or_refuses(("---\n" + text + "\n---\nbody\n").encode("utf-8", errors="surrogatepass"))


@fast
@given(edits, cuts)
def test_front_matter_mutated(changes: list[tuple[int, int]], cut: int | None) -> None:
    parses_or_refuses(mutate(FRONT.encode(), changes, cut))
