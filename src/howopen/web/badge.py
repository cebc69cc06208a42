"""A model's openness badge: a two-part SVG (shields.io's flat layout), text escaped."""

from __future__ import annotations

from xml.sax.saxutils import escape

from .charts import COLOURS

_CHAR = 6.1  # average glyph width of 11px Verdana, close enough for layout


def badge_svg(label: str, value: str, *, colour: str | None = None) -> str:
    colour = colour or COLOURS.get(value.split(" ")[0], "#6e7781")
    left = int(len(label) * _CHAR + 12)
    right = int(len(value) * _CHAR + 12)
    width = left + right
    label_e, value_e = escape(label), escape(value)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" '
        f'aria-label="{label_e}: {value_e}">'
        f"<title>{label_e}: {value_e}</title>"
        f'<rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{colour}"/>'
        f'<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="6" y="14">{label_e}</text>'
        f'<text x="{left + 6}" y="14">{value_e}</text></g></svg>'
    )


def model_badge(row: dict[str, object]) -> str:
    """`howopen | <verdict>`; a card-only entry says what it would be if the weights are published."""
    verdict = str(row.get("verdict") or "unknown")
    if row.get("metadata_only") and verdict == "unknown" and row.get("verdict_if_published"):
        return badge_svg("howopen", f"{row['verdict_if_published']} (card only)",
                         colour=COLOURS.get(str(row["verdict_if_published"])))
    return badge_svg("howopen", verdict)
