"""Explains an identified license: what it is, each term with its quoted clause, OSI and EU AI Act standing.

`explain()` builds the JSON object of `howopen license --format json` (schema `howopen.license/1`);
`render_text()` prints the same content for a terminal.
"""

from __future__ import annotations

import textwrap
from typing import Any

from .assess import eu_ai_act, osi
from .identify import Identification
from .kb import knowledge_base, locate_quote
from .model import TERM_TITLES, UNKNOWN_TERM_SUMMARY, License, Term, TermKey
from .readrecord import READ_CONFIDENCE

SCHEMA = "howopen.license/1"

_COMMERCIAL_ORDER = {"no": 0, "conditional": 1, "unknown": 2, "yes": 3}
_IMPOSED_ORDER = {"yes": 0, "unknown": 1, "no": 2}  # for restrictive terms: imposed is the stricter value


def _term_dict(term: Term, owner: str | None = None) -> dict[str, Any]:
    data = {"title": TERM_TITLES[term.key], **term.to_dict()}
    if owner:
        data["license"] = owner
    return data


def _combine(terms: list[tuple[str, Term]], key: TermKey, choose: bool) -> dict[str, Any]:
    """One term across several licenses: all apply (AND, concatenated texts) or one may be chosen (OR)."""
    graded = key in (TermKey.COMMERCIAL_USE, TermKey.REDISTRIBUTION)
    order = _COMMERCIAL_ORDER if graded else _IMPOSED_ORDER

    def rank(item: tuple[str, Term]) -> int:
        return order.get(item[1].value, 1)

    owner, term = (max if choose else min)(terms, key=rank)
    data = _term_dict(term, owner)
    data["clauses"] = [
        {**c.to_dict(), "license": o} for o, t in terms for c in t.clauses
    ] if not choose else data["clauses"]
    return data


def _unknown_terms() -> dict[str, Any]:
    return {str(k): _term_dict(Term(k, "unknown", "the license is not recognized")) for k in TermKey}


def _license_block(lic: License) -> dict[str, Any]:
    kb = knowledge_base()
    data = lic.to_dict(with_terms=False)
    data["aliases"] = list(lic.aliases)
    data["urls"] = list(lic.urls)
    data["text_file"] = lic.text_file
    data["source"] = lic.source
    data["notes"] = lic.notes
    data["restrictions"] = [str(t.key) for t in lic.restrictions()]
    data["incorporates"] = []
    for pid in lic.incorporates:
        policy = kb.get(pid)
        data["incorporates"].append({
            "id": pid,
            "name": policy.name if policy else None,
            "terms": {str(k): _term_dict(t) for k, t in policy.terms.items()} if policy else {},
        })
    return data


def _locate_in_input(data: dict[str, Any], text: str) -> None:
    """Add the line of the user's own file where each quoted clause stands (when it stands there verbatim)."""
    for term in data.get("terms", {}).values():
        for clause in term.get("clauses", ()):
            line = locate_quote(text, clause["quote"])
            if line is not None:
                clause["input_line"] = line


def explain(ident: Identification, *, read_notes: tuple[str, ...] = (), text: str | None = None) -> dict[str, Any]:
    """The `howopen.license/1` object; with `text` (the file explained) clauses also get their `input_line`."""
    data = _explain(ident, read_notes)
    if text is not None:
        _locate_in_input(data, text)
    return data


