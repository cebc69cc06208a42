"""Reads weight-file headers (safetensors, GGUF) for parameter counts, dtypes and metadata.

Only headers are read, through bounded reads: a file that declares an absurd header, or ends early, raises
`HeaderError` with a message a user can act on. A safetensors header whose tensors do not add up (a shape and dtype
that need more or fewer bytes than the tensor's data offsets span, offsets beyond the file, tensors that overlap)
raises `HeaderError("header inconsistent: ...")`: its parameter count is not to be trusted. Tensor data is never
read, and nothing is unpickled.
"""

from __future__ import annotations

import codecs
import itertools
import json
import math
import re
import struct
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

SAFETENSORS_MAX_HEADER = 100 * 1024 * 1024  # the format's own limit (safetensors rejects larger headers)
SAFETENSORS_MAX_TENSORS = 200_000  # real checkpoints hold a few thousand tensors per file
SAFETENSORS_MAX_ENTRY = 16 * 1024 * 1024  # one tensor's description, or the __metadata__ object
SAFETENSORS_MAX_DIMS = 32
_CHUNK = 1024 * 1024
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_BLANK = re.compile(r"[ \t\n\r]*")
GGUF_MAX_HEADER = 256 * 1024 * 1024  # metadata + tensor infos; vocabularies make GGUF headers large
GGUF_MAX_STRING = 64 * 1024 * 1024
GGUF_MAX_ARRAY = 16 * 1024 * 1024
GGUF_MAX_TENSORS = 200_000  # real GGUF files hold a few thousand tensors
GGUF_MAX_KEYS = 100_000  # metadata entries (real files: a few dozen)
GGUF_MAX_VALUES = 4_000_000  # array items in all (a vocabulary is a few hundred thousand strings, in 3 arrays)
GGUF_MAX_DIMS = 8


# Bits per element of the safetensors dtypes (the format's `Dtype` enum); a dtype not listed is not size-checked.
SAFETENSORS_DTYPE_BITS = {"BOOL": 8, "U8": 8, "I8": 8, "F8_E5M2": 8, "F8_E4M3": 8, "F8_E8M0": 8,
                          "F8_E4M3FNUZ": 8, "F8_E5M2FNUZ": 8, "F4": 4,
                          "F6_E2M3": 6, "F6_E3M2": 6, "I16": 16, "U16": 16, "F16": 16, "BF16": 16, "I32": 32,
                          "U32": 32, "F32": 32, "I64": 64, "U64": 64, "F64": 64, "C64": 64}


class HeaderError(ValueError):
    """A weight file's header is malformed, truncated or hostile."""


@dataclass(frozen=True)
class WeightHeader:
    format: str  # safetensors | gguf
    parameters: int
    dtypes: dict[str, int]  # dtype -> number of parameters in that dtype
    tensors: int
    metadata: dict[str, Any] = field(default_factory=dict)
    header_bytes: int = 0

    @property
    def dtype(self) -> str | None:
        """The dtype holding most parameters."""
        return max(self.dtypes, key=lambda k: self.dtypes[k]) if self.dtypes else None


def _read_exact(handle: BinaryIO, size: int, what: str) -> bytes:
    data = handle.read(size)
    if len(data) != size:
        raise HeaderError(f"file ends inside the {what} (wanted {size} bytes, got {len(data)})")
    return data


# ----------------------------------------------------------------------------------------------------------------
# safetensors: 8-byte little-endian header length, then a JSON header, then raw tensor data.


