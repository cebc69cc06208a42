"""Tells the release's own paper from the ones its card cites, on the audit set, and compares with an expert's labels.

    python bench/audit_own_paper.py

The audit set is `tests/audit/own_paper/`: model cards copied verbatim from the shared corpus (none of them graded
by bench/compare_eosai.py) and `labels.yaml`, which names for each card the papers a careful reader takes for the
release's own (`own`), those a reader could take either way (`either`), with the card lines that say so. Each card
is read as howopen reads a card file (`sources.card.body_links`, then `sources.citations.own_papers` with the
release's name from the file name, `ORG_NAME.md`).

Printed: per card, howopen's own papers against the labels; the card agreement (howopen's own papers, less the
`either` ones, are exactly the labeled ones), the papers found of the labeled ones (recall), and every paper taken
for the release's own that the labels say the card only cites (the goal: none). Exit status 1 when there is one.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from howopen.evidence import LinkKind
from howopen.sources.card import body_links, parse_card
from howopen.sources.citations import own_papers

ROOT = Path(__file__).resolve().parents[1]
AUDIT = ROOT / "tests" / "audit" / "own_paper"


@dataclass(frozen=True)
class Outcome:
    card: str
    found: list[str]  # howopen's own papers (ids as howopen names links)
    own: list[str]
    either: list[str]

    @property
    def wrong(self) -> list[str]:
        return [p for p in self.found if _key(p) not in {_key(x) for x in self.own + self.either}]

    @property
    def missed(self) -> list[str]:
        return [p for p in self.own if _key(p) not in {_key(x) for x in self.found}]

    @property
    def agrees(self) -> bool:
        return not self.wrong and not self.missed


def _key(ident: str) -> str:
    return ident.strip().lower()


def labels() -> list[dict[str, Any]]:
    data = yaml.safe_load((AUDIT / "labels.yaml").read_text(encoding="utf-8"))
    return list(data["cards"])


def outcome(entry: dict[str, Any]) -> Outcome:
    name = str(entry["card"])
    path = AUDIT / "cards" / f"{name}.md"
    card = parse_card(path.read_bytes(), path.name)
    org, _, model = name.partition("_")
    links = [lk for lk in body_links(card) if lk.kind == LinkKind.PAPER]
    found = [str(o.link.id or o.link.url) for o in own_papers(card, links, (model, f"{org}/{model}"))]
    return Outcome(name, found, [str(x) for x in entry.get("own") or []], [str(x) for x in entry.get("either") or []])


def run() -> list[Outcome]:
    return [outcome(e) for e in labels()]


def main() -> int:
    results = run()
    for r in results:
        mark = "agrees" if r.agrees else ("WRONG" if r.wrong else "misses")
        print(f"{mark:7} {r.card}: howopen {r.found or '-'}; labels {r.own or '-'}"
              + (f" (either: {r.either})" if r.either else ""))
    labeled = sum(len(r.own) for r in results)
    found = labeled - sum(len(r.missed) for r in results)
    agree = sum(1 for r in results if r.agrees)
    wrong = [(r.card, p) for r in results for p in r.wrong]
    print(f"\ncards: {len(results)}; agreement (own papers exactly as labeled): {agree}/{len(results)} "
          f"({agree / len(results):.0%}); labeled own papers found: {found}/{labeled} ({found / max(labeled, 1):.0%})")
    print(f"papers wrongly taken for the release's own: {len(wrong)}"
          + "".join(f"\n  {card}: {paper}" for card, paper in wrong))
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
