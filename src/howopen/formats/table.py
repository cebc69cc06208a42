"""Plain-text and Markdown tables for the catalog commands (`howopen list`, `howopen compare`).

Plain strings, not Rich renderables: the output is the same in a terminal, a pipe and a test.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

GAP = 2  # spaces between columns
MIN_COLUMN = 8


def _cell(value: object) -> str:
    return " ".join(str("" if value is None else value).split())


def fit(headers: Sequence[str], rows: Sequence[Sequence[object]], width: int, *, drop: Sequence[int] = (),
        whole: Sequence[int] = (0,), fold: Sequence[int] | None = None) -> str:
    """A table no wider than `width`: the columns in `drop` are left out, in that order, while it does not fit;
    then the widest columns narrow and their cells wrap at spaces (a word longer than its column is folded)."""
    cells = [[_cell(c) for c in row] for row in rows]
    keep = list(range(len(headers)))
    natural = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]

    def total(columns: list[int], widths: list[int]) -> int:
        return sum(widths[c] for c in columns) + GAP * (len(columns) - 1)

    for column in drop:
        if total(keep, natural) <= width:
            break
        keep.remove(column)
    widths = list(natural)
    longest_word = [max(len(w) for v in [h, *(r[i] for r in cells)] for w in (v.split() or [""]))
                    for i, h in enumerate(headers)]
    # first every column narrows down to its longest word, so no word is cut; then, if that is not enough, the
    # widest columns fold their longest words: those in `fold` (default: all but those in `whole`, such as an id
    # people copy)
    word_floors = [min(natural[i], longest_word[i]) for i in range(len(headers))]
    folding = [i for i in range(len(headers)) if i not in whole] if fold is None else list(fold)
    for floors in (word_floors, [min(natural[i], MIN_COLUMN) if i in folding else word_floors[i]
                                 for i in range(len(headers))]):
        while total(keep, widths) > width:
            shrinkable = [c for c in keep if widths[c] > floors[c]]
            if not shrinkable:
                break
            widths[max(shrinkable, key=lambda c: widths[c])] -= 1

    def wrap(value: str, size: int) -> list[str]:
        return textwrap.wrap(value, size, break_on_hyphens=False) or [""]

    def lines(values: Sequence[str]) -> list[str]:
        parts = [wrap(values[c], widths[c]) for c in keep]
        height = max(len(p) for p in parts)
        return ["  ".join((p[i] if i < len(p) else "").ljust(widths[c]) for p, c in zip(parts, keep, strict=True))
                .rstrip() for i in range(height)]

    out = [*lines(list(headers)), "  ".join("-" * widths[c] for c in keep)]
    for row in cells:
        out.extend(lines(row))
    return "\n".join(out) + "\n"


def text(headers: Sequence[str], rows: Sequence[Sequence[object]], *, max_width: int = 48, width: int | None = None,
         drop: Sequence[int] = (), fold: Sequence[int] | None = None) -> str:
    """Columns padded to their widest cell (cut at `max_width` characters with an ellipsis); with `width` (the
    terminal's), a table that fits it instead (see `fit`)."""
    if width is not None:
        return fit(headers, rows, width, drop=drop, fold=fold)
    cells = [[_cell(c) for c in row] for row in rows]
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out.extend(line(r) for r in cells)
    return "\n".join(out) + "\n"


def markdown(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    def esc(value: object) -> str:
        return _cell(value).replace("|", "\\|")

    out = ["| " + " | ".join(esc(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    out.extend("| " + " | ".join(esc(c) for c in row) + " |" for row in rows)
    return "\n".join(out) + "\n"
