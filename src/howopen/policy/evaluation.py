"""Applies a policy to a report: each rule answered pass, fail or unknown, with the clause or reason behind it.

This is a judgment, so it lives here and not in a format. The license a term rule reads is the one that binds the
weights (the lineage stage's binding license when the declared one cannot be right), together with every ancestor
whose license passes that term down. Anything the evidence does not settle is unknown, and unknown is not a pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ..evidence import ArtifactKind, LicenseRef, Provenance, Release
from ..licenses.kb import knowledge_base
from ..licenses.model import TERM_TITLES, License, TermKey
from ..licenses.scope import term_applies
from ..report import Reason, Report
from .model import Policy
from .result import EXCEPTED, FAIL, PASS, UNKNOWN, PolicyResult, RuleResult
from .rules import Rule

_RANK = {FAIL: 0, UNKNOWN: 1, PASS: 2}
UNKNOWN_IS_NOT_A_PASS = "unknown is not a pass"


@dataclass(frozen=True)
class Binding:
    """A license that binds the model: its own (`via` None) or an ancestor's that passes terms down."""

    ref: LicenseRef | None
    license: License | None
    via: str | None = None
    passes_down: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    status: str
    message: str
    answer: Any = None
    reasons: tuple[Reason, ...] = ()


# ---------------------------------------------------------------------------------------------------------------
# Which licenses bind the model


def own_license(report: Report) -> LicenseRef | None:
    """The license of the weights, replaced by the binding one when the declared one cannot be right."""
    from ..graders.common import binding_license  # the graders load when a policy is applied, not with its options

    release = report.release
    weights = release.artifacts.get(ArtifactKind.WEIGHTS)
    if weights is not None and (weights.license is not None or release.conflicts):
        return binding_license(release, weights)
    return report.license


def _split(license_id: str) -> tuple[str, list[str]]:
    """A flat SPDX-style expression: ('AND'|'OR', ids). Nested expressions are not split."""
    for operator in (" OR ", " AND "):
        if operator in license_id and "(" not in license_id:
            return operator.strip(), [part.strip() for part in license_id.split(operator)]
    return "AND", [license_id]


def _groups(report: Report) -> list[list[Binding]]:
    """Every group must be satisfied; within a group, one alternative (an `OR` choice) suffices."""
    kb = knowledge_base()
    ref = own_license(report)
    groups: list[list[Binding]] = []
    if ref is not None and ref.id:
        operator, ids = _split(ref.id)
        bindings = [Binding(ref, kb.get(i)) for i in ids]
        groups.extend([bindings] if operator == "OR" else [[b] for b in bindings])
    else:
        groups.append([Binding(ref, None)])
    for ancestor in report.release.lineage:
        if ancestor.same_publisher:
            continue  # relicensed by its own rights holder: its license does not bind (lineage.py)
        lic = kb.get(ancestor.license.id) if ancestor.license and ancestor.license.id else None
        groups.append([Binding(ancestor.license, lic, via=ancestor.id, passes_down=ancestor.passes_down)])
    return groups


def _unknown_license(binding: Binding, what: str) -> Answer:
    ref = binding.ref
    evidence = ref.evidence if ref else ()
    if binding.via:
        base = f"the license of base model {binding.via}"
        state = f"({ref.label()}) is not recognized" if ref and (ref.id or ref.declared) else "is not known"
        return Answer(UNKNOWN, f"{base} {state}, so whether it passes down {what} is unknown; "
                      f"{UNKNOWN_IS_NOT_A_PASS}", None, (Reason(f"{base} {state}", evidence),))
    if ref is None or not (ref.id or ref.declared):
        return Answer(UNKNOWN, f"no license was found for the weights, so {what} is unknown; {UNKNOWN_IS_NOT_A_PASS}",
                      None, (Reason("No license was found for the weights"),))
    return Answer(UNKNOWN, f"the license ({ref.label()}) is not one howopen recognizes, so {what} is unknown; "
                  f"{UNKNOWN_IS_NOT_A_PASS}", None, (Reason(f"License declared as {ref.label()}", evidence),))


# ---------------------------------------------------------------------------------------------------------------
# One function per kind of check


def _clause_reasons(release: Release, binding: Binding, key: TermKey) -> tuple[Reason, ...]:
    from ..graders.common import locate_clause

    assert binding.license is not None
    term = binding.license.term(key)
    ref = binding.ref if binding.via is None else None
    reasons = [Reason(f"{binding.license.name}: “{c.quote}”", (locate_clause(release, ref, c),))
               for c in term.clauses[:2]]
    if not reasons:
        reasons.append(Reason(f"{binding.license.name}: {term.summary or TERM_TITLES[key]} (no clause quoted)",
                              binding.ref.evidence if binding.ref else ()))
    return tuple(reasons)


