"""A base-model resolver that knows the model families (data/families.yaml) when the catalog and the Hub do not.

The family's own id (`meta-llama/Llama 2`) resolves to the family's license. Any other id goes to the given
resolver first (the catalog, then the Hub through the cache); when that finds nothing or cannot look, an official
repository of a known family (`google/gemma-2-9b-it`), or a copy named like one (`NousResearch/Llama-2-7b-hf`),
resolves to the family's license, offline. Anything else goes to the `remote` resolver when one is given (the Hub,
for `index build`: asked only about what nothing local knows), and else stays unknown: a failed lookup is never
"closed".
"""

from __future__ import annotations

from collections.abc import Callable

from ..evidence import Release
from . import families

Resolver = Callable[[str], Release | None]


def known_offline(ident: str) -> bool:
    """Does the families data alone resolve this id (the family itself, an official repository, a copy named like
    one, or an official name without its organisation)?"""
    if families.family_by_id(ident) is not None or families.official(ident) is not None:
        return True
    name = ident.rsplit("/", 1)[-1]
    return any(f.repos.match(name) for f in families.families())


def with_families(inner: Resolver | None, remote: Resolver | None = None) -> Resolver:
    def resolve(ident: str) -> Release | None:
        from ..lineage import LookupFailed

        family = families.family_by_id(ident)
        if family is not None:
            return families.family_release(ident, family, f"the {family.name} family, named by the release")
        failure: LookupFailed | None = None
        found = None
        if inner is not None:
            try:
                found = inner(ident)
            except LookupFailed as exc:
                failure = exc
        if found is not None:
            return found
        family = families.official(ident)
        if family is not None:
            return families.family_release(ident, family, f"an official {family.name} repository")
        name = ident.rsplit("/", 1)[-1]
        family = next((f for f in families.families() if f.repos.match(name)), None)
        if family is not None and "/" not in ident:  # `Meta-Llama-3-70B-Instruct`: the official name without its org
            return families.family_release(f"{family.orgs[0]}/{name}", family,
                                           f"{ident} is the name of an official {family.name} repository")
        if family is not None:
            return families.family_release(ident, family, f"named like the official {family.name} repositories "
                                                         f"({family.orgs[0]}/{name})")
        if remote is not None and failure is None:
            try:
                return remote(ident)
            except LookupFailed as exc:
                failure = exc
        if failure is not None:
            raise failure
        return None

    return resolve
