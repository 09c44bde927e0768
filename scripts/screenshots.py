"""Screenshots of the main pages for docs/screenshots/, from a running `sitroom serve`.

    sitroom serve --db sitroom.db --port 8000 &      # the demo corpus, after `sitroom link`
    python scripts/screenshots.py http://127.0.0.1:8000 docs/screenshots

Drives the Debian Chromium (/usr/bin/chromium) through Playwright at 1280 px wide.
The event permalink shown is the newest event reported by the most articles.
"""
from __future__ import annotations

import json
import sys
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def _json(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=60) as r:  # a local server only
        return json.load(r)


def widest_event(base: str) -> int:
    """The id of a well-reported event: the first of the newest page with a merged event
    of several articles, else the first event."""
    page = _json(base, "/api/events?limit=200")
    best, best_n = None, 0
    for e in page["items"]:
        view = _json(base, f"/api/events/{e['id']}")
        n = (view.get("merged_event") or {}).get("num_articles") or 1
        if n > best_n:
            best, best_n = e["id"], n
        if n >= 3:
            break
    if best is None:
        raise SystemExit("no events in the store: ingest and link the demo corpus first")
    return best


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    base, out = argv[1].rstrip("/"), Path(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    pages = {"overview": "/", "events": "/events", "event-permalink": f"/events/{widest_event(base)}",
             "map": "/map", "positions": "/positions", "storylines": "/storylines"}
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for name, path in pages.items():
            page.goto(base + path, wait_until="networkidle")
            target = out / f"{name}.png"
            page.screenshot(path=str(target), full_page=False)
            print(f"{target}: {path}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
