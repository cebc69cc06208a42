"""Benchmark: the clause reader on the texts howopen knows, against the knowledge base's terms.

    python bench/reader_agreement.py            # per term kind: agreement n/N
    python bench/reader_agreement.py --show commercial_use   # and every disagreement of that kind

The reader (`licenses/reader.py`) decides the terms of unknown and modified texts from their sentences. Here it
reads the 75 corpus texts (../shared/corpus/licenses, else the bundled copies), whose terms the knowledge base
states by hand with quoted clauses, and prints how often the two agree for each term kind. A term the reader
leaves unknown where the knowledge base says "no" (the license imposes nothing) counts as agreeing for yes/no
terms, as it does for a complete unknown text (readrecord.py); for commercial use and redistribution it does not.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SHARED = next((p / "shared" / "corpus" / "licenses" for p in ROOT.parents
               if (p / "shared" / "corpus" / "licenses" / "MANIFEST.csv").exists()), None)

from howopen.licenses.identify import identify_text  # noqa: E402
from howopen.licenses.kb import knowledge_base, texts_dir  # noqa: E402
from howopen.licenses.model import GRADED_TERMS, TermKey  # noqa: E402
from howopen.licenses.reader import read  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="append", default=[], help="print the disagreements of this term kind")
    args = parser.parse_args()
    folder = SHARED or texts_dir()
    files = sorted(folder.glob("*.txt"))
    kb = knowledge_base()
    agree: Counter[str] = Counter()
    total: Counter[str] = Counter()
    started = time.perf_counter()
    for path in files:
        text = path.read_text(encoding="utf-8")
        lic = kb.get(identify_text(text).license_id)
        if lic is None:
            continue
        terms = read(text).terms
        for key in TermKey:
            want = lic.term(key).value
            if want == "unknown":
                continue
            got = terms[key].value if key in terms else "unknown"
            if got == "unknown" and want == "no" and key not in GRADED_TERMS:
                got = "no"
            total[key] += 1
            agree[key] += got == want
            if got != want and str(key) in args.show:
                quote = terms[key].clauses[0] if key in terms and terms[key].clauses else None
                print(f"  {lic.id:34} {key}: knowledge base {want}, reader {got}"
                      + (f" (line {quote.line}: {quote.quote[:100]})" if quote else ""))
    print(f"texts: {len(files)} from {folder}; read in {time.perf_counter() - started:.2f} s")
    for key in TermKey:
        if total[key]:
            print(f"  {key!s:24} {agree[key]:3}/{total[key]:<3} {100 * agree[key] / total[key]:5.1f}%")


if __name__ == "__main__":
    main()
