"""Benchmark: how `howopen license` reads license texts it was not built on (the held-out set of issue 13).

    python bench/heldout_licenses.py          # a table per text, then the figures
    python bench/heldout_licenses.py --json   # the same as one JSON object

Reads tests/licenses/heldout/labels.yaml and texts/ (real texts judged by hand, see the README there), runs
`identify_text` and `explain` on each text exactly as `howopen license FILE` does, and prints:

- identification: right (the labelled knowledge-base id, or an id the labels accept, or a modification reported
  as such of the labelled base), honestly unrecognized (split by whether the knowledge base was expected to know
  the text), wrong (any other id, or a modified text named as the license it modifies);
- term agreement for each term kind: reported value equal to the labelled one, n/N and %; `unknown` disagrees;
- commercial-use agreement over all texts, recognized or not;
- every text labelled restrictive that howopen calls open or permissive (open, OSI pass, EU AI Act pass, or a
  permissive category), and every modified text given the standing of the license it modifies;
- the same figures per batch (`batch` in the labels: texts added together; a later batch was measured before the
  code was tuned on it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "licenses" / "heldout"
sys.path.insert(0, str(ROOT / "src"))

from howopen.licenses.explain import explain  # noqa: E402
from howopen.licenses.identify import identify_text  # noqa: E402

RIGHT, WRONG = "right", "wrong"
HONEST, HONEST_MISSED = "honestly unrecognized", "unrecognized (knowledge base knows it)"


def _modification_base(data: dict[str, Any]) -> str | None:
    """The known license howopen says the text modifies, in any of the shapes the report may give it."""
    ident = data.get("identification") or {}
    for holder in (data, ident):
        for key in ("modification_of", "modified_from", "base"):
            value = holder.get(key)
            if isinstance(value, str) and value:
                return value
            if isinstance(value, dict) and value.get("id"):
                return str(value["id"])
    if ident.get("changed_terms") and ident.get("closest"):
        return str(ident["closest"][0].get("id"))
    return None


def _called_open(data: dict[str, Any]) -> list[str]:
    why = []
    if data.get("open") is True:
        why.append("open")
    if (data.get("osi") or {}).get("status") == "pass":
        why.append("OSI pass")
    if (data.get("eu_ai_act") or {}).get("status") == "pass":
        why.append("EU AI Act pass")
    category = str((data.get("license") or {}).get("category") or "")
    if category.startswith("permissive"):
        why.append(f"category {category}")
    return why


def classify(entry: dict[str, Any], data: dict[str, Any]) -> tuple[str, str | None]:
    lic = entry["license"]
    reported = data.get("id") if data.get("recognized") else None
    base = _modification_base(data)
    wanted = {lic["expected"], *lic.get("accept", [])} - {"unrecognized"}
    if lic.get("modification_of"):
        if base == lic["modification_of"]:
            return RIGHT, f"modification of {base}"
        if reported is None:
            return HONEST, None
        return WRONG, reported
    if reported is None:
        return (HONEST_MISSED if lic["kb_known"] else HONEST), base
    if reported in wanted:
        return RIGHT, reported
    return WRONG, reported


def run() -> dict[str, Any]:
    labels = yaml.safe_load((HELDOUT / "labels.yaml").read_text(encoding="utf-8"))
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    for entry in labels["texts"]:
        text = (HELDOUT / "texts" / entry["file"]).read_bytes().decode("utf-8")
        data = explain(identify_text(text), text=text)
        category, got = classify(entry, data)
        terms = data.get("terms") or {}
        agree = {}
        for key, term in entry["terms"].items():
            value = (terms.get(key) or {}).get("value", "unknown")
            agree[key] = {"label": term["value"], "got": value, "agree": value == term["value"]}
        open_why = _called_open(data)
        rows.append({
            "file": entry["file"],
            "language": entry["language"],
            "expected": entry["license"]["expected"],
            "kb_known": entry["license"]["kb_known"],
            "reported": data.get("id") if data.get("recognized") else None,
            "identification": category,
            "detail": got,
            "terms": agree,
            "restrictive": entry["restrictive"],
            "called_open": open_why,
            "modification_of": entry["license"].get("modification_of"),
            "batch": entry.get("batch", 1),
        })
    elapsed = time.perf_counter() - started
    counts = {c: sum(r["identification"] == c for r in rows) for c in (RIGHT, HONEST, HONEST_MISSED, WRONG)}
    kinds: dict[str, dict[str, Any]] = {}
    for row in rows:
        for key, a in row["terms"].items():
            k = kinds.setdefault(key, {"agree": 0, "total": 0, "unknown": 0})
            k["total"] += 1
            k["agree"] += a["agree"]
            k["unknown"] += a["got"] == "unknown"
    for k in kinds.values():
        k["percent"] = round(100 * k["agree"] / k["total"], 1) if k["total"] else None
    commercial = kinds.get("commercial_use", {"agree": 0, "total": 0})
    restrictive_open = [{"file": r["file"], "reported": r["reported"], "why": r["called_open"]}
                        for r in rows if r["restrictive"] and r["called_open"]]
    modified_standing = [{"file": r["file"], "reported": r["reported"], "why": r["called_open"]}
                         for r in rows if r["modification_of"] and "OSI pass" in r["called_open"]]
    batches = {}
    for batch in sorted({r["batch"] for r in rows}):
        part = [r for r in rows if r["batch"] == batch]
        batches[str(batch)] = {
            "texts": len(part),
            "identification": {c: sum(r["identification"] == c for r in part) for c in counts},
            "commercial_use": {"agree": sum(r["terms"]["commercial_use"]["agree"] for r in part), "total": len(part)},
            "kb_known": sum(r["kb_known"] for r in part),
        }
    return {
        "texts": len(rows),
        "batches": batches,
        "identification": counts,
        "terms": kinds,
        "commercial_use": {"agree": commercial["agree"], "total": commercial["total"],
                           "percent": kinds.get("commercial_use", {}).get("percent")},
        "restrictive_called_open": restrictive_open,
        "modified_given_base_standing": modified_standing,
        "seconds": round(elapsed, 2),
        "rows": rows,
    }


def render(result: dict[str, Any]) -> str:
    out = [f"{'text':44} {'expected':28} {'reported':28} identification / commercial (label→got)"]
    for r in result["rows"]:
        c = r["terms"].get("commercial_use", {})
        out.append(f"{r['file'][:44]:44} {str(r['expected'])[:28]:28} {str(r['reported'])[:28]:28} "
                   f"{r['identification']} / {c.get('label')}→{c.get('got')}")
    n = result["texts"]
    ids = result["identification"]
    out.append("")
    out.append(f"held-out texts: {n} (timing {result['seconds']} s for all)")
    out.append(f"identification: right {ids[RIGHT]}/{n}, honestly unrecognized {ids[HONEST]}/{n}, "
               f"unrecognized though known {ids[HONEST_MISSED]}/{n}, wrong {ids[WRONG]}/{n}")
    for r in result["rows"]:
        if r["identification"] == WRONG:
            out.append(f"  wrong: {r['file']} reported as {r['reported']} (expected {r['expected']})")
    out.append("term agreement (reported value equals the label; unknown disagrees):")
    for key, k in result["terms"].items():
        out.append(f"  {key:24} {k['agree']:3}/{k['total']:<3} {k['percent']:5}%   ({k['unknown']} unknown)")
    for batch, b in result["batches"].items():
        bi = b["identification"]
        out.append(f"  batch {batch} ({b['texts']} texts, {b['kb_known']} known to the knowledge base): "
                   f"right {bi[RIGHT]}, honestly unrecognized {bi[HONEST]}, unrecognized though known "
                   f"{bi[HONEST_MISSED]}, wrong {bi[WRONG]}; commercial use right "
                   f"{b['commercial_use']['agree']}/{b['commercial_use']['total']}")
    cu = result["commercial_use"]
    out.append(f"commercial use right: {cu['agree']}/{cu['total']} ({cu['percent']}%)")
    out.append(f"restrictive texts called open or permissive: {len(result['restrictive_called_open'])}")
    for item in result["restrictive_called_open"]:
        out.append(f"  {item['file']}: {item['reported']} ({', '.join(item['why'])})")
    out.append(f"modified texts given the standing of the license they modify: "
               f"{len(result['modified_given_base_standing'])}")
    for item in result["modified_given_base_standing"]:
        out.append(f"  {item['file']}: {item['reported']} ({', '.join(item['why'])})")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = parser.parse_args()
    result = run()
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else render(result))


if __name__ == "__main__":
    main()
