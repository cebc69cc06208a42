"""A screenshot of the census page for the docs.

    python docs/screenshots/take_census.py DB [--out docs/screenshots/census.png]

Serves the index DB with uvicorn on a free loopback port and photographs the top of /census in Debian's Chromium
(/usr/bin/chromium, or HOWOPEN_CHROMIUM) through Playwright.
"""

from __future__ import annotations

import argparse
import os
import socket
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from howopen.index import open_store
from howopen.web.app import create_app

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description="A screenshot of the howopen census page")
    parser.add_argument("db", type=Path)
    parser.add_argument("--out", type=Path, default=HERE / "census.png")
    args = parser.parse_args()
    store = open_store(args.db, read_only=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("HOWOPEN_CHROMIUM", "/usr/bin/chromium"),
                                             args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1500})
        page.goto(f"http://127.0.0.1:{port}/census")
        page.screenshot(path=str(args.out))  # the headline, the families chart and its table
        browser.close()
    server.should_exit = True
    print(f"{args.out}: http://127.0.0.1:{port}/census")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
