"""howopen's own MOF judgment of catalog releases against the Model Openness Tool's records of the same models.

    python bench/compare_mof.py

For each MOT record copied in `bench/data/mot/` (see SOURCE.md there), MOT's class is computed by howopen's port of
MOT's evaluator (MOT mode, which reproduces MOT's test set exactly), and howopen's own class is that of the catalog
record. Printed: both classes, and every required component on which the two readings differ, with howopen's
reason. The goal: every release MOT rates Class I, II or III gets a class from howopen, the same one unless a
documented disagreement (docs/frameworks.md) says why.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from howopen.graders import mot
from howopen.graders.mof_components import components
from howopen.pipeline import check

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data" / "mot"
MATCHES = {"OLMo-7B.yml": "olmo-7b", "Pythia-12B.yml": "pythia-12b", "GPT-NeoX-20B.yml": "gpt-neox-20b",
           "BLOOM.yml": "bloom"}
LABEL = {1: "I", 2: "II", 3: "III"}


def main() -> int:
    names = {c.id: c.name for c in components()}
    classed = same = 0
    rated = 0
    for file, record_id in MATCHES.items():
        data = yaml.safe_load((DATA / file).read_text(encoding="utf-8"))
        record = mot.record_from_mapping(data)
        result = mot.classify(record)
        theirs = LABEL.get(result.cls)
        ours_fields = check(record_id, offline=True).frameworks["mof"].fields
        ours = ours_fields["class"]
        listed = {names[c] for c in record.listed}
        print(f"{record_id:14} MOT: {theirs or 'Unclassified':12} howopen: {ours or 'no class'}"
              f" (if every unknown component is open: {ours_fields.get('class_if_unknown_included')})")
        if theirs:
            rated += 1
            classed += ours is not None
            same += ours == theirs
        for name, comp in ours_fields["components"].items():
            if comp["required"] and comp["status"] != "included" and name in listed:
                print(f"    {name}: MOT lists it; howopen {comp['status']}: {comp['why']}")
    print(f"\nMOT rates {rated} of {len(MATCHES)} Class I-III; howopen classes {classed} of them, "
          f"{same} the same class")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
