"""Grades every corpus model card under every framework; prints outcome counts, crashes and the graders' share of time.

    python bench/bench_graders.py [CARDS_DIR]     (default: ../shared/corpus/cards)

Each card is read as a metadata-only release (the card-file source), put through the license and lineage stages,
then graded. The graders' time is measured separately from the stages before them, and printed as a share of the
whole, measured in the same run. A crash in any grader is counted and printed.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from howopen.graders import disagreements, grade_all
from howopen.licenses import resolve
from howopen.lineage import trace
from howopen.sources.cardfile import CardFileSource

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    cards_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "cards"
    cards = sorted(cards_dir.glob("*.md"))
    if not cards:
        print(f"no cards under {cards_dir}", file=sys.stderr)
        return 2
    outcomes: dict[str, Counter[str]] = {k: Counter() for k in ("verdict", "if_published", "mof", "mof.mot", "osaid",
                                                                  "eosai", "eu_ai_act")}
    lines: Counter[str] = Counter()
    crashes: list[str] = []
    before = grading = 0.0
    for card in cards:
        start = time.perf_counter()
        try:
            release = trace(resolve(CardFileSource(card).fetch()))
        except Exception as exc:  # not the graders' crash; counted apart
            crashes.append(f"{card.name} (before grading): {exc.__class__.__name__}: {exc}")
            continue
        middle = time.perf_counter()
        try:
            verdict, results = grade_all(release)
            found = disagreements(verdict, results)
        except Exception as exc:  # the point of the benchmark is to count these
            crashes.append(f"{card.name}: {exc.__class__.__name__}: {exc}")
            continue
        end = time.perf_counter()
        before += middle - start
        grading += end - middle
        outcomes["verdict"][verdict.outcome] += 1
        outcomes["if_published"][str(verdict.fields.get("if_weights_published"))] += 1
        outcomes["mof"][str(results["mof"].fields["class"])] += 1
        outcomes["mof.mot"][str(results["mof"].fields["mot"]["class"])] += 1
        outcomes["osaid"][str(results["osaid"].fields["conforms"])] += 1
        score = float(results["eosai"].fields["score"])
        outcomes["eosai"][f"{int(score * 4) / 4:.2f}-{int(score * 4) / 4 + 0.25:.2f}"] += 1
        outcomes["eu_ai_act"][results["eu_ai_act"].outcome] += 1
        for item in found:
            lines[item.frameworks[0]] += 1
    graded = sum(outcomes["verdict"].values())
    print(f"cards: {len(cards)} from {cards_dir}")
    print(f"graded: {graded}   crashes: {len(crashes)}")
    for key, counter in outcomes.items():
        print(f"{key:>13}: " + ", ".join(f"{k} {v}" for k, v in counter.most_common()))
    print("disagreement lines by framework: " + ", ".join(f"{k} {v}" for k, v in lines.most_common()))
    total = before + grading
    print(f"grading: {grading / max(graded, 1) * 1000:.2f} ms per card; "
          f"{grading / total:.0%} of the time from card to graded report (the rest: reading, licenses, lineage)")
    for crash in crashes[:20]:
        print("  crash:", crash)
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
