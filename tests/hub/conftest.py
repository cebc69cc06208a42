"""The loopback Hub for these tests: one server per session, its log and faults cleared before each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hubserver import HubServer


@pytest.fixture(scope="session")
def hub_server() -> Iterator[HubServer]:
    with HubServer() as server:
        yield server


@pytest.fixture
def hub(hub_server: HubServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[HubServer]:
    """The server, with howopen pointed at it (Hub, GitHub, arXiv) and short timeouts and retry waits."""
    hub_server.reset()
    hub_server.latency = 0.0
    for key, value in hub_server.env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("HOWOPEN_TIMEOUT", "2")
    monkeypatch.setenv("HOWOPEN_MAX_RETRY_WAIT", "2")
    yield hub_server
    hub_server.reset()
