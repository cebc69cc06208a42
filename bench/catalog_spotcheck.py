"""A repeatable spot check of the bundled catalog: N records picked at random (seeded), every fact with its source.

    python bench/catalog_spotcheck.py [--n 5] [--seed 2026] [--closed-only | --open-only]

For each picked record it prints the release date, the license, every artifact, fact, base model and price with the
URL it was read from, the date read and the quote, so a person can open each URL and confirm the quote is there.
It also prints how many records the catalog has, how many are closed, and how long grading all of them takes
relative to loading them (the cost of `howopen list` beyond start-up). The same seed picks the same records for
the same catalog.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Mapping
from typing import Any

from howopen.catalog import Record, iter_records, listing


def _source(source: Mapping[str, Any] | None) -> str:
    if not source:
        return "(no source)"
    quote = f'  "{source["quote"]}"' if source.get("quote") else ""
    return f"{source['url']}  (read {source.get('read')}){quote}"


def show(record: Record) -> list[str]:
    data = record.data
    lines = [f"== {record.name} ({record.organization}) -- {record.path}",
             f"  released {data['released']}: {_source(data.get('released_source'))}"]
    lic = data.get("license")
    lines.append(f"  license {lic['id']}: {_source(lic.get('source'))}" if lic else "  license: none (no weights)")
    for name, entry in data["artifacts"].items():
        where = _source(entry.get("source")) if entry.get("source") else f"(unknown: {entry.get('note')})"
        lic_text = f" [{entry['license']}]" if entry.get("license") else ""
        lines.append(f"  artifact {name}: {entry['status']}{lic_text}: {where}")
    for name, fact in (data.get("facts") or {}).items():
        lines.append(f"  fact {name} = {fact['value']}: {_source(fact.get('source'))}")
    for base in data.get("base_models") or ():
        lines.append(f"  base model {base['id']} ({base.get('relation')}): {_source(base.get('source'))}")
    for price in data.get("pricing") or ():
        lines.append(f"  price {price['tier']}: ${price['input_usd_per_mtok']} in / ${price['output_usd_per_mtok']} "
                     f"out per 1M tokens: {_source(price.get('source'))}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5, help="how many records to show (default 5)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--closed-only", action="store_true")
    group.add_argument("--open-only", action="store_true")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    records = list(iter_records())
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    rows = listing.all_rows()
    graded = time.perf_counter() - started
    closed = sum(1 for r in records if r.closed)
    print(f"catalog: {len(records)} records, {closed} closed, {len(records) - closed} with released weights")
    print(f"loading all records took {loaded:.2f}s; grading all took {graded:.2f}s "
          f"({graded / max(len(rows), 1) * 1000:.1f} ms per record, {graded / max(loaded, 1e-9):.2f}x the load)")
    pool = [r for r in records if (r.closed if args.closed_only else not r.closed if args.open_only else True)]
    picked = random.Random(args.seed).sample(sorted(pool, key=lambda r: r.id), min(args.n, len(pool)))
    print(f"seed {args.seed}: {len(picked)} of {len(pool)} records\n")
    for record in picked:
        print("\n".join(show(record)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
