"""Writes `data/compiled.json`: each knowledge-base YAML file's mapping as JSON, with the file's SHA-256.

    python -m howopen.licenses.kbcompile          # rewrite the compiled copy from the YAML files
    python -m howopen.licenses.kbcompile --check  # exit 1 when it is out of date

Loading reads the compiled mapping of every file whose digest still matches, and the YAML of any other (see
`howopen.licenses.kb`). A mapping is compiled only when it reads back from JSON into the same record as from YAML
(a YAML value JSON cannot hold, such as a date, would otherwise change it); any other file is left to its YAML.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..yamldata import plain
from .kb import COMPILED, data_dir, digest, parse_license, parse_yaml


def compiled_text(directory: Path | None = None) -> str:
    """The compiled file's text: one line per record, in file order (so that two changes rarely touch one line)."""
    directory = directory or data_dir()
    lines = []
    for path in sorted(directory.glob("*.yaml")):
        data = path.read_bytes()
        raw = parse_yaml(data)
        compiled = json.loads(json.dumps(plain(raw), ensure_ascii=False))
        if parse_license(compiled, path.name) != parse_license(raw, path.name):
            continue
        entry = {"sha256": digest(data), "data": compiled}
        lines.append(f"{json.dumps(path.name)}: {json.dumps(entry, ensure_ascii=False)}")
    about = json.dumps("generated from the YAML files by python -m howopen.licenses.kbcompile")
    return f'{{"about": {about}, "records": {{\n' + ",\n".join(lines) + "\n}}\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = data_dir() / COMPILED
    text = compiled_text()
    current = target.read_text(encoding="utf-8") if target.exists() else ""
    if "--check" in args:
        if current != text:
            print(f"{target} is out of date: run `python -m howopen.licenses.kbcompile`")
            return 1
        return 0
    if current != text:
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
