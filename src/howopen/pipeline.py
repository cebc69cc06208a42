"""The one pipeline: source -> release -> licenses -> lineage -> graders -> report.

`assess` grades a release already built (`howopen list` grades the catalog's with it); `check` first finds the
target's source, so the Hub client and the network layer are imported there, when a check runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import ancestry
from .errors import TargetError
from .evidence import Release
from .governing import decide
from .graders import disagreements, grade_all
from .licenses import resolve
from .lineage import Resolver, trace
from .report import Report
from .settings import offline_by_environment

if TYPE_CHECKING:
    from .sources.lookup import Lookup


def assess(release: Release, *, understood: str = "", resolver: Resolver | None = None,
           remote: Resolver | None = None) -> Report:
    """Grade a release a source has already built. `remote` is asked about base models that neither `resolver`
    nor the known families resolve (the Hub, for `index build`)."""
    release = resolve(release)
    release = trace(ancestry.apply(release), ancestry.with_families(resolver, remote))
    verdict, frameworks = grade_all(release)
    governs = decide(release)
    basis = {"declared_id": governs.declared_id, "governing_via": governs.via, "applies": list(governs.applies),
             "unsettled": governs.unsettled}
    return Report(release=release, verdict=verdict, frameworks=frameworks,
                  understood=understood or release.target, license=governs.ref, license_basis=basis,
                  disagreements=disagreements(verdict, frameworks))


def check(target: str, *, offline: bool = False, revision: str | None = None) -> Report:
    """Collect the evidence of `target` and grade it under every framework.

    Base models are looked up in the bundled catalog, then on the Hub (through the cache; with `offline`, the
    cache alone).
    """
    from .sources.lookup import Lookup  # the network layer and the Hub client: for a check, not for `assess`
    from .targets import CheckOptions, resolve_target

    offline = offline or offline_by_environment()
    source = resolve_target(target, CheckOptions(offline=offline, revision=revision))
    lookup: Lookup = getattr(source, "lookup", None) or Lookup(offline=offline)
    try:
        try:
            release = source.fetch()
        except TargetError as exc:
            raise _catalog_hint(exc, source.kind, target, offline) from None
        return assess(release, understood=source.describe(), resolver=lookup.resolve)
    finally:
        lookup.close()


def _catalog_hint(error: TargetError, kind: str, target: str, offline: bool) -> TargetError:
    """A Hub read that failed for a model the bundled catalog knows: say that `--offline` answers from it."""
    from .catalog import CatalogError, find

    try:
        known = kind == "hub" and not offline and find(target) is not None
    except CatalogError:
        known = False
    if not known:
        return error
    hint = "; ".join(h for h in (error.hint, "the bundled catalog has a record for it: add --offline to use it") if h)
    return TargetError(error.message, hint=hint)
