"""The web app through its HTTP interface: pages, API, badges, errors, and escaping of everything from cards."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from howopen.index.store import Store
from howopen.web.app import create_app

from .conftest import HOSTILE

OWN_SCRIPT = re.compile(r'<script src="/static/[a-z]+\.js"(?: [a-z-]+(?:="[^"<>]*")?)*></script>')


def own_scripts(html: str) -> str:
    """The page without howopen's own scripts (files under /static/, no inline code): what is left came from
    somewhere else."""
    return OWN_SCRIPT.sub("", html)


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store)) as opened:
        yield opened


class Tags(HTMLParser):
    """Every start tag with its attributes, to check what a browser would build."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def test_leaderboard_lists_every_model_most_open_first(client: TestClient, store: Store) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    links = re.findall(r'<th scope="row"><a href="/models/([^"]+)"', page.text)
    assert len(links) == store.count()
    assert links.index("meta-llama/Llama-3.1-8B-Instruct") < links.index("Pclanglais/Mickey-1928")
    assert 'aria-sort="descending"' in page.text


def test_leaderboard_search_and_filter(client: TestClient) -> None:
    page = client.get("/", params={"q": "qwen"})
    assert set(re.findall(r'<th scope="row"><a href="/models/([^"]+)"', page.text)) == {
        "Qwen/Qwen2.5-3B", "Qwen/Qwen2.5-3B-Instruct-GGUF"}
    page = client.get("/", params={"modality": "image"})
    found = set(re.findall(r'<th scope="row"><a href="/models/([^"]+)"', page.text))
    assert "Pclanglais/Mickey-1928" in found and "Qwen/Qwen2.5-3B" not in found
    assert '<option value="image" selected>' in page.text


def test_model_page_shows_frameworks_license_clauses_artifacts_lineage_badge(client: TestClient) -> None:
    page = client.get("/models/Pclanglais/Mickey-1928")
    assert page.status_code == 200
    text = page.text
    for heading in ("Plain verdict", "Model Openness Framework", "Open Source AI Definition",
                    "European Open Source AI Index", "EU AI Act"):
        assert heading in text
    assert "Weights (final)" in text  # artifacts table
    assert 'href="/models/stabilityai/stable-diffusion-xl-base-1.0"' in text  # lineage links to the indexed base
    assert "openrail++" in text
    assert 'href="/models/Pclanglais/Mickey-1928/card#L' in text  # evidence into the stored card
    assert "/badge/Pclanglais/Mickey-1928.svg" in text
    llama = client.get("/models/meta-llama/Llama-3.1-8B-Instruct").text
    assert "<blockquote>" in llama and "llama3.1" in llama  # quoted clauses of the license terms


def test_card_page_numbers_lines(client: TestClient) -> None:
    page = client.get("/models/Pclanglais/Mickey-1928/card")
    assert page.status_code == 200
    assert 'id=L8>' in page.text and "base_model: stabilityai/stable-diffusion-xl-base-1.0" in page.text
    assert client.get("/models/meta-llama/Llama-3.1-8B-Instruct/card").status_code == 404


def test_compare(client: TestClient) -> None:
    page = client.get("/compare", params={"ids": "Pclanglais/Mickey-1928,meta-llama/Llama-3.1-8B-Instruct"})
    assert page.status_code == 200
    assert "2 models side by side" in page.text
    both = client.get("/compare?ids=Pclanglais/Mickey-1928&ids=EleutherAI/pythia-1b")
    assert both.status_code == 200
    # fewer than two, or more than four: the picker, with what was chosen ticked and a word on the count
    one = client.get("/compare", params={"ids": "Pclanglais/Mickey-1928"})
    assert one.status_code == 200 and "Compare models" in one.text
    assert 'value="Pclanglais/Mickey-1928" checked' in one.text
    five = client.get("/compare", params={"ids": "a/b,c/d,e/f,g/h,i/j"})
    assert five.status_code == 200 and "Compare takes 2 to 4 models; 5 were chosen." in five.text
    assert client.get("/api/compare", params={"ids": "a/b"}).status_code == 400


def test_compare_without_models_is_a_picker(client: TestClient) -> None:
    page = client.get("/compare")
    assert page.status_code == 200
    assert 'id="picker-list"' in page.text and 'name="ids" value="Pclanglais/Mickey-1928"' in page.text
    assert 'class="compare-bar"' in page.text
    found = client.get("/compare", params={"q": "pythia"})
    assert "EleutherAI/pythia-1b" in found.text and "Pclanglais/Mickey-1928" not in found.text


def test_compare_speaks_in_words(client: TestClient) -> None:
    page = client.get("/compare", params={"ids": "Pclanglais/Mickey-1928,meta-llama/Llama-3.1-8B-Instruct"})
    assert "commercial_use" not in page.text and "user_cap" not in page.text
    missing = client.get("/compare", params={"ids": "Pclanglais/Mickey-1928,no/such"})
    assert missing.status_code == 404 and "no model no/such" in missing.text


def test_landscape_has_three_svg_charts(client: TestClient) -> None:
    page = client.get("/landscape")
    assert page.status_code == 200
    assert page.text.count("<svg") == 3
    assert "stabilityai/stable-diffusion-xl-base-1.0" in page.text
    assert "<script" not in own_scripts(page.text)


def test_badge_is_svg_naming_the_verdict(client: TestClient) -> None:
    badge = client.get("/badge/meta-llama/Llama-3.1-8B-Instruct.svg")
    assert badge.status_code == 200 and badge.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(badge.text)
    assert root.tag.endswith("svg")
    assert "restricted-weights" in "".join(root.itertext())
    card_only = ET.fromstring(client.get("/badge/Pclanglais/Mickey-1928.svg").text)
    assert "card only" in "".join(card_only.itertext())
    assert client.get("/badge/no/such.svg").status_code == 404
    assert client.get("/badge/Pclanglais/Mickey-1928.png").status_code == 404


def test_unknown_model_is_a_404_page(client: TestClient) -> None:
    page = client.get("/models/no/such-model")
    assert page.status_code == 404 and "<h1>404" in page.text and "no model no/such-model" in page.text
    assert client.get("/nowhere").status_code == 404
    api = client.get("/api/models/no/such-model")
    assert api.status_code == 404 and api.json() == {"detail": "no model no/such-model in the index"}


def test_api_mirrors_the_pages(client: TestClient, store: Store) -> None:
    listed = client.get("/api/models", params={"verdict": "restricted-weights", "origin": "catalog"}).json()
    assert listed["total"] == 1 and listed["models"][0]["id"] == "meta-llama/Llama-3.1-8B-Instruct"
    assert listed["models"][0]["release_date"] == "2024-07-23"
    detail = client.get("/api/models/Pclanglais/Mickey-1928").json()
    assert detail["report"]["schema"] == "howopen.report/1" and detail["card_url"].endswith("/card")
    compared = client.get("/api/compare", params={"ids": "Pclanglais/Mickey-1928,EleutherAI/pythia-1b"}).json()
    assert [m["id"] for m in compared["models"]] == ["Pclanglais/Mickey-1928", "EleutherAI/pythia-1b"]
    landscape = client.get("/api/landscape").json()
    assert landscape["top_bases"][0]["base_id"] == "stabilityai/stable-diffusion-xl-base-1.0"
    assert sum(t["n"] for t in landscape["totals"]) == store.count()
    facets = client.get("/api/facets").json()
    assert ["catalog", 3] in facets["origin"]


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/models", "/api/models/{org}/{name}", "/api/compare", "/api/landscape", "/api/facets"} <= set(
        spec["paths"])
    assert "ModelSummary" in spec["components"]["schemas"]


def test_hostile_card_is_shown_as_text(client: TestClient) -> None:
    for url in (f"/models/{HOSTILE}", f"/models/{HOSTILE}/card", "/", "/?q=xss", f"/api/models/{HOSTILE}",
                "/landscape", f"/compare?ids={HOSTILE},Pclanglais/Mickey-1928"):
        page = client.get(url)
        assert page.status_code == 200, url
        if "json" in page.headers["content-type"]:
            continue
        text = own_scripts(page.text)
        assert "<script" not in text, url
        for tag, attrs in tags(text):
            assert tag not in ("script", "iframe"), url
            assert not any(name.startswith("on") for name in attrs), (url, tag, attrs)
            for name in ("href", "src"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:")), (url, tag, attrs)
    card = client.get(f"/models/{HOSTILE}/card").text
    assert "&lt;script&gt;window.__pwned" in card and 'onerror="window.__pwned' in card
    badge = client.get(f"/badge/{HOSTILE}.svg")
    ET.fromstring(badge.text)  # well-formed: nothing from the card broke out of the markup


def test_bases_not_indexed_are_told_apart_by_license() -> None:
    from howopen.web.charts import top_bases

    chart = top_bases([
        {"base_id": "a/open", "n": 3, "base_license": "Apache-2.0", "indexed_id": None},
        {"base_id": "b/llama", "n": 2, "base_license": "llama3.1", "indexed_id": None},
        {"base_id": "c/unknown", "n": 1, "base_license": None, "indexed_id": None},
        {"base_id": "d/indexed", "n": 1, "base_license": "mit", "indexed_id": "d/indexed",
         "openness": "open-weights", "license_id": "MIT", "metadata_only": False},
    ], lambda ident: f"/models/{ident}")
    labels = [bar.segments[0].label for bar in chart.bars]
    assert labels == ["not indexed, open license", "not indexed, restrictive license", "not indexed",
                      "open-weights"]
    assert chart.bars[3].href == "/models/d/indexed" and chart.bars[0].href is None


def test_lineage_tree_nests_ancestors_under_their_parent() -> None:
    from howopen.web.urls import Urls
    from howopen.web.views import lineage_tree

    report = {"lineage": [
        {"id": "org/instruct", "depth": 1, "relation": "finetune", "parent": None,
         "license": {"id": "llama3.1"}, "binds": "b1"},
        {"id": "org/other", "depth": 1, "relation": "merge", "parent": None, "license": None, "binds": "b2",
         "found": False},
        {"id": "org/base", "depth": 2, "relation": "finetune", "parent": "org/instruct",
         "license": {"declared": "custom"}, "binds": "b3"},
    ]}
    roots = lineage_tree(report, {"org/base"}, Urls())
    assert [r.id for r in roots] == ["org/instruct", "org/other"]
    assert [c.id for c in roots[0].children] == ["org/base"]
    assert roots[0].children[0].href == "/models/org/base" and roots[0].href is None
    assert roots[0].children[0].license == "custom" and not roots[1].found
