"""Lineage: adapters, quantizations, merges, cycles and bounds, through the loopback Hub and in isolation."""

from __future__ import annotations

from dataclasses import replace

import pytest

from howopen import check
from howopen.evidence import (
    Artifact,
    ArtifactKind,
    BaseModelRef,
    ClaimKind,
    LicenseClaim,
    Provenance,
    Release,
    Status,
)
from howopen.licenses import resolve
from howopen.licenses.kb import knowledge_base
from howopen.lineage import LookupFailed, base_models_from_tags, merge_base_models, trace
from hubserver import HubServer

# -- through the loopback Hub ------------------------------------------------------------------------


def test_quantized_model_inherits_its_base_license_through_a_renamed_repository(hub: HubServer) -> None:
    report = check("bartowski/Meta-Llama-3.1-8B-Instruct-GGUF")
    (base,) = report.release.lineage
    assert base.id == "meta-llama/Meta-Llama-3.1-8B-Instruct"
    assert base.relation == "quantized"
    assert base.source == "hub" and base.found
    assert base.license is not None and base.license.id == "llama3.1"
    assert "is now meta-llama/Llama-3.1-8B-Instruct" in base.binds
    assert "user_cap" in base.passes_down and "naming_duty" in base.passes_down
    assert not report.release.conflicts  # llama3.1 declared on a llama3.1 base
    assert report.label == "restricted-weights"


def test_adapter_relation_from_the_hub_tags(hub: HubServer) -> None:
    report = check("ShinojiResearch/Senku-70B-Full")
    (base,) = report.release.lineage
    assert (base.id, base.relation, base.depth) == ("152334H/miqu-1-70b-sf", "adapter", 1)
    assert base.found and base.license is None  # the base declares no license
    assert "could not be established" in base.binds


def test_merge_lists_both_parents(hub: HubServer) -> None:
    report = check("AuriAetherwiing/MN-12B-Starcannon-v2")
    parents = {a.id: a for a in report.release.lineage}
    assert set(parents) == {"nothingiisreal/MN-12B-Celeste-V1.9", "intervitens/mini-magnum-12b-v1.1"}
    for ancestor in parents.values():
        assert ancestor.relation == "merge" and ancestor.depth == 1
        assert ancestor.license is not None and ancestor.license.id == "Apache-2.0"
        assert ancestor.passes_down == ()
        assert "does not bind derivatives" in ancestor.binds
    data = report.to_dict()
    assert [a["relation"] for a in data["lineage"]] == ["merge", "merge"]


def test_cycle_is_reported_and_followed_once(hub: HubServer) -> None:
    report = check("howopen-test/cycle-a")
    assert [a.id for a in report.release.lineage if a.signal == "declared"] == ["howopen-test/cycle-b"]
    # the card's prose names its real base ("fine-tuned on top of [Mistral-Nemo-Base-2407](...)"): a claim of its own
    assert [a.id for a in report.release.lineage if a.signal == "prose_id"] == ["mistralai/Mistral-Nemo-Base-2407"]
    (gap,) = [g for g in report.release.gaps if g.code == "lineage-cycle"]
    assert "howopen-test/cycle-a -> howopen-test/cycle-b -> howopen-test/cycle-a" in gap.message
    assert hub.count(r"cycle-a") <= 4  # the target is not fetched again as its own ancestor


def test_fine_tune_without_a_license_inherits_the_binding_one(hub: HubServer) -> None:
    report = check("DeepMount00/Llama-3.1-8b-Ita")
    weights = report.release.artifact(ArtifactKind.WEIGHTS)
    assert weights.license is not None and weights.license.id == "llama3.1"
    assert weights.license.declared is None
    assert report.release.fact("license_inherited_from") == "meta-llama/Meta-Llama-3.1-8B-Instruct"
    assert report.license is not None and report.license.id == "llama3.1"
    assert report.label == "restricted-weights"


@pytest.mark.skipif(knowledge_base().get("llama3") is None,
                    reason="the knowledge base has no Llama 3 record yet")
def test_apache_tag_on_a_llama3_fine_tune_is_a_conflict(hub: HubServer) -> None:
    report = check("NousResearch/Hermes-2-Theta-Llama-3-8B")
    ids = [(a.id, a.depth) for a in report.release.lineage]
    assert ids == [("NousResearch/Hermes-2-Pro-Llama-3-8B", 1), ("NousResearch/Meta-Llama-3-8B", 2)]
    conflict = next(c for c in report.release.conflicts if c.binding == "llama3")
    assert conflict.declared == "Apache-2.0"
    assert "NousResearch/Hermes-2-Pro-Llama-3-8B" in conflict.why
    assert report.label == "restricted-weights"
    data = report.to_dict()
    assert data["conflicts"][0]["binding"] == "llama3"


