"""A screenshot of the census page for the docs.

    python docs/screenshots/take_census.py DB [--out docs/screenshots/census.png]

Serves the index DB with uvicorn on a free loopback port and photographs the top of /census in Debian's Chromium
(/usr/bin/chromium, or HOWOPEN_CHROMIUM) through Playwright.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright
from take import launch, serve  # the sibling script: the same server and browser set-up

from howopen.index import open_store

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description="A screenshot of the howopen census page")
    parser.add_argument("db", type=Path)
    parser.add_argument("--out", type=Path, default=HERE / "census.png")
    args = parser.parse_args()
    store = open_store(args.db, read_only=True)
    server, base = serve(store)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 1500})
        page.goto(f"{base}/census")
        page.screenshot(path=str(args.out))  # the headline, the families chart and its table
        browser.close()
    server.should_exit = True
    print(f"{args.out}: {base}/census")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
