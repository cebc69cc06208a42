"""Checks the knowledge base: every record follows the schema, every quote stands verbatim at its line.

    python -m howopen.licenses.kbcheck      # prints one line per problem; exit 1 when there is any
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from .kb import data_dir, locate_quote, reference_text, texts_dir
from .model import GRADED_TERMS, TermKey


def schema() -> dict:
    return json.loads((data_dir() / "schema.json").read_text(encoding="utf-8"))


def raw_records(directory: Path | None = None) -> dict[str, dict]:
    out = {}
    for path in sorted((directory or data_dir()).glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            out[path.name] = yaml.safe_load(handle)
    return out


def clause_problems(name: str, raw: dict) -> list[str]:
    """Quotes that are not in their text, or not at the stated line; values without the clauses they need."""
    problems = []
    own = raw.get("text")
    for key, term in (raw.get("terms") or {}).items():
        value = term.get("value")
        clauses = term.get("clauses") or []
        needs_quote = value in ("yes", "conditional") or (value == "no" and TermKey(key) in GRADED_TERMS)
        if needs_quote and not clauses:
            problems.append(f"{name}: {key} is '{value}' but quotes no clause")
        for clause in clauses:
            file = clause.get("file") or own
            if not file or not (texts_dir() / file).exists():
                problems.append(f"{name}: {key} quotes from a missing text '{file}'")
                continue
            line = locate_quote(reference_text(file), clause["quote"])
            if line is None:
                problems.append(f"{name}: {key}: quote not found in {file}: {clause['quote'][:60]!r}")
            elif line != clause.get("line"):
                problems.append(f"{name}: {key}: quote starts at {file}:{line}, not line {clause.get('line')}")
    return problems


def main() -> int:
    import jsonschema  # a test/dev dependency

    validator = jsonschema.Draft202012Validator(schema())
    problems = []
    for name, raw in raw_records().items():
        problems += [f"{name}: {e.message}" for e in validator.iter_errors(raw)]
        problems += clause_problems(name, raw)
    for problem in problems:
        print(problem)
    print(f"{len(raw_records())} records, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
