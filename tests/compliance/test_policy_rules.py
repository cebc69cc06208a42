"""Each policy rule passing, failing and unknown, with the clause or reason that decides it."""

from __future__ import annotations

from pathlib import Path

import pytest

from howopen.errors import UsageError
from howopen.evidence import Conflict, Provenance
from howopen.policy import FAIL, PASS, UNKNOWN, Policy, evaluate, lookup, rules
from howopen.report import Report

from .conftest import ALL_NO, ALL_YES, CONDITIONAL, SILENT, ancestor, graded, make_report, with_label

pytestmark = pytest.mark.usefixtures("test_kb")

TERM_RULES = [r for r in rules()["forbid"].values() if r.check == "license-term"]


def answer(report: Report, mode: str, name: str) -> tuple[str, str, list[str]]:
    """(status, message, cited locations) of one rule."""
    result = evaluate(Policy.of(**{mode: [name]}), report)
    (rule,) = result.results
    cites = [p.cite() for reason in rule.reasons for p in reason.evidence]
    return rule.status, rule.message, cites


# -- license terms -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("rule", TERM_RULES, ids=lambda r: r.name)
def test_forbidden_term_fails_with_the_clause_that_imposes_it(rule, test_kb) -> None:
    status, message, cites = answer(make_report(ALL_YES), "forbid", rule.name)
    assert status == FAIL, message
    term = test_kb.get(ALL_YES).term(rule.params["term"])
    if term.clauses:
        result = evaluate(Policy.of(forbid=[rule.name]), make_report(ALL_YES)).results[0]
        assert term.clauses[0].quote in result.reasons[0].text
        assert cites and cites[0].startswith("howopen:licenses/texts/")
        assert str(term.clauses[0].line) in cites[0]


@pytest.mark.parametrize("rule", TERM_RULES, ids=lambda r: r.name)
def test_forbidden_term_passes_when_the_license_does_not_impose_it(rule) -> None:
    status, message, _ = answer(make_report(ALL_NO), "forbid", rule.name)
    assert status == PASS, message


@pytest.mark.parametrize("rule", TERM_RULES, ids=lambda r: r.name)
def test_forbidden_term_is_unknown_when_the_knowledge_base_is_silent(rule) -> None:
    status, message, _ = answer(make_report(SILENT), "forbid", rule.name)
    assert status == UNKNOWN
    assert "unknown is not a pass" in message


@pytest.mark.parametrize("rule", TERM_RULES, ids=lambda r: r.name)
def test_unrecognized_or_missing_license_is_unknown_never_a_pass(rule) -> None:
    status, message, _ = answer(make_report(None, declared="my-custom-license"), "forbid", rule.name)
    assert status == UNKNOWN
    assert "my-custom-license" in message
    status, message, _ = answer(make_report(None), "forbid", rule.name)
    assert status == UNKNOWN
    assert "no license was found" in message


def test_real_llama_user_cap_quotes_the_license(test_kb) -> None:
    status, message, cites = answer(make_report("llama3.1"), "forbid", "user-cap")
    assert status == FAIL
    assert "Llama 3.1" in message
    assert cites[0].startswith("howopen:licenses/texts/llama")
    result = evaluate(Policy.of(forbid=["user-cap"]), make_report("llama3.1")).results[0]
    assert "700 million monthly active users" in result.reasons[0].text


@pytest.mark.parametrize(("license_id", "expected"), [
    (ALL_NO, PASS), (CONDITIONAL, PASS), (ALL_YES, FAIL), (SILENT, UNKNOWN), ("llama3.1", PASS), ("MIT", PASS),
])
def test_require_commercial_holds_with_or_without_conditions(license_id: str, expected: str) -> None:
    assert answer(make_report(license_id), "require", "commercial")[0] == expected


