"""A crawl of twenty thousand listed models (the fixture cards served 1,200 times over): killed with SIGKILL
part-way, resumed to the same models with none twice, then re-crawled after some commits changed.

Every model is listed (twenty pages of a thousand); `--min-downloads` keeps about one in a hundred for grading, so
the test checks the listing, the resume and the incremental re-crawl at scale and stays within a minute.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from howopen.index import open_store
from hubserver import HubServer, load

CARDS = Path(__file__).resolve().parents[1] / "fixtures" / "cards"
COPIES = 1200
MIN_DOWNLOADS = 99_000
ARGS = ["--sort", "last-modified", "--min-downloads", str(MIN_DOWNLOADS), "--concurrency", "8"]


@pytest.fixture(scope="module")
def big_hub() -> Iterator[HubServer]:
    world = load()
    world.add_card_copies(sorted(CARDS.glob("*_*.md")), COPIES)
    with HubServer(world) as server:
        yield server


def crawl_process(server: HubServer, db: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "HOWOPEN_HF_ENDPOINT": server.url, "HOWOPEN_NO_CACHE": "1"}
    return subprocess.Popen([sys.executable, "-m", "howopen", "index", "crawl", "--db", str(db), *ARGS],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stored(db: Path) -> list[str]:
    with open_store(db, read_only=True) as store:
        return [r["id"] for r in store.fetch("SELECT id FROM models WHERE origin = 'crawl'")]


@pytest.mark.slow
def test_twenty_thousand_listed_killed_resumed_and_recrawled(big_hub: HubServer, tmp_path: Path) -> None:
    hub = big_hub
    listed = [r for r in hub.world.models.values() if not r.private]
    wanted = sorted(r.id for r in listed if r.meta.get("downloads", 0) >= MIN_DOWNLOADS)
    assert len(listed) > 20_000 and 150 < len(wanted) < 300
    db = tmp_path / "index.duckdb"

    hub.reset()
    first = crawl_process(hub, db)
    deadline = time.monotonic() + 60
    while hub.count("README") < len(wanted) // 3 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert first.returncode == -signal.SIGKILL
    partial = stored(db)
    assert 0 < len(partial) < len(wanted)

    pages_before = hub.count(r"^/api/models\?")
    second = crawl_process(hub, db)
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert "resumed a crawl after" in err
    ids = stored(db)
    assert sorted(ids) == wanted and len(ids) == len(set(ids))
    resumed_pages = hub.requests(r"^/api/models\?")[pages_before:]
    assert "cursor=" in resumed_pages[0].path  # from the saved page, not from the first
    assert f"{len(wanted) - len(partial)} graded" in out or "graded" in out

    changed = [r for r in listed if r.id in set(wanted)][:5]
    for repo in changed:
        repo.change_commit()
    hub.reset()
    third = crawl_process(hub, db)
    out, err = third.communicate(timeout=120)
    assert third.returncode == 0, err
    assert ", 5 graded," in out
    # of the crawled models, only the changed ones are read again (base models the crawl does not hold are
    # looked up on the Hub: their READMEs are not the crawl's)
    read = [e.path.split("/resolve/")[0].strip("/") for e in hub.requests("README")]
    assert sorted(i for i in read if i in set(wanted)) == sorted(r.id for r in changed)
    assert sorted(stored(db)) == wanted
