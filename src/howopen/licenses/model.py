"""The license knowledge base's records: a license, its terms, and the clauses that establish them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class TermKey(StrEnum):
    """The terms howopen reads from every license, in the words policies use (`--forbid user-cap`)."""

    COMMERCIAL_USE = "commercial_use"  # yes | no | conditional | unknown
    USER_CAP = "user_cap"  # a monthly-active-user threshold above which rights lapse or need a licence
    REVENUE_CAP = "revenue_cap"  # a revenue threshold above which rights lapse or need a licence
    REGISTRATION = "registration"  # use (or commercial use) needs registration or an application
    FIELD_OF_USE = "field_of_use"  # field-of-use restrictions, usually an acceptable-use policy
    OUTPUT_RESTRICTION = "output_restriction"  # limits on using outputs (e.g. to train other models)
    ATTRIBUTION = "attribution"  # notices, "Built with ..." displays
    NAMING_DUTY = "naming_duty"  # derivative names must carry a prefix such as "Llama"
    SHARE_ALIKE = "share_alike"  # derivatives must use the same (or these) terms
    PASSES_DOWN = "passes_down"  # restrictions that must be carried into derivatives' licences
    GEOGRAPHIC_RESTRICTION = "geographic_restriction"  # rights withheld in some regions
    TERMINATION = "termination"  # the licensor may terminate or revoke, beyond ordinary breach
    REDISTRIBUTION = "redistribution"  # yes | no | conditional: may the model be redistributed


TERM_TITLES: dict[TermKey, str] = {
    TermKey.COMMERCIAL_USE: "Commercial use",
    TermKey.USER_CAP: "User cap",
    TermKey.REVENUE_CAP: "Revenue cap",
    TermKey.REGISTRATION: "Registration or application",
    TermKey.FIELD_OF_USE: "Field-of-use restrictions",
    TermKey.OUTPUT_RESTRICTION: "Restrictions on outputs",
    TermKey.ATTRIBUTION: "Attribution duties",
    TermKey.NAMING_DUTY: "Naming duty for derivatives",
    TermKey.SHARE_ALIKE: "Share-alike",
    TermKey.PASSES_DOWN: "Passes down to derivatives",
    TermKey.GEOGRAPHIC_RESTRICTION: "Geographic restriction",
    TermKey.TERMINATION: "Termination or revocation",
    TermKey.REDISTRIBUTION: "Redistribution",
}

# Terms whose value is a graded answer; every other term's value is yes (the license imposes it), no, unknown.
GRADED_TERMS = {TermKey.COMMERCIAL_USE, TermKey.REDISTRIBUTION}

# Terms that, when a license imposes them, take away one of the four freedoms (use, study, modify, share for any
# purpose). Attribution, share-alike and notices do not: OSI and the EU AI Act both allow them.
RESTRICTIVE_TERMS = (
    TermKey.USER_CAP,
    TermKey.REVENUE_CAP,
    TermKey.REGISTRATION,
    TermKey.FIELD_OF_USE,
    TermKey.OUTPUT_RESTRICTION,
    TermKey.GEOGRAPHIC_RESTRICTION,
)


@dataclass(frozen=True)
class Clause:
    """A verbatim quotation from a license text, and where it stands there."""

    quote: str
    file: str  # reference text, relative to the knowledge base's texts folder
    line: int | None = None

    def cite(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def to_dict(self) -> dict[str, Any]:
        return {"quote": self.quote, "file": self.file, "line": self.line, "cite": self.cite()}


@dataclass(frozen=True)
class Term:
    """One term of a license: its value, a one-line summary in howopen's words, and the clauses behind it."""

    key: TermKey
    value: str
    summary: str = ""
    clauses: tuple[Clause, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def imposed(self) -> bool | None:
        """For yes/no terms: does the license impose it? None when unknown."""
        if self.value == "yes":
            return True
        if self.value == "no":
            return False
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "summary": self.summary,
            "params": dict(self.params),
            "clauses": [c.to_dict() for c in self.clauses],
        }


