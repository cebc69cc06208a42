"""The same binding license or the same reason is reported once, in first-seen order."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from howopen.evidence import Conflict, Provenance
from howopen.graders import grade_all
from howopen.graders.common import dedupe_reasons
from howopen.report import Reason

from . import releases as R

P = Provenance


def _conflicted_finetune():  # type: ignore[no-untyped-def]
    """The Apache-tagged Llama fine-tune, with the lineage stage's conflict naming the same llama3.1 license."""
    base = R.restricted_finetune()
    conflict = Conflict(declared="Apache-2.0", binding="llama3.1", why="a fine-tune of a Llama 3.1 model",
                        evidence=(P("README.md", line=2), P("README.md", line=3)))
    merge_parent = replace(base.lineage[0], id="meta-llama/Llama-3.1-8B-Instruct")
    return replace(base, conflicts=(conflict,), lineage=(*base.lineage, merge_parent))


def test_binding_license_reached_twice_is_listed_once() -> None:
    verdict, frameworks = grade_all(_conflicted_finetune())
    assert verdict.outcome == "restricted-weights"
    assert verdict.fields["binding_licenses"] == ["llama3.1"]
    for result in (verdict, *frameworks.values()):
        counts = Counter(r.text for r in result.reasons)
        assert [t for t, n in counts.items() if n > 1] == [], result.key


def test_dedupe_keeps_order_and_merges_evidence() -> None:
    reasons = [Reason("b", (P("x", line=1),)), Reason("a", (P("y"),)), Reason("b", (P("x", line=1), P("z")))]
    assert dedupe_reasons(reasons) == (Reason("b", (P("x", line=1), P("z"))), Reason("a", (P("y"),)))
