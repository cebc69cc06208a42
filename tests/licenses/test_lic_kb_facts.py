"""Knowledge-base facts QA checked against the verbatim texts: summaries claim only what quoted clauses say, and
Llama 3.2's EU clause is scoped to its multimodal models, in the data and in the report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from howopen import check
from howopen.licenses.kb import knowledge_base, locate_quote, reference_text
from support.snapshots import make_snapshot

# -------------------------------------------------------------------------------------------------------------
# 5. Summaries: no claim without a supporting text


@pytest.mark.parametrize("license_id", ["qwen", "tongyi-qianwen", "qwen-research", "tongyi-qianwen-research"])
def test_qwen_redistribution_summary_says_what_the_clauses_say(license_id: str) -> None:
    lic = knowledge_base().get(license_id)
    assert lic is not None and lic.text_file
    term = lic.term("redistribution")
    quotes = " ".join(c.quote for c in term.clauses)
    text = reference_text(lic.text_file)
    if "research" not in license_id:
        assert "research" not in text.lower().replace("research license agreement", "")  # the text never says it
        assert "research" not in term.summary.lower()
    for condition in ("a copy of this Agreement", "prominent notices stating that", '"Notice" text file'):
        assert condition in quotes, condition  # each condition of section 3 is quoted
    for clause in term.clauses:
        assert locate_quote(text, clause.quote) == clause.line


# Claims a summary can make that must be found, in those words, in the license's own texts.
CLAIMS = {
    "research": r"research",
    "military": r"militar",
    "European Union": r"European Union",
    "revenue": r"revenue",
    "billion": r"billion",
}


def _texts_of(license_id: str) -> str:
    kb = knowledge_base()
    lic = kb.get(license_id)
    assert lic is not None
    files = {lic.text_file} if lic.text_file else set()
    for term in lic.terms.values():
        files.update(c.file for c in term.clauses)
    for policy in lic.incorporates:
        record = kb.get(policy)
        if record is not None and record.text_file:
            files.add(record.text_file)
    return "\n".join(reference_text(f) for f in sorted(f for f in files if f))


def test_no_summary_claims_what_its_texts_never_say() -> None:
    wrong = []
    for lic in knowledge_base():
        if not lic.text_file:
            continue
        texts = _texts_of(lic.id)
        for key, term in lic.terms.items():
            if re.match(r"(No |The text has no|Derivatives need not)", term.summary):
                continue  # a statement that a clause is absent
            for claim, pattern in CLAIMS.items():
                if re.search(pattern, term.summary, re.I) and not re.search(pattern, texts, re.I):
                    wrong.append(f"{lic.id}.{key}: '{claim}' in '{term.summary}'")
    assert wrong == []


# -------------------------------------------------------------------------------------------------------------
# 6. Llama 3.2's EU clause: multimodal models only


def test_llama32_eu_term_quotes_the_whole_clause() -> None:
    aup = reference_text("llama3_2-aup.txt")
    for license_id in ("llama3.2", "llama3.2-aup"):
        term = knowledge_base().get(license_id).term("geographic_restriction")  # type: ignore[union-attr]
        quotes = [c.quote for c in term.clauses]
        assert any(q.startswith("With respect to any multimodal models included in Llama 3.2") for q in quotes)
        assert any("does not apply to end users" in q for q in quotes)
        assert all(locate_quote(aup, q) == 43 for q in quotes)
        assert term.params["applies_to"] == "multimodal" and term.params["regions"] == ["EU"]
        assert "multimodal" in term.summary and "not multimodal is not covered" in term.summary


def _llama32(tmp_path: Path, name: str, pipeline: str, model_type: str) -> dict:
    card = f"---\nlicense: llama3.2\npipeline_tag: {pipeline}\n---\n# {name}\n\nA Llama 3.2 model.\n"
    root = make_snapshot(tmp_path / name, card=card, config={"model_type": model_type})
    return json.loads(json.dumps(check(str(root)).to_dict()))


def _eu_scope(report: dict) -> dict:
    entry = next(e for e in report["licenses"] if e["id"] == "llama3.2")
    return next(s for s in entry["scoped_terms"] if s["term"] == "geographic_restriction")


def test_text_only_llama32_is_not_under_the_eu_clause(tmp_path: Path) -> None:
    scope = _eu_scope(_llama32(tmp_path, "Llama-3.2-1B", "text-generation", "llama"))
    assert scope["applies"] is False and "text-only" in scope["why"]
    assert scope["decided_by"] == "text-generation" and scope["evidence"][0]["line"] == 3


def test_vision_llama32_is_under_the_eu_clause(tmp_path: Path) -> None:
    scope = _eu_scope(_llama32(tmp_path, "Llama-3.2-11B-Vision", "image-text-to-text", "mllama"))
    assert scope["applies"] is True and "multimodal" in scope["why"]
    assert any("European Union" in c["quote"] for c in scope["clauses"])
    by_config = _eu_scope(_llama32(tmp_path, "Llama-3.2-90B-Vision", "other-task", "mllama"))
    assert by_config["applies"] is True and by_config["decided_by"] == "mllama"


def test_llama32_with_no_modality_signal_stays_undecided(tmp_path: Path) -> None:
    scope = _eu_scope(_llama32(tmp_path, "mystery", "other-task", "mystery-arch"))
    assert scope["applies"] is None and "not established" in scope["why"]