def _explain(ident: Identification, read_notes: tuple[str, ...]) -> dict[str, Any]:
    kb = knowledge_base()
    lic = kb.get(ident.license_id)
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "id": ident.license_id,
        "name": lic.name if lic else ident.name,
        "version": lic.version if lic else None,
        "date": lic.date if lic else None,
        "kind": lic.kind if lic else None,
        "family": lic.family if lic else None,
        "recognized": ident.recognized and (lic is not None or bool(ident.components)),
        "confidence": round(ident.confidence, 3),
        "method": ident.method,
        "span": list(ident.span) if ident.span else None,
        "note": ident.note,
        "identification": ident.to_dict(),
    }
    if read_notes:
        data["read_notes"] = list(read_notes)
    if lic is not None:
        data["license"] = _license_block(lic)
        data["terms"] = {str(k): _term_dict(lic.term(k)) for k in TermKey}
        data["osi"] = osi(lic).to_dict()
        data["eu_ai_act"] = eu_ai_act(lic).to_dict()
        data["open"] = lic.grants_four_freedoms
        return data
    parts = [_explain(c, ()) for c in ident.components]
    if parts:
        licenses = [(c.license_id or "", kb.get(c.license_id)) for c in ident.components]
        known = [(i, x) for i, x in licenses if x is not None and x.kind != "policy"]
        choose = bool(ident.expression and " OR " in ident.expression and " AND " not in ident.expression)
        data["id"] = ident.expression or " AND ".join(i for i, _ in licenses if i)
        data["components"] = parts
        data["combination"] = "choice (OR)" if choose else "all apply (AND)"
        if known and len(known) == len([x for _, x in licenses if x is None or x.kind != "policy"]):
            data["terms"] = {str(k): _combine([(i, x.term(k)) for i, x in known], k, choose) for k in TermKey}
        else:
            data["terms"] = _unknown_terms()
        statuses = [p["osi"]["status"] for p in parts if p.get("license", {}).get("kind") != "policy"]
        eu = [p["eu_ai_act"]["status"] for p in parts if p.get("license", {}).get("kind") != "policy"]
        data["osi"] = {"status": _merge_status(statuses, choose), "summary": "combined from the components"}
        data["eu_ai_act"] = {"status": _merge_status(eu, choose), "summary": "combined from the components"}
        data["open"] = data["osi"]["status"] == "pass" or None if data["osi"]["status"] != "fail" else False
        return data
    data["clues"] = [c.to_dict() for c in ident.clues]
    record = kb.get(ident.extra.get("read_id"))
    if record is not None:
        return _explain_read(data, ident, record)
    data["terms"] = _unknown_terms()
    why = "the license is not recognized; an unrecognized license is never called open"
    data["osi"] = {"status": "unknown", "summary": why, "findings": []}
    data["eu_ai_act"] = {"status": "unknown", "summary": why, "findings": []}
    data["open"] = None
    return data


def _explain_read(data: dict[str, Any], ident: Identification, record: License) -> dict[str, Any]:
    """An unknown or modified text: the terms read from it, and its standing (never the known license's)."""
    kb = knowledge_base()
    data["name"] = record.name
    data["read"] = {
        "id": record.id,
        "origin": record.origin,
        "modified_from": record.modified_from,
        "confidence": READ_CONFIDENCE,
        "changes": ident.extra.get("changes", []),
        "note": record.notes,
        "restrictions": [str(t.key) for t in record.restrictions()],
    }
    base = kb.get(record.modified_from)
    if base is not None:
        data["family"] = base.family
        data["read"]["modified_from_name"] = base.name
    data["terms"] = {}
    for key in TermKey:
        term = record.term(key)
        if term.value == "unknown" and not term.summary.startswith("the clause"):
            term = Term(key, "unknown", "no clause of the text states it" if base is None else UNKNOWN_TERM_SUMMARY)
        data["terms"][str(key)] = _term_dict(term)
    data["osi"] = osi(record).to_dict()
    data["eu_ai_act"] = eu_ai_act(record).to_dict()
    data["open"] = record.grants_four_freedoms
    return data


def _merge_status(statuses: list[str], choose: bool) -> str:
    if not statuses:
        return "unknown"
    order = ["fail", "unknown", "needs-review", "pass"]
    ranked = sorted(statuses, key=order.index)
    return ranked[-1] if choose else ranked[0]


# --------------------------------------------------------------------------------------------------------------
# Terminal text


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, width=100, initial_indent=indent, subsequent_indent=indent)


def _reference_files() -> set[str]:
    return {lic.text_file for lic in knowledge_base() if lic.text_file}


