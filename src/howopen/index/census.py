"""The open-washing census: for each base-model family, how many indexed models derive from it, how they are
declared (the Hub `license:` tag), how many declare a license that cannot be right (the report's `conflicts`),
how many are called open by their tag but are restricted in fact, month by month, and the most downloaded
offenders.

Each indexed model has one row in the `census` table, written with the model (`Store.put` calls `write`) from
its report: the family from the report's lineage (`data/families.yaml`), the tag, the conflicts and the
verdict. The figures are SQL aggregates over that table, so they stay quick at a million models.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..ancestry import families as ancestry_families
from ..licenses.kb import knowledge_base

DDL = """
CREATE TABLE IF NOT EXISTS census (
    id VARCHAR PRIMARY KEY,
    family VARCHAR,
    base VARCHAR,
    declared VARCHAR,
    binding VARCHAR,
    conflict BOOLEAN,
    open_tag BOOLEAN,
    washed BOOLEAN,
    openness VARCHAR,
    month VARCHAR,
    downloads BIGINT
);
"""
COLUMNS = ("id", "family", "base", "declared", "binding", "conflict", "open_tag", "washed", "openness", "month",
           "downloads")
OTHER = "Other"
NO_TAG = "(none)"
OFFENDERS = 25
# What the leaderboard's census filters are called in a URL, and the census column each one reads.
FILTERS = {"family": "family", "declared": "declared", "conflict": "conflict", "washed": "washed",
           "month": "month"}


@dataclass(frozen=True)
class Family:
    name: str
    ids: tuple[re.Pattern[str], ...]
    licenses: frozenset[str]
    publisher: tuple[str, ...]
    members: frozenset[str] = frozenset()  # keys of the ancestry families (ancestry/data/families.yaml)

    def matches(self, ident: str, license_id: str | None, member: str | None = None) -> bool:
        key = ident.lower()
        return (member is not None and member in self.members) or any(p.search(key) for p in self.ids) or \
            (license_id or "").lower() in self.licenses


@cache
def families() -> tuple[Family, ...]:
    """The census groups (index/data/families.yaml), each with the organisations and the licenses (those that are
    not open) of its member families, read from the known model families (ancestry/data/families.yaml)."""
    text = resources.files("howopen.index").joinpath("data/families.yaml").read_text(encoding="utf-8")
    loaded = yaml.safe_load(text)
    known = {f.key: f for f in ancestry_families.families()}
    out = []
    for entry in loaded["families"]:
        members = [known[str(k)] for k in entry.get("members") or ()]
        carried = {str(lic).lower() for m in members for lic in (m.license, *m.sizes.values())
                   if lic and not _open(str(lic))}
        publisher = [*(o.lower() for m in members for o in m.orgs), *(str(x) for x in entry.get("publisher") or ())]
        out.append(Family(str(entry["name"]), tuple(re.compile(p) for p in entry.get("ids") or ()),
                          frozenset(carried | {str(x).lower() for x in entry.get("licenses") or ()}),
                          tuple(dict.fromkeys(publisher)), frozenset(m.key for m in members)))
    return tuple(out)


def member_of(ident: str) -> str | None:
    """The key of the known model family an ancestor is (`meta-llama/Llama 3.1`) or an official repository of."""
    found = ancestry_families.family_by_id(ident) or ancestry_families.official(ident)
    return found.key if found is not None else None


def family_names() -> list[str]:
    return [f.name for f in families()] + [OTHER]


# -- one model's census row -------------------------------------------------------------------------------------

def _license_id(value: Any) -> str | None:
    if isinstance(value, dict):
        found = value.get("id") or value.get("declared")
        return str(found) if found else None
    return str(value) if value else None


def family_of(report: dict[str, Any]) -> tuple[str | None, str | None]:
    """(family, the ancestor it was recognised by); (None, None) for a model with no ancestor."""
    ancestors = [a for a in report.get("lineage") or [] if isinstance(a, dict) and a.get("id")]
    if not ancestors:
        return None, None
    ancestors.sort(key=lambda a: -int(a.get("depth") or 0))
    for ancestor in ancestors:
        member = member_of(str(ancestor["id"]))
        for family in families():
            if family.matches(str(ancestor["id"]), _license_id(ancestor.get("license")), member):
                return family.name, str(ancestor["id"])
    return OTHER, str(ancestors[0]["id"])


def declared_tag(report: dict[str, Any]) -> tuple[str, str | None]:
    """The card's `license:` tag as written (lower-cased), and the license it was identified as."""
    for entry in report.get("licenses") or []:
        declared = entry.get("declared") if isinstance(entry, dict) else None
        if isinstance(declared, dict) and declared.get("kind") == "tag" and declared.get("value"):
            return str(declared["value"]).strip().lower(), entry.get("id")
    return NO_TAG, None


