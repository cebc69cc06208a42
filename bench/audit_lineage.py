"""Grades the lineage audit set (issue 12) the way `howopen index build` grades a card file, and compares with the
labels an expert wrote by reading each card.

    python bench/audit_lineage.py [--json] [--disagreements] [--corpus CARDS_DIR]

The audit set is `tests/audit/lineage/`: 201 model cards copied verbatim from the shared corpus and `labels.yaml`,
one judgment per card (base models with the line that names them, whether the declared license conflicts with a
base's, the governing license, commercial use, and the plain verdict the card supports if the weights are
published). Each card is graded alone, as `index build` grades a card file (`index.build.grade_card`: a
metadata-only release whose base models resolve from the bundled catalog, then among the corpus cards), so the
label compared is the verdict's `if_weights_published`. Base models resolve among the cards of the shared corpus
when it is found (`shared/corpus/cards` beside the repository root or a folder above it, or `--corpus`), as in an
index built from the corpus; otherwise among the audit cards alone (the script says which).

Printed: verdict, governing-license, commercial-use and conflict agreement (n/N and %), and every release howopen
calls open (open-weights or open-source, or commercial use "yes") that the labels say is not, with the label's
reason. `--disagreements` also lists every governing-license and verdict disagreement; `--json` prints everything
as one JSON object instead.

How the two sides are read:

- howopen's governing license is `license.id` when the license block describes the governing license (it has
  `governing_via`; an `unsettled` note leaves it as named, the verdict and commercial use carry the doubt); in
  older reports it is `license.binding.id` when the report has a binding license (the declared one cannot be
  right), else `license.id`. A license it does not recognize, or none, is `other-or-unknown`. It agrees
  with the label when it is the label's first `governing` license (a card under several licenses that all apply
  lists them all, the one whose terms govern, the most restrictive, first). Ids are compared case-insensitively;
  the dated Gemma terms (`gemma-2024-02-21`, `gemma-2024-04-01`) count as `gemma`.
- howopen's commercial use is the index row's (`license.commercial_use`): what the leaderboard and `/api/models`
  show. Its conflict is "the report's `conflicts` is not empty".
- A wrong "open": howopen's label is open-weights or open-source and the label's is not, or howopen's commercial
  use is "yes" and the label's is not.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from howopen.index.build import grade_card
from howopen.index.cards import CardFolders

ROOT = Path(__file__).resolve().parents[1]
AUDIT = ROOT / "tests" / "audit" / "lineage"
CORPUS = Path("shared") / "corpus" / "cards"
OPEN = {"open-weights", "open-source"}
UNKNOWN_LICENSE = "other-or-unknown"
ALIASES = {"gemma-2024-02-21": "gemma", "gemma-2024-04-01": "gemma"}


def default_corpus() -> Path | None:
    for folder in ROOT.parents:
        candidate = folder / CORPUS
        if candidate.is_dir():
            return candidate
    return None


def load_labels(path: Path = AUDIT / "labels.yaml") -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [entry for entry in data["cards"] if entry.get("verdict")]  # entries still unlabeled are skipped


def norm(license_id: str | None) -> str:
    key = (license_id or UNKNOWN_LICENSE).strip().lower()
    return ALIASES.get(key, key)


def howopen_side(card: Path, folders: CardFolders) -> dict[str, Any]:
    row = grade_card(card, folders)
    report = json.loads(row.report)
    lic = report.get("license") or {}
    binding = lic.get("binding")
    if "governing_via" in lic:  # the license block describes the governing license itself
        governing = lic.get("id") if lic.get("recognized") else None
    elif binding:  # older reports: the block is the declared license, `binding` the one that governs
        governing = binding.get("id")
    elif lic.get("recognized"):
        governing = lic.get("id")
    else:
        governing = None
    return {
        "verdict": row.openness,
        "governing": norm(governing),
        "declared": lic.get("declared"),
        "governing_via": lic.get("governing_via"),
        "unsettled": lic.get("unsettled"),
        "commercial": row.commercial_use,
        "conflict": bool(report.get("conflicts")),
        "summary": str(report.get("verdict", {}).get("if_weights_published_summary") or row.summary),
        "bases": [b[0] for b in row.bases],
    }


def compare(label: dict[str, Any], got: dict[str, Any]) -> dict[str, Any]:
    governing = [norm(x) for x in label["governing"]]
    wrong_open = []
    if got["verdict"] in OPEN and label["verdict"] not in OPEN:
        wrong_open.append(f"verdict {got['verdict']} (label {label['verdict']})")
    if got["commercial"] == "yes" and label["commercial"] != "yes":
        wrong_open.append(f"commercial use yes (label {label['commercial']})")
    return {
        "card": label["card"],
        "set": label["set"],
        "verdict": got["verdict"] == label["verdict"],
        "governing": got["governing"] == governing[0],
        "commercial": got["commercial"] == label["commercial"],
        "conflict": got["conflict"] == bool(label["conflict"]),
        "wrong_open": wrong_open,
        "howopen": got,
        "label": {k: label[k] for k in ("verdict", "governing", "commercial", "conflict", "reason")},
    }


def figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    total = len(rows)
    out: dict[str, Any] = {"cards": total}
    for key in ("verdict", "governing", "commercial", "conflict"):
        agree = sum(1 for r in rows if r[key])
        out[key] = {"agree": agree, "of": total, "percent": round(100 * agree / total, 1) if total else 0.0}
    out["wrong_open"] = sum(1 for r in rows if r["wrong_open"])
    return out


def run(corpus: Path | None) -> tuple[dict[str, Any], list[dict[str, Any]], str]:
    folders_from = corpus if corpus is not None else AUDIT / "cards"
    folders = CardFolders([folders_from])
    rows = []
    for label in load_labels():
        card = AUDIT / "cards" / f"{label['card']}.md"
        rows.append(compare(label, howopen_side(card, folders)))
    return figures(rows), rows, str(folders_from)


def _line(name: str, fig: dict[str, Any]) -> str:
    return f"{name}: {fig['agree']}/{fig['of']} ({fig['percent']:.1f} %)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--disagreements", action="store_true", help="also list governing-license and verdict "
                        "disagreements")
    parser.add_argument("--corpus", type=Path, help="the card folder base models resolve among (default: the "
                        "shared corpus when found, else the audit cards)")
    args = parser.parse_args(argv)
    corpus = args.corpus or default_corpus()
    if corpus is not None and not corpus.is_dir():
        print(f"audit_lineage: {corpus} is not a folder; pass the folder of corpus cards", file=sys.stderr)
        return 2
    fig, rows, resolved = run(corpus)
    wrong = [r for r in rows if r["wrong_open"]]
    by_set = {name: figures([r for r in rows if r["set"] == name]) for name in ("random", "trap")}
    if args.json:
        print(json.dumps({"schema": "howopen.audit-lineage/1", "resolved_among": resolved, "figures": fig,
                          "by_set": by_set, "wrong_open": wrong, "rows": rows}, indent=2, ensure_ascii=False))
        return 0
    print(f"lineage audit: {fig['cards']} labeled cards (tests/audit/lineage), graded as `index build` grades a "
          f"card file; bases resolved among {resolved}")
    for key, name in (("verdict", "verdict (if weights published)"), ("governing", "governing license"),
                      ("commercial", "commercial use"), ("conflict", "conflict")):
        print(_line(name, fig[key]))
    for name, part in by_set.items():
        print(f"  {name} half ({part['cards']} cards): " + ", ".join(
            f"{key} {part[key]['agree']}/{part[key]['of']}" for key in ("verdict", "governing", "commercial",
                                                                          "conflict")) +
              f", wrong open {part['wrong_open']}")
    print(f"wrong open: {fig['wrong_open']}")
    for r in wrong:
        got = r["howopen"]
        print(f"  {r['card']}: {'; '.join(r['wrong_open'])}; howopen governing {got['governing']}, label "
              f"{'+'.join(r['label']['governing'])}. Label: {' '.join(str(r['label']['reason']).split())}")
    if args.disagreements:
        print("governing-license disagreements:")
        for r in rows:
            if not r["governing"]:
                print(f"  {r['card']}: howopen {r['howopen']['governing']} (declared {r['howopen']['declared']}), "
                      f"label {'+'.join(r['label']['governing'])}")
        print("conflict disagreements:")
        for r in rows:
            if not r["conflict"]:
                print(f"  {r['card']}: howopen {'a conflict' if r['howopen']['conflict'] else 'no conflict'}, label "
                      f"{'a conflict' if r['label']['conflict'] else 'no conflict'}")
        print("verdict disagreements:")
        for r in rows:
            if not r["verdict"]:
                print(f"  {r['card']}: howopen {r['howopen']['verdict']}, label {r['label']['verdict']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
