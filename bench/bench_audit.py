"""How fast `howopen audit` finds model references: a generated project of 10,000 files.

    python bench/bench_audit.py [--files N]

The tree is mostly ordinary Python modules, with configuration files (YAML, JSON, TOML), documents that are not
read, and a few planted model references (loading calls, config keys, Modelfiles, GGUF files). Checks are stubbed:
this measures scanning. It prints files scanned per second, the references found against those planted, and the
ratio of the audit's time to a plain walk that reads every file (the I/O floor), all measured in this one run.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from howopen.audit import ModelReference, audit, scan  # noqa: E402
from howopen.evidence import Release  # noqa: E402
from howopen.pipeline import assess  # noqa: E402
from howopen.report import Report  # noqa: E402
from support.writers import write_gguf  # noqa: E402

ROUNDS = 3

MODULE = '''"""Module {n}: helpers for the {topic} service."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

LOG = logging.getLogger(__name__)
LIMIT_{n} = {n}


@dataclass
class Record{n}:
    name: str
    values: list[int] = field(default_factory=list)

    def total(self) -> int:
        return sum(v for v in self.values if v > 0)

    def to_json(self) -> str:
        return json.dumps({{"name": self.name, "total": self.total()}})


def parse_{n}(text: str) -> list[Record{n}]:
    records = []
    for line in text.splitlines():
        name, _, rest = line.partition(",")
        values = [int(v) for v in rest.split(",") if v.strip().isdigit()]
        records.append(Record{n}(name.strip(), values))
    LOG.debug("parsed %d records", len(records))
    return records


def summarise_{n}(records: list[Record{n}]) -> dict[str, int]:
    return {{r.name: r.total() for r in records if r.total() <= LIMIT_{n}}}
'''

ML_MODULE = '''"""Training loop {n}."""

import torch


def build_model(config: dict) -> torch.nn.Module:
    model = torch.nn.Sequential(torch.nn.Linear(config["width"], config["width"]), torch.nn.ReLU())
    return model


def train_{n}(model: torch.nn.Module, batches: list, model_name: str = "local-{n}") -> float:
    optimiser = torch.optim.AdamW(model.parameters(), lr=1e-4)
    loss = 0.0
    for batch in batches:
        optimiser.zero_grad()
        out = model(batch["x"])
        value = torch.nn.functional.mse_loss(out, batch["y"])
        value.backward()
        optimiser.step()
        loss += float(value)
    report(model=model, name=model_name, loss=loss)
    return loss
'''

PLANTED_CODE = [
    'AutoModelForCausalLM.from_pretrained("bench-org/model-{i}")',
    'hf_hub_download(repo_id="bench-org/gguf-{i}", filename="model.gguf")',
    'pipeline("text-classification", model="bench-org/classifier-{i}")',
    'SentenceTransformer("bench-org/embedder-{i}")',
    'snapshot_download("bench-org/snapshot-{i}")',
]
PLANTED_CONFIG = {
    ".yaml": "training:\n  base_model: bench-org/base-{i}\n  epochs: 3\n",
    ".json": '{{"serve": {{"model_id": "bench-org/served-{i}", "port": 8000}}}}\n',
    ".toml": '[embeddings]\nmodel_name = "bench-org/toml-{i}"\n',
}
ORDINARY_CONFIG = {
    ".yaml": "name: service-{i}\nreplicas: 2\nresources:\n  cpu: 500m\n  memory: 1Gi\n",
    ".json": '{{"name": "service-{i}", "retries": 3, "endpoints": ["/a", "/b"]}}\n',
    ".toml": '[tool.example]\nname = "service-{i}"\nlevel = 3\n',
}


def build(root: Path, files: int, seed: int = 7) -> int:
    """Write the tree; returns the number of planted references."""
    rng = random.Random(seed)
    topics = ["billing", "search", "auth", "reports", "ingest", "export"]
    planted = 0
    for n in range(files):
        folder = root / f"pkg{n % 40}" / f"sub{n % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        roll = rng.random()
        if n % 250 == 0:  # 40 planted code references
            body = MODULE.format(n=n, topic=rng.choice(topics))
            body += "\n\ndef load():\n    return " + PLANTED_CODE[planted % len(PLANTED_CODE)].format(i=n) + "\n"
            (folder / f"mod{n}.py").write_text(body)
            planted += 1
        elif n % 500 == 1:  # 20 planted config references
            suffix = list(PLANTED_CONFIG)[n % 3]
            (folder / f"conf{n}{suffix}").write_text(PLANTED_CONFIG[suffix].format(i=n))
            planted += 1
        elif n % 2500 == 2:  # 4 Modelfiles
            (folder / "Modelfile").write_text(f"FROM hf.co/bench-org/ollama-{n}-GGUF:Q4_K_M\n")
            planted += 1
        elif n % 5000 == 3:  # 2 GGUF files on disk
            write_gguf(folder / f"weights{n}.gguf", {"general.name": f"bench {n}", "general.license": "mit"},
                       {"token_embd.weight": (1, [16, 8])})
            planted += 1
        elif roll < 0.47:
            (folder / f"mod{n}.py").write_text(MODULE.format(n=n, topic=rng.choice(topics)))
        elif roll < 0.82:  # machine-learning code that says "model" everywhere: parsed in full
            (folder / f"train{n}.py").write_text(ML_MODULE.format(n=n))
        elif roll < 0.92:
            suffix = rng.choice(list(ORDINARY_CONFIG))
            (folder / f"conf{n}{suffix}").write_text(ORDINARY_CONFIG[suffix].format(i=n))
        else:
            (folder / f"notes{n}.md").write_text(f"# Notes {n}\n\nNothing to see; from_pretrained('x/y') in prose.\n")
    return planted


def plain_read(root: Path) -> int:
    """The I/O floor: walk the tree and read every file."""
    total = 0
    for current, _dirs, names in os.walk(root):
        for name in names:
            with open(os.path.join(current, name), "rb") as handle:
                total += len(handle.read())
    return total


def stub(ref: ModelReference) -> Report:
    return assess(Release(target=ref.model, source="bench"))


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="howopen-bench-audit-") as tmp:
        root = Path(tmp) / "project"
        planted = build(root, args.files)
        plain_times, scan_times, audit_times = [], [], []
        found = None
        for _ in range(ROUNDS):
            plain_times.append(timed(lambda: plain_read(root))[0])
            seconds, found = timed(lambda: scan(root))
            scan_times.append(seconds)
            audit_times.append(timed(lambda: audit(root, checker=stub))[0])
        assert found is not None
        plain, scanned, audited = (statistics.median(t) for t in (plain_times, scan_times, audit_times))
        refs = len(found.references)
        print(f"tree: {found.files_seen} files, {found.files_read} read, {found.files_parsed} parsed "
              f"(the rest name no loading call or config key); {planted} references planted")
        print(f"scan:  {scanned:.2f} s median of {ROUNDS}  ->  {found.files_seen / scanned:,.0f} files scanned/s")
        print(f"audit (checks stubbed): {audited:.2f} s  ->  {found.files_seen / audited:,.0f} files/s")
        print(f"references found: {refs} of {planted} planted; files not read: {len(found.skipped)}")
        print(f"ratio scan / plain read of every file: {scanned / plain:.1f}x")
        return 0 if refs == planted else 1


if __name__ == "__main__":
    sys.exit(main())
