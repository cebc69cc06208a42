"""The landscape's charts as data for server-rendered SVG: bars and segments with positions already computed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

OPENNESS = ("open-source", "open-weights", "restricted-weights", "unknown", "closed")
COLOURS = {
    "open-source": "#1a7f37",
    "open-weights": "#0969da",
    "restricted-weights": "#bc4c00",
    "unknown": "#6e7781",
    "closed": "#a40e26",
    "not indexed": "#d0d7de",
    "not indexed, open license": "#8cc8ff",
    "not indexed, restrictive license": "#ffb77c",
}
BAR = 22
GAP = 6
LABEL_WIDTH = 260
PLOT_WIDTH = 460


@dataclass
class Segment:
    label: str
    count: int
    x: float
    y: float
    width: float
    height: float
    colour: str


@dataclass
class Bar:
    label: str
    total: int
    y: float
    note: str = ""
    href: str | None = None
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Chart:
    title: str
    width: int
    height: int
    bars: list[Bar]
    legend: list[tuple[str, str]]
    vertical: bool = False
    axis: list[tuple[float, str]] = field(default_factory=list)


def _legend(labels: list[str]) -> list[tuple[str, str]]:
    return [(label, COLOURS.get(label, "#8c959f")) for label in labels]


def _by_license(license_id: str | None) -> str:
    """A base that is not in the index, told apart by the license its derivatives' lineage found for it."""
    from ..licenses.kb import knowledge_base

    lic = knowledge_base().get(license_id) if license_id else None
    freedoms = lic.grants_four_freedoms if lic is not None else None
    if freedoms is None:
        return "not indexed"
    return "not indexed, open license" if freedoms else "not indexed, restrictive license"


def openness_by_org(rows: list[dict[str, Any]]) -> Chart:
    """Horizontal stacked bars: one per organisation, one segment per openness label."""
    orgs: dict[str, dict[str, int]] = {}
    for row in rows:
        orgs.setdefault(row["org"], {})[row["openness"]] = int(row["n"])
    peak = max((sum(c.values()) for c in orgs.values()), default=1)
    bars = []
    for i, (org, counts) in enumerate(orgs.items()):
        y = i * (BAR + GAP)
        bar = Bar(org, sum(counts.values()), y)
        x = float(LABEL_WIDTH)
        for label in OPENNESS:
            n = counts.get(label, 0)
            if n:
                width = PLOT_WIDTH * n / peak
                bar.segments.append(Segment(label, n, x, y, width, BAR, COLOURS[label]))
                x += width
        bars.append(bar)
    used = [o for o in OPENNESS if any(o in c for c in orgs.values())]
    return Chart("Openness by organisation", LABEL_WIDTH + PLOT_WIDTH + 60, max(1, len(bars)) * (BAR + GAP),
                 bars, _legend(used))


def verdicts_over_time(rows: list[dict[str, Any]]) -> Chart:
    """Vertical stacked bars: one per release year, one segment per openness label."""
    years: dict[int, dict[str, int]] = {}
    for row in rows:
        years.setdefault(int(row["period"]), {})[row["openness"]] = int(row["n"])
    height, column = 240.0, 44
    peak = max((sum(c.values()) for c in years.values()), default=1)
    bars = []
    for i, (year, counts) in enumerate(sorted(years.items())):
        x = 40 + i * (column + 12)
        bar = Bar(str(year), sum(counts.values()), float(x))
        top = height
        for label in OPENNESS:
            n = counts.get(label, 0)
            if n:
                h = (height - 20) * n / peak
                top -= h
                bar.segments.append(Segment(label, n, float(x), top, float(column), h, COLOURS[label]))
        bars.append(bar)
    used = [o for o in OPENNESS if any(o in c for c in years.values())]
    width = 40 + max(1, len(bars)) * (column + 12) + 20
    return Chart("Openness over release date (by year)", max(width, 200), int(height) + 30, bars, _legend(used),
                 vertical=True)


def top_bases(rows: list[dict[str, Any]], model_href: Any) -> Chart:
    """Horizontal bars: the bases with most derivatives, coloured by the base's openness where it is indexed."""
    peak = max((int(r["n"]) for r in rows), default=1)
    bars = []
    used: list[str] = []
    for i, row in enumerate(rows):
        y = i * (BAR + GAP)
        label = row["openness"] if row.get("indexed_id") else _by_license(row.get("base_license"))
        used.append(label)
        lic = row.get("license_id") or row.get("base_license") or "license unknown"
        note = f"{lic}; {'card only' if row.get('metadata_only') else label}"
        bar = Bar(str(row["base_id"]), int(row["n"]), y, note=note,
                  href=model_href(row["indexed_id"]) if row.get("indexed_id") else None)
        bar.segments.append(Segment(label, int(row["n"]), float(LABEL_WIDTH), y, PLOT_WIDTH * int(row["n"]) / peak,
                                    BAR, COLOURS.get(label, "#8c959f")))
        bars.append(bar)
    order = [*OPENNESS, "not indexed, open license", "not indexed, restrictive license", "not indexed"]
    return Chart("Bases with the most derivatives (from base_model links)", LABEL_WIDTH + PLOT_WIDTH + 60,
                 max(1, len(bars)) * (BAR + GAP), bars, _legend([o for o in order if o in used]))
