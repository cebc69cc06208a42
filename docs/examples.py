"""Checks (and rewrites) the example outputs in README.md and docs/*.md against what howopen prints today.

    python docs/examples.py           # runs every example; prints each one that differs; exit 1 if any does
    python docs/examples.py --write   # rewrites the examples that show a whole output (not the excerpts)

An example is a fenced block whose first line is `$ howopen ...` (or `$ COLUMNS=80 howopen ...`), followed by the
output. The command runs from the repository's root in a shell (so `| head -4` works), its output in a pipe: without
`COLUMNS` (reports at Rich's 80 columns, tables whole) unless the example sets it (`$ COLUMNS=80 howopen list`), with a
fresh cache, and the loopback Hub of the tests (tests/hubserver) as the Hugging Face Hub, GitHub
and arXiv: Hub examples are runs against it, and its address shows as `127.0.0.1:PORT`. A block with a line `...`
(or starting `...  (`) is an excerpt: its other lines must appear in the output in order; any other block must be
the whole output (stdout, then stderr). A `# comment` after the command is dropped.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hubserver import HubServer  # noqa: E402

FENCE = re.compile(r"^```[^\n]*\n(\$ (?:COLUMNS=\d+ )?howopen .*?)^```", re.M | re.S)
COMMAND = re.compile(r"^\$ (?:COLUMNS=\d+ )?howopen ", re.M)
# Examples that need more than a clone: the census is of an index built from the 3,408 corpus cards (minutes).
SKIP = {"$ howopen census": "needs `howopen index build ../shared/corpus/cards` first"}


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def run(command: str, env: dict[str, str]) -> str:
    line = re.sub(r"\s+#.*$", "", command[2:])
    done = subprocess.run(line, shell=True, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=600)
    return done.stdout


def excerpt(shown: list[str]) -> bool:
    return any(line.strip() == "..." or line.startswith("...  (") for line in shown)


def missing(shown: list[str], printed: list[str]) -> str | None:
    """None when the example matches the output; else the first line it shows that the output lacks."""
    if not excerpt(shown):
        if shown == printed:
            return None
        return next((a for a, b in zip(shown, printed, strict=False) if a != b), "(the number of lines)")
    position = 0
    for line in shown:
        if line.strip() == "..." or line.startswith("...  ("):
            continue
        while position < len(printed) and printed[position] != line:
            position += 1
        if position == len(printed):
            return line
        position += 1
    return None


def examples(text: str) -> list[tuple[int, str, str]]:
    """(offset, command line, shown output) of every example, a block with several commands giving several."""
    found = []
    for block in FENCE.finditer(text):
        starts = [m.start() for m in COMMAND.finditer(block.group(1))] + [len(block.group(1))]
        for start, end in itertools.pairwise(starts):
            part = block.group(1)[start:end]
            command, _, body = part.partition("\n")
            found.append((block.start(1) + start, command, body))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite whole-output examples that differ")
    args = parser.parse_args()
    differ = 0
    with HubServer() as hub, tempfile.TemporaryDirectory() as cache:
        env = {**{k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}, **hub.env(),
               "HOWOPEN_CACHE_DIR": cache,
               "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
        address = re.compile(r"127\.0\.0\.1:\d+")
        for doc in documents():
            text = doc.read_text(encoding="utf-8")
            changed = text
            for offset, command, body in examples(text):
                where = f"{doc.relative_to(ROOT)}:{text.count(chr(10), 0, offset) + 1}"
                if command in SKIP:
                    print(f"-- {where}: {command}: not run ({SKIP[command]})")
                    continue
                printed = address.sub("127.0.0.1:PORT", run(command, env))
                shown = [line.rstrip() for line in body.splitlines()]
                out = [line.rstrip() for line in printed.rstrip("\n").splitlines()]
                lacking = missing(shown, out)
                if lacking is None:
                    continue
                differ += 1
                print(f"== {where}: {command}\n   first line not as printed: {lacking}")
                if args.write and not excerpt(shown):
                    changed = changed.replace(f"{command}\n{body}", f"{command}\n" + "\n".join(out) + "\n", 1)
                    print("   rewritten")
            if changed != text:
                doc.write_text(changed, encoding="utf-8")
    print(f"{differ} example(s) differ")
    return 1 if differ and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())
