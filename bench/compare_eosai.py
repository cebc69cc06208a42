"""howopen's European Open Source AI Index grades against the index's own ratings, dimension by dimension.

    python bench/compare_eosai.py [CARDS_DIR]     (default: ../shared/corpus/cards)

The index's ratings are `bench/data/eosai/ratings.yaml` (copied from Language-Technology-Assessment/main-database,
with commits; see its header). Each entry names what howopen grades for it: a corpus model card, graded from the
card alone and offline (base models resolved from the catalog and the corpus cards, as the index build does), or
a catalog record. Printed per dimension: how often howopen answers (not `unknown`), of those how often it agrees
exactly and within one step (closed < partial < open); then two Spearman rank correlations of the scores:

- the index's own score (open 1, partial 0.5, else 0, averaged over 12: `unknown` counts 0, as a missing entry
  does on the index's website). **The goal (Spearman >= 0.6) is measured on this one**: it is the score howopen
  reports (`score`) and the one the index ranks by.
- an imputation-free variant: each side's mean over the dimensions howopen answered for that model (howopen's
  `score_over_answered`), so that an unknown is neither 0 nor anything else.

Every disagreement is listed with its kind: "evidence outside the card" when the index rates higher and its own
link for that dimension is a document the graded card (or catalog record) does not link, so the index read
something howopen was not given; "another release of the family" when the entry is matched to a sibling release
(`how: family`) and the index's link is to the release it rated; otherwise "rule or judgment" (the ones a rule
could fix). Then the score the cards lose to `unknown`: the dimensions howopen leaves unknown that the index
rates open or partial, by where the index's link for each points (a document the card does not link, the
release's own Hub page, a document the card links, or no link). Last, the gate check: no release shown to be
gated (a gated card, a catalog record with `access: gated-weights`) is rated open on end-model weights.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from howopen.catalog import find, iter_records
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


def grade(match: dict[str, Any], cards_dir: Path, folders: CardFolders) -> tuple[dict[str, Any], str]:
    """howopen's eosai fields for an entry, and the text the grade was given (the card, or the catalog record)."""
    if "card" in match:
        path = cards_dir / f"{match['card']}.md"
        release = CardFileSource(path).fetch()
        report = assess(release, resolver=folders.resolve)
        return dict(report.frameworks["eosai"].fields), path.read_text(encoding="utf-8", errors="replace")
    report = check(str(match["catalog"]), offline=True)
    record = find(str(match["catalog"]))
    text = yaml.safe_dump(json_safe(record.data), allow_unicode=True) if record else ""
    return dict(report.frameworks["eosai"].fields), text


def json_safe(value: Any) -> Any:
    """A record's data as plain lists and dicts (YAML dates and the like as text)."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


_ARXIV_ID = re.compile(r"(?:arxiv\.org/(?:abs|pdf)/|huggingface\.co/papers/|arxiv:\s*)(\d{4}\.\d{4,5})", re.I)
_HUB_ID = re.compile(r"huggingface\.co/(?:datasets/|spaces/)?([\w.-]+/[\w.-]+)", re.I)
_GITHUB_ID = re.compile(r"github\.com/([\w.-]+/[\w.-]+)", re.I)


def link_keys(url: str) -> list[str]:
    """What identifies the document a link points to, as a card would name it: an arXiv id, a Hub or GitHub
    `owner/name`, else the address without scheme, `www.`, query and fragment."""
    m = _ARXIV_ID.search(url)
    if m:
        return [m.group(1)]
    for pattern in (_HUB_ID, _GITHUB_ID):
        m = pattern.search(url)
        if m:
            return [m.group(1).lower().removesuffix(".git")]
    bare = re.sub(r"^[a-z]+://(www\.)?", "", url.strip().lower()).split("#")[0].split("?")[0].rstrip("/")
    return [bare] if bare else []


def outside(links: Any, text: str, own: set[str]) -> list[str]:
    """The index's links for a dimension that name a document the graded text does not (its own page excepted)."""
    urls = [links] if isinstance(links, str) else list(links or [])
    lowered = text.lower()
    out = []
    for url in urls:
        keys = link_keys(str(url))
        if keys and not any(k.lower() in lowered or k.lower() in own for k in keys):
            out.append(str(url))
    return out


def kind_of(entry: dict[str, Any], key: str, ours: str, text: str, own: set[str]) -> str:
    """Why the index and howopen differ on a dimension, as far as the data shows (see the module docstring)."""
    links = (entry.get("links") or {}).get(key)
    away = outside(links, text, own)
    rated = set(link_keys(str(entry.get("link") or "")))
    if entry["match"].get("how") == "family" and links and any(set(link_keys(str(u))) & rated for u in
                                                               ([links] if isinstance(links, str) else links)):
        return "another release of the family"
    if away and STEP[str(entry["classes"][KEYS.index(key)])] > STEP[ours]:
        return "evidence outside the card"
    return "rule or judgment"


Row = tuple[str, str, dict[str, str], dict[str, str], float, float, float | None]