@pytest.mark.parametrize(("license_id", "expected"), [(ALL_NO, PASS), (CONDITIONAL, FAIL), (ALL_YES, FAIL)])
def test_require_commercial_unconditional(license_id: str, expected: str) -> None:
    assert answer(make_report(license_id), "require", "commercial-unconditional")[0] == expected


@pytest.mark.parametrize(("license_id", "expected"), [(ALL_NO, PASS), (CONDITIONAL, PASS), (ALL_YES, FAIL),
                                                      (SILENT, UNKNOWN)])
def test_require_redistribution(license_id: str, expected: str) -> None:
    assert answer(make_report(license_id), "require", "redistribution")[0] == expected


@pytest.mark.parametrize(("license_id", "expected"), [("Apache-2.0", PASS), ("MIT", PASS), ("llama3.1", FAIL),
                                                      (None, UNKNOWN)])
def test_require_osi_approved(license_id: str | None, expected: str) -> None:
    assert answer(make_report(license_id), "require", "osi-approved")[0] == expected


def test_forbid_unrecognized_license() -> None:
    assert answer(make_report("Apache-2.0"), "forbid", "unrecognized-license")[0] == PASS
    status, message, cites = answer(make_report(None, declared="acme-eula"), "forbid", "unrecognized-license")
    assert (status, cites) == (FAIL, ["README.md:3"])
    assert "acme-eula" in message
    assert answer(make_report(None), "forbid", "unrecognized-license")[0] == FAIL


def test_forbid_license_conflict() -> None:
    assert answer(make_report("MIT"), "forbid", "license-conflict")[0] == PASS
    conflict = Conflict(declared="MIT", binding="llama3.1", why="a finetune of Llama 3.1 stays under its license",
                        evidence=(Provenance("README.md", line=5),))
    status, message, cites = answer(make_report("MIT", conflicts=(conflict,)), "forbid", "license-conflict")
    assert (status, cites) == (FAIL, ["README.md:5"])
    assert "llama3.1" in message


def test_a_conflict_makes_term_rules_read_the_binding_license() -> None:
    conflict = Conflict(declared="MIT", binding="llama3.1", why="derived from Llama 3.1")
    assert answer(make_report("MIT"), "forbid", "naming-duty")[0] == PASS
    assert answer(make_report("MIT", conflicts=(conflict,)), "forbid", "naming-duty")[0] == FAIL


# -- lineage and expressions ---------------------------------------------------------------------------------------

def test_terms_an_ancestor_passes_down_fail_the_derivative() -> None:
    report = make_report("MIT", lineage=(ancestor("meta-llama/Llama-3.1-8B", "llama3.1", ("user_cap",)),))
    status, message, _ = answer(report, "forbid", "user-cap")
    assert status == FAIL
    assert "inherited from base model meta-llama/Llama-3.1-8B" in message
    # a term the ancestor does not pass down does not reach the derivative
    assert answer(report, "forbid", "naming-duty")[0] == PASS


def test_an_ancestor_with_an_unknown_license_leaves_terms_unknown() -> None:
    report = make_report("MIT", lineage=(ancestor("someone/base", None),))
    status, message, _ = answer(report, "forbid", "user-cap")
    assert status == UNKNOWN
    assert "someone/base" in message


def test_license_expressions() -> None:
    assert answer(make_report("MIT AND llama3.1"), "forbid", "user-cap")[0] == FAIL
    assert answer(make_report("MIT OR llama3.1"), "forbid", "user-cap")[0] == PASS
    assert answer(make_report(f"MIT AND {SILENT}"), "forbid", "user-cap")[0] == UNKNOWN


# -- the plain verdict ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("label", "open_source", "open_weights"), [
    ("open-source", PASS, PASS), ("open-weights", FAIL, PASS), ("restricted-weights", FAIL, FAIL),
    ("closed", FAIL, FAIL), ("unknown", UNKNOWN, UNKNOWN),
])
def test_verdict_rules(label: str, open_source: str, open_weights: str) -> None:
    report = with_label(make_report("MIT"), label)
    assert answer(report, "require", "open-source")[0] == open_source
    status, message, cites = answer(report, "require", "open-weights")
    assert status == open_weights
    assert label in message
    if status != PASS:
        assert cites == ["model.safetensors"]