def _term_answer(rule: Rule, release: Release, binding: Binding) -> Answer | None:
    key = TermKey(rule.params["term"])
    title = TERM_TITLES[key].lower()
    if binding.via is not None and binding.license is not None and str(key) not in binding.passes_down:
        return None  # this ancestor's license does not hand the term down
    if binding.license is None:
        return _unknown_license(binding, f"its {title} term")
    lic = binding.license
    term = lic.term(key)
    inherited = f" (inherited from base model {binding.via})" if binding.via else ""
    said = f"{lic.name} ({lic.id}){inherited}: {TERM_TITLES[key]} is {term.value}"
    said += f" — {term.summary}" if term.summary else ""
    if term.value in rule.passing and not lic.known and not term.clauses:
        return Answer(UNKNOWN, f"{said}; read from a license text howopen does not know, where no clause is not "
                      f"proof; {UNKNOWN_IS_NOT_A_PASS}", term.value)
    if term.value in rule.passing:
        return Answer(PASS, said, term.value)
    if term_applies(term, release) is False:
        scope = term.params.get("scope") or "multimodal models"
        return Answer(PASS, f"{said}; it covers {scope} only, and this release is text-only", term.value)
    if term.value in rule.failing:
        return Answer(FAIL, said, term.value, _clause_reasons(release, binding, key))
    return Answer(UNKNOWN, f"{lic.name} ({lic.id}){inherited}: howopen's knowledge base does not state its "
                  f"{title} term; {UNKNOWN_IS_NOT_A_PASS}", term.value)


def _worst(answers: list[Answer]) -> Answer:
    return min(answers, key=lambda a: _RANK[a.status])


def _best(answers: list[Answer]) -> Answer:
    return max(answers, key=lambda a: _RANK[a.status])


def check_license_term(rule: Rule, report: Report) -> Answer:
    per_group: list[Answer] = []
    for group in _groups(report):
        answers = [a for a in (_term_answer(rule, report.release, b) for b in group) if a is not None]
        if answers:
            per_group.append(_best(answers))
    if not per_group:
        return Answer(UNKNOWN, f"no license was found; {UNKNOWN_IS_NOT_A_PASS}")
    decided = _worst(per_group)
    if decided.status == PASS and len(per_group) > 1:
        return replace(decided, message="; ".join(a.message for a in per_group))
    return decided


def check_license_flag(rule: Rule, report: Report) -> Answer:
    flag = str(rule.params["flag"])
    answers = []
    for binding in _groups(report)[0]:
        if binding.license is None:
            answers.append(_unknown_license(binding, "its OSI approval"))
            continue
        value = getattr(binding.license, flag)
        lic = binding.license
        evidence = binding.ref.evidence if binding.ref else ()
        if value is True:
            answers.append(Answer(PASS, f"{lic.name} ({lic.id}) is OSI-approved", True))
        elif value is False:
            answers.append(Answer(FAIL, f"{lic.name} ({lic.id}) is not on OSI's list of approved licenses", False,
                                  (Reason(f"License {lic.id}, checked against the SPDX license list's OSI flags",
                                          evidence),)))
        else:
            answers.append(Answer(UNKNOWN, f"whether {lic.name} is OSI-approved is not known; "
                                  f"{UNKNOWN_IS_NOT_A_PASS}"))
    return _best(answers)


def check_license_recognized(rule: Rule, report: Report) -> Answer:
    ref = own_license(report)
    if ref is None or not (ref.id or ref.declared):
        return Answer(FAIL, "no license was found for the weights; without one, no rights are granted", None,
                      (Reason("No license file, tag or header names a license for the weights"),))
    missing = [i for i in (_split(ref.id)[1] if ref.id else [])
               if knowledge_base().get(i) is None or not knowledge_base().get(i).known]  # type: ignore[union-attr]
    if not ref.id or missing:
        return Answer(FAIL, f"the license ({ref.label()}) is not one howopen recognizes", ref.label(),
                      (Reason(f"License declared as {ref.declared or ref.label()}", ref.evidence),))
    return Answer(PASS, f"the license is recognized as {ref.id}", ref.id)


def check_conflicts(rule: Rule, report: Report) -> Answer:
    conflicts = report.release.conflicts
    if not conflicts:
        return Answer(PASS, "no declared license is contradicted by the model's lineage", None)
    first = conflicts[0]
    return Answer(FAIL, f"the declared license '{first.declared}' cannot be right; {first.binding} binds instead: "
                  f"{first.why}", first.binding,
                  tuple(Reason(f"declared {c.declared}, bound by {c.binding}: {c.why}", c.evidence)
                        for c in conflicts[:3]))


