"""A leaderboard query: filters, search, sort and page, as given in a URL, turned into SQL over the index."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from .census import FILTERS as CENSUS_FILTERS
from .census import where as census_where

# The filters a leaderboard accepts: URL parameter -> column.
FILTERS = {
    "verdict": "verdict",
    "openness": "openness",
    "mof": "mof",
    "osaid": "osaid",
    "eu_ai_act": "eu_ai_act",
    "license": "license_id",
    "commercial": "commercial_use",
    "org": "org",
    "modality": "modality",
    "origin": "origin",
}
# The columns a leaderboard sorts by: URL value -> SQL expression (ties broken by id).
SORTS = {
    "name": "lower(id)",
    "verdict": "verdict_rank",
    "mof": "mof",
    "osaid": "osaid",
    "eosai": "eosai",
    "eu_ai_act": "eu_ai_act",
    "license": "license_id",
    "commercial": "commercial_use",
    "org": "lower(org)",
    "modality": "modality",
    "date": "release_date",
}
LIST_COLUMNS = ("id", "org", "name", "origin", "source", "metadata_only", "verdict", "verdict_if_published",
                "openness", "summary", "mof", "osaid", "eosai", "eu_ai_act", "license_id", "license_name",
                "commercial_use", "modality", "release_date")
PAGE_SIZE = 100
MAX_PAGE_SIZE = 5000


@dataclass(frozen=True)
class Query:
    q: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    eosai_min: float | None = None
    sort: str = "verdict"
    order: str = "desc"
    page: int = 1
    per_page: int = PAGE_SIZE

    @classmethod
    def from_params(cls, params: dict[str, str]) -> Query:
        """From URL parameters; unknown values fall back to the defaults rather than failing."""
        filters = {k: v for k, v in params.items() if (k in FILTERS or k in CENSUS_FILTERS) and v}
        sort = params.get("sort", "verdict")
        order = params.get("order", "")
        return cls(
            q=params.get("q", "").strip()[:200],
            filters=filters,
            date_from=_date(params.get("from")),
            date_to=_date(params.get("to"), end=True),
            eosai_min=_float(params.get("eosai_min")),
            sort=sort if sort in SORTS else "verdict",
            order=order if order in ("asc", "desc") else ("asc" if sort in ("name", "org") else "desc"),
            page=max(1, _int(params.get("page"), 1)),
            per_page=min(MAX_PAGE_SIZE, max(1, _int(params.get("per_page"), PAGE_SIZE))),
        )

    def params(self, **changes: Any) -> dict[str, str]:
        """The URL parameters of this query (with changes), leaving out defaults."""
        query = replace(self, **changes) if changes else self
        out: dict[str, str] = {}
        if query.q:
            out["q"] = query.q
        out.update(query.filters)
        if query.date_from:
            out["from"] = query.date_from.isoformat()
        if query.date_to:
            out["to"] = query.date_to.isoformat()
        if query.eosai_min is not None:
            out["eosai_min"] = f"{query.eosai_min:g}"
        if query.sort != "verdict":
            out["sort"] = query.sort
        if query.order != "desc" or query.sort in ("name", "org"):
            out["order"] = query.order
        if query.page != 1:
            out["page"] = str(query.page)
        if query.per_page != PAGE_SIZE:
            out["per_page"] = str(query.per_page)
        return out

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        args: list[Any] = []
        if self.q:
            clauses.append("(id ILIKE ? ESCAPE '\\' OR coalesce(license_name, '') ILIKE ? ESCAPE '\\')")
            like = "%" + self.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            args += [like, like]
        census_clauses, census_args = census_where({k: v for k, v in self.filters.items() if k in CENSUS_FILTERS})
        clauses += census_clauses
        args += census_args
        for key, value in sorted(self.filters.items()):
            if key not in FILTERS:
                continue
            column = FILTERS[key]
            if value == "(none)":
                clauses.append(f"{column} IS NULL")
            else:
                clauses.append(f"lower({column}) = lower(?)")
                args.append(value)
        if self.date_from:
            clauses.append("release_date >= ?")
            args.append(self.date_from)
        if self.date_to:
            clauses.append("release_date <= ?")
            args.append(self.date_to)
        if self.eosai_min is not None:
            clauses.append("eosai >= ?")
            args.append(self.eosai_min)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args

    def sql(self) -> tuple[str, list[Any]]:
        """The page's rows: the SQL the leaderboard runs (the benchmark runs it directly to compare)."""
        where, args = self.where()
        direction = "ASC" if self.order == "asc" else "DESC"
        order = f"{SORTS[self.sort]} {direction} NULLS LAST, lower(id) ASC"
        sql = (f"SELECT {', '.join(LIST_COLUMNS)} FROM models{where} ORDER BY {order} "
               f"LIMIT {int(self.per_page)} OFFSET {int((self.page - 1) * self.per_page)}")
        return sql, args


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _float(value: str | None) -> float | None:
    try:
        number = float(value) if value else None
    except ValueError:
        return None
    return number if number is not None and 0.0 <= number <= 1.0 else None


def _date(value: str | None, *, end: bool = False) -> dt.date | None:
    """`2024` or `2024-05-01`; a bare year ending a range means its last day."""
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) == 4:
            return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
