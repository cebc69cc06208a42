"""`howopen serve`: the FastAPI app. Pages are server-rendered (Jinja2, autoescaped); the JSON API mirrors them."""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..index.query import Query as BoardQuery
from ..index.store import Store
from . import census as census_pages
from . import render
from .badge import model_badge
from .public import public_row
from .urls import Urls

MAX_COMPARE = 4


class ModelSummary(BaseModel):
    """A leaderboard row: the flattened columns of one indexed model."""

    id: str
    org: str
    name: str
    origin: str
    source: str | None
    metadata_only: bool | None
    verdict: str | None
    verdict_if_published: str | None
    openness: str | None
    summary: str | None
    mof: str | None
    osaid: str | None
    eosai: float | None
    eu_ai_act: str | None
    license_id: str | None
    license_name: str | None
    commercial_use: str | None
    modality: str | None
    release_date: str | None


class ModelList(BaseModel):
    total: int
    page: int
    per_page: int
    models: list[ModelSummary]


class ModelDetail(ModelSummary):
    """A model's columns plus its full report (`howopen.report/1`) and the derivatives indexed."""

    report: dict[str, Any]
    derivatives: list[dict[str, Any]]
    card_url: str | None


class Landscape(BaseModel):
    by_org: list[dict[str, Any]]
    by_year: list[dict[str, Any]]
    undated: int
    top_bases: list[dict[str, Any]]
    totals: list[dict[str, Any]]


def _summary(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: row.get(k) for k in ModelSummary.model_fields}
    date = row.get("release_date")
    out["release_date"] = date.isoformat() if date is not None else None
    return out


def create_app(store: Store, *, base: str = "", show_local_paths: bool = False) -> FastAPI:
    urls = Urls(base=base)
    app = FastAPI(title="howopen", version=__version__,
                  description="The openness index: every model's verdict, each framework's result, license "
                              "terms and evidence. Pages at /, /models/<org>/<name>, /compare, /landscape; "
                              "JSON under /api.")
    static_dir = resources.files("howopen.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")

    def model_or_404(org: str, name: str) -> dict[str, Any]:
        row = store.get(f"{org}/{name}")
        if row is None:
            raise HTTPException(404, f"no model {org}/{name} in the index")
        return public_row(row, show_local_paths)

    @app.exception_handler(StarletteHTTPException)
    async def _errors(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        message = str(exc.detail) if exc.status_code != 404 or exc.detail != "Not Found" else \
            f"there is no page at {request.url.path}"
        return HTMLResponse(render.error(exc.status_code, message, urls), status_code=exc.status_code)

    # -- pages ------------------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def leaderboard(request: Request) -> str:
        return render.leaderboard(store, BoardQuery.from_params(dict(request.query_params)), urls)

    @app.get("/models/{org}/{name}", response_class=HTMLResponse, include_in_schema=False)
    def model_page(org: str, name: str, request: Request) -> str:
        return render.model(store, model_or_404(org, name), urls, page_url=str(request.base_url))

    @app.get("/models/{org}/{name}/card", response_class=HTMLResponse, include_in_schema=False)
    def card_page(org: str, name: str) -> str:
        row = model_or_404(org, name)
        if not row.get("card"):
            raise HTTPException(404, f"no model card was stored for {org}/{name}")
        return render.card(row, urls)

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    def compare_page(request: Request) -> str:
        params = request.query_params
        ids = _ids(params.getlist("ids"))
        if 2 <= len(ids) <= MAX_COMPARE and not params.get("pick"):
            return render.compare(compared(ids), urls)
        message = "" if len(ids) <= 1 or params.get("pick") else \
            f"Compare takes 2 to {MAX_COMPARE} models; {len(ids)} were chosen."
        return render.compare_picker(store, ids, params.get("q", "").strip()[:200], message, urls)

    @app.get("/landscape", response_class=HTMLResponse, include_in_schema=False)
    def landscape_page() -> str:
        return render.landscape(store, urls)

    @app.get("/badge/{org}/{file}", include_in_schema=False)
    def badge(org: str, file: str) -> Response:
        if not file.endswith(".svg"):
            raise HTTPException(404, "badges are at /badge/<org>/<name>.svg")
        row = model_or_404(org, file.removesuffix(".svg"))
        return Response(model_badge(row), media_type="image/svg+xml",
                        headers={"Cache-Control": "max-age=300"})

    def compared(values: list[str]) -> list[dict[str, Any]]:
        ids = _ids(values)
        if not 2 <= len(ids) <= MAX_COMPARE:
            raise HTTPException(400, f"compare takes 2 to {MAX_COMPARE} models (ids=org/a,org/b); got {len(ids)}")
        rows = []
        for ident in ids:
            row = store.get(ident)
            if row is None:
                raise HTTPException(404, f"no model {ident} in the index")
            rows.append(public_row(row, show_local_paths))
        return rows

    # -- API --------------------------------------------------------------------------------------------------

    @app.get("/api/models", response_model=ModelList, summary="The leaderboard: filter, search, sort, page")
    def api_models(
        request: Request,
        q: str = Query("", description="Search in model ids and license names"),
        verdict: str = Query("", description="Plain verdict label"),
        sort: str = Query("verdict", description="name, verdict, mof, osaid, eosai, eu_ai_act, license, "
                                                 "commercial, org, modality or date"),
        order: str = Query("desc", description="asc or desc"),
        page: int = Query(1, ge=1),
        per_page: int = Query(100, ge=1, le=5000),
    ) -> dict[str, Any]:
        """Same parameters as the leaderboard page (also `openness`, `mof`, `osaid`, `eu_ai_act`, `license`,
        `commercial`, `org`, `modality`, `origin`, `from`, `to`, `eosai_min`)."""
        query = BoardQuery.from_params(dict(request.query_params))
        rows, total = store.leaderboard(query)
        return {"total": total, "page": query.page, "per_page": query.per_page,
                "models": [_summary(r) for r in rows]}

    @app.get("/api/models/{org}/{name}", response_model=ModelDetail, summary="One model with its full report")
    def api_model(org: str, name: str) -> dict[str, Any]:
        return _detail(model_or_404(org, name), urls)

    @app.get("/api/compare", summary="Two to four models with their reports")
    def api_compare(ids: str = Query(..., description="Comma-separated model ids, 2 to 4")) -> dict[str, Any]:
        return {"models": [_detail(r, urls) for r in compared([ids])]}

    @app.get("/api/landscape", response_model=Landscape, summary="The data behind the landscape charts")
    def api_landscape() -> dict[str, Any]:
        return landscape_data(store)

    @app.get("/api/facets", summary="Each filter's values and counts")
    def api_facets() -> dict[str, list[tuple[str, int]]]:
        return store.facets()

    census_pages.register(app, store, urls)  # /census and /api/census (web/census.py)
    return app


def _ids(values: list[str]) -> list[str]:
    """The model ids of `ids=` parameters, given repeated or comma-separated, without duplicates."""
    return list(dict.fromkeys(i.strip() for v in values for i in v.split(",") if i.strip()))


def _detail(row: dict[str, Any], urls: Urls) -> dict[str, Any]:
    return {**_summary(row), "report": row["report"], "derivatives": row.get("derivatives", []),
            "card_url": urls.card(row["id"]) if row.get("card") else None}


def landscape_data(store: Store) -> dict[str, Any]:
    return {"by_org": store.by_org(), "by_year": store.by_period(), "undated": store.undated(),
            "top_bases": store.top_bases(), "totals": store.by_verdict()}
