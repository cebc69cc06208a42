"""Which license governs when several apply: a card's list of licenses, or an SPDX expression.

`AND` (and a list in `license:`) means every license applies, so the most restrictive one decides what a user
may do; `OR` means the user may choose, so the most permissive alternative decides. Restrictiveness is read from
the knowledge base's terms; a license howopen does not know, or whose terms it does not know, ranks just below a
non-commercial one: it may hide anything, so it is never chosen as an `OR` alternative over a known open one and
never hidden behind a known open one in an `AND`.
"""

from __future__ import annotations

from .kb import knowledge_base
from .model import License, TermKey

NON_COMMERCIAL = 100
UNKNOWN = 80
CONDITIONAL = 60
WITHHOLDS_FREEDOM = 50
SHARE_ALIKE = 10
PERMISSIVE = 0


def restrictiveness(lic: License | None) -> int:
    """A rank: higher restricts more. Non-commercial > unknown > conditional > other restrictions > copyleft."""
    if lic is None or lic.kind == "family":
        return UNKNOWN
    if lic.commercial_use == "no" or lic.term(TermKey.REDISTRIBUTION).value == "no":
        return NON_COMMERCIAL
    freedoms = lic.grants_four_freedoms
    if freedoms is True:
        return SHARE_ALIKE if lic.term(TermKey.SHARE_ALIKE).imposed else PERMISSIVE
    if freedoms is None:
        return UNKNOWN
    count = len(lic.restrictions())
    if lic.commercial_use == "conditional" or lic.term(TermKey.REDISTRIBUTION).value == "conditional":
        return CONDITIONAL + count
    return WITHHOLDS_FREEDOM + count


def rank_of(license_id: str | None) -> int:
    return restrictiveness(knowledge_base().get(license_id))


def most_restrictive(ids: list[str | None]) -> str | None:
    """The id that restricts most (the first on ties); None when that is a license howopen does not know."""
    if not ids:
        return None
    return max(ids, key=rank_of)  # max keeps the first of equal ranks


def most_permissive(ids: list[str | None]) -> str | None:
    """The id that restricts least (the first on ties)."""
    if not ids:
        return None
    return min(ids, key=rank_of)


def describe(lic_id: str | None) -> str:
    lic = knowledge_base().get(lic_id)
    if lic is None:
        return "a license howopen does not recognize" if lic_id is None else f"{lic_id} (not recognized)"
    if lic.commercial_use == "no":
        return f"{lic.id} (non-commercial)"
    if lic.grants_four_freedoms is True:
        return f"{lic.id} (grants the four freedoms)"
    if lic.grants_four_freedoms is False:
        return f"{lic.id} (restricted)"
    return f"{lic.id} (terms not fully known)"