class _JsonMembers:
    """The members of a JSON object read from `length` bytes of a file, one at a time: the header is never held
    whole, only the current member (at most `SAFETENSORS_MAX_ENTRY` characters) and a read-ahead of one chunk."""

    def __init__(self, handle: BinaryIO, length: int) -> None:
        self.handle = handle
        self.left = length
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.json = json.JSONDecoder()
        self.buf = ""
        self.pos = 0

    def _more(self, want: int) -> None:
        size = min(self.left, max(_CHUNK, want))
        data = _read_exact(self.handle, size, "JSON header")
        self.left -= size
        try:
            text = self.decoder.decode(data, final=self.left == 0)
        except UnicodeDecodeError:
            raise HeaderError("header is not valid JSON: it is not UTF-8") from None
        self.buf = self.buf[self.pos:] + text
        self.pos = 0

    def _next_char(self) -> str:
        """The next non-blank character ('' at the end of the header), not consumed."""
        while True:
            self.pos = _BLANK.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.left:
                return ""
            self._more(0)

    def _parse(self, parse: Callable[[str, int], tuple[Any, int]], what: str) -> Any:
        while True:
            span = len(self.buf) - self.pos
            try:
                value, end = parse(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if not self.left:
                    raise HeaderError(f"header is not valid JSON: {exc.msg} in {what}") from None
            except RecursionError:
                raise HeaderError(f"header is not valid JSON: {what} is nested too deeply") from None
            else:
                if end < len(self.buf) or not self.left:  # a number at the very end may go on in the next chunk
                    self.pos = end
                    return value
            if span >= SAFETENSORS_MAX_ENTRY:
                raise HeaderError(f"{what} is larger than {SAFETENSORS_MAX_ENTRY // (1024 * 1024)} MB")
            self._more(span * 2)

    def _expect(self, wanted: str, what: str) -> None:
        found = self._next_char()
        if found != wanted:
            shown = repr(found) if found else "the end of the header"
            raise HeaderError(f"header is not valid JSON: expected {wanted!r} {what}, found {shown}")
        self.pos += 1

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        if self._next_char() != "{":
            raise HeaderError("header is not a JSON object")
        self.pos += 1
        if self._next_char() == "}":
            return
        while True:
            self._expect('"', "(a tensor name)")
            name = self._parse(lambda text, at: _scanstring(text, at), "a tensor name")
            self._expect(":", f"after {str(name)[:80]!r}")
            self._next_char()
            yield name, self._parse(self.json.raw_decode, f"the entry for {str(name)[:80]!r}")
            if self._next_char() == "}":
                return
            self._expect(",", "between entries")


def read_safetensors_header(handle: BinaryIO, file_size: int) -> WeightHeader:
    """The header, streamed member by member: memory stays small whatever the header's size, and a header that
    describes more than `SAFETENSORS_MAX_TENSORS` tensors is refused once that many have been read."""
    if file_size < 8:
        raise HeaderError("file is shorter than the 8-byte safetensors header length")
    (length,) = struct.unpack("<Q", _read_exact(handle, 8, "header length"))
    if length > SAFETENSORS_MAX_HEADER:
        raise HeaderError(f"header declares {length} bytes, more than the format's limit of "
                          f"{SAFETENSORS_MAX_HEADER} bytes")
    if length > file_size - 8:
        raise HeaderError(f"header declares {length} bytes but the file has only {file_size - 8} after it")
    data_size = file_size - 8 - length
    metadata: dict[str, Any] = {}
    dtypes: Counter[str] = Counter()
    total = 0
    spans: list[tuple[int, int, str]] = []
    for name, info in _JsonMembers(handle, length):
        if name == "__metadata__":
            if info is not None and not isinstance(info, dict):
                raise HeaderError("__metadata__ is not an object")
            metadata = info or {}
            continue
        if len(spans) >= SAFETENSORS_MAX_TENSORS:
            raise HeaderError(f"header describes more than {SAFETENSORS_MAX_TENSORS} tensors; not read further")
        count, dtype = _tensor(name, info, data_size)
        spans.append((info["data_offsets"][0], info["data_offsets"][1], str(name)[:200]))
        total += count
        dtypes[dtype] += count
    spans.sort()
    for (_s1, end1, first), (start2, _e2, second) in itertools.pairwise(spans):
        if start2 < end1:
            raise HeaderError(f"header inconsistent: tensors {first!r} and {second!r} overlap in the data")
    return WeightHeader("safetensors", total, dict(dtypes), len(spans),
                        {str(k): str(v)[:1000] for k, v in list(metadata.items())[:200]}, 8 + length)


def _tensor(name: str, info: Any, data_size: int) -> tuple[int, str]:
    """One tensor's parameter count and dtype, after checking its description against the data it spans."""
    if not isinstance(info, dict):
        raise HeaderError(f"tensor {name!r} is not described by an object")
    shape, dtype, offsets = info.get("shape"), info.get("dtype"), info.get("data_offsets")
    if (not isinstance(shape, list) or len(shape) > SAFETENSORS_MAX_DIMS
            or not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape)
            or not isinstance(dtype, str)):
        raise HeaderError(f"tensor {name!r} has an invalid shape or dtype")
    if (not isinstance(offsets, list) or len(offsets) != 2
            or not all(isinstance(o, int) and not isinstance(o, bool) for o in offsets)):
        raise HeaderError(f"tensor {name!r} has invalid data offsets")
    if not 0 <= offsets[0] <= offsets[1] <= data_size:
        raise HeaderError(f"header inconsistent: tensor {name!r} has data offsets {offsets} outside the "
                          f"{data_size} bytes of tensor data (data offsets outside the file)")
    count = math.prod(shape)
    bits = SAFETENSORS_DTYPE_BITS.get(dtype)
    if bits is not None:
        expected = (count * bits + 7) // 8
        if expected != offsets[1] - offsets[0]:
            raise HeaderError(f"header inconsistent: tensor {name!r} is {dtype} {shape} ({expected} bytes) but "
                              f"its data offsets {offsets} span {offsets[1] - offsets[0]} bytes")
    return count, dtype


