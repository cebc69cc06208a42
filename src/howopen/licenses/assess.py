"""How a license fares under OSI's four freedoms and the EU AI Act's licence conditions, term by term.

The EU AI Act reading follows the Commission's guidelines on general-purpose AI models (C(2025) 5045, para. 78-84):
a free and open-source licence lets anyone access, use, modify and redistribute, with no conditions beyond
attribution and same-terms distribution. Non-commercial or research-only use, barred redistribution, user-scale
thresholds and separate commercial licences disqualify (para. 83); safety-oriented use restrictions may be allowed
(para. 84), which is a judgment, so howopen answers "needs review".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import TERM_TITLES, License, Term, TermKey


@dataclass(frozen=True)
class Finding:
    term: TermKey
    why: str
    cite: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"term": str(self.term), "why": self.why, "cite": self.cite}


@dataclass(frozen=True)
class Assessment:
    """pass | fail | needs-review | unknown, with the terms that decided it."""

    status: str
    summary: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "summary": self.summary, "findings": [f.to_dict() for f in self.findings]}


_NOT_KNOWN = ("the text is not a license howopen knows (unknown, or a known license modified); its terms were read "
              "from the text, and a license read this way is never called open")
_POLICY = "a usage policy is not a license: it binds through the license that incorporates it"


def _cite(term: Term) -> str | None:
    return term.clauses[0].cite() if term.clauses else None


# Terms that take a licence out of the EU AI Act's free and open-source category, with the guideline that says so.
_EU_DISQUALIFYING: dict[TermKey, str] = {
    TermKey.USER_CAP: "usage restrictions triggered by user-scale thresholds disqualify (guidelines para. 83)",
    TermKey.REVENUE_CAP: "a separate licence above a revenue threshold is a separate commercial licence (para. 83)",
    TermKey.REGISTRATION: "registration or an application before (commercial) use restricts access or usage "
                          "(para. 79-80)",
    TermKey.OUTPUT_RESTRICTION: "restrictions on using outputs go beyond attribution and same-terms (para. 80)",
    TermKey.GEOGRAPHIC_RESTRICTION: "withholding rights in some regions restricts access and usage (para. 79-80)",
}


def eu_ai_act(lic: License | None) -> Assessment:
    """Does the licence meet Art. 53(2)'s "free and open-source licence" condition?"""
    if lic is None:
        return Assessment("unknown", "the license is not recognized, so it cannot count as free and open-source")
    if lic.kind == "family":
        return Assessment("unknown", "a license family names no single license; the member that applies decides")
    if lic.kind == "policy":
        return Assessment("not-applicable", _POLICY)
    if lic.osi_approved or lic.fsf_libre:
        return Assessment("pass", "an OSI-approved or FSF-libre license allows access, use, modification and "
                                  "redistribution (guidelines para. 78)")
    failures: list[Finding] = []
    commercial = lic.term(TermKey.COMMERCIAL_USE)
    if commercial.value == "no":
        failures.append(Finding(TermKey.COMMERCIAL_USE, "non-commercial or research-only use disqualifies (para. 83)",
                                _cite(commercial)))
    elif commercial.value == "conditional" and not any(lic.term(k).imposed for k in _EU_DISQUALIFYING):
        failures.append(Finding(TermKey.COMMERCIAL_USE,
                                "commercial use under conditions beyond attribution restricts usage (para. 80, 83)",
                                _cite(commercial)))
    redistribution = lic.term(TermKey.REDISTRIBUTION)
    if redistribution.value == "no":
        failures.append(Finding(TermKey.REDISTRIBUTION, "bans on distributing the model disqualify (para. 83)",
                                _cite(redistribution)))
    for key, why in _EU_DISQUALIFYING.items():
        term = lic.term(key)
        if term.imposed:
            failures.append(Finding(key, why, _cite(term)))
    if failures:
        return Assessment("fail", "not a free and open-source licence under Art. 53(2): "
                                  + "; ".join(TERM_TITLES[f.term].lower() for f in failures), tuple(failures))
    if not lic.known:
        return Assessment("unknown", _NOT_KNOWN)
    field_of_use = lic.term(TermKey.FIELD_OF_USE)
    if field_of_use.imposed:
        return Assessment("needs-review",
                          "use restrictions (an acceptable-use policy) are allowed only if safety-oriented and "
                          "proportionate (para. 84); that is a judgment",
                          (Finding(TermKey.FIELD_OF_USE, "field-of-use restrictions need review (para. 84)",
                                   _cite(field_of_use)),))
    unknown = [k for k in (TermKey.COMMERCIAL_USE, TermKey.REDISTRIBUTION, *_EU_DISQUALIFYING, TermKey.FIELD_OF_USE)
               if lic.term(k).value == "unknown"]
    if unknown:
        return Assessment("unknown", "terms not known: " + ", ".join(str(k) for k in unknown),
                          tuple(Finding(k, "not stated in the knowledge base") for k in unknown))
    return Assessment("pass", "allows access, use, modification and redistribution with at most attribution and "
                              "same-terms conditions (para. 78-82)")


def osi(lic: License | None) -> Assessment:
    """OSI approval and the four freedoms (use, study, modify, share for any purpose)."""
    if lic is None:
        return Assessment("unknown", "the license is not recognized; an unrecognized license is never called open")
    if lic.kind == "family":
        return Assessment("unknown", "a license family names no single license")
    if lic.kind == "policy":
        return Assessment("not-applicable", _POLICY)
    if lic.osi_approved:
        return Assessment("pass", "OSI-approved (SPDX list): grants the four freedoms")
    freedoms = lic.grants_four_freedoms
    if freedoms is False:
        findings = tuple(Finding(t.key, t.summary or TERM_TITLES[t.key], _cite(t)) for t in lic.restrictions())
        return Assessment("fail", "not OSI-approved, and its terms take away freedoms: "
                                  + "; ".join(TERM_TITLES[f.term].lower() for f in findings), findings)
    if freedoms is True:
        return Assessment("pass", "not OSI-approved, but FSF-libre or its terms grant the four freedoms")
    if not lic.known:
        return Assessment("unknown", _NOT_KNOWN)
    return Assessment("unknown", "not OSI-approved, and its terms are not known well enough to say")
