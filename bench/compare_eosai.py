"""howopen's European Open Source AI Index grades against the index's own ratings, dimension by dimension.

    python bench/compare_eosai.py [CARDS_DIR]     (default: ../shared/corpus/cards)

The index's ratings are `bench/data/eosai/ratings.yaml` (copied from Language-Technology-Assessment/main-database,
with commits; see its header). Each entry names what howopen grades for it: a corpus model card, graded from the
card alone and offline (base models resolved from the catalog and the corpus cards, as the index build does), or
a catalog record. Printed per dimension: how often howopen answers (not `unknown`), of those how often it agrees
exactly and within one step (closed < partial < open), then the Spearman rank correlation of the two scores (the
index's own: open 1, partial 0.5, else 0, averaged over 12), every disagreement, and the gate check: no release
shown to be gated (a gated card, a catalog record with `access: gated-weights`) is rated open on end-model weights.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from howopen.catalog import iter_records
from howopen.graders import eosai
from howopen.index.cards import CardFolders
from howopen.pipeline import assess, check
from howopen.sources.cardfile import CardFileSource

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data" / "eosai" / "ratings.yaml"
KEYS = [d.key for d in eosai.dimensions()]
STEP = {"closed": 0, "partial": 1, "open": 2}
GOALS = {"answered": 0.40, "exact": 0.60, "within_one": 0.95, "spearman": 0.6}


def ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(a: Sequence[float], b: Sequence[float]) -> float:
    ra, rb = ranks(a), ranks(b)
    n = len(a)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    va = sum((x - ma) ** 2 for x in ra) ** 0.5
    vb = sum((y - mb) ** 2 for y in rb) ** 0.5
    return cov / (va * vb) if va and vb else float("nan")


def default_cards() -> Path:
    """../shared/corpus/cards next to the checkout (or next to a parent, for a worktree)."""
    for parent in ROOT.parents:
        if (parent / "shared" / "corpus" / "cards").is_dir():
            return parent / "shared" / "corpus" / "cards"
    return ROOT.parent / "shared" / "corpus" / "cards"


def grade(match: dict[str, Any], cards_dir: Path, folders: CardFolders) -> dict[str, Any]:
    if "card" in match:
        release = CardFileSource(cards_dir / f"{match['card']}.md").fetch()
        report = assess(release, resolver=folders.resolve)
    else:
        report = check(str(match["catalog"]), offline=True)
    return dict(report.frameworks["eosai"].fields)


def main() -> int:
    cards_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else default_cards()
    if not cards_dir.is_dir():
        print(f"no cards under {cards_dir}", file=sys.stderr)
        return 2
    entries = [e for e in yaml.safe_load(DATA.read_text(encoding="utf-8"))["entries"] if e.get("match")]
    folders = CardFolders([cards_dir])
    rows: list[tuple[str, str, dict[str, str], dict[str, str], float, float]] = []
    for entry in entries:
        fields = grade(entry["match"], cards_dir, folders)
        theirs = dict(zip(KEYS, entry["classes"], strict=True))
        ours = {k: fields["dimensions"][k]["class"] for k in KEYS}
        kind = "card" if "card" in entry["match"] else "catalog"
        their_score = eosai.score(theirs)
        rows.append((entry["file"], kind, theirs, ours, float(fields["score"]), their_score))
    for label, subset in (("cards (graded from the card alone, offline)", [r for r in rows if r[1] == "card"]),
                          ("catalog records", [r for r in rows if r[1] == "catalog"]),
                          ("all", rows)):
        report(label, subset)
    print("\ndisagreements (howopen answered, the index differs):")
    for name, kind, theirs, ours, _s, _t in rows:
        diffs = [f"{k} {ours[k]}≠{theirs[k]}" for k in KEYS if ours[k] != "unknown" and ours[k] != theirs[k]]
        if diffs:
            print(f"  {name} ({kind}): " + "; ".join(diffs))
    return gate_check()


def report(label: str, rows: list[tuple[str, str, dict[str, str], dict[str, str], float, float]]) -> None:
    if not rows:
        return
    print(f"\n== {label}: {len(rows)} models ==")
    print(f"{'dimension':24} {'answered':>9} {'exact':>9} {'within 1':>9}")
    total = answered = exact = near = 0
    for key in KEYS:
        pairs = [(r[2][key], r[3][key]) for r in rows]
        graded = [(t, o) for t, o in pairs if o != "unknown" and t in STEP]
        same = sum(1 for t, o in graded if t == o)
        close = sum(1 for t, o in graded if abs(STEP[t] - STEP[o]) <= 1)
        total += len(pairs)
        answered += len(graded)
        exact += same
        near += close
        share = f"{same / len(graded):.0%}" if graded else "-"
        within = f"{close / len(graded):.0%}" if graded else "-"
        print(f"{key:24} {len(graded):>3}/{len(pairs):<3} {share:>9} {within:>9}")
    rho = spearman([r[4] for r in rows], [r[5] for r in rows]) if len(rows) > 2 else float("nan")
    print(f"{'all dimensions':24} {answered / total:>9.0%} {exact / max(answered, 1):>9.0%} "
          f"{near / max(answered, 1):>9.0%}")
    print(f"Spearman of the scores: {rho:.2f} over {len(rows)} models (the index's score; unknown counts 0)")
    pairs = [answered_scores(r[2], r[3]) for r in rows]
    pairs = [p for p in pairs if p is not None]
    if len(pairs) > 2:
        rho_answered = spearman([p[0] for p in pairs], [p[1] for p in pairs])
        print(f"Spearman over the dimensions howopen answers: {rho_answered:.2f} over {len(pairs)} models "
              "(each side's mean over those dimensions only)")
    print(f"goals: answered >= {GOALS['answered']:.0%}: {answered / total:.0%}; exact >= {GOALS['exact']:.0%}: "
          f"{exact / max(answered, 1):.0%}; within one >= {GOALS['within_one']:.0%}: {near / max(answered, 1):.0%}; "
          f"Spearman >= {GOALS['spearman']}: {rho:.2f}")


def answered_scores(theirs: dict[str, str], ours: dict[str, str]) -> tuple[float, float] | None:
    """Both scores over the dimensions howopen answered for this model (None with fewer than three)."""
    keys = [k for k in KEYS if ours[k] != "unknown" and theirs[k] in STEP]
    if len(keys) < 3:
        return None
    value = eosai.values()
    return (sum(value[ours[k]] for k in keys) / len(keys), sum(value[theirs[k]] for k in keys) / len(keys))


def gate_check() -> int:
    """No catalog release recorded as gated is rated open on end-model weights."""
    gated = [r for r in iter_records() if r.data.get("access") == "gated-weights"]
    wrong = []
    for record in gated:
        weights = check(record.id, offline=True).frameworks["eosai"].fields["dimensions"]["weights_endmodel"]
        if weights["class"] == "open":
            wrong.append(record.id)
    print(f"\ngated catalog releases rated open on end-model weights: {len(wrong)} of {len(gated)}"
          + (f" ({', '.join(wrong)})" if wrong else ""))
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
