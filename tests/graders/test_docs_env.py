"""docs/hub.md documents every environment variable the code reads, under the name the code reads."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READS = re.compile(r"""(?:environ\.get|getenv|environ\[|env\.get|_float)\(?\s*["']([A-Z][A-Z0-9_]+)["']""")
LISTED = re.compile(r"""for name in \(([^)]*)\)""")


def _read_by_code() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "src" / "howopen").rglob("*.py"):
        text = "\n".join(line.split("  # ")[0] for line in path.read_text(encoding="utf-8").splitlines())
        names |= set(READS.findall(text))
        for group in LISTED.findall(text):  # `for name in ("HOWOPEN_OFFLINE", "HF_HUB_OFFLINE")`
            if "environ" in text:
                names |= set(re.findall(r"""["']([A-Z][A-Z0-9_]+)["']""", group))
    return names


def test_every_variable_the_code_reads_is_documented() -> None:
    names = _read_by_code()
    assert {"HOWOPEN_HF_ENDPOINT", "HF_ENDPOINT", "GITHUB_TOKEN", "GH_TOKEN", "HOWOPEN_CACHE_TTL",
            "HOWOPEN_OFFLINE", "HF_HUB_OFFLINE"} <= names
    docs = (ROOT / "docs" / "hub.md").read_text(encoding="utf-8")
    missing = sorted(n for n in names if f"`{n}`" not in docs)
    assert missing == []
