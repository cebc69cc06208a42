"""Hostile snapshots: folders a stranger could hand howopen, each built on disk by one function.

Shared by the hostile-snapshot tests (tests/hostile) and the benchmark (bench/bench_hostile.py). Each builder
takes an empty folder and fills it; `scale` shrinks the large cases for the test suite (1.0 is the full size the
benchmark measures). Nothing here is ever loaded by howopen: the pickles only prove that.
"""

from __future__ import annotations

import json
import os
import pickle
import socket
import struct
from collections.abc import Callable
from pathlib import Path

from .writers import gguf_bytes, safetensors_bytes

CARD = "---\nlicense: apache-2.0\nlibrary_name: transformers\n---\n# A model\n\nA small test model.\n"
CONFIG = {"architectures": ["LlamaForCausalLM"], "model_type": "llama"}


def normal(root: Path, scale: float = 1.0) -> Path:
    """A plain, healthy release: card, config, one small safetensors file."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "README.md").write_text(CARD, encoding="utf-8")
    (root / "config.json").write_text(json.dumps(CONFIG), encoding="utf-8")
    (root / "model.safetensors").write_bytes(safetensors_bytes({"embed.weight": ("F16", [8, 4]),
                                                                "lm_head.weight": ("F16", [4, 8])}))
    return root


def symlink_loops(root: Path, scale: float = 1.0) -> Path:
    normal(root)
    os.symlink("LICENSE", root / "LICENSE")
    os.symlink("b.json", root / "a.json")
    os.symlink("a.json", root / "b.json")
    return root


def fifo_and_socket(root: Path, scale: float = 1.0) -> Path:
    normal(root)
    os.mkfifo(root / "LICENSE")
    os.mkfifo(root / "weights.safetensors")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(root / "tokenizer.json"))
    return root


def device(root: Path, scale: float = 1.0) -> Path:
    """A character device inside the folder (made with mknod when allowed, else a symlink to /dev/zero)."""
    normal(root)
    try:
        os.mknod(root / "model-00001.safetensors", 0o600 | 0o020000, os.makedev(1, 5))  # /dev/zero
    except (PermissionError, AttributeError):
        os.symlink("/dev/zero", root / "model-00001.safetensors")
    return root


def symlinks_outside(root: Path, scale: float = 1.0) -> Path:
    normal(root)
    os.symlink("/etc/passwd", root / "LICENSE")
    os.symlink("/etc", root / "code")
    os.symlink("/dev/zero", root / "pytorch_model.bin")
    return root


def tiny_tensors(root: Path, scale: float = 1.0) -> Path:
    """A safetensors header of 1.5 million zero-size tensors (about 90 MB, under the format's 100 MB limit)."""
    normal(root)
    count = max(int(1_500_000 * scale), 210_000)
    entry = '"t{}":{{"dtype":"U8","shape":[0],"data_offsets":[0,0]}}'
    header = ("{" + ",".join(entry.format(i) for i in range(count)) + "}").encode()
    with (root / "model.safetensors").open("wb") as handle:
        handle.write(struct.pack("<Q", len(header)))
        handle.write(header)
    return root


def deep_header(root: Path, scale: float = 1.0) -> Path:
    """A safetensors header nested 100,000 levels deep, and a config.json likewise."""
    normal(root)
    depth = max(int(100_000 * scale), 5_000)
    header = ('{"t":' + "[" * depth + "]" * depth + "}").encode()
    (root / "model.safetensors").write_bytes(struct.pack("<Q", len(header)) + header)
    (root / "config.json").write_text('{"model_type": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    return root


def gguf_many(root: Path, scale: float = 1.0) -> Path:
    """A GGUF file whose vocabulary is millions of empty strings, and one declaring more tensors than allowed."""
    normal(root)
    (root / "model.safetensors").unlink()
    count = max(int(3_900_000 * scale), 50_000)
    out = bytearray(b"GGUF" + struct.pack("<IQQ", 3, 1, 1))
    key = b"tokenizer.ggml.tokens"
    out += struct.pack("<Q", len(key)) + key + struct.pack("<I", 9) + struct.pack("<IQ", 8, count)
    out += struct.pack("<Q", 0) * count
    out += struct.pack("<Q", 1) + b"w" + struct.pack("<I", 1) + struct.pack("<Q", 4) + struct.pack("<IQ", 0, 0)
    (root / "model-vocab.gguf").write_bytes(bytes(out))
    many = bytearray(b"GGUF" + struct.pack("<IQQ", 3, 10**9, 0))
    (root / "model-many.gguf").write_bytes(bytes(many) + b"\x00" * 64)
    (root / "model-ok.gguf").write_bytes(gguf_bytes({"general.name": "x"}, {"w": (1, [4, 4])}))
    return root


def yaml_bomb(root: Path, scale: float = 1.0) -> Path:
    """Front matter that expands to 10^9 items through aliases (the "billion laughs")."""
    normal(root)
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    lines.append("license: apache-2.0")
    lines.append("base_model: *a8")
    (root / "README.md").write_text("---\n" + "\n".join(lines) + "\n---\n# bomb\n", encoding="utf-8")
    return root


def deep_yaml(root: Path, scale: float = 1.0) -> Path:
    normal(root)
    depth = max(int(50_000 * scale), 5_000)
    (root / "README.md").write_text("---\nlicense: " + "[" * depth + "]" * depth + "\n---\n# deep\n",
                                    encoding="utf-8")
    return root


def link_line(root: Path, scale: float = 1.0) -> Path:
    """A card whose body is one line of links (Markdown, HTML, bare, pictures), near the card's 1 MB bound."""
    normal(root)
    piece = ("fine-tuned on [d](https://huggingface.co/datasets/a/b), ![p](https://x.org/p.png) "
             "<a href='https://x.org/data'>data</a> https://huggingface.co/datasets/c/d ")
    count = max(int(1_000_000 * scale) // len(piece), 500)
    (root / "README.md").write_text(CARD + piece * count + "\n", encoding="utf-8")
    return root


def huge_files(root: Path, scale: float = 1.0) -> Path:
    """A 200 MB card and a 200 MB license (text, not sparse), and a 1 TB sparse weights file."""
    normal(root)
    size = max(int(200 * 1024 * 1024 * scale), 4 * 1024 * 1024)
    line = b"This is a line of a very long model card that goes on and on and on.\n"
    block = line * (1024 * 1024 // len(line))
    for name, head in (("README.md", CARD.encode()), ("LICENSE", b"MIT License\n\n")):
        with (root / name).open("wb") as handle:
            handle.write(head)
            written = len(head)
            while written < size:
                handle.write(block)
                written += len(block)
    with (root / "pytorch_model.bin").open("wb") as handle:
        handle.truncate(1024**4)
    return root


def binary_files(root: Path, scale: float = 1.0) -> Path:
    normal(root)
    noise = bytes(range(256)) * 64
    (root / "README.md").write_bytes(noise)
    (root / "LICENSE").write_bytes(noise)
    (root / "config.json").write_bytes(noise)
    (root / "USE_POLICY.md").write_bytes(b"\x00" * 1024)
    return root


def invalid_utf8(root: Path, scale: float = 1.0) -> Path:
    normal(root)
    (root / "README.md").write_bytes(b"---\nlicense: mit\nmodel_name: caf\xe9 \xff\xfe\n---\n# \xc3\x28 bad \xa0\n")
    (root / "LICENSE").write_bytes(b"Licen\xe7e \xff\xfe\xfd Apache\n" * 20)
    (root / "config.json").write_bytes(b'{"model_type": "\xff\xfe"}')
    (root / "caf\xe9.safetensors".encode("latin-1").decode("utf-8", "surrogateescape")).write_bytes(
        safetensors_bytes({"w": ("F16", [2])}))
    return root


class _Acts:
    """Unpickling this runs `touch <marker>`: the pickle acts when loaded."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[..., object], tuple[str]]:
        return os.system, (f"touch {self.marker}",)


def pickles(root: Path, scale: float = 1.0, marker: Path | None = None) -> Path:
    """Weights as pickles that run a command when loaded; `marker` is the file the command would create."""
    normal(root)
    target = str(marker or root.parent / f"{root.name}.PICKLE-WAS-LOADED")
    payload = pickle.dumps(_Acts(target))
    for name in ("pytorch_model.bin", "training_args.bin", "optimizer.pt", "model.ckpt", "weights.pkl"):
        (root / name).write_bytes(payload)
    return root


ESCAPES = ("\x1b[31mRED\x1b[0m", "\x1b]0;pwned\x07", "\x1b[2J\x1b[H", "\x07", "\u202egnp.exe",
           "\u2066hidden\u2069", "\r", "\x9b31m")


def escapes(root: Path, scale: float = 1.0) -> Path:
    """Terminal escape sequences, bidi overrides and newlines in file names and card fields."""
    normal(root)
    card = ("---\nlicense: \"apache-2.0\\e]0;title\\a\"\nmodel_name: \"org/evil\\e[2J\\e[31mname\\u202e\"\n"
            "datasets: [\"evil/data\\e[8m\"]\n---\n# Evil \x1b[5mblink\x1b[0m\n\n"
            "This model is released under the MIT license.\x1b]0;owned\x07\n")
    (root / "README.md").write_text(card, encoding="utf-8")
    for index, name in enumerate(ESCAPES):
        (root / f"model-{index}{name}.safetensors").write_bytes(safetensors_bytes({"w": ("F16", [2])}))
    (root / "evil\nname | injected | row |.safetensors").write_bytes(safetensors_bytes({"w": ("F16", [2])}))
    (root / "LICENSE\x1b[2J").write_text("MIT License\x1b]0;x\x07\n", encoding="utf-8")
    return root


def marker_for(root: Path) -> Path:
    return root.parent / f"{root.name}.PICKLE-WAS-LOADED"


CASES: dict[str, Callable[[Path, float], Path]] = {
    "symlink loops": symlink_loops,
    "FIFO and socket": fifo_and_socket,
    "device file": device,
    "symlinks outside": symlinks_outside,
    "1.5M tiny tensors": tiny_tensors,
    "deep JSON nesting": deep_header,
    "GGUF huge vocabulary": gguf_many,
    "YAML alias bomb": yaml_bomb,
    "deep YAML nesting": deep_yaml,
    "huge files": huge_files,
    "a line of links": link_line,
    "binary files": binary_files,
    "invalid UTF-8": invalid_utf8,
    "pickles that act": pickles,
    "escape sequences": escapes,
}
