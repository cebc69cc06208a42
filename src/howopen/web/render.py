"""Renders the pages from the index (Jinja2, autoescaped); shared by the server and the static export."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..index.query import FILTERS, Query
from ..index.store import Store
from . import charts, views
from .urls import Urls, safe_href

PICKER_SIZE = 300

COLUMN_TITLES = {
    "name": "Model", "verdict": "Verdict", "mof": "MOF", "osaid": "OSAID", "eosai": "EOSAI score",
    "eu_ai_act": "EU AI Act", "license": "License", "commercial": "Commercial use", "org": "Organisation",
    "modality": "Modality", "date": "Released",
}
FILTER_TITLES = {
    "verdict": "Verdict", "openness": "Openness (card-only: if published)", "mof": "MOF class",
    "osaid": "OSAID", "eu_ai_act": "EU AI Act exemption", "license": "License", "commercial": "Commercial use",
    "org": "Organisation", "modality": "Modality", "origin": "Indexed from",
}


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("howopen.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(safe_href=safe_href, colours=charts.COLOURS, column_titles=COLUMN_TITLES,
                       filter_titles=FILTER_TITLES)
    env.filters["term_title"] = views.term_title
    env.filters["text"] = views.text_node
    return env


def render(template: str, urls: Urls, **context: Any) -> str:
    html = environment().get_template(template).render(urls=urls, **context)
    return _INDENT.sub("\n", html) if urls.static else html


# A static export writes thousands of pages: the templates' indentation is dropped from them (no page holds
# preformatted text at the start of a line: card lines start with their <li>).
_INDENT = re.compile(r"\n[ \t]+(?=<)")


def leaderboard(store: Store, query: Query, urls: Urls) -> str:
    rows, total = store.leaderboard(query)
    pages = max(1, -(-total // query.per_page))
    return render("leaderboard.html", urls, rows=rows, total=total, query=query, pages=pages,
                  facets=store.facets(), filters=FILTERS, indexed=store.count())


def model(store: Store, row: dict[str, Any], urls: Urls, page_url: str = "") -> str:
    report = row["report"]
    ident = row["id"]
    has_card = bool(row.get("card"))
    ancestor_ids = [str(a.get("id")) for a in report.get("lineage", [])]
    indexed = {r["id"].lower() for r in store.fetch(
        "SELECT id FROM models WHERE lower(id) IN (SELECT unnest(?))", [[i.lower() for i in ancestor_ids]])}

    def links(evidence: Any) -> list[views.EvidenceLink]:
        return views.evidence_links(evidence, ident, urls, has_card)

    return render("model.html", urls, row=row, report=report, links=links,
                  columns=views.framework_columns(report), terms=views.license_terms(report),
                  artifacts=views.artifacts(report), tree=views.lineage_tree(report, indexed, urls),
                  page_url=page_url)


def card(row: dict[str, Any], urls: Urls) -> str:
    return render("card.html", urls, row=row, lines=views.card_lines(row.get("card")))


def compare(rows: list[dict[str, Any]], urls: Urls) -> str:
    return render("compare.html", urls, rows=rows, columns=[views.framework_columns(r["report"]) for r in rows],
                  licenses=[views.license_label(r["report"]) for r in rows],
                  restrictions=[views.restriction_titles(r["report"]) for r in rows])


def compare_picker(store: Store, chosen: list[str], q: str, message: str, urls: Urls) -> str:
    """The compare page before two to four models are chosen: a search and a list to tick them from."""
    query = Query(q=q, per_page=PICKER_SIZE)
    rows, total = store.leaderboard(query)
    listed = {r["id"] for r in rows}
    extra = [r for r in (store.get(i) for i in chosen if i not in listed) if r is not None]
    return render("compare_pick.html", urls, rows=[*extra, *rows], total=total, chosen=set(chosen), q=q,
                  message=message, static_page=False)


def compare_static(urls: Urls) -> str:
    """The static export's compare page: the picker and the table are built in the browser from
    api/models.json."""
    return render("compare_pick.html", urls, rows=[], total=0, chosen=set(), q="", message="", static_page=True)


def landscape(store: Store, urls: Urls) -> str:
    return render("landscape.html", urls, by_org=charts.openness_by_org(store.by_org()),
                  over_time=charts.verdicts_over_time(store.by_period()), undated=store.undated(),
                  bases=charts.top_bases(store.top_bases(), urls.model), totals=store.by_verdict(),
                  indexed=store.count())


def error(status: int, message: str, urls: Urls) -> str:
    return render("error.html", urls, status=status, message=message)