def check_verdict(rule: Rule, report: Report) -> Answer:
    label = report.label
    # Reasons that quote a clause explain a failure best; keep the verdict's order otherwise.
    quoted = sorted(report.verdict.reasons, key=lambda r: not any(p.quote for p in r.evidence))
    reasons = tuple(quoted[:4])
    said = f"the plain verdict is {label}: {report.verdict.summary}"
    if label in rule.passing:
        return Answer(PASS, said, label)
    if label in rule.failing:
        return Answer(FAIL, said, label, reasons)
    return Answer(UNKNOWN, f"{said}; {UNKNOWN_IS_NOT_A_PASS}", label, reasons)


def check_framework(rule: Rule, report: Report) -> Answer:
    key, field = str(rule.params["framework"]), str(rule.params["field"])
    result = report.frameworks.get(key)
    if result is None or not result.graded:
        name = result.name if result else key
        return Answer(UNKNOWN, f"{name} is not graded yet, so this rule cannot be decided; {UNKNOWN_IS_NOT_A_PASS}")
    value = result.fields.get(field)
    because = result.fields.get("because")
    reasons = tuple(r for r in result.reasons if not because or r.text.strip() != str(because).strip())[:3]
    if because:
        reasons = (Reason(f"{result.name}: {because}"), *reasons)
    said = f"{result.name}: {result.outcome} — {result.summary}"
    if value in rule.passing:
        return Answer(PASS, said, value)
    upper_field = rule.params.get("upper")
    if upper_field:
        upper = result.fields.get(str(upper_field))
        if upper in rule.passing:
            return Answer(UNKNOWN, f"{said}; it would pass if the components still unknown proved open "
                          f"({upper_field}: {upper}); {UNKNOWN_IS_NOT_A_PASS}", value, reasons)
        return Answer(FAIL, said, value, reasons)
    if value in rule.failing:
        return Answer(FAIL, said, value, reasons)
    return Answer(UNKNOWN, f"{said}; {UNKNOWN_IS_NOT_A_PASS}", value, reasons)


CHECKERS: dict[str, Callable[[Rule, Report], Answer]] = {
    "verdict": check_verdict,
    "license-term": check_license_term,
    "license-flag": check_license_flag,
    "license-recognized": check_license_recognized,
    "framework": check_framework,
    "conflicts": check_conflicts,
}


# ---------------------------------------------------------------------------------------------------------------
# The policy as a whole


def _names(report: Report, names: Iterable[str]) -> list[str]:
    release = report.release
    return [n for n in (*names, release.target, release.display_name) if n]


def _apply_exceptions(policy: Policy, results: list[RuleResult], names: list[str], today: date) \
        -> tuple[list[RuleResult], list[str]]:
    notes: list[str] = []
    final: list[RuleResult] = []
    for result in results:
        if result.blocking:
            for exc in policy.exceptions:
                if not (exc.matches(names) and exc.covers(result.rule)):
                    continue
                if exc.expired(today):
                    assert exc.expires is not None
                    notes.append(f"the exception for '{exc.model}' ({exc.reason}) expired on "
                                 f"{exc.expires.isoformat()}; {result.rule.label} applies again")
                    continue
                result = replace(result, status=EXCEPTED, exception=exc, unexcepted_status=result.status,
                                 message=f"{result.message} — allowed by exception: {exc.reason}"
                                 + (f" (until {exc.expires.isoformat()})" if exc.expires else ""))
                break
        final.append(result)
    return final, notes


def evaluate(policy: Policy, report: Report, *, names: Iterable[str] = (), today: date | None = None) \
        -> PolicyResult:
    """Apply every rule of `policy` to `report`; `names` are extra names the model goes by (for exceptions)."""
    results = []
    for rule in policy.rules:
        answer = CHECKERS[rule.check](rule, report)
        results.append(RuleResult(rule, answer.status, answer.message, answer.answer, answer.reasons))
    every_name = _names(report, names)
    final, notes = _apply_exceptions(policy, results, every_name, today or date.today())
    return PolicyResult(policy, every_name[0], tuple(final), tuple(notes))


def unchecked(policy: Policy, model: str, why: str, *, names: Iterable[str] = (), today: date | None = None,
              evidence: tuple[Provenance, ...] = ()) -> PolicyResult:
    """A model that could not be checked: every rule is unknown, with the reason."""
    results = [RuleResult(rule, UNKNOWN, f"the model could not be checked ({why}); {UNKNOWN_IS_NOT_A_PASS}",
                          None, (Reason(f"not checked: {why}", evidence),))
               for rule in policy.rules]
    final, notes = _apply_exceptions(policy, results, [model, *names], today or date.today())
    return PolicyResult(policy, model, tuple(final), tuple(notes))
