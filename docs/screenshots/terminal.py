"""The terminal report as an image for the docs (README, issue 16): the default one-screen report.

    python docs/screenshots/terminal.py [--target deepseek-r1-distill-llama-8b] [--width 100] [--out docs/screenshots]

Renders `howopen check TARGET --offline` with the CLI's own renderer through Rich into an SVG
(`terminal-report.svg`, a recording of the terminal output with its colours), then photographs that SVG in Debian's
Chromium (/usr/bin/chromium, or HOWOPEN_CHROMIUM) through Playwright into `terminal-report.png`.
"""

from __future__ import annotations

import argparse
import io
import os
from pathlib import Path

from playwright.sync_api import sync_playwright
from rich.console import Console

from howopen.formats import terminal
from howopen.pipeline import check
from howopen.safetext import Safe

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description="A picture of the terminal report")
    parser.add_argument("--target", default="deepseek-r1-distill-llama-8b")
    parser.add_argument("--width", type=int, default=100)
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    console = Console(record=True, width=args.width, force_terminal=True, color_system="truecolor",
                      file=io.StringIO())
    console.print(Safe(terminal.render(check(args.target, offline=True))))
    svg = args.out / "terminal-report.svg"
    console.save_svg(str(svg), title=f"howopen check {args.target} --offline")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("HOWOPEN_CHROMIUM", "/usr/bin/chromium"))
        page = browser.new_page(viewport={"width": 1400, "height": 900}, device_scale_factor=1.25)
        page.goto(svg.resolve().parent.as_uri() + "/")
        page.set_content(f'<body style="margin:0;background:#fff"><img src="{svg.resolve().as_uri()}"></body>')
        page.wait_for_load_state("load")
        page.locator("img").screenshot(path=str(args.out / "terminal-report.png"))
        browser.close()
    print(f"wrote {svg} and {args.out / 'terminal-report.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