def _render_terms(terms: dict[str, Any], lines: list[str]) -> None:
    for key in TermKey:
        term = terms.get(str(key))
        if not term:
            continue
        owner = f" [{term['license']}]" if term.get("license") else ""
        lines.append(_wrap(f"{term['title']}: {term['value']}{owner} — {term['summary']}", "  "))
        for clause in term["clauses"][:2]:
            quote = " ".join(clause["quote"].split())
            if len(quote) > 240:
                quote = quote[:237] + "..."
            if clause.get("input_line") and clause["file"] not in _reference_files():
                where = f"line {clause['input_line']}"  # read from the file itself
            else:
                line = clause.get("input_line")
                where = clause["cite"] + (f"; your file line {line}" if line else "")
            lines.append(_wrap(f"“{quote}” ({where})", "      "))


def render_text(data: dict[str, Any]) -> str:
    lines: list[str] = []
    if data.get("license"):
        lic = data["license"]
        title = f"{data['name']} ({data['id']})"
        extra = ", ".join(x for x in (f"version {data['version']}" if data.get("version") else "",
                                      data.get("date") or "") if x)
        lines.append(title + (f", {extra}" if extra else ""))
        lines.append(f"  {lic['kind']} · family {lic['family']} · category {lic['category']} · OSI-approved: "
                     f"{_yn(lic['osi_approved'])} · FSF-libre: {_yn(lic['fsf_libre'])}"
                     + (f" · SPDX {lic['spdx_id']}" if lic.get("spdx_id") else "")
                     + (f" · ScanCode {lic['scancode_key']}" if lic.get("scancode_key") else ""))
    elif data.get("components"):
        lines.append(f"{data['id']} — {data['combination']}")
    elif data.get("read", {}).get("modified_from"):
        lines.append(f"{data['name']} (a modification of {data['read']['modified_from']}, not that license)")
    else:
        lines.append("Unrecognized license" + (": terms read from the text" if data.get("read") else ""))
    ident = data["identification"]
    how = f"Identified by {ident['method']}, confidence {ident['confidence']}"
    if ident.get("span"):
        how += f", lines {ident['span'][0]}-{ident['span'][1]}"
    lines.append(_wrap(how + (f"; {data['note']}" if data.get("note") else ""), "  "))
    for note in data.get("read_notes", ()):
        lines.append(f"  note: {note}")
    if data.get("license", {}).get("notes"):
        lines.append(_wrap(data["license"]["notes"], "  "))
    for policy in data.get("license", {}).get("incorporates", ()):
        lines.append(f"  Incorporates {policy['id']} ({policy['name'] or 'not in the knowledge base'})")
    if data.get("components"):
        for part in data["components"]:
            lines.append(f"  • {part['id'] or 'unrecognized'}: {part['name'] or part.get('note') or ''}")
    for change in data.get("read", {}).get("changes", ())[:10]:
        first, last = change["lines"]
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        if change["kind"] == "removed":
            where = f"removed from the known text ({where} there)"
        else:
            where = f"added or changed, {where}"
        text = change["text"] if len(change["text"]) <= 300 else change["text"][:297] + "..."
        lines.append(_wrap(f"{where}: “{text}”", "  "))
    if data.get("clues"):
        lines.append("")
        heading = ("Clauses read in the added or changed text:" if data.get("read", {}).get("modified_from")
                   else "Clauses detected in the text (it is not treated as open):")
        lines.append(heading)
        for clue in data["clues"][:30]:
            kinds = ", ".join(clue.get("kinds") or [clue["kind"]])
            lines.append(_wrap(f"line {clue['line']}: {kinds} — “{clue['quote']}”", "  "))
    if data.get("terms") and (data.get("recognized") or data.get("read")):
        lines.append("")
        lines.append("Terms:" if data.get("recognized") else
                     f"Terms (read from the text, confidence {data['read']['confidence']}):")
        _render_terms(data["terms"], lines)
    lines.append("")
    lines.append(_wrap(f"OSI / four freedoms: {data['osi']['status']} — {data['osi']['summary']}", ""))
    lines.append(_wrap(f"EU AI Act Art. 53(2) licence condition: {data['eu_ai_act']['status']} — "
                       f"{data['eu_ai_act']['summary']}", ""))
    return "\n".join(lines) + "\n"


def _yn(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")