def test_lineage_works_offline_from_the_cache(hub: HubServer) -> None:
    check("DeepMount00/Llama-3.1-8b-Ita")
    hub.reset()
    report = check("DeepMount00/Llama-3.1-8b-Ita", offline=True)
    assert hub.count() == 0
    (base,) = report.release.lineage
    assert base.found and base.license is not None and base.license.id == "llama3.1"


# -- in isolation --------------------------------------------------------------------------------------


def _release(name: str, *, license: str | None = None, bases: tuple[str, ...] = (),
             relation: str | None = None, weights: bool = True) -> Release:
    org, _, model = name.partition("/")
    prov = Provenance(f"https://huggingface.co/{name}/blob/main/README.md", line=2, method="front-matter")
    claims = (LicenseClaim(ClaimKind.TAG, license, prov),) if license else ()
    status = Status.PRESENT if weights else Status.UNKNOWN
    weights_artifact = Artifact(ArtifactKind.WEIGHTS, status, locations=("model.safetensors",))
    artifacts = {ArtifactKind.WEIGHTS: weights_artifact}
    return Release(target=name, source="hub", name=model, organization=org, artifacts=artifacts,
                   license_claims=claims, base_models=tuple(BaseModelRef(b, relation, prov) for b in bases))


def _resolver(*releases: Release):  # type: ignore[no-untyped-def]
    known = {r.target.lower(): r for r in releases}
    return lambda ident: known.get(ident.lower())


def test_mit_tag_on_a_llama_based_distillation_is_a_conflict() -> None:
    llama = _release("meta-llama/Llama-3.1-8B", license="llama3.1")
    distill = _release("deepseek-ai/DeepSeek-R1-Distill-Llama-8B", license="mit",
                       bases=("meta-llama/Llama-3.1-8B",), relation="finetune")
    traced = trace(resolve(distill), _resolver(llama))
    (conflict,) = traced.conflicts
    assert (conflict.declared, conflict.binding) == ("MIT", "llama3.1")
    assert "naming duty" in conflict.why and "user cap" in conflict.why
    assert conflict.evidence[0].source.endswith("DeepSeek-R1-Distill-Llama-8B/blob/main/README.md")
    (ancestor,) = traced.lineage
    assert ancestor.passes_down[0] == "commercial_use"


def test_permissive_base_binds_nothing() -> None:
    base = _release("org/base", license="apache-2.0")
    child = _release("org/child", license="mit", bases=("org/base",))
    traced = trace(resolve(child), _resolver(base))
    assert traced.conflicts == ()
    assert traced.lineage[0].passes_down == ()


def test_same_family_is_not_a_conflict() -> None:
    base = _release("org/base", license="llama3.1")
    child = _release("org/child", license="llama3.1", bases=("org/base",))
    assert trace(resolve(child), _resolver(base)).conflicts == ()


def test_unfound_and_unreachable_bases_are_unknown_with_the_reason() -> None:
    child = _release("org/child", license="mit", bases=("org/missing", "org/offline"))

    def resolver(ident: str) -> Release | None:
        if ident == "org/offline":
            raise LookupFailed("not in the cache, and --offline forbids asking")
        return None

    missing, offline = trace(resolve(child), resolver).lineage
    assert not missing.found and missing.license is None and "no source knows" in missing.binds
    assert not offline.found and "--offline" in offline.binds


def test_no_resolver_lists_the_declared_bases() -> None:
    child = _release("org/child", bases=("org/base",), relation="adapter")
    (ancestor,) = trace(resolve(child)).lineage
    assert (ancestor.id, ancestor.relation, ancestor.found) == ("org/base", "adapter", False)


def test_depth_and_size_are_bounded() -> None:
    chain = [_release(f"org/m{i}", license="apache-2.0", bases=(f"org/m{i + 1}",)) for i in range(20)]
    traced = trace(resolve(chain[0]), _resolver(*chain), max_depth=5)
    assert [a.depth for a in traced.lineage] == [1, 2, 3, 4, 5]
    assert any(g.code == "lineage-too-deep" for g in traced.gaps)
    wide = _release("org/wide", bases=tuple(f"org/p{i}" for i in range(10)))
    traced = trace(resolve(wide), _resolver(), max_nodes=4)
    assert len(traced.lineage) == 4
    assert any(g.code == "lineage-too-large" for g in traced.gaps)


def test_diamond_is_not_a_cycle() -> None:
    root = _release("org/root", license="llama3.1")
    left = _release("org/left", license="llama3.1", bases=("org/root",))
    right = _release("org/right", license="llama3.1", bases=("org/root",))
    merge = _release("org/merge", license="llama3.1", bases=("org/left", "org/right"), relation="merge")
    traced = trace(resolve(merge), _resolver(root, left, right))
    assert [a.id for a in traced.lineage] == ["org/left", "org/right", "org/root"]
    assert not [g for g in traced.gaps if g.code == "lineage-cycle"]


