"""Failed fetches as gaps: what could not be read stays unknown, with the reason and the address asked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..evidence import Gap, Provenance, Release
from ..net.failure import Failure


def failure_gap(failure: Failure, what: str | None = None) -> Gap:
    message = failure.message if what is None else f"{what}: {failure.message}"
    where = Provenance(failure.url, method="fetch") if failure.url else None
    return Gap(f"fetch-{failure.code}", message, where)


def with_gaps(release: Release, gaps: Iterable[Gap]) -> Release:
    gaps = tuple(gaps)
    return replace(release, gaps=(*release.gaps, *gaps)) if gaps else release
