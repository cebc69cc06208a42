"""The index store: one DuckDB file holding every graded release (its report JSON and flattened columns).

Writers (`index build`, `index add`) open it read-write; the web app opens it read-only. An entry is replaced
only by one from an origin of the same or a higher rank (a checked model over a catalog record over a card).
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb

from ..errors import UsageError
from . import census
from .query import LIST_COLUMNS, Query
from .rows import COLUMNS, ORIGIN_RANK, Row

SCHEMA_VERSION = "1"
_DDL = """
CREATE TABLE IF NOT EXISTS models (
    id VARCHAR PRIMARY KEY,
    org VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,
    origin_ref VARCHAR NOT NULL,
    source VARCHAR,
    metadata_only BOOLEAN,
    verdict VARCHAR,
    verdict_rank INTEGER,
    verdict_if_published VARCHAR,
    openness VARCHAR,
    summary VARCHAR,
    mof VARCHAR,
    osaid VARCHAR,
    eosai DOUBLE,
    eu_ai_act VARCHAR,
    license_id VARCHAR,
    license_name VARCHAR,
    commercial_use VARCHAR,
    modality VARCHAR,
    release_date DATE,
    digest VARCHAR,
    report VARCHAR NOT NULL,
    card VARCHAR,
    indexed_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS bases (
    id VARCHAR NOT NULL,
    base_id VARCHAR NOT NULL,
    relation VARCHAR,
    base_license VARCHAR
);
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS cards_seen (origin_ref VARCHAR PRIMARY KEY, digest VARCHAR NOT NULL);
"""


class Store:
    """A connection to one index file. Thread-safe: each call runs on its own cursor."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> None:
        self._connection = connection
        self._lock = threading.Lock()
        self.path = path
        self.read_only = read_only
        self._facets: dict[str, list[tuple[str, int]]] | None = None  # memo: a read-only index does not change

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            return self._connection.cursor()

    def fetch(self, sql: str, args: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cursor = self._cursor()
        try:
            result = cursor.execute(sql, list(args))
            names = [d[0] for d in result.description or ()]
            return [dict(zip(names, row, strict=True)) for row in result.fetchall()]
        finally:
            cursor.close()

    # -- writing ----------------------------------------------------------------------------------------------

    def put(self, rows: Iterable[Row]) -> int:
        """Store rows (one transaction); returns how many were written (the rest kept a higher-ranked entry)."""
        rows = list(rows)
        if not rows:
            return 0
        cursor = self._cursor()
        try:
            keys = [r.id.lower() for r in rows]
            existing = {k: o for k, o in cursor.execute(
                "SELECT lower(id), origin FROM models WHERE lower(id) IN (SELECT unnest(?))", [keys]).fetchall()}
            chosen: dict[str, Row] = {}
            for row in rows:
                held = existing.get(row.id.lower())
                if held is not None and ORIGIN_RANK.get(held, 0) > ORIGIN_RANK.get(row.origin, 0):
                    continue
                chosen[row.id.lower()] = row
            seen = [[r.origin_ref, r.digest] for r in rows if r.origin == "card" and r.digest]
            if seen:  # graded cards, stored or not (a catalog entry may hold the id): a rebuild skips them
                cursor.executemany("INSERT OR REPLACE INTO cards_seen VALUES (?, ?)", seen)
            if not chosen:
                return 0
            cursor.execute("BEGIN TRANSACTION")
            ids = list(chosen)
            cursor.execute("DELETE FROM models WHERE lower(id) IN (SELECT unnest(?))", [ids])
            cursor.execute("DELETE FROM bases WHERE lower(id) IN (SELECT unnest(?))", [ids])
            marks = ", ".join("?" for _ in COLUMNS)
            cursor.executemany(f"INSERT INTO models ({', '.join(COLUMNS)}) VALUES ({marks})",
                               [list(r.columns()) for r in chosen.values()])
            base_rows = [[r.id, *base] for r in chosen.values() for base in r.bases]
            if base_rows:
                cursor.executemany("INSERT INTO bases VALUES (?, ?, ?, ?)", base_rows)
            census.write(cursor, chosen.values())
            cursor.execute("COMMIT")
            return len(chosen)
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                cursor.execute("ROLLBACK")
            raise
        finally:
            cursor.close()

    def card_digests(self) -> dict[str, str]:
        """Card file -> digest of the card already indexed (to resume a build)."""
        rows = self.fetch("SELECT origin_ref, digest FROM cards_seen UNION ALL "
                          "SELECT origin_ref, digest FROM models WHERE origin = 'card'")
        return {r["origin_ref"]: r["digest"] for r in rows}

    def execute(self, sql: str, args: Iterable[Any] = ()) -> None:
        """A statement that returns nothing (DDL, a write), on its own cursor."""
        cursor = self._cursor()
        try:
            cursor.execute(sql, list(args))
        finally:
            cursor.close()

    def execute_many(self, sql: str, rows: Iterable[Iterable[Any]]) -> None:
        cursor = self._cursor()
        try:
            cursor.executemany(sql, [list(r) for r in rows])
        finally:
            cursor.close()

    def set_meta(self, key: str, value: str) -> None:
        cursor = self._cursor()
        try:
            cursor.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])
        finally:
            cursor.close()

    # -- reading ----------------------------------------------------------------------------------------------

    def count(self) -> int:
        return int(self.fetch("SELECT count(*) AS n FROM models")[0]["n"])

    def leaderboard(self, query: Query) -> tuple[list[dict[str, Any]], int]:
        """One page of rows and the number of rows matching the filters."""
        sql, args = query.sql()
        rows = self.fetch(sql, args)
        where, where_args = query.where()
        total = int(self.fetch(f"SELECT count(*) AS n FROM models{where}", where_args)[0]["n"])
        return rows, total

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        """For each filter, its values in the index with their counts (most frequent first)."""
        from .query import FILTERS

        if self._facets is not None:
            return self._facets
        out: dict[str, list[tuple[str, int]]] = {}
        for key, column in FILTERS.items():
            rows = self.fetch(f"SELECT {column} AS v, count(*) AS n FROM models WHERE {column} IS NOT NULL "
                              f"GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 300")
            out[key] = [(str(r["v"]), int(r["n"])) for r in rows]
        if self.read_only:
            self._facets = out
        return out

    def get(self, ident: str) -> dict[str, Any] | None:
        """A model's columns, its parsed report, its card text (card-only entries) and its derivatives."""
        found = self.fetch("SELECT id FROM models WHERE lower(id) = lower(?)", [ident])
        if not found:
            return None
        # then by the primary key: a point lookup, where a scan would decompress every report
        rows = self.fetch(f"SELECT {', '.join(LIST_COLUMNS)}, origin_ref, report, card, indexed_at FROM models "
                          "WHERE id = ?", [found[0]["id"]])
        if not rows:
            return None
        row = rows[0]
        row["report"] = json.loads(row["report"])
        row["derivatives"] = self.fetch(
            "SELECT b.id, b.relation, m.verdict FROM bases b LEFT JOIN models m ON lower(m.id) = lower(b.id) "
            "WHERE lower(b.base_id) = lower(?) ORDER BY lower(b.id) LIMIT 200", [ident])
        return row

    def by_org(self, limit: int = 20) -> list[dict[str, Any]]:
        """The organisations with the most models, with their count per verdict."""
        return self.fetch(
            "WITH top AS (SELECT org, count(*) AS n FROM models GROUP BY org ORDER BY n DESC, org LIMIT ?) "
            "SELECT m.org, t.n AS total, m.openness, count(*) AS n FROM models m JOIN top t ON m.org = t.org "
            "GROUP BY m.org, t.n, m.openness ORDER BY t.n DESC, m.org, m.openness", [limit])

    def by_period(self) -> list[dict[str, Any]]:
        """Models per release year and verdict (models without a date are left out)."""
        return self.fetch("SELECT year(release_date) AS period, openness, count(*) AS n FROM models "
                          "WHERE release_date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2")

    def undated(self) -> int:
        return int(self.fetch("SELECT count(*) AS n FROM models WHERE release_date IS NULL")[0]["n"])

    def top_bases(self, limit: int = 15) -> list[dict[str, Any]]:
        """The base models most derivatives in the index declare, and the base's own grade where indexed."""
        return self.fetch(
            "WITH d AS (SELECT lower(base_id) AS key, min(base_id) AS base_id, count(DISTINCT lower(id)) AS n, "
            "mode(base_license) AS base_license FROM bases GROUP BY 1 ORDER BY n DESC, key LIMIT ?) "
            "SELECT d.base_id, d.n, d.base_license, m.id AS indexed_id, m.verdict, m.openness, m.metadata_only, "
            "m.license_id FROM d LEFT JOIN models m ON lower(m.id) = d.key ORDER BY d.n DESC, d.key", [limit])

    def by_verdict(self) -> list[dict[str, Any]]:
        return self.fetch("SELECT openness, count(*) AS n FROM models GROUP BY 1 ORDER BY 2 DESC")


def open_store(path: str | Path, *, read_only: bool = False, create: bool = True) -> Store:
    """Open (and, writable, create) the index at `path`; a one-line `UsageError` when that cannot be done."""
    path = Path(path).expanduser()
    if not path.exists():
        if read_only or not create:
            raise UsageError(f"no index at {path}", hint=f"build one with: howopen index build --db {path}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"cannot create {path.parent}: {exc.strerror or exc}") from None
    if path.is_dir():
        raise UsageError(f"{path} is a folder, not an index file", hint="give the path of a .duckdb file")
    try:
        connection = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise UsageError(f"cannot open the index {path}: {first}",
                         hint="is another howopen process writing to it?") from None
    if not read_only:
        connection.execute(_DDL)
        connection.execute(census.DDL)
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", [SCHEMA_VERSION])
        census.backfill(connection)  # an index from before the census: its rows, once
    else:
        tables = {r[0] for r in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "models" not in tables:
            connection.close()
            raise UsageError(f"{path} is not a howopen index", hint=f"build one with: howopen index build --db {path}")
    return Store(connection, path, read_only)
