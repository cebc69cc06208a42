"""The census groups read the known model families (one source of truth): their licenses and organisations come
from ancestry/data/families.yaml; what the census file adds (id patterns, older tags) does not repeat it."""

from __future__ import annotations

from importlib import resources

import yaml

from howopen.ancestry import families as ancestry
from howopen.index import census
from howopen.licenses.kb import knowledge_base

NAMES = ["Llama 1", "Llama 2", "Llama 3", "Llama 4", "Gemma", "Qwen", "Mistral", "DeepSeek", "Falcon", "Phi", "Yi",
         "Stable Diffusion", "FLUX", "BLOOM", "StarCoder", "Pythia / GPT-NeoX / GPT-J", "OLMo", "InternLM / InternVL",
         "GPT-2", "BERT and its kin", "T5", "Whisper", "wav2vec 2.0", "CLIP", "Other"]


def _raw() -> list[dict[str, object]]:
    text = resources.files("howopen.index").joinpath("data/families.yaml").read_text(encoding="utf-8")
    return list(yaml.safe_load(text)["families"])


def test_the_census_names_are_unchanged() -> None:
    assert census.family_names() == NAMES


def test_members_are_known_families_each_in_one_group() -> None:
    keys = {f.key for f in ancestry.families()}
    seen: list[str] = []
    for entry in _raw():
        members = [str(k) for k in entry.get("members") or []]  # type: ignore[attr-defined]
        assert set(members) <= keys, entry["name"]
        seen.extend(members)
    assert len(seen) == len(set(seen))


def test_the_census_file_repeats_no_license_or_organisation_of_the_families() -> None:
    carried = {lic.lower() for f in ancestry.families() for lic in (f.license, *f.sizes.values()) if lic}
    by_key = {f.key: f for f in ancestry.families()}
    for entry in _raw():
        extra = {str(x).lower() for x in entry.get("licenses") or []}  # type: ignore[attr-defined]
        assert not extra & carried, entry["name"]
        orgs = {o.lower() for k in entry.get("members") or [] for o in by_key[str(k)].orgs}  # type: ignore[attr-defined]
        assert not {str(x).lower() for x in entry.get("publisher") or []} & orgs, entry["name"]  # type: ignore[attr-defined]


def test_groups_take_the_restrictive_licenses_and_organisations_of_their_members() -> None:
    groups = {f.name: f for f in census.families()}
    assert {"llama3", "llama3.1", "llama3.2", "llama3.3"} <= groups["Llama 3"].licenses
    assert "meta-llama" in groups["Llama 3"].publisher
    assert "mistral-non-production" in groups["Mistral"].licenses  # Codestral's, from the families data
    kb = knowledge_base()
    for group in census.families():  # an open license (Qwen2's Apache-2.0) never places a model in a family
        assert not any((lic := kb.get(x)) is not None and lic.osi_approved for x in group.licenses), group.name


def test_an_ancestor_that_is_a_known_family_belongs_to_its_group() -> None:
    def family(ident: str, lic: str | None = None) -> str | None:
        report = {"lineage": [{"id": ident, "depth": 1, "license": {"id": lic} if lic else None}]}
        return census.family_of(report)[0]

    assert family("meta-llama/Llama 3.1") == "Llama 3"
    assert family("mistralai/Codestral") == "Mistral"
    assert family("google/gemma-2-9b-it") == "Gemma"
    assert family("someone/apache-model", "Apache-2.0") == "Other"