UNKNOWN_TERM_SUMMARY = "not stated in the knowledge base"


@dataclass(frozen=True)
class License:
    """A known license (or a usage policy a license incorporates), its identifiers and its terms."""

    id: str
    name: str
    family: str
    version: str | None = None
    date: str | None = None
    kind: str = "license"  # license | policy | family (a family tag such as `cc` or `openrail`)
    category: str = "unknown"  # permissive | copyleft | open-data | responsible-ai | restricted | noncommercial | ...
    spdx_id: str | None = None
    scancode_key: str | None = None
    hub_ids: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()  # extra phrases that name it in prose ("Gemma Terms of Use")
    urls: tuple[str, ...] = ()
    osi_approved: bool | None = None
    fsf_libre: bool | None = None
    incorporates: tuple[str, ...] = ()
    text_file: str | None = None
    source: str | None = None
    terms: Mapping[TermKey, Term] = field(default_factory=dict)
    notes: str | None = None
    origin: str = "knowledge-base"  # knowledge-base | read (an unknown text) | modified (a known text, changed)
    modified_from: str | None = None  # for `modified`: the known license the text departs from

    @property
    def known(self) -> bool:
        """A license of the knowledge base, not a record howopen made by reading an unknown or modified text."""
        return self.origin == "knowledge-base"

    def term(self, key: TermKey | str) -> Term:
        key = TermKey(key)
        found = self.terms.get(key)
        if found is not None:
            return found
        return Term(key, "unknown", UNKNOWN_TERM_SUMMARY)

    @property
    def commercial_use(self) -> str:
        return self.term(TermKey.COMMERCIAL_USE).value

    @property
    def grants_four_freedoms(self) -> bool | None:
        """True when the terms let anyone use, study, modify and share for any purpose.

        OSI-approved and FSF-libre licenses (flags from the SPDX list) do by definition. Otherwise the answer
        comes from the terms: any restrictive term,
        non-commercial use or barred redistribution means False; a term the knowledge base does not know means
        None (unknown), never True. A record read from an unknown or modified text is never True either: at best
        unknown.
        """
        if not self.known:
            return False if self.restrictions() else None
        if self.osi_approved or self.fsf_libre:
            return True
        if self.commercial_use in ("no", "conditional"):
            return False
        if self.term(TermKey.REDISTRIBUTION).value in ("no", "conditional"):
            return False
        if any(self.term(k).imposed for k in RESTRICTIVE_TERMS):
            return False
        if self.commercial_use != "yes" or self.term(TermKey.REDISTRIBUTION).value != "yes":
            return None
        if any(self.term(k).imposed is None for k in RESTRICTIVE_TERMS):
            return None
        return True

    def restrictions(self) -> list[Term]:
        """The terms that limit use, users, fields or redistribution, in a stable order."""
        found = [self.term(k) for k in RESTRICTIVE_TERMS if self.term(k).imposed]
        if self.commercial_use in ("no", "conditional"):
            found.insert(0, self.term(TermKey.COMMERCIAL_USE))
        if self.term(TermKey.REDISTRIBUTION).value in ("no", "conditional"):
            found.append(self.term(TermKey.REDISTRIBUTION))
        return found

    def to_dict(self, *, with_terms: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "family": self.family,
            "version": self.version,
            "date": self.date,
            "kind": self.kind,
            "category": self.category,
            "spdx_id": self.spdx_id,
            "scancode_key": self.scancode_key,
            "hub_ids": list(self.hub_ids),
            "osi_approved": self.osi_approved,
            "fsf_libre": self.fsf_libre,
            "incorporates": list(self.incorporates),
            "grants_four_freedoms": self.grants_four_freedoms,
            "commercial_use": self.commercial_use,
            "origin": self.origin,
        }
        if self.modified_from:
            data["modified_from"] = self.modified_from
        if with_terms:
            data["terms"] = {str(k): self.term(k).to_dict() for k in TermKey}
        return data