def main() -> int:
    cards_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else default_cards()
    if not cards_dir.is_dir():
        print(f"no cards under {cards_dir}", file=sys.stderr)
        return 2
    entries = [e for e in yaml.safe_load(DATA.read_text(encoding="utf-8"))["entries"] if e.get("match")]
    folders = CardFolders([cards_dir])
    rows: list[Row] = []
    kinds: list[tuple[str, str, str, str, str, str]] = []
    unanswered: list[tuple[str, str, str, str, str]] = []
    for entry in entries:
        fields, text = grade(entry["match"], cards_dir, folders)
        theirs = dict(zip(KEYS, entry["classes"], strict=True))
        ours = {k: fields["dimensions"][k]["class"] for k in KEYS}
        kind = "card" if "card" in entry["match"] else "catalog"
        answered = fields.get("score_over_answered")
        rows.append((entry["file"], kind, theirs, ours, float(fields["score"]), eosai.score(theirs),
                     float(answered) if answered is not None else None))
        record = find(str(entry["match"]["catalog"])) if kind == "catalog" else None
        own = {n.lower() for n in record.names()} if record else \
            {str(entry["match"].get("card", "")).replace("_", "/", 1).lower()}
        for k in KEYS:
            if ours[k] != "unknown" and theirs[k] in STEP and ours[k] != theirs[k]:
                kinds.append((entry["file"], kind, k, ours[k], theirs[k], kind_of(entry, k, ours[k], text, own)))
            if ours[k] == "unknown" and theirs[k] in ("open", "partial"):
                unanswered.append((entry["file"], kind, k, theirs[k], where_from(entry, k, text, own)))
    for label, subset in (("cards (graded from the card alone, offline)", [r for r in rows if r[1] == "card"]),
                          ("catalog records", [r for r in rows if r[1] == "catalog"]),
                          ("all", rows)):
        report(label, subset, [k for k in kinds if label == "all" or k[1] == subset[0][1]] if subset else [])
    print("\ndisagreements (howopen answered, the index differs), by kind:")
    for why in ("rule or judgment", "evidence outside the card", "another release of the family"):
        chosen = [k for k in kinds if k[5] == why]
        print(f"  {why} ({len(chosen)}):")
        by_model: dict[str, list[str]] = {}
        for name, kind, key, o, t, _w in chosen:
            by_model.setdefault(f"{name} ({kind})", []).append(f"{key} {o}≠{t}")
        for model, diffs in by_model.items():
            print(f"    {model}: " + "; ".join(diffs))
    unknowns_report([u for u in unanswered if u[1] == "card"])
    return gate_check()


def where_from(entry: dict[str, Any], key: str, text: str, own: set[str]) -> str:
    """Where the index found what it rated: a document the graded card does not link, one it does, or no link."""
    links = (entry.get("links") or {}).get(key)
    if not links:
        return "no link given"
    if outside(links, text, own):
        return "a document the card does not link"
    urls = [links] if isinstance(links, str) else list(links)
    if all(k.lower() in own for u in urls for k in link_keys(str(u))):
        return "the release's own Hub page (its files, not the card)"
    return "a document the card links (not read offline)"


def unknowns_report(unanswered: list[tuple[str, str, str, str, str]]) -> None:
    """The score the cards lose to `unknown`: each dimension howopen leaves unknown that the index rates open or
    partial, by where the index's own link for it points."""
    value = eosai.values()
    lost = sum(value[u[3]] for u in unanswered)
    print(f"\ncards: unknown where the index rates open or partial: {len(unanswered)} dimensions "
          f"({lost:.1f} points of the index's score, over {len({u[0] for u in unanswered})} models)")
    print(f"{'dimension':24} {'unknown':>8}   the index's link for it")
    for key in KEYS:
        chosen = [u for u in unanswered if u[2] == key]
        if chosen:
            where = Counter(u[4] for u in chosen)
            print(f"{key:24} {len(chosen):>8}   " + "; ".join(f"{w} {n}" for w, n in where.most_common()))


def report(label: str, rows: list[Row], kinds: list[tuple[str, str, str, str, str, str]]) -> None:
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
    print(f"{'all dimensions':24} {answered / total:>9.1%} {exact / max(answered, 1):>9.1%} "
          f"{near / max(answered, 1):>9.1%}   ({answered}/{total} answered, {exact} exact, {near} within one)")
    print(f"Spearman, the index's score (unknown counts 0; the goal is measured on this): {rho:.2f} over "
          f"{len(rows)} models")
    pairs = [answered_scores(r[2], r[3]) for r in rows]
    kept = [p for p in pairs if p is not None]
    if len(kept) > 2:
        rho_answered = spearman([p[0] for p in kept], [p[1] for p in kept])
        print(f"Spearman, imputation-free (each side's mean over the dimensions howopen answers): "
              f"{rho_answered:.2f} over {len(kept)} models")
    why = Counter(k[5] for k in kinds)
    print("disagreements by kind: " + ", ".join(f"{w} {n}" for w, n in why.most_common()))
    figures = {"answered": answered / total, "exact": exact / max(answered, 1), "within_one": near / max(answered, 1),
               "spearman": rho}
    print("goals (Spearman on the index's score): " + "; ".join(
        f"{name} >= {GOALS[name]:.2f}: {value:.3f} {'met' if value >= GOALS[name] else 'NOT met'}"
        for name, value in figures.items()))


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