def test_hub_tags_give_relations_and_extra_bases() -> None:
    prov = Provenance("https://huggingface.co/api/models/x/y", method="hub-api")
    tags = ["base_model:org/a", "base_model:finetune:org/a", "base_model:quantized:org/b", "license:mit", "x"]
    tagged = base_models_from_tags(tags, prov)
    assert [(b.id, b.relation) for b in tagged] == [("org/a", "finetune"), ("org/b", "quantized")]
    declared = [BaseModelRef("org/a", None, prov)]
    merged = merge_base_models(declared, tagged)
    assert [(b.id, b.relation) for b in merged] == [("org/a", "finetune"), ("org/b", "quantized")]
    assert replace(merged[0], relation=None).id == "org/a"


def test_bases_in_the_catalog_need_no_hub_request(hub: HubServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The catalog is another engineer's module: stand in for `howopen.catalog.find` and `CatalogSource`."""
    import sys
    import types

    llama = _release("meta-llama/Meta-Llama-3.1-8B-Instruct", license="llama3.1")
    catalog = types.ModuleType("howopen.catalog")
    catalog.find = lambda name: {"id": name} if name.lower() == llama.target.lower() else None  # type: ignore[attr-defined]
    source = types.ModuleType("howopen.sources.catalog")

    class CatalogSource:
        def __init__(self, record: dict[str, str]) -> None:
            self.record = record

        def fetch(self) -> Release:
            return replace(llama, source="catalog")

    source.CatalogSource = CatalogSource  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "howopen.catalog", catalog)
    monkeypatch.setitem(sys.modules, "howopen.sources.catalog", source)
    report = check("DeepMount00/Llama-3.1-8b-Ita")
    (base,) = report.release.lineage
    assert base.source == "catalog" and base.license is not None and base.license.id == "llama3.1"
    assert hub.count(r"meta-llama") == 0
    hub.reset()
    offline = check("DeepMount00/Llama-3.1-8b-Ita", offline=True)
    assert hub.count() == 0 and offline.release.lineage[0].source == "catalog"


def test_a_rights_holder_relicensing_its_own_derivative_is_not_bound_by_the_base_license() -> None:
    v3 = _release("deepseek-ai/DeepSeek-V3-Base", license="deepseek")
    r1 = _release("deepseek-ai/DeepSeek-R1", license="mit", bases=("deepseek-ai/DeepSeek-V3-Base",),
                  relation="finetune")
    traced = trace(resolve(r1), _resolver(v3))
    assert traced.conflicts == ()
    (ancestor,) = traced.lineage
    assert ancestor.same_publisher == "deepseek-ai" and ancestor.passes_down == ()
    assert "both are published by deepseek-ai" in ancestor.binds
    assert ancestor.to_dict()["same_publisher"] == "deepseek-ai"
    # a third party's fine-tune of R1 is reached through R1's MIT license, not V3's
    child = _release("someone/r1-tuned", license="mit", bases=("deepseek-ai/DeepSeek-R1",), relation="finetune")
    traced = trace(resolve(child), _resolver(v3, r1))
    assert traced.conflicts == ()
    assert [a.same_publisher for a in traced.lineage] == [None, "deepseek-ai"]


def test_a_third_party_fine_tune_of_the_same_base_is_still_bound() -> None:
    v3 = _release("deepseek-ai/DeepSeek-V3-Base", license="deepseek")
    child = _release("someone/v3-tuned", license="mit", bases=("deepseek-ai/DeepSeek-V3-Base",),
                     relation="finetune")
    traced = trace(resolve(child), _resolver(v3))
    (conflict,) = traced.conflicts
    assert conflict.binding == "deepseek-model-1.0"
    assert traced.lineage[0].same_publisher is None


def test_deepseek_r1_from_the_catalog_is_not_restricted_by_its_base() -> None:
    report = check("DeepSeek-R1", offline=True)
    assert report.release.conflicts == ()
    assert report.label != "restricted-weights"
    assert report.license is not None and report.license.id == "MIT"


def test_an_unresolved_base_of_the_same_rights_holder_does_not_leave_the_license_unknown() -> None:
    instruct = _release("Qwen/Qwen2.5-7B-Instruct", license="apache-2.0", bases=("Qwen/Qwen2.5-7B",),
                        relation="finetune")
    (ancestor,) = trace(resolve(instruct), _resolver()).lineage
    assert not ancestor.found and ancestor.same_publisher == "qwen"
    # an organisation that is not known to publish its own models gets no such benefit of the doubt
    mirror = _release("someone/tuned", license="apache-2.0", bases=("someone/base",), relation="finetune")
    (ancestor,) = trace(resolve(mirror), _resolver()).lineage
    assert ancestor.same_publisher is None