def _open(license_id: str | None) -> bool:
    found = knowledge_base().get(license_id) if license_id else None
    return bool(found is not None and (found.osi_approved or found.grants_four_freedoms))


def record(ident: str, report: dict[str, Any], release_date: dt.date | None, openness: str) -> tuple[Any, ...]:
    family, base = family_of(report)
    tag, tag_license = declared_tag(report)
    conflicts = [c for c in report.get("conflicts") or [] if isinstance(c, dict)]
    binding = report.get("license", {}).get("binding") if isinstance(report.get("license"), dict) else None
    binding_id = _license_id(binding) or (str(conflicts[0].get("binding")) if conflicts else None)
    open_tag = _open(tag_license)
    # called open by its tag, but restricted in fact: the verdict says so, or a license that is not open binds it
    washed = open_tag and (openness == "restricted-weights" or (binding_id is not None and not _open(binding_id)))
    downloads = (report.get("release", {}).get("facts", {}).get("downloads") or {}).get("value")
    month = release_date.strftime("%Y-%m") if release_date else None
    return (ident, family, base, tag, binding_id, bool(conflicts), open_tag, washed, openness, month,
            int(downloads) if isinstance(downloads, int | float) else None)


def write(cursor: Any, rows: Iterable[Any]) -> None:
    """The census rows of models just stored (`Row`s), in the caller's transaction."""
    records = [r.census or record(r.id, json.loads(r.report), r.release_date, r.openness) for r in rows]
    if not records:
        return
    cursor.execute("DELETE FROM census WHERE lower(id) IN (SELECT unnest(?))", [[r[0].lower() for r in records]])
    cursor.executemany(f"INSERT INTO census ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})",
                       [list(r) for r in records])


def backfill(connection: Any, chunk: int = 2000) -> int:
    """Census rows for models stored before the census existed (an older index); returns how many."""
    done = 0
    while True:
        rows = connection.execute(
            "SELECT m.id, m.report, m.release_date, m.openness FROM models m ANTI JOIN census c ON c.id = m.id "
            "LIMIT ?", [chunk]).fetchall()
        if not rows:
            return done
        records = [record(i, json.loads(rep), date, str(openness)) for i, rep, date, openness in rows]
        connection.executemany(f"INSERT OR REPLACE INTO census ({', '.join(COLUMNS)}) VALUES "
                               f"({', '.join('?' for _ in COLUMNS)})", [list(r) for r in records])
        done += len(records)


# -- the figures ------------------------------------------------------------------------------------------------

def _fetch(store: Any, sql: str, args: list[Any] | None = None) -> list[dict[str, Any]]:
    return store.fetch(sql, args or [])


def has_census(store: Any) -> bool:
    return bool(_fetch(store, "SELECT 1 AS x FROM information_schema.tables WHERE table_name = 'census'"))


