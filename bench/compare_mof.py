"""howopen's own MOF judgment of catalog releases against the Model Openness Tool's records of the same models.

    python bench/compare_mof.py

For each MOT record copied in `bench/data/mot/` (`records.yaml` names its catalog release and the stored version it
came from; SOURCE.md says how they were found), MOT's class is computed by howopen's port of MOT's evaluator (MOT
mode, which reproduces MOT's test set exactly; a record in MOT's legacy layout is read as MOT's converted records
suggest, see graders/mot.py), and howopen's own class is that of the catalog record, offline. Printed per record:
both classes, every required component on which the two readings differ (with howopen's reason), and the documented
disagreement where the classes differ. The goal: every release MOT rates Class I, II or III gets a class from
howopen, the same one unless a documented disagreement (`disagreement:` in records.yaml, summed up in
docs/frameworks.md) says why.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from howopen.catalog import iter_records
from howopen.graders import mot
from howopen.graders.mof_components import components
from howopen.pipeline import check

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data" / "mot"
LABEL = {1: "I", 2: "II", 3: "III"}


@dataclass(frozen=True)
class Row:
    catalog: str
    theirs: str | None
    ours: str | None
    upper: str | None
    differs: tuple[str, ...]
    disagreement: str
    remark: str
    layout: str


def entries() -> list[dict[str, Any]]:
    return list(yaml.safe_load((DATA / "records.yaml").read_text(encoding="utf-8"))["records"])


def compare(entry: dict[str, Any]) -> Row:
    names = {c.id: c.name for c in components()}
    data = yaml.safe_load((DATA / entry["file"]).read_text(encoding="utf-8"))
    record = mot.record_from_mapping(data)
    theirs = LABEL.get(mot.classify(record).cls)
    fields = check(entry["catalog"], offline=True).frameworks["mof"].fields
    listed = {names[c] for c in record.listed}
    differs = tuple(f"{name}: MOT lists it; howopen {comp['status']}: {comp['why']}"
                    for name, comp in fields["components"].items()
                    if comp["required"] and comp["status"] != "included" and name in listed)
    return Row(entry["catalog"], theirs, fields["class"], fields.get("class_if_unknown_included"), differs,
               str(entry.get("disagreement") or "").strip(), str(entry.get("remark") or "").strip(),
               str(entry.get("layout") or "current"))


def _wrap(label: str, text: str) -> str:
    return textwrap.fill(text, width=116, initial_indent=f"    {label}: ", subsequent_indent="      ")


MATERIALS = ("training_code", "training_data", "data_card", "intermediate_weights", "data_processing_code")


def catalog_with_materials() -> list[str]:
    """Catalog releases with open weights that publish training materials (at least two of MATERIALS present)."""
    out = []
    for record in iter_records():
        artifacts = record.data.get("artifacts") or {}
        present = [k for k in MATERIALS if (artifacts.get(k) or {}).get("status") == "present"]
        if record.data.get("access") == "open-weights" and len(present) >= 2:
            out.append(record.id)
    return sorted(out)


def print_catalog(ids: list[str]) -> None:
    print(f"\nCatalog releases that publish training materials ({len(ids)}), howopen's class and what blocks the next:")
    for name in ids:
        fields = check(name, offline=True).frameworks["mof"].fields
        needs = (fields.get("next_class") or {}).get("needs") or []
        blockers = ", ".join(f"{n['component'].split(' (or')[0]} {n['status']}" for n in needs)
        target = (fields.get("next_class") or {}).get("class")
        print(f"  {name:22} {fields['class'] or 'no class':9} up to {fields['class_if_unknown_included'] or 'none':4}"
              + (f"  for {target}: {blockers}" if target else ""))


def main() -> int:
    rows = [compare(entry) for entry in entries()]
    for row in rows:
        layout = " (legacy layout)" if row.layout == "legacy" else ""
        print(f"{row.catalog:22} MOT: {row.theirs or 'Unclassified':12} howopen: {row.ours or 'no class':9}"
              f" (if every unknown component is open: {row.upper or 'no class'}){layout}")
        if row.theirs or row.ours:
            for line in row.differs:
                print(f"    {line}")
        if row.theirs != row.ours and row.disagreement:
            print(_wrap("documented disagreement", row.disagreement))
        if row.remark:
            print(_wrap("remark", row.remark))
    rated = [r for r in rows if r.theirs]
    classed = [r for r in rated if r.ours]
    same = [r for r in rated if r.ours == r.theirs]
    documented = [r for r in rated if r.ours and r.ours != r.theirs and r.disagreement]
    undocumented = [r.catalog for r in rated if r.ours != r.theirs and not r.disagreement]
    unclassed_by_mot = [r.catalog for r in rows if not r.theirs and r.ours]
    print(f"\n{len(rows)} MOT records of catalog releases; MOT rates {len(rated)} Class I-III "
          f"({', '.join(r.catalog for r in rated)})")
    print(f"howopen gives a class to {len(classed)} of them: {len(same)} the same class, {len(documented)} a "
          f"different class with a documented disagreement")
    print(f"goal (every MOT Class I-III release gets a class, the same or documented): "
          f"{len(same) + len(documented)} of {len(rated)}")
    if undocumented:
        print(f"differing without a documented reason: {', '.join(undocumented)}")
    if unclassed_by_mot:
        print(f"howopen classes where MOT does not: {', '.join(unclassed_by_mot)}")
    print_catalog(catalog_with_materials())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
