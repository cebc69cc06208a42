"""A derivative's base model as evidence of its own: the release the catalog holds for the nearest base model.

The European index rates a base model's data and weights apart from the end model's. When the lineage stage has
named a base model (declared, or found in the card's prose) and the bundled catalog holds a record of it, that
record's evidence is the base's own; otherwise there is none at hand and the dimension stays unknown.
"""

from __future__ import annotations

import functools

from ..errors import HowopenError
from ..evidence import Release


@functools.cache
def _catalog_release(record_id: str) -> Release | None:
    try:
        from ..catalog import Record, find
        from ..sources.catalog import CatalogSource

        record = find(record_id)
        return CatalogSource(record).fetch() if isinstance(record, Record) else None
    except (ImportError, HowopenError):  # a build without the catalog, or a record that cannot be read
        return None


def base_ids(release: Release) -> list[str]:
    """The nearest base models' ids: those the lineage stage traced at depth 1, then the declared ones."""
    ids = [a.id for a in release.lineage if a.depth == 1]
    ids += [b.id for b in release.base_models if b.id not in ids]
    return ids


def base_release(release: Release) -> Release | None:
    """The first nearest base model the catalog holds, as a release; None when none does."""
    try:
        from ..catalog import find
    except ImportError:  # a build of howopen without the catalog
        return None
    for ident in base_ids(release):
        try:
            record_id = getattr(find(ident), "id", None)
        except HowopenError:
            continue
        if isinstance(record_id, str):
            found = _catalog_release(record_id)
            if found is not None:
                return found
    return None
