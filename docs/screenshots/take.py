"""Screenshots of the web app for the docs: leaderboard, a model page, compare and landscape.

    python docs/screenshots/take.py DB [--model ORG/NAME] [--compare ID,ID] [--out docs/screenshots]

Serves the index DB with uvicorn on a free loopback port and photographs the pages in Debian's Chromium
(/usr/bin/chromium, or HOWOPEN_CHROMIUM) through Playwright. Without --model, the model with the most
derivatives in the index is shown; without --compare, the first two models of the leaderboard.
"""

from __future__ import annotations

import argparse
import os
import socket
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import Browser, Playwright, sync_playwright

from howopen.index import Store, open_store
from howopen.index.query import Query
from howopen.web.app import create_app

HERE = Path(__file__).resolve().parent


def serve(store: Store) -> tuple[uvicorn.Server, str]:
    """The web app over `store`, served by uvicorn on a free loopback port in a background thread, and its URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium (or HOWOPEN_CHROMIUM), never Playwright's own download."""
    return playwright.chromium.launch(executable_path=os.environ.get("HOWOPEN_CHROMIUM", "/usr/bin/chromium"),
                                      args=["--no-sandbox"])


def main() -> int:
    parser = argparse.ArgumentParser(description="Screenshots of the howopen web app")
    parser.add_argument("db", type=Path)
    parser.add_argument("--model", default="")
    parser.add_argument("--compare", default="")
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    store = open_store(args.db, read_only=True)
    model = args.model or store.fetch(
        "SELECT base_id FROM bases b JOIN models m ON lower(m.id) = lower(b.base_id) "
        "GROUP BY base_id ORDER BY count(*) DESC LIMIT 1")[0]["base_id"]
    first, _ = store.leaderboard(Query(per_page=2))
    compare = args.compare or ",".join(r["id"] for r in first)
    server, base = serve(store)
    shots = [("leaderboard.png", "/", False), ("model.png", f"/models/{model}", False),
             ("compare.png", f"/compare?ids={compare}", False), ("landscape.png", "/landscape", True)]
    phone = [("phone-model.png", f"/models/{model}"), ("phone-leaderboard.png", "/")]
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        for name, path, full in shots:
            page.goto(base + path)
            page.screenshot(path=str(args.out / name), full_page=full)
            print(f"{args.out / name}: {base + path}")
        page.goto(base + "/compare?q=llama")  # the picker with two models ticked: the bar follows the choice
        for box in page.locator("#picker-list input[type=checkbox]").all()[:2]:
            box.check()
        page.screenshot(path=str(args.out / "compare-picker.png"))
        print(f"{args.out / 'compare-picker.png'}: {base}/compare?q=llama")
        small = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
        for name, path in phone:
            small.goto(base + path)
            small.screenshot(path=str(args.out / name))
            print(f"{args.out / name}: {base + path} at 390 pixels")
        browser.close()
    server.should_exit = True
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
