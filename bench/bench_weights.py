"""Shows that `check` reads weight headers, never tensor data: a sparse 100 GB safetensors file against a 1 KB one.

    python bench/bench_weights.py

Both snapshots carry the same card, license and config; only the size of model.safetensors differs (the large one
is sparse, so it takes no disk space). Each is checked several times, alternating, and the median times are
compared. Goal: ratio at most 1.1.
"""

from __future__ import annotations

import json
import statistics
import struct
import sys
import tempfile
import time
from pathlib import Path

from howopen import check

ROOT = Path(__file__).resolve().parents[1]
HUNDRED_GB = 100 * 1024**3
ROUNDS = 15


def write_safetensors(path: Path, data_bytes: int) -> None:
    """A valid safetensors header describing `data_bytes` of BF16 tensors; the data region is left sparse."""
    per_tensor = 1024 * 1024 * 1024 if data_bytes >= 1024**3 else data_bytes // 2
    header: dict[str, object] = {"__metadata__": {"format": "pt"}}
    offset = index = 0
    while offset < data_bytes:
        size = min(per_tensor, data_bytes - offset)
        header[f"layers.{index}.weight"] = {"dtype": "BF16", "shape": [size // 2],
                                            "data_offsets": [offset, offset + size]}
        offset += size
        index += 1
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    with path.open("wb") as handle:
        handle.write(struct.pack("<Q", len(raw)) + raw)
        handle.truncate(8 + len(raw) + data_bytes)


def snapshot(root: Path, data_bytes: int) -> Path:
    root.mkdir(parents=True)
    card = (ROOT / "tests" / "fixtures" / "cards" / "EleutherAI_pythia-1b.md").read_text(encoding="utf-8")
    (root / "README.md").write_text(card, encoding="utf-8")
    license_text = ROOT / "src" / "howopen" / "licenses" / "texts" / "apache-2.0.txt"
    (root / "LICENSE").write_text(license_text.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "config.json").write_text(json.dumps({"architectures": ["GPTNeoXForCausalLM"], "model_type": "gpt_neox"}))
    write_safetensors(root / "model.safetensors", data_bytes)
    return root


def timed(path: Path) -> float:
    start = time.perf_counter()
    report = check(str(path))
    elapsed = time.perf_counter() - start
    assert report.release.facts["parameters"].value > 0
    return elapsed


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        big = snapshot(Path(tmp) / "big", HUNDRED_GB)
        small = snapshot(Path(tmp) / "small", 1024)
        apparent = (big / "model.safetensors").stat().st_size
        allocated = (big / "model.safetensors").stat().st_blocks * 512
        timed(big), timed(small)  # warm the caches (license knowledge base, regexes)
        big_times, small_times = [], []
        for _ in range(ROUNDS):
            big_times.append(timed(big))
            small_times.append(timed(small))
        big_params = check(str(big)).release.facts["parameters"].value
    big_median, small_median = statistics.median(big_times), statistics.median(small_times)
    print(f"large snapshot: model.safetensors {apparent / 1024**3:.0f} GiB apparent, "
          f"{allocated / 1024:.0f} KiB on disk, {big_params:,} parameters in its header")
    print("small snapshot: model.safetensors 1 KiB of tensor data")
    print(f"check, median of {ROUNDS}: large {big_median * 1000:.1f} ms, small {small_median * 1000:.1f} ms")
    ratio = big_median / small_median
    print(f"ratio large/small: {ratio:.2f} (goal: at most 1.1) -> {'ok' if ratio <= 1.1 else 'ABOVE GOAL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
