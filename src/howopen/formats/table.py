"""Plain-text and Markdown tables for the catalog commands (`howopen list`, `howopen compare`).

Plain strings, not Rich renderables: the output is the same in a terminal, a pipe and a test.
"""

from __future__ import annotations

from collections.abc import Sequence


def _cell(value: object) -> str:
    return " ".join(str("" if value is None else value).split())


def text(headers: Sequence[str], rows: Sequence[Sequence[object]], *, max_width: int = 48) -> str:
    """Columns padded to their widest cell (cut at `max_width` characters with an ellipsis)."""
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
