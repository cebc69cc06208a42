"""Reads every corpus model card as a one-file snapshot through the whole pipeline; prints counts and speed.

    python bench/bench_cards.py [CARDS_DIR]

CARDS_DIR defaults to `shared/corpus/cards` beside the repository root (`../shared/corpus/cards` from the root of
the main checkout), looked for in the root's parent and the folders above it, so the same command works from a git
worktree. Each card is copied to its own folder as README.md and checked with `howopen.check(folder, offline=True)`
(local source, license stage, lineage, graders), as a user's `howopen check FOLDER --offline` would. The run is
offline, with a fresh, empty response cache: base models resolve from the bundled catalog or not at all, never from
the network, so the figures do not depend on the machine's cache. A crash on any card is counted and printed.

A card alone has no file listing, so its verdict is `unknown` (whether the weights are published cannot be
established); `if_weights_published` is the label the card's licenses would give if they were, tallied separately.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from howopen import ArtifactKind, check
from howopen.errors import TargetError

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path("shared") / "corpus" / "cards"


def default_cards_dir() -> Path | None:
    """`shared/corpus/cards` in the repository root's parent or a folder above it; None when there is none."""
    for folder in ROOT.parents:
        candidate = folder / CORPUS
        if candidate.is_dir():
            return candidate
    return None


def main() -> int:
    if len(sys.argv) > 1:
        cards_dir: Path | None = Path(sys.argv[1])
    else:
        cards_dir = default_cards_dir()
        if cards_dir is None:
            print(f"bench_cards: no card corpus found ({ROOT.parent / CORPUS} and the folders above it do not "
                  "exist); pass a folder of *.md model cards: python bench/bench_cards.py CARDS_DIR", file=sys.stderr)
            return 2
    assert cards_dir is not None
    cards = sorted(cards_dir.glob("*.md"))
    if not cards:
        print(f"bench_cards: no *.md model cards under {cards_dir}; pass a folder of model cards", file=sys.stderr)
        return 2
    counts: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    if_published: Counter[str] = Counter()
    crashes: list[str] = []
    refused: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HOWOPEN_CACHE_DIR"] = str(Path(tmp) / "cache")  # fresh and empty: nothing from earlier runs
        folders = []
        for index, card in enumerate(cards):
            folder = Path(tmp) / f"{index:05d}"
            folder.mkdir()
            shutil.copy(card, folder / "README.md")
            folders.append((card.name, folder))
        start = time.perf_counter()
        for name, folder in folders:
            try:
                try:
                    report = check(str(folder), offline=True)
                except TargetError:
                    # a folder holding only a README.md without Hugging Face metadata is refused as not a model
                    # release (exit 2, as `howopen check .` in a software project); its card is then graded as a
                    # card file, as the refusal's hint says
                    counts["folder refused"] += 1
                    report = check(str(folder / "README.md"), offline=True)
            except TargetError as exc:  # bad input said in one line (an empty card), not a crash
                refused.append(f"{name}: {exc}")
                continue
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
            if report.release.base_models:
                counts["with base models"] += 1
                if any(not a.found for a in report.release.lineage):
                    counts["a base model not resolved offline"] += 1
            tag_claims = [c.value for c in report.release.license_claims if c.kind == "tag"]
            tags[",".join(tag_claims) if tag_claims else "(no license tag)"] += 1
            labels[report.label] += 1
            what_if = report.verdict.fields.get("if_weights_published")
            if_published[str(what_if) if what_if else "(not computed)"] += 1
        elapsed = time.perf_counter() - start
    print(f"cards: {len(cards)} from {cards_dir}   (offline, fresh cache)")
    print(f"read: {counts['read']}   crashes: {len(crashes)}   refused as bad input: {len(refused)}   folders "
          f"refused as not a release, their card graded as a file: {counts['folder refused']}")
    for line in refused[:5]:
        print(f"REFUSED {line}")
    print(f"no front matter: {counts['no front matter']}   front matter does not parse: "
          f"{counts['front matter does not parse']}")
    print(f"with base models: {counts['with base models']}   a base model not resolved offline: "
          f"{counts['a base model not resolved offline']}")
    print("license tags (top 15): " + ", ".join(f"{tag} {n}" for tag, n in tags.most_common(15)))
    print("verdicts: " + ", ".join(f"{label} {n}" for label, n in labels.most_common()))
    print("if weights published: " + ", ".join(f"{label} {n}" for label, n in if_published.most_common()))
    print(f"time: {elapsed:.2f} s   cards per second: {len(cards) / elapsed:.0f}")
    for line in crashes[:20]:
        print("CRASH", line)
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