# ----------------------------------------------------------------------------------------------------------------
# GGUF: magic, version, tensor count, metadata key/values, tensor infos (then aligned tensor data, never read).

GGUF_MAGIC = b"GGUF"
_GGUF_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q",
                 12: "<d"}
# ggml tensor types, by the numbers the GGUF specification gives them.
GGML_TYPES = {0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 6: "Q5_0", 7: "Q5_1", 8: "Q8_0", 9: "Q8_1", 10: "Q2_K",
              11: "Q3_K", 12: "Q4_K", 13: "Q5_K", 14: "Q6_K", 15: "Q8_K", 16: "IQ2_XXS", 17: "IQ2_XS",
              18: "IQ3_XXS", 19: "IQ1_S", 20: "IQ4_NL", 21: "IQ3_S", 22: "IQ2_S", 23: "IQ4_XS", 24: "I8",
              25: "I16", 26: "I32", 27: "I64", 28: "F64", 29: "IQ1_M", 30: "BF16", 34: "TQ1_0", 35: "TQ2_0",
              39: "MXFP4"}
_KEEP_ARRAY_ITEMS = 16  # long arrays (vocabularies) are summarised, not kept


class _Bounded:
    """Reads from a file while counting bytes against a budget."""

    def __init__(self, handle: BinaryIO, budget: int) -> None:
        self.handle = handle
        self.budget = budget
        self.used = 0
        self.values = 0  # array items met so far, against GGUF_MAX_VALUES

    def read(self, size: int, what: str) -> bytes:
        self.used += size
        if self.used > self.budget:
            raise HeaderError(f"header is larger than {self.budget} bytes (while reading {what})")
        return _read_exact(self.handle, size, what)

    def skip_strings(self, count: int, v1: bool, what: str) -> None:
        """Skip `count` strings (a vocabulary holds hundreds of thousands), reading ahead a chunk at a time and
        seeking back over what was read past the last one."""
        if not self.handle.seekable():
            for _ in range(count):
                self.string(what, v1)
            return
        width = 4 if v1 else 8
        unpack = struct.Struct("<I" if v1 else "<Q").unpack_from
        buf, pos = b"", 0
        for _ in range(count):
            while len(buf) - pos < width:  # a length can straddle more than one read-ahead
                more = self._ahead(what)
                if not more:
                    raise HeaderError(f"file ends inside the {what}")
                buf, pos = buf[pos:] + more, 0
            (length,) = unpack(buf, pos)
            if length > GGUF_MAX_STRING:
                raise HeaderError(f"{what} declares a length of {length} bytes")
            pos += width + length
            if pos > len(buf):  # the string runs past what was read: skip its rest
                rest = pos - len(buf)
                buf, pos = b"", 0
                self.skip(rest, what)
        self.handle.seek(pos - len(buf), 1)
        self.used -= len(buf) - pos

    def _ahead(self, what: str) -> bytes:
        size = min(_CHUNK, self.budget - self.used)
        if size <= 0:
            raise HeaderError(f"header is larger than {self.budget} bytes (while reading {what})")
        data = self.handle.read(size)
        self.used += len(data)
        return data

    def skip(self, size: int, what: str) -> None:
        while size > 0:
            step = min(size, _CHUNK)
            self.read(step, what)
            size -= step

    def unpack(self, fmt: str, what: str) -> Any:
        return struct.unpack(fmt, self.read(struct.calcsize(fmt), what))[0]

    def string(self, what: str, v1: bool) -> str:
        length = self.unpack("<I" if v1 else "<Q", f"{what} length")
        if length > GGUF_MAX_STRING:
            raise HeaderError(f"{what} declares a length of {length} bytes")
        return self.read(length, what).decode("utf-8", errors="replace")