# -- frameworks ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("conforms", "expected"), [(True, PASS), (False, FAIL), (None, UNKNOWN)])
def test_require_osaid(conforms: bool | None, expected: str) -> None:
    report = make_report("MIT", frameworks={"osaid": graded("osaid", str(conforms), conforms=conforms)})
    status, _message, cites = answer(report, "require", "osaid")
    assert status == expected
    if expected != PASS:
        assert cites == ["README.md:7"]


@pytest.mark.parametrize(("klass", "upper", "expected"), [
    ("I", "I", {"mof-I": PASS, "mof-II": PASS, "mof-III": PASS}),
    ("II", "II", {"mof-I": FAIL, "mof-II": PASS, "mof-III": PASS}),
    ("III", "I", {"mof-I": UNKNOWN, "mof-II": UNKNOWN, "mof-III": PASS}),
    (None, "III", {"mof-I": FAIL, "mof-II": FAIL, "mof-III": UNKNOWN}),
    (None, None, {"mof-I": FAIL, "mof-II": FAIL, "mof-III": FAIL}),
])
def test_require_mof_classes(klass: str | None, upper: str | None, expected: dict[str, str]) -> None:
    mof = graded("mof", f"Class {klass}" if klass else "unclassified", **{"class": klass,
                                                                          "class_if_unknown_included": upper,
                                                                          "because": "the MOF reason"})
    report = make_report("MIT", frameworks={"mof": mof})
    for name, status in expected.items():
        got, message, _ = answer(report, "require", name)
        assert got == status, (name, message)
        if got == UNKNOWN:
            assert "unknown is not a pass" in message


@pytest.mark.parametrize(("exemption", "expected"), [("exempt", PASS), ("not-exempt", FAIL),
                                                     ("needs-review", UNKNOWN), ("unknown", UNKNOWN)])
def test_require_eu_exempt(exemption: str, expected: str) -> None:
    report = make_report("MIT", frameworks={"eu_ai_act": graded("eu_ai_act", exemption,
                                                                open_source_exemption=exemption)})
    assert answer(report, "require", "eu-exempt")[0] == expected


@pytest.mark.parametrize("name", ["osaid", "mof-III", "eu-exempt"])
def test_a_framework_not_graded_yet_is_unknown(name: str) -> None:
    status, message, _ = answer(make_report("MIT"), "require", name)
    assert status == UNKNOWN
    assert "not graded yet" in message


# -- names and coverage --------------------------------------------------------------------------------------------

def test_rule_names_accept_common_spellings() -> None:
    assert lookup("forbid", "user_cap").name == "user-cap"
    assert lookup("forbid", "User-Cap").name == "user-cap"
    assert lookup("require", "mof-iii").name == "mof-III"
    with pytest.raises(UsageError, match="unknown rule to require"):
        lookup("require", "freedom")
    with pytest.raises(UsageError, match="rule to forbid, not to require"):
        lookup("require", "user-cap")


def test_the_policy_holds_only_when_no_rule_fails_or_is_unknown() -> None:
    policy = Policy.of(require=["commercial"], forbid=["user-cap"])
    assert evaluate(policy, make_report("MIT")).holds
    assert not evaluate(policy, make_report("llama3.1")).holds
    unknown = evaluate(policy, make_report(None))
    assert not unknown.holds
    assert unknown.outcome == UNKNOWN


def test_every_rule_is_tested() -> None:
    """Every rule in rules.yaml is exercised here: term rules through TERM_RULES, the others by name."""
    source = Path(__file__).read_text(encoding="utf-8")
    untested = [rule.label for by_name in rules().values() for rule in by_name.values()
                if rule not in TERM_RULES and f'"{rule.name}"' not in source]
    assert untested == []
