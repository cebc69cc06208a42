"""OSI and EU AI Act standing of licenses, term by term."""

from __future__ import annotations

import pytest

from howopen.licenses import knowledge_base
from howopen.licenses.assess import eu_ai_act, osi


@pytest.mark.parametrize("license_id, osi_status, eu_status, deciding", [
    ("MIT", "pass", "pass", None),
    ("Apache-2.0", "pass", "pass", None),
    ("CC-BY-4.0", "pass", "pass", None),
    ("OpenMDW-1.0", "pass", "pass", None),
    ("llama3.1", "fail", "fail", "user_cap"),
    ("qwen-research", "fail", "fail", "commercial_use"),
    ("stability-ai-community", "fail", "fail", "revenue_cap"),
    ("yi-community-2.1", "fail", "fail", "registration"),
    ("tencent-hunyuan-3d-2.0", "fail", "fail", "geographic_restriction"),
    ("microsoft-research-license", "fail", "fail", "commercial_use"),
    ("bigscience-openrail-m", "fail", "needs-review", "field_of_use"),
    ("h-research", "unknown", "unknown", None),
    ("cc", "unknown", "unknown", None),
])
def test_standing(license_id: str, osi_status: str, eu_status: str, deciding: str | None) -> None:
    lic = knowledge_base().get(license_id)
    assert lic is not None
    o, e = osi(lic), eu_ai_act(lic)
    assert (o.status, e.status) == (osi_status, eu_status), (o, e)
    if deciding:
        assert deciding in [str(f.term) for f in e.findings]
        assert all(f.cite for f in e.findings if str(f.term) == deciding)


def test_policies_are_judged_through_their_license() -> None:
    policy = knowledge_base().get("llama3.1-aup")
    assert osi(policy).status == eu_ai_act(policy).status == "not-applicable"


def test_unrecognized_is_never_open() -> None:
    assert osi(None).status == "unknown" and eu_ai_act(None).status == "unknown"


def test_every_restricted_license_fails_or_needs_review_under_the_eu_ai_act() -> None:
    for lic in knowledge_base():
        if lic.kind == "license" and lic.commercial_use in ("no", "conditional"):
            assert eu_ai_act(lic).status == "fail", lic.id
        if lic.grants_four_freedoms is False and lic.kind == "license":
            assert osi(lic).status == "fail", lic.id