def compute(store: Any, *, top_tags: int = 8, offenders: int = OFFENDERS) -> dict[str, Any]:
    """Every figure of the census as plain data (the JSON of `/api/census` and `howopen census --format json`)."""
    if not has_census(store):
        return {"schema": "howopen.census/1", "indexed": 0, "derivatives": 0, "families": [], "months": [],
                "offenders": [], "missing": True}
    head = _fetch(store, "SELECT count(*) AS indexed, count(family) AS derivatives, "
                         "count(*) FILTER (WHERE family IS NOT NULL AND conflict) AS conflicts, "
                         "count(*) FILTER (WHERE family IS NOT NULL AND washed) AS washed, "
                         "count(*) FILTER (WHERE conflict) AS conflicts_all, "
                         "count(*) FILTER (WHERE washed) AS washed_all FROM census")[0]
    fams = _fetch(store, "SELECT family, count(*) AS derivatives, count(*) FILTER (WHERE conflict) AS conflicts, "
                         "count(*) FILTER (WHERE washed) AS washed, count(*) FILTER (WHERE open_tag) AS open_tag, "
                         "count(*) FILTER (WHERE declared = ?) AS untagged, "
                         "coalesce(sum(downloads), 0) AS downloads FROM census WHERE family IS NOT NULL "
                         "GROUP BY family ORDER BY derivatives DESC, family", [NO_TAG])
    tags = _fetch(store, "SELECT family, declared, count(*) AS n, count(*) FILTER (WHERE conflict) AS conflicts, "
                         "count(*) FILTER (WHERE washed) AS washed FROM census WHERE family IS NOT NULL "
                         "GROUP BY family, declared ORDER BY family, n DESC, declared")
    by_family: dict[str, list[dict[str, Any]]] = {}
    for row in tags:
        by_family.setdefault(row["family"], []).append(
            {"tag": row["declared"], "models": int(row["n"]), "conflicts": int(row["conflicts"]),
             "washed": int(row["washed"])})
    months = _fetch(store, "SELECT month, count(*) AS derivatives, count(*) FILTER (WHERE conflict) AS conflicts, "
                           "count(*) FILTER (WHERE washed) AS washed FROM census "
                           "WHERE family IS NOT NULL AND month IS NOT NULL GROUP BY month ORDER BY month")
    family_months = _fetch(store, "SELECT family, month, count(*) AS n, count(*) FILTER (WHERE conflict) AS "
                                  "conflicts FROM census WHERE family IS NOT NULL AND month IS NOT NULL "
                                  "GROUP BY family, month ORDER BY family, month")
    per_family_months: dict[str, list[dict[str, Any]]] = {}
    for row in family_months:
        per_family_months.setdefault(row["family"], []).append(
            {"month": row["month"], "derivatives": int(row["n"]), "conflicts": int(row["conflicts"])})
    worst = _fetch(store, "SELECT c.id, c.family, c.base, c.declared, c.binding, c.conflict, c.washed, "
                          "c.downloads, m.openness, m.summary FROM census c JOIN models m ON m.id = c.id "
                          "WHERE c.conflict OR c.washed ORDER BY c.downloads DESC NULLS LAST, "
                          "c.washed DESC, lower(c.id) LIMIT ?", [offenders])
    family_rows = []
    for row in fams:
        name = row["family"]
        declared = by_family.get(name, [])
        family_rows.append({
            "family": name, "derivatives": int(row["derivatives"]), "conflicts": int(row["conflicts"]),
            "washed": int(row["washed"]), "open_tag": int(row["open_tag"]), "untagged": int(row["untagged"]),
            "downloads": int(row["downloads"]), "tags": declared[:top_tags],
            "other_tags": sum(t["models"] for t in declared[top_tags:]),
            "months": per_family_months.get(name, []),
        })
    return {
        "schema": "howopen.census/1",
        "indexed": int(head["indexed"]), "derivatives": int(head["derivatives"]),
        "conflicts": int(head["conflicts"]), "washed": int(head["washed"]),
        "conflicts_all": int(head["conflicts_all"]), "washed_all": int(head["washed_all"]),
        "families": family_rows,
        "months": [{"month": r["month"], "derivatives": int(r["derivatives"]), "conflicts": int(r["conflicts"]),
                    "washed": int(r["washed"])} for r in months],
        "offenders": [{"id": r["id"], "family": r["family"], "base": r["base"], "declared": r["declared"],
                       "binding": r["binding"], "conflict": bool(r["conflict"]), "washed": bool(r["washed"]),
                       "downloads": r["downloads"], "openness": r["openness"], "summary": r["summary"]}
                      for r in worst],
        "missing": False,
    }


def where(filters: dict[str, str]) -> tuple[list[str], list[Any]]:
    """Leaderboard clauses for the census filters in a URL (`family=Llama 3&conflict=yes`)."""
    clauses: list[str] = []
    args: list[Any] = []
    for key, value in sorted(filters.items()):
        column = FILTERS[key]
        if column in ("conflict", "washed"):
            clauses.append(f"id IN (SELECT id FROM census WHERE {column} = ?)")
            args.append(value.lower() in ("yes", "true", "1"))
        elif value == "(any)" and column == "family":
            clauses.append("id IN (SELECT id FROM census WHERE family IS NOT NULL)")
        else:
            clauses.append(f"id IN (SELECT id FROM census WHERE lower({column}) = lower(?))")
            args.append(value)
    return clauses, args
