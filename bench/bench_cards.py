"""Reads every corpus model card as a one-file snapshot through the whole pipeline; prints counts and speed.

    python bench/bench_cards.py [CARDS_DIR]     (default: ../shared/corpus/cards)

Each card is copied to its own folder as README.md and checked with `howopen.check` (local source, license stage,
graders), exactly as a user's `howopen check FOLDER` would. A crash on any card is counted and printed.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from howopen import ArtifactKind, check

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    cards_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "cards"
    cards = sorted(cards_dir.glob("*.md"))
    if not cards:
        print(f"no cards under {cards_dir}", file=sys.stderr)
        return 2
    counts: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    crashes: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folders = []
        for index, card in enumerate(cards):
            folder = Path(tmp) / f"{index:05d}"
            folder.mkdir()
            shutil.copy(card, folder / "README.md")
            folders.append((card.name, folder))
        start = time.perf_counter()
        for name, folder in folders:
            try:
                report = check(str(folder))
            except Exception as exc:  # the point of the benchmark is to count these
                crashes.append(f"{name}: {exc.__class__.__name__}: {exc}")
                continue
            counts["read"] += 1
            codes = {g.code for g in report.release.gaps}
            model_card = report.release.artifacts.get(ArtifactKind.MODEL_CARD)
            front = model_card.details.get("front_matter") if model_card else None
            if "front-matter-unparsable" in codes or "front-matter-unterminated" in codes:
                counts["front matter does not parse"] += 1
            elif front is False:
                counts["no front matter"] += 1
            tag_claims = [c.value for c in report.release.license_claims if c.kind == "tag"]
            tags[",".join(tag_claims) if tag_claims else "(no license tag)"] += 1
            labels[report.label] += 1
        elapsed = time.perf_counter() - start
    print(f"cards: {len(cards)} from {cards_dir}")
    print(f"read: {counts['read']}   crashes: {len(crashes)}")
    print(f"no front matter: {counts['no front matter']}   front matter does not parse: "
          f"{counts['front matter does not parse']}")
    print("license tags (top 15): " + ", ".join(f"{tag} {n}" for tag, n in tags.most_common(15)))
    print("verdicts: " + ", ".join(f"{label} {n}" for label, n in labels.most_common()))
    print(f"time: {elapsed:.2f} s   cards per second: {len(cards) / elapsed:.0f}")
    for line in crashes[:20]:
        print("CRASH", line)
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
