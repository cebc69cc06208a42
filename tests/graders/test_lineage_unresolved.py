"""A derivative whose base model cannot be resolved: its own tag does not settle the license that binds it."""

from __future__ import annotations

from dataclasses import replace

from howopen.evidence import Ancestor, ArtifactKind, BaseModelRef, Fact, LicenseRef, Provenance, Release
from howopen.lineage import LookupFailed, trace
from howopen.pipeline import assess

from .releases import absent, deepseek_like, fully_open, llama_like, present, release, report

K = ArtifactKind
P = Provenance
BASE = "example/mystery-base-7b"


def _finetune(relation: str = "finetune", ancestor: Ancestor | None = None, build: Release | None = None) -> Release:
    """A fully open fine-tune (Apache-2.0 everything) of a base model the lineage stage could not look up."""
    base = build or fully_open()
    found = ancestor or Ancestor(BASE, 1, relation, None,
                                 f"open-lm-7b is a fine-tune of {BASE}; it could not be looked up (no source knows "
                                 "this model (not in the catalog, not on the Hub)), so its license is unknown",
                                 evidence=(P("README.md", line=3, method="front-matter"),), found=False)
    return replace(base, base_models=(BaseModelRef(BASE, relation, P("README.md", line=3)),), lineage=(found,))


def test_unresolved_base_makes_the_verdict_unknown_and_says_what_to_do() -> None:
    for relation in ("finetune", "adapter", "merge", "quantized"):
        graded = report(_finetune(relation))
        assert fully_open().base_models == ()  # the same release without a base is open-source
        assert graded.label == "unknown", relation
        text = " ".join(r.text for r in graded.verdict.reasons)
        assert f"base model {BASE} could not be resolved" in text.lower()
        assert "Apache-2.0" in text and "not in howopen's catalog" in text and "howopen check" in text
        assert graded.verdict.fields["lineage_unresolved"] == [BASE]
        assert "README.md:3" in {p.cite() for r in graded.verdict.reasons for p in r.evidence}


def test_unresolved_base_osaid_and_eu_ai_act_do_not_pass() -> None:
    graded = report(_finetune())
    assert report(fully_open()).frameworks["osaid"].outcome == "conforms"
    osaid = graded.frameworks["osaid"]
    assert osaid.outcome == "unknown" and osaid.fields["elements"]["parameters"]["conforms"] is None
    assert any(r.text.startswith("Parameters: base model") for r in osaid.reasons)
    mit = deepseek_like(tokens=False)
    facts = dict(mit.facts)
    facts["parameters"] = Fact(1_500_000_000, facts["parameters"].provenance)
    mit = replace(mit, facts=facts)  # small MIT model: exempt without a base
    assert report(mit).frameworks["eu_ai_act"].outcome == "exempt"
    eu = report(_finetune(build=mit)).frameworks["eu_ai_act"]
    assert eu.outcome == "unknown" and BASE in eu.fields["because"]


def test_known_base_with_unknown_terms_is_unknown_too() -> None:
    odd = LicenseRef(id=None, declared="other", recognized=False, evidence=(P("https://example.org/LICENSE"),))
    ancestor = Ancestor(BASE, 1, "finetune", odd, "open-lm-7b is a fine-tune of example/mystery-base-7b; its "
                        "license (other) is not one howopen knows, so what it passes down is unknown",
                        evidence=(P("README.md", line=3),), source="hub")
    graded = report(_finetune(ancestor=ancestor))
    assert graded.label == "unknown"
    assert any("(other (unrecognized)) is not one whose terms howopen knows" in r.text for r in graded.verdict.reasons)


def test_permissive_base_is_settled_and_restrictive_own_license_stays_restricted() -> None:
    apache = Ancestor(BASE, 1, "finetune", LicenseRef(id="apache-2.0", recognized=True), "permissive",
                      evidence=(P("README.md", line=3),), source="catalog")
    assert report(_finetune(ancestor=apache)).label == "open-source"
    restricted = report(_finetune(build=llama_like()))
    assert restricted.label == "restricted-weights"
    assert any("terms beyond the restrictions listed here may apply" in r.text for r in restricted.verdict.reasons)


def test_through_the_pipeline_offline_and_not_found() -> None:
    child = release("child", [present(K.WEIGHTS, "MIT", "model.safetensors", None), absent(K.TRAINING_CODE)],
                    base_models=(BaseModelRef(BASE, "adapter", P("README.md", line=4)),))

    def offline(ident: str) -> Release | None:
        raise LookupFailed("not in the cache, and --offline forbids asking")

    for resolver in (offline, lambda ident: None):
        graded = assess(child, resolver=resolver)
        assert graded.label == "unknown"
        assert graded.frameworks["osaid"].outcome != "conforms"
        assert graded.frameworks["eu_ai_act"].outcome not in ("exempt", "not-applicable")
    assert trace(child, offline).lineage[0].found is False


def test_unresolved_base_leaves_the_mof_parameters_unknown() -> None:
    mof = report(_finetune()).frameworks["mof"]
    name = "Model parameters (Final)"
    assert report(fully_open()).frameworks["mof"].fields["components"][name]["status"] == "included"
    weights = mof.fields["components"][name]
    assert weights["status"] == "unknown" and BASE in weights["why"]
    assert mof.fields["class_if_unknown_included"] == "I"
