"""License records made by reading a text: an unknown license, or a known one with clauses added, changed or removed.

Such a record carries the terms the clause reader decoded, each with the sentence and line it comes from, and is
kept in the knowledge base's read records so that the report, the graders and the policy gate find it by id like
any known license. It never carries a known license's standing: it is not OSI-approved, not FSF-libre, and never
grants the four freedoms (at best that is unknown).
"""

from __future__ import annotations

import hashlib

from .diff import Change
from .kb import knowledge_base
from .model import License, Term, TermKey
from .reader import Reading, decide

READ_CONFIDENCE = 0.5  # terms read from an unknown text: lower confidence than a confirmed knowledge-base record
ABSENT_SUMMARY = "no clause of the text states one (read by howopen from an unknown text; not confirmed)"
_GRANTS = ("commercial-grant", "redistribution-grant", "non-commercial", "research-only")
_ABSENT_IS_NO = (TermKey.USER_CAP, TermKey.REVENUE_CAP, TermKey.REGISTRATION, TermKey.FIELD_OF_USE,
                 TermKey.OUTPUT_RESTRICTION, TermKey.ATTRIBUTION, TermKey.NAMING_DUTY, TermKey.SHARE_ALIKE,
                 TermKey.PASSES_DOWN, TermKey.GEOGRAPHIC_RESTRICTION, TermKey.TERMINATION)
_GRADED_ORDER = {"no": 0, "conditional": 1, "unknown": 2, "yes": 3}
_IMPOSED_ORDER = {"yes": 0, "unknown": 1, "no": 2}


def digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


def unknown_text_record(text: str, reading: Reading, source: str) -> License:
    """The record of a text howopen does not know: every term as read from it (unknown where no clause speaks)."""
    terms = dict(reading.terms)
    if any(k in c.kinds for c in reading.clues for k in _GRANTS):
        # A text that grants rights was read in full: a duty or limit no clause states is not imposed, as read.
        for key in _ABSENT_IS_NO:
            terms.setdefault(key, Term(key, "no", ABSENT_SUMMARY))
    lic = License(
        id=f"read:{digest(text)}",
        name="Unrecognized license text",
        family="unrecognized",
        category="read-from-text",
        osi_approved=False,
        fsf_libre=False,
        source=source,
        terms=terms,
        notes="howopen does not know this text; its terms were read from the text itself, clause by clause, and "
              "may miss what the reader does not recognize.",
        origin="read",
    )
    knowledge_base().remember(lic)
    return lic


def _stricter(key: TermKey, base: Term, read: Term) -> Term:
    """The stricter of the known term and what the added clauses say; when they agree, both clauses are cited."""
    order = _GRADED_ORDER if key in (TermKey.COMMERCIAL_USE, TermKey.REDISTRIBUTION) else _IMPOSED_ORDER
    if order.get(read.value, 1) < order.get(base.value, 1):
        return read
    if read.value == base.value and read.clauses:
        return Term(key, base.value, f"{base.summary}; the added text: {read.summary}", (*read.clauses, *base.clauses),
                    {**base.params, **read.params})
    return base


def describe_changes(changes: tuple[Change, ...]) -> str:
    kinds = {c.kind for c in changes}
    if kinds == {"added"}:
        return "with added terms"
    if kinds == {"removed"}:
        return "with terms removed"
    return "with changed terms"


def modified_record(text: str, base: License, changes: tuple[Change, ...], reading: Reading, added: set[int],
                    unsupported: list[str], source: str) -> License:
    """A known license's text with clauses added, changed or removed.

    A term whose clause still stands keeps the known value, made stricter by what the added or changed clauses say;
    a term whose clause is gone is what the reader finds in the text (unknown when it finds nothing).
    """
    in_added = decide(tuple(c for c in reading.clues if c.line in added), source)
    terms: dict[TermKey, Term] = {}
    for key in TermKey:
        if str(key) in unsupported:
            terms[key] = reading.terms.get(key) or Term(
                key, "unknown", f"the clause behind {base.id}'s term is changed or removed, and no clause of the text "
                                "states it")
            continue
        known = base.term(key)
        if known.value == "unknown" and key in reading.terms:
            known = reading.terms[key]  # the knowledge base does not state it: what the text says
        read = in_added.get(key)
        terms[key] = _stricter(key, known, read) if read is not None else known
    label = describe_changes(changes)
    lic = License(
        id=f"modified:{base.id}:{digest(text)}",
        name=f"{base.name} {label}",
        family=base.family,
        version=base.version,
        category="modified",
        osi_approved=False,
        fsf_libre=False,
        source=source,
        terms=terms,
        notes=f"The text is {base.name} ({base.id}) {label}; a modified license is not the known license and does not "
              "share its standing (not OSI-approved, not an open-source licence under the EU AI Act by default).",
        origin="modified",
        modified_from=base.id,
    )
    knowledge_base().remember(lic)
    return lic