def _gguf_value(reader: _Bounded, kind: int, key: str, v1: bool, depth: int = 0) -> Any:
    if kind in _GGUF_SCALARS:
        return reader.unpack(_GGUF_SCALARS[kind], key)
    if kind == 8:
        return reader.string(key, v1)
    if kind == 9:
        if depth > 2:
            raise HeaderError(f"metadata {key!r} nests arrays too deeply")
        item_kind = reader.unpack("<I", f"{key} array type")
        count = reader.unpack("<I" if v1 else "<Q", f"{key} array length")
        if count > GGUF_MAX_ARRAY:
            raise HeaderError(f"metadata {key!r} declares an array of {count} items")
        reader.values += count
        if reader.values > GGUF_MAX_VALUES:
            raise HeaderError(f"metadata holds more than {GGUF_MAX_VALUES} values in all; not read further")
        kept = min(count, _KEEP_ARRAY_ITEMS)
        items = [_gguf_value(reader, item_kind, key, v1, depth + 1) for _ in range(kept)]
        if item_kind in _GGUF_SCALARS:  # the rest of a numeric array is skipped in one bounded read each MB
            reader.skip((count - kept) * struct.calcsize(_GGUF_SCALARS[item_kind]), key)
        elif item_kind == 8:
            reader.skip_strings(count - kept, v1, key)
        else:
            for _ in range(count - kept):
                _gguf_value(reader, item_kind, key, v1, depth + 1)
        return {"array_length": count, "first": items} if count > _KEEP_ARRAY_ITEMS else items
    raise HeaderError(f"metadata {key!r} has unknown value type {kind}")


def read_gguf_header(handle: BinaryIO, file_size: int) -> WeightHeader:
    reader = _Bounded(handle, min(GGUF_MAX_HEADER, max(file_size, 0)))
    magic = reader.read(4, "magic number") if file_size >= 4 else b""
    if magic != GGUF_MAGIC:
        raise HeaderError(f"wrong magic number {magic!r} (a GGUF file starts with b'GGUF')")
    version = reader.unpack("<I", "version")
    if version not in (1, 2, 3):
        raise HeaderError(f"unsupported GGUF version {version}")
    v1 = version == 1
    count_fmt = "<I" if v1 else "<Q"
    tensor_count = reader.unpack(count_fmt, "tensor count")
    kv_count = reader.unpack(count_fmt, "metadata count")
    if tensor_count > GGUF_MAX_TENSORS or kv_count > GGUF_MAX_KEYS:
        raise HeaderError(f"header declares {tensor_count} tensors and {kv_count} metadata entries (howopen reads at "
                          f"most {GGUF_MAX_TENSORS} tensors and {GGUF_MAX_KEYS} entries)")
    metadata: dict[str, Any] = {}
    for _ in range(kv_count):
        key = reader.string("metadata key", v1)
        kind = reader.unpack("<I", f"type of {key}")
        metadata[key] = _gguf_value(reader, kind, key, v1)
    dtypes: Counter[str] = Counter()
    total = 0
    for _ in range(tensor_count):
        name = reader.string("tensor name", v1)
        dims = reader.unpack("<I", f"dimensions of {name}")
        if dims > GGUF_MAX_DIMS:
            raise HeaderError(f"tensor {name!r} declares {dims} dimensions")
        shape = [reader.unpack(count_fmt, f"shape of {name}") for _ in range(dims)]
        ggml_type = reader.unpack("<I", f"type of {name}")
        reader.unpack("<Q", f"offset of {name}")
        count = math.prod(shape)
        total += count
        dtypes[GGML_TYPES.get(ggml_type, f"type{ggml_type}")] += count
    kept = {k: v for k, v in metadata.items() if not k.startswith("tokenizer.ggml.")}
    return WeightHeader("gguf", total, dict(dtypes), tensor_count, kept, reader.used)


def read_header(path: str, handle: BinaryIO, file_size: int) -> WeightHeader:
    """Dispatch on the file name: `.safetensors` or `.gguf`."""
    if path.endswith(".safetensors"):
        return read_safetensors_header(handle, file_size)
    if path.endswith(".gguf"):
        return read_gguf_header(handle, file_size)
    raise HeaderError(f"{path}: no header reader for this format")
