import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# CI (and `make test`) draws the same examples on every run: a property test that fails there fails every time and
# can be reproduced; `HYPOTHESIS_PROFILE=explore` draws fresh examples, as exploration on a developer's machine should.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

sys.path.insert(0, str(Path(__file__).parent))

DEAD = "http://127.0.0.1:9"  # nothing listens there: a test that reaches for the network fails fast


@pytest.fixture(autouse=True)
def _isolated_network(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches beyond loopback or shares a response cache: Hub, GitHub and arXiv point at a closed
    port
    (tests that need them start tests/hubserver), and the cache lives in a fresh temporary folder."""
    monkeypatch.setenv("HOWOPEN_CACHE_DIR", str(tmp_path_factory.mktemp("howopen-cache")))
    monkeypatch.setenv("HOWOPEN_HF_ENDPOINT", DEAD)
    monkeypatch.setenv("HOWOPEN_GITHUB_API", f"{DEAD}/github")
    monkeypatch.setenv("HOWOPEN_ARXIV_URL", f"{DEAD}/arxiv")
    monkeypatch.setenv("HOWOPEN_TIMEOUT", "5")
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "GITHUB_TOKEN", "GH_TOKEN", "HF_ENDPOINT",
                 "HOWOPEN_NO_CACHE", "HOWOPEN_CACHE_TTL", "HOWOPEN_OFFLINE", "HF_HUB_OFFLINE"):
        monkeypatch.delenv(name, raising=False)
