"""End to end in a real browser: Debian's Chromium driven by Playwright against the app served by uvicorn on
loopback. One server and one browser for the whole session.

Skipped when Chromium (or Playwright) is absent, unless HOWOPEN_REQUIRE_BROWSER=1 (as in CI), which makes that a
failure. Playwright's own browser downloads are never used: Chromium is launched from its Debian path.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from howopen.index.store import Store

from .conftest import HOSTILE

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("HOWOPEN_CHROMIUM", "/usr/bin/chromium")


def _unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not Path(CHROMIUM).exists():
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="session")
def server(store: Store) -> Iterator[str]:
    import uvicorn

    from howopen.web.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    reason = _unavailable()
    if reason:
        if os.environ.get("HOWOPEN_REQUIRE_BROWSER") == "1":
            pytest.fail(f"HOWOPEN_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=server)
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


def model_links(page: Any) -> list[str]:
    return page.locator("table.board tbody th a").all_inner_texts()


def test_leaderboard_filter_and_search(page: Any, store: Store) -> None:
    page.goto("/")
    assert page.title() == "Leaderboard · howopen"
    assert len(model_links(page)) == store.count()
    page.get_by_label("Modality").select_option("image")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/?*modality=image*")
    shown = model_links(page)
    assert "Pclanglais/Mickey-1928" in shown and "Qwen/Qwen2.5-3B" not in shown
    page.get_by_label("Search models").fill("qwen")
    page.get_by_label("Search models").press("Enter")
    page.wait_for_url("**/?q=qwen")
    assert set(model_links(page)) == {"Qwen/Qwen2.5-3B", "Qwen/Qwen2.5-3B-Instruct-GGUF"}


def test_model_page_and_an_evidence_link(page: Any) -> None:
    page.goto("/")
    page.get_by_role("link", name="Pclanglais/Mickey-1928", exact=True).click()
    page.wait_for_url("**/models/Pclanglais/Mickey-1928")
    assert page.get_by_role("heading", level=1).inner_text() == "Pclanglais/Mickey-1928"
    assert page.get_by_role("heading", name="Every framework, side by side").is_visible()
    evidence = page.locator(".evidence a[href*='/card#L']").first
    target = evidence.get_attribute("href")
    assert target is not None
    line = target.rsplit("#L", 1)[1]
    evidence.click()
    page.wait_for_url(f"**/models/Pclanglais/Mickey-1928/card#L{line}")
    assert page.locator(f"li#L{line}").count() == 1
    assert page.evaluate("location.hash") == f"#L{line}"


def test_compare_two_models(page: Any) -> None:
    page.goto("/?q=qwen")
    page.get_by_label("Compare Qwen/Qwen2.5-3B", exact=True).check()
    page.get_by_label("Compare Qwen/Qwen2.5-3B-Instruct-GGUF").check()
    page.get_by_role("button", name="Compare selected (2 to 4)").click()
    page.wait_for_url("**/compare?*")
    headers = page.locator("table.compare thead th").all_inner_texts()
    assert headers[1:] == ["Qwen/Qwen2.5-3B", "Qwen/Qwen2.5-3B-Instruct-GGUF"]


def test_badge_is_an_svg_image(page: Any, server: str) -> None:
    response = page.goto("/badge/meta-llama/Llama-3.1-8B-Instruct.svg")
    assert response.status == 200 and response.headers["content-type"].startswith("image/svg+xml")
    assert "restricted-weights" in page.evaluate("document.documentElement.textContent")
    page.goto("/models/meta-llama/Llama-3.1-8B-Instruct")
    image = page.get_by_role("img", name="howopen: restricted-weights")
    image.wait_for()
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", image.element_handle())
    markdown = page.get_by_label("Markdown for a README").input_value()
    assert f"({server}/badge/meta-llama/Llama-3.1-8B-Instruct.svg)" in markdown


def test_keyboard_reaches_the_skip_link_and_main(page: Any) -> None:
    page.goto("/landscape")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    assert page.locator("svg.chart").count() == 3


def test_hostile_card_runs_nothing(page: Any) -> None:
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    for url in (f"/models/{HOSTILE}", f"/models/{HOSTILE}/card", "/?q=xss"):
        page.goto(url)
        page.wait_for_load_state("load")
        for link in page.locator("a").all():
            href = (link.get_attribute("href") or "").strip().lower()
            assert not href.startswith("javascript:"), href
        foreign = "script:not([src^='/static/']), iframe, [onerror], [onload]"
        assert page.evaluate(f'document.querySelectorAll("{foreign}").length') == 0
        assert page.evaluate("typeof window.__pwned") == "undefined"
        page.mouse.move(5, 5)
    page.goto(f"/models/{HOSTILE}/card")
    body = page.locator("main").inner_text()
    assert "<script>window.__pwned = 'heading'" in body and 'onerror="window.__pwned=' in body
    page.get_by_text("click me", exact=False).first.hover()
    assert dialogs == [] and errors == []


def test_compare_picker_search_and_the_bar_that_follows(page: Any) -> None:
    page.goto("/compare")
    assert page.get_by_role("heading", level=1).inner_text() == "Compare models"
    bar = page.locator("#compare-bar")
    button = bar.get_by_role("button", name="Compare selected (2 to 4)")
    assert button.is_disabled()
    page.get_by_label("Find a model").fill("qwen")  # filters the list as one types, no round trip
    visible = [t.strip() for t in page.locator("#picker-list li:not([hidden]) label").all_inner_texts()]
    assert visible and all("qwen" in t.lower() for t in visible)
    page.get_by_label("Qwen/Qwen2.5-3B", exact=True).check()
    assert "1 chosen: Qwen/Qwen2.5-3B" in bar.inner_text() and button.is_disabled()
    page.get_by_label("Qwen/Qwen2.5-3B-Instruct-GGUF").check()
    assert "2 chosen" in bar.inner_text() and button.is_enabled()
    button.click()
    page.wait_for_url("**/compare?*")
    assert page.locator("table.compare thead th").all_inner_texts()[1:] == [
        "Qwen/Qwen2.5-3B", "Qwen/Qwen2.5-3B-Instruct-GGUF"]


def test_leaderboard_compare_bar_stays_in_view(page: Any) -> None:
    page.set_viewport_size({"width": 1200, "height": 500})
    page.goto("/")
    page.locator("table.board tbody input[type=checkbox]").first.check()
    bar = page.locator("#compare-bar")
    # the bar sits at the bottom of the window while the table goes on below it
    box = bar.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 500 + 1
    assert "1 chosen" in bar.inner_text()


def test_pages_fit_a_phone(page: Any) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    for url in ("/", "/models/meta-llama/Llama-3.1-8B-Instruct", "/models/Pclanglais/Mickey-1928/card",
                "/compare?ids=Pclanglais/Mickey-1928,meta-llama/Llama-3.1-8B-Instruct", "/landscape", "/compare"):
        page.goto(url)
        # nothing makes the page itself scroll sideways: wide tables scroll inside their own box
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), url


def test_static_site_filters_search_and_compare_without_a_server(browser: Any, store: Store,
                                                                 tmp_path_factory: pytest.TempPathFactory) -> None:
    import functools
    import http.server

    from howopen.web.site import build_site

    out = tmp_path_factory.mktemp("site")
    build_site(store, out)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    context = browser.new_context(base_url=f"http://127.0.0.1:{httpd.server_address[1]}")
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto("/")
        rows = page.locator("table.board tbody tr:not([hidden]) th a")
        assert rows.count() == store.count()
        page.get_by_label("Modality").select_option("image")
        shown = rows.all_inner_texts()
        assert "Pclanglais/Mickey-1928" in shown and "Qwen/Qwen2.5-3B" not in shown
        assert "modality=image" in page.url
        page.get_by_role("link", name="Clear").click()
        page.get_by_label("Name or license").fill("qwen")
        assert set(rows.all_inner_texts()) == {"Qwen/Qwen2.5-3B", "Qwen/Qwen2.5-3B-Instruct-GGUF"}
        page.get_by_label("Compare Qwen/Qwen2.5-3B", exact=True).check()
        page.get_by_label("Compare Qwen/Qwen2.5-3B-Instruct-GGUF").check()
        page.get_by_role("button", name="Compare selected (2 to 4)").click()
        page.wait_for_url("**/compare/?*")
        page.locator("table.compare").wait_for()
        assert page.locator("table.compare thead th").all_inner_texts()[1:] == [
            "Qwen/Qwen2.5-3B", "Qwen/Qwen2.5-3B-Instruct-GGUF"]
        # a link into a filtered static leaderboard (as the census gives) applies its filter on arrival
        page.goto("/?modality=image")
        assert "Qwen/Qwen2.5-3B" not in rows.all_inner_texts()
    finally:
        context.close()
        httpd.shutdown()
