"""Identifies licenses from tags, names, links, SPDX expressions and texts, with confidence and the matched span.

A text that matches nothing known is reported as unrecognized, with the clauses that could still be detected in
it; it is never guessed to be a known license.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field, replace
from typing import Any

from ..evidence import ClaimKind, LicenseClaim, Provenance
from . import combine
from .diff import Change, changes
from .kb import KnowledgeBase, knowledge_base
from .model import GRADED_TERMS, RESTRICTIVE_TERMS, License
from .reader import Clue, Reading, find_clues, read
from .readrecord import READ_CONFIDENCE, modified_record, unknown_text_record
from .textmatch import Match, TextMatches, match_text, split_lines, tokens_with_lines, words_of

__all__ = ["Clue", "Identification", "find_clues", "identify_any", "identify_claim", "identify_text"]

# Card values that name no license: the license text (or `license_name`) decides.
NO_LICENSE_NAMED = frozenset({"other", "unknown", "none", "n/a", "na", "", "proprietary"})
MENTION_MAX_WORDS = 400  # longer unrecognized texts are not identified by the names they mention
# An "excerpt" holding this share of a known text or more is a whole document that lacks some of it: it is checked
# like a full text (the clauses behind the terms must stand in it), not trusted as a part of the known license.
LONG_EXCERPT = 0.5


@dataclass(frozen=True)
class Identification:
    """What a license declaration or text was identified as."""

    license_id: str | None
    recognized: bool
    confidence: float
    method: str  # tag | license_name | license_link | text | excerpt | spdx | gguf | catalog | none
    name: str | None = None
    span: tuple[int, int] | None = None  # first and last line of the input that matched
    claim: LicenseClaim | None = None
    expression: str | None = None
    components: tuple[Identification, ...] = ()
    clues: tuple[Clue, ...] = ()
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def ids(self) -> list[str]:
        """Every license id this identification names (its own, or its components')."""
        if self.components:
            return [i for c in self.components for i in c.ids()]
        return [self.license_id] if self.license_id else []

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.license_id,
            "name": self.name,
            "recognized": self.recognized,
            "confidence": round(self.confidence, 3),
            "method": self.method,
            "span": list(self.span) if self.span else None,
        }
        if self.expression:
            data["expression"] = self.expression
        if self.components:
            data["components"] = [c.to_dict() for c in self.components]
        if self.clues:
            data["clues"] = [c.to_dict() for c in self.clues]
        if self.note:
            data["note"] = self.note
        for key, value in self.extra.items():
            data.setdefault(key, value)
        if self.claim is not None:
            data["declared"] = {
                "kind": str(self.claim.kind),
                "value": self.claim.value,
                "evidence": [self.claim.provenance.to_dict()],
            }
        return data


# --------------------------------------------------------------------------------------------------------------
# Identification


def _found(kb: KnowledgeBase, license_id: str, method: str, confidence: float, **kwargs: Any) -> Identification:
    lic = kb.get(license_id)
    return Identification(
        license_id=license_id,
        recognized=True,
        confidence=confidence,
        method=method,
        name=lic.name if lic else None,
        **kwargs,
    )


def unrecognized(method: str, note: str, **kwargs: Any) -> Identification:
    return Identification(license_id=None, recognized=False, confidence=0.0, method=method, note=note, **kwargs)


def names_no_license(value: str) -> bool:
    """`other`, `unknown` and the like: the card names no license, so its text (or `license_name`) decides."""
    return value.strip().lower() in NO_LICENSE_NAMED


_OR_LATER = re.compile(r"^(?P<base>.+?)(\+|-or-later)$", re.I)


def identify_name(value: str, method: str = "license_name") -> Identification:
    """A Hub tag, a `license_name` slug, an SPDX id, a `LicenseRef-scancode-*` or ScanCode key.

    `GPL-3.0-or-later` and the deprecated `GPL-3.0+` are the base license's record (`GPL-3.0-only`), marked
    `or_later`: the terms are those of the named version, which the user may replace by a later one.
    """
    kb = knowledge_base()
    if names_no_license(value):
        return unrecognized(method, f"'{value.strip()}' names no license; the license text or license_name decides",
                            extra={"no_license_named": True})
    lic = kb.lookup(value)
    if lic is None and value.lower().startswith("licenseref-"):
        lic = kb.lookup(re.sub(r"^licenseref-(scancode-)?", "", value.strip(), flags=re.I))
    later = _OR_LATER.match(value.strip()) if lic is None else None
    if later:
        base = re.sub(r"-only$", "", later.group("base"), flags=re.I)
        lic = kb.lookup(f"{base}-only") or kb.lookup(base)
        if lic is not None and lic.kind != "family":
            return _found(kb, lic.id, method, 1.0, extra={"or_later": True},
                          note=f"'{value.strip()}': the terms of {lic.id}, or of any later version the user chooses")
        lic = None
    if lic is None:
        return unrecognized(method, f"'{value}' is not a license identifier howopen knows")
    return _found(kb, lic.id, method, 1.0)


def identify_link(url: str) -> Identification:
    """A `license_link`: a URL howopen knows a license by, else the URL's last path segment if that is an id."""
    kb = knowledge_base()
    url = url.strip()
    lic = kb.lookup_url(url)
    if lic is not None:
        return _found(kb, lic.id, "license_link", 0.9)
    if "://" not in url:
        return unrecognized("license_link", f"'{url}' points at a file in the repository; its text decides",
                            extra={"no_license_named": True})
    last = re.sub(r"\.(html?|txt|md|php)$", "", url.rstrip("/").rsplit("/", 1)[-1], flags=re.I)
    lic = kb.lookup(last) if last else None
    if lic is not None and lic.kind != "family":
        return _found(kb, lic.id, "license_link", 0.7, note=f"named by the link's last segment '{last}'")
    return unrecognized("license_link", f"the link {url} is not one howopen knows a license by")


def _leaf(symbol: Any) -> Identification:
    """One license of an expression; `X WITH exception` is X's record with the exception kept."""
    exception = getattr(symbol, "exception_symbol", None)
    if exception is not None:
        base = identify_name(str(symbol.license_symbol.key), "spdx")
        if not base.recognized:
            return base
        extra = {**base.extra, "exception": str(exception.key)}
        return replace(base, expression=str(symbol), extra=extra,
                       note=f"{base.license_id} with the additional permissions of {exception.key}; "
                            f"the terms shown are {base.license_id}'s")
    return identify_name(str(symbol.key), "spdx")


def _walk(node: Any, leaves: list[Identification], operators: set[str]) -> str | None:
    """The governing id of a parsed expression; its leaves and operators are collected on the way."""
    args = getattr(node, "args", None)
    if not args:
        ident = _leaf(node)
        leaves.append(ident)
        return ident.license_id if ident.recognized else None
    results = [_walk(arg, leaves, operators) for arg in args]
    operator = str(getattr(node, "operator", "")).strip().upper()
    operators.add(operator)
    ids = [r for r in results if not _is_policy_id(r)] or results
    return combine.most_permissive(ids) if operator == "OR" else combine.most_restrictive(ids)


def _is_policy_id(license_id: str | None) -> bool:
    lic = knowledge_base().get(license_id)
    return bool(lic and lic.kind == "policy")


def governing_note(kind: str, governing: str | None, declared: str) -> str:
    """How howopen reads a combination, in one sentence."""
    who = combine.describe(governing)
    if kind == "OR":
        return (f"'{declared}' lets the user choose (OR); the most permissive alternative, {who}, governs")
    if kind == "AND":
        return f"'{declared}': all of these apply (AND); the most restrictive, {who}, governs"
    if kind == "list":
        return (f"the card lists several licenses ({declared}); all are taken to apply, and the most restrictive, "
                f"{who}, governs")
    return f"'{declared}' combines choices (OR) and licenses that all apply (AND); {who} governs"


def identify_expression(expression: str) -> Identification:
    """An SPDX expression such as `MIT OR Apache-2.0`, parsed with license-expression.

    `OR` is a choice (the most permissive alternative governs), `AND` means all apply (the most restrictive governs);
    `WITH` exceptions and `-or-later`/`+` forms are the base license's record with the exception or option kept.
    """
    from license_expression import get_spdx_licensing  # here: a tag or a text needs no expression parser

    licensing = get_spdx_licensing()
    try:
        parsed = licensing.parse(expression)
    except Exception as exc:  # license-expression raises several error types for malformed input
        return unrecognized("spdx", f"'{expression}' is not a valid SPDX expression: {exc}")
    if parsed is None:
        return unrecognized("spdx", "empty SPDX expression")
    leaves: list[Identification] = []
    operators: set[str] = set()
    governing = _walk(parsed, leaves, operators)
    rendered = parsed.render()
    if len(leaves) == 1:
        only = leaves[0]
        return replace(only, expression=rendered)
    kind = operators.pop() if len(operators) == 1 else "mixed"
    recognized = all(c.recognized for c in leaves)
    combination = {"OR": "choice (OR)", "AND": "all apply (AND)", "mixed": "mixed (AND and OR)"}[kind]
    note = governing_note(kind, governing, rendered)
    if not recognized:
        note = "some licenses in the expression are not known; " + note
    return Identification(
        license_id=None,
        recognized=recognized,
        confidence=min((c.confidence for c in leaves), default=0.0),
        method="spdx",
        expression=rendered,
        components=tuple(leaves),
        note=note,
        extra={"combination": combination, "governing": governing},
    )


_EXPRESSION_HINT = re.compile(r"\s(and|or|with)\s|\+$|-or-later$|^\(", re.I)


def identify_tag(value: str) -> Identification:
    """A card's `license:` value: a Hub identifier, else an SPDX expression (`A OR B`, `X WITH e`, `GPL-3.0+`)."""
    named = identify_name(value, "tag")
    if named.recognized or not _EXPRESSION_HINT.search(value.strip()):
        return named
    found = identify_expression(value)
    return replace(found, method="tag") if found.recognized or found.components else named


# --------------------------------------------------------------------------------------------------------------
# Names mentioned in prose ("licensed under the Gemma Terms of Use")


def _mention_words(text: str) -> list[str]:
    """Words for name matching: like the text matcher's, but `++` (as in RAIL++) is kept as a word."""
    return re.findall(r"[a-z0-9]+|\+\+", text.lower().replace("’", "'"))


def _phrase_pattern(words: list[str]) -> str:
    return r"[\s\-_.]*".join(re.escape(w) for w in words)


def _mention_phrases(lic: License) -> list[str]:
    """Names, multi-word aliases, extra mentions, and ids with a version (`cc-by-sa-4.0`, `apache-2.0`)."""
    ids = [i for i in (lic.spdx_id, *lic.hub_ids) if i and re.search(r"[-.]\d", i)]
    return [lic.name, *lic.aliases, *lic.mentions, *ids]


@functools.cache
def _mention_index() -> tuple[re.Pattern[str], dict[str, str]]:
    """A regex over every license name and multi-word alias, longest first, and phrase -> license id."""
    phrases: dict[str, str] = {}
    for lic in knowledge_base():
        for name in _mention_phrases(lic):
            words = _mention_words(name)
            if len(words) < 2 or "(" in name:
                continue  # single words ("gemma", "mit") are too common in prose to name a license
            phrases.setdefault(" ".join(words), lic.id)
    ordered = sorted(phrases, key=len, reverse=True)
    alternatives = "|".join(_phrase_pattern(p.split(" ")) for p in ordered)
    pattern = re.compile(r"(?<![a-z0-9+])(" + alternatives + r")(?![a-z0-9+]|\.\d)")
    return pattern, phrases


@dataclass(frozen=True)
class Mention:
    """A license named in a text: its id, line, the words that named it, and the words before it in its clause."""

    license_id: str
    line: int
    words: str
    before: tuple[str, ...]  # the clause's words before the name (clauses end at , ; ( ) and dashes)

    @property
    def negated(self) -> bool:
        """"not under the MIT license", "is no longer under ...", "isn't licensed under ..."."""
        return any(w in _NEGATIONS for w in self.before)


_QUALIFIERS = frozenset({"modified", "custom", "customized", "customised", "adapted", "amended"})
_NEGATIONS = frozenset({"not", "no", "never", "nor", "longer", "isn", "aren", "wasn", "weren", "doesn", "don", "didn",
                        "cannot", "neither", "except", "instead", "rather"})
_TOKEN = re.compile(r"[a-z0-9]+|\+\+|(?P<bound>[,;:!?]|\.\s|\s[-\u2013\u2014]\s|[\u2013\u2014])")
_LINK_TARGET = re.compile(r"\]\(([^)\s]*)\)")  # Markdown [text](target): a URL target is no prose
_HTML_TAG = re.compile(r"<[^>]{0,500}>")


def _link_text(match: re.Match[str]) -> str:
    """A URL target is dropped; a file target (`[MIT](LICENSE)`) is kept as words: it names the license file."""
    target = match.group(1)
    return "] " if "://" in target or target.startswith("#") else f"] {target.rsplit('/', 1)[-1]} "


def _strip_markup(line: str) -> str:
    return _HTML_TAG.sub(" ", _LINK_TARGET.sub(_link_text, line))


def _words_and_clauses(line: str) -> tuple[list[str], list[int]]:
    """The line's mention words, and for each the index of the first word of its clause.

    Clauses end at , ; : ! ?, a sentence's full stop and dashes; Markdown link targets and HTML tags are dropped,
    brackets and parentheses are not boundaries ("released under the [MIT License](LICENSE)").
    """
    words: list[str] = []
    starts: list[int] = []
    clause_start = 0
    line = _strip_markup(line)
    for token in _TOKEN.finditer(line.lower().replace("\u2019", "'")):
        if token.group("bound"):
            clause_start = len(words)
            continue
        words.append(token.group())
        starts.append(clause_start)
    return words, starts


def iter_mentions(text: str) -> list[Mention]:
    """Every license named in `text`, in order of appearance (repeats included), with the clause words before it."""
    pattern, phrases = _mention_index()
    found: list[Mention] = []
    for number, line in enumerate(split_lines(text), start=1):
        words, starts = _words_and_clauses(line)
        clean = " ".join(words)
        for match in pattern.finditer(clean):
            license_id = phrases.get(" ".join(_mention_words(match.group(1))))
            if not license_id:
                continue
            index = clean[: match.start()].count(" ") if match.start() else 0
            if index and words[index - 1] in _QUALIFIERS:
                continue  # "Modified MIT License" (GPT-2's) names no license howopen knows, and not the MIT License
            first = starts[index] if index < len(starts) else index
            found.append(Mention(license_id, number, match.group(1), tuple(words[first:index])))
    return found


def find_mentions(text: str, *, affirmed_only: bool = False, declared_only: bool = False) \
        -> list[tuple[str, int, str]]:
    """Every license named in `text`: (license id, line, the words that named it), in order of appearance.

    When a family (`cc`, `openrail`) and one of its members are both named, only the member is kept. With
    `affirmed_only`, names in a negated clause ("not under the MIT license") are left out; with `declared_only`, so
    are names the clause does not declare the text to be under ("licensed under the X": yes; "compared with X": no).
    """
    found: list[tuple[str, int, str]] = []
    for mention in iter_mentions(text):
        if affirmed_only and mention.negated:
            continue
        if declared_only and not is_declaration(mention.before):
            continue
        if mention.license_id not in [f[0] for f in found]:
            found.append((mention.license_id, mention.line, mention.words))
    kb = knowledge_base()
    members = {lic.family for lic in (kb.get(f[0]) for f in found) if lic and lic.kind != "family"}
    return [f for f in found if not (kb.get(f[0]) and kb.get(f[0]).kind == "family"  # type: ignore[union-attr]
                                     and kb.get(f[0]).family in members)]  # type: ignore[union-attr]


def identify_mentions(text: str, *, declared_only: bool = False) -> Identification:
    """A short notice or card sentence that names a license ("... licensed under the Llama 3.1 Community License")."""
    kb = knowledge_base()
    mentions = find_mentions(text, affirmed_only=True, declared_only=declared_only)
    if not mentions:
        return unrecognized("mention", "the text names no license howopen knows (or only says it is not under one)")
    parts = tuple(
        _found(kb, license_id, "mention", 0.6, span=(line, line), note=f"names '{words}'")
        for license_id, line, words in mentions
    )
    if len(parts) == 1:
        return parts[0]
    return Identification(license_id=None, recognized=True, confidence=0.6, method="mention", components=parts,
                          note="the text names several licenses")


# --------------------------------------------------------------------------------------------------------------
# Texts


def _from_match(kb: KnowledgeBase, match: Match) -> Identification:
    extra: dict[str, Any] = {"coverage": match.coverage, "precision": match.precision}
    note = None
    if match.sibling:
        extra["told_apart_from"] = match.sibling
        extra["distinguishing_lines"] = list(match.evidence_lines)
        if match.evidence_lines:
            note = (f"told apart from {match.sibling} by lines "
                    f"{', '.join(str(n) for n in match.evidence_lines)}")
    return _found(kb, match.license_id, "excerpt" if match.excerpt else "text", match.confidence,
                  span=match.span, note=note, extra=extra)


@functools.cache
def _clause_words(license_id: str) -> tuple[tuple[str, str], ...]:
    """(term, normalised words) for every clause quoted from the license's own text."""
    lic = knowledge_base().get(license_id)
    if lic is None:
        return ()
    out = []
    for key, term in lic.terms.items():
        for clause in term.clauses:
            if clause.file == lic.text_file:
                out.append((str(key), " ".join(w for w, _ in tokens_with_lines(clause.quote))))
    return tuple(out)


def _changed_terms(license_id: str, words: str) -> list[str]:
    """The terms whose quoted clauses the input does not hold: a modified text, not the license itself."""
    changed: list[str] = []
    for key, quote in _clause_words(license_id):
        if quote and quote not in words and key not in changed:
            changed.append(key)
    return changed


def _heading_only(text: str, line: int) -> bool:
    """Is line `line` a title (a Markdown heading, or a short line of nothing but names) in a text with more lines?

    A heading never identifies a license: the text under it does. A text that is a single names-only line (a
    LICENSE file holding just "Apache 2.0") is a label, not a heading.
    """
    lines = split_lines(text)
    if line < 1 or line > len(lines):
        return False
    here = lines[line - 1].strip()
    others = [ln for number, ln in enumerate(lines, start=1) if number != line and ln.strip()]
    if not others:
        return False
    declares = re.search(r"\b(licen[sc]ed|released|under|subject|provided|distributed|governed)\b", here, re.I)
    return here.startswith("#") or (_names_only(here) and not declares)


def _identify_by_mention(text: str, reading: Reading, notice: bool) -> Identification | None:
    """A short notice naming its license ("... is licensed under the Llama 3.1 Community License"), never by its
    heading alone. A text that states clauses of its own is identified only by a name it declares itself under
    ("Licensed under the Apache License, Version 2.0"), and only when its clauses withhold nothing that license
    grants (an "MIT License" whose body allows non-commercial use only is not MIT)."""
    own = bool(reading.clues) and not notice
    named = identify_mentions(text, declared_only=own)
    if not named.recognized:
        return None
    parts = named.components or (named,)
    kept = tuple(p for p in parts if not (p.span and _heading_only(text, p.span[0])))
    if not kept:
        return None
    if own and not all(_consistent(p.license_id, reading) for p in kept):
        return None
    if len(kept) == 1:
        return kept[0]
    return replace(named, components=kept)


_GRADED = {"no": 0, "conditional": 1, "unknown": 2, "yes": 3}


def _consistent(license_id: str | None, reading: Reading) -> bool:
    """Do the clauses read in a text withhold nothing that the license it names grants?"""
    lic = knowledge_base().get(license_id)
    if lic is None:
        return False
    for key, term in reading.terms.items():
        known = lic.term(key).value
        if key in GRADED_TERMS:
            if term.value != "unknown" and _GRADED.get(term.value, 2) < _GRADED.get(known, 2):
                return False
        elif key in RESTRICTIVE_TERMS and term.value == "yes" and known != "yes":
            return False
    return True


def _modified(text: str, match: Match, found: tuple[Change, ...], unsupported: list[str],
              source: str) -> Identification:
    """A known text with clauses added, changed or removed: a record of its own, never the known license."""
    kb = knowledge_base()
    base = kb.get(match.license_id)
    assert base is not None
    lines = {n for c in found if c.kind == "added" for n in range(c.first_line, c.last_line + 1)}
    reading = read(text, source)
    record = modified_record(text, base, found, reading, lines, unsupported, source)
    significant = [c for c in found if c.matters]
    what = []
    added = [c for c in significant if c.kind == "added"]
    removed = [c for c in significant if c.kind == "removed"]
    if added:
        what.append("adds or changes lines " + ", ".join(
            str(c.first_line) if c.first_line == c.last_line else f"{c.first_line}-{c.last_line}" for c in added))
    if removed:
        what.append(f"drops {len(removed)} passage(s) of the known text")
    if unsupported:
        what.append(f"the clauses behind its {', '.join(unsupported)} terms differ")
    note = (f"a modified version of {base.id}: the text {'; '.join(what)}, so it is not {base.id} and its terms "
            "cannot be assumed; the added or changed clauses are read from the text")
    return Identification(
        license_id=None,
        recognized=False,
        confidence=round(min(match.coverage, match.precision) * READ_CONFIDENCE, 3),
        method="text",
        name=record.name,
        span=match.span,
        clues=tuple(c for c in reading.clues if c.line in lines) or reading.clues,
        note=note,
        extra={
            "read_id": record.id,
            "modified_from": base.id,
            "changes": [c.to_dict() for c in significant],
            "closest": [{"id": base.id, "coverage": match.coverage}],
            "changed_terms": unsupported,
        },
    )


def _departures(text: str, match: Match, others: tuple[tuple[int, int], ...], result: TextMatches, words: str) \
        -> tuple[list[str], tuple[Change, ...]]:
    """How a text departs from the known text it matched: the terms whose quoted clauses it lacks, and the runs it
    adds or drops (a dropped run counts only when it carried a clause)."""
    unsupported = _changed_terms(match.license_id, words)
    diff = changes(text, match.license_id, others, tokens=list(result.tokens), grams=list(result.grams),
                   complete=match.coverage >= 1.0)
    removed = tuple(c for c in diff if c.kind == "removed" and find_clues(c.text))
    return unsupported, tuple(c for c in diff if c.kind == "added") + removed


def identify_text(text: str, source: str = "input", *, notice: bool = False) -> Identification:
    """A full license text, an excerpt of one, a Markdown rendering, or several documents concatenated.

    A text is a known license only when its operative text matches the known one; a known text with clauses added,
    changed or removed is reported as a modification of it, and an unknown text is read clause by clause. A heading
    never identifies a license. A `notice` (a card sentence or NOTICE file that names the license) is identified by
    the names it declares even when it also restates a clause, and is not read as a license of its own.
    """
    if not text.strip():
        return unrecognized("text", "the text is empty")
    kb = knowledge_base()
    result: TextMatches = match_text(text)
    words = f" {' '.join(result.words)} "
    found: list[Identification] = []
    modified: list[Identification] = []
    for match in result.matches:
        if match.excerpt and match.coverage < LONG_EXCERPT:
            found.append(_from_match(kb, match))
            continue
        others = tuple(m.span for m in result.matches if m is not match)
        first: tuple[Match, tuple[Change, ...], list[str]] | None = None
        for candidate in (match, *(replace(match, license_id=i, coverage=c, sibling=match.license_id,
                                           evidence_lines=(), alternatives=())
                                   for i, c in match.alternatives)):
            unsupported, significant = _departures(text, candidate, others, result, words)
            if not unsupported and not any(c.matters for c in significant):
                found.append(_from_match(kb, candidate))
                break
            first = first or (candidate, significant, unsupported)
        else:
            assert first is not None
            modified.append(_modified(text, first[0], first[1], first[2], source))
    if modified:
        if not found and len(modified) == 1:
            return modified[0]
        parts = (*found, *modified)
        return Identification(
            license_id=None, recognized=False, confidence=min(p.confidence for p in parts), method="text",
            span=(min(p.span[0] for p in parts if p.span), max(p.span[1] for p in parts if p.span)),
            components=tuple(parts), note="the text holds several license documents, at least one of them modified",
            extra={"read_id": modified[0].extra["read_id"], "modified_from": modified[0].extra["modified_from"]},
        )
    if len(found) == 1:
        return found[0]
    if found:
        return Identification(
            license_id=None,
            recognized=True,
            confidence=min(f.confidence for f in found),
            method="text",
            span=(min(f.span[0] for f in found if f.span), max(f.span[1] for f in found if f.span)),
            components=tuple(found),
            note="the text holds several license documents",
        )
    reading = read(text, source)
    if len(words_of(text)) <= MENTION_MAX_WORDS:
        named = _identify_by_mention(text, reading, notice)
        if named is not None:
            return named
    extra: dict[str, Any] = {}
    note = "the text matches no license howopen knows"
    if result.ambiguous:
        extra["candidates"] = list(result.ambiguous)
        note = (f"the excerpt fits {', '.join(result.ambiguous)} equally; "
                "a version line or a differing clause would tell them apart")
    elif result.near:
        extra["closest"] = [{"id": n.license_id, "coverage": n.coverage} for n in result.near]
        note += f" (closest: {result.near[0].license_id}, {round(100 * result.near[0].coverage)}% of its text)"
    if reading.terms and not notice:
        record = unknown_text_record(text, reading, source)
        extra["read_id"] = record.id
        note += ("; the text is unknown, so its terms were read from the text itself (lower confidence) and it is "
                 "never called open")
    return unrecognized("text", note, clues=reading.clues, extra=extra)


def identify_claim(claim: LicenseClaim) -> Identification:
    """Identify one raw declaration from a source."""
    if claim.kind in (ClaimKind.FILE, ClaimKind.CARD_TEXT) or (claim.text and claim.kind != ClaimKind.TAG):
        result = identify_text(claim.text or "", claim.provenance.source, notice=claim.kind == ClaimKind.CARD_TEXT)
        if claim.kind == ClaimKind.SOURCE_REPOSITORY and not result.recognized:
            named = identify_name(claim.value, str(claim.kind))  # the id the code host gave the file
            if named.recognized:
                result = named
    elif claim.kind == ClaimKind.TAG:
        result = identify_tag(claim.value)
    elif claim.kind == ClaimKind.LICENSE_LINK:
        result = identify_link(claim.value)
    elif claim.kind == ClaimKind.GGUF:
        result = identify_tag(claim.value)
        if not result.recognized:
            result = identify_name(claim.value, "gguf")
    else:
        result = identify_name(claim.value, str(claim.kind))
    if claim.truncated and result.recognized:
        # Only the file's beginning was read: clauses past the cut can add terms, so what it begins as is not the
        # license it is (an Apache text followed by a non-commercial rider is not Apache-2.0).
        begins = result.license_id or ", ".join(c.license_id for c in result.components if c.license_id)
        result = unrecognized("text", f"{claim.provenance.source} is longer than howopen reads; its beginning matches "
                              f"{begins}, but the rest was not read and may add or change terms",
                              extra={"begins_as": begins})
    return Identification(**{**result.__dict__, "claim": claim})


def identify_any(value: str) -> Identification:
    """For the `license` command: a tag, a name, an SPDX expression or a URL."""
    if re.match(r"https?://", value.strip()):
        return identify_link(value.strip())
    named = identify_name(value, "tag")
    if named.recognized or named.extra.get("no_license_named"):
        return named
    if not re.search(r"[\s()]", value.strip()):
        return named  # one word that is no known id: say so rather than "unknown SPDX key"
    return identify_expression(value)


def claim_for_text(text: str, source: str) -> LicenseClaim:
    return LicenseClaim(ClaimKind.FILE, source, Provenance(source, method="license-text"), text=text)


# --------------------------------------------------------------------------------------------------------------
# Card bodies: the sentences that say under which license the release is offered

# A declaration names the license right after "<verb> ... under/by/to/with [the|terms of the|...]".
_VERBS = frozenset({"licensed", "licenced", "released", "distributed", "available", "provided", "governed", "covered",
                    "published", "offered", "shared", "subject", "release", "releases", "license", "licence",
                    "licenses", "open", "sourced", "sourcing", "made", "adhere", "adheres", "comply", "complies",
                    "falls", "fall", "restricted", "adherence"})
_PREPOSITIONS = frozenset({"under", "by", "to", "with"})
# A verb that takes the name directly: "licensed cc-by-nc-4.0", "licensed as MIT", "accept the terms of the X".
_DIRECT_VERBS = frozenset({"licensed", "licenced", "accept", "accepts", "inherits", "follows"})
_FILLER_BEFORE_NAME = frozenset({"the", "a", "an", "its", "their", "our", "terms", "of", "same", "following",
                                 "permissive", "permissively", "open", "source", "conditions", "and", "as", "gnu",
                                 "also", "non", "commercial", "noncommercial"})
# Words and word pairs that show the sentence is about something else than this release's own license.
_OTHER_THING = frozenset({
    "which", "who", "unlike", "like", "compared", "comparison", "versus", "vs", "whereas", "while",
    "similar", "previous", "predecessor", "earlier", "finetuned",
})
_OTHER_PAIRS = frozenset({
    ("based", "on"), ("based", "upon"), ("trained", "on"), ("trained", "from"), ("derived", "from"),
    ("built", "on"), ("built", "upon"), ("base", "model"), ("base", "models"), ("source", "model"),
    ("original", "model"), ("parent", "model"), ("upstream", "model"), ("pretrained", "model"),
    ("pre", "trained"), ("fine", "tuned"), ("fine", "tune"), ("fine", "tuning"),
})
# Words that do, unless the subject also names the release's own model, weights or checkpoints.
_OTHER_OBJECT = frozenset({
    "data", "dataset", "datasets", "corpus", "code", "codes", "codebase", "software", "library", "scripts",
    "framework", "tokenizer", "demo", "space", "paper", "images", "outputs", "output", "files",
})
_RELEASE_WORDS = frozenset({"model", "models", "weights", "checkpoint", "checkpoints"})
# In a "License" section, a short line that is only a name ("MIT License", "License: Apache 2.0", a link).
_SECTION_FILLER = frozenset({"license", "licence", "licensing", "licensed", "the", "this", "model", "models",
                             "weights", "is", "are", "under", "released", "see", "link", "here", "file", "agreement",
                             "terms", "of", "use", "https", "http", "www", "md", "txt", "blob", "main", "type"})
_LICENSE_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*(licen[sc]e|licensing|terms of use)\b", re.I)
_LICENSE_LABEL = re.compile(r"^[\s*_>|\-]*(model |weights? )?licen[sc]e( type)?[\s*_]*:", re.I)


def _about_something_else(words: list[str]) -> bool:
    if any(w in _OTHER_THING for w in words):
        return True
    for index, pair in enumerate(itertools.pairwise(words)):
        if pair in _OTHER_PAIRS and not (pair[0] == "source" and index > 0 and words[index - 1] == "open"):
            return True
    return any(w in _OTHER_OBJECT for w in words) and not any(w in _RELEASE_WORDS for w in words)


def is_declaration(before: tuple[str, ...]) -> bool:
    """Do the clause's words before a license name say that this release is offered under it?

    "This model is released under", "The weights are licensed under the terms of the", "Use of X is governed by
    the", "Licensed under", "This model is under", "licensed as": yes. "compared with", "trained on data under",
    "unlike", "which is released under", the base model's or the code's license, and anything negated ("not
    under", "no longer under"): no.
    """
    words = list(before)
    while words and words[-1] in _FILLER_BEFORE_NAME:
        words.pop()
    for _ in range(2):  # words of the name the knowledge base does not list ("under the CodeML Open RAIL-M")
        if words and words[-1] not in _PREPOSITIONS and words[-1] not in _DIRECT_VERBS \
                and any(w in _PREPOSITIONS for w in words[-4:-1]):
            words.pop()
            while words and words[-1] in _FILLER_BEFORE_NAME:
                words.pop()
    if not words:
        return False
    if any(w in _NEGATIONS for w in words):
        return False
    if words[-1] in _DIRECT_VERBS:
        return not _about_something_else(words[:-1])
    if words[-1] == "is" and len(words) >= 2 and words[-2] in ("license", "licence", "type"):
        return not _about_something_else(words[:-1])  # "the license (type) is X"
    if words[-1] not in _PREPOSITIONS:
        return False
    preposition = words.pop()
    is_under = bool(words) and words[-1] in ("is", "are", "now") and preposition == "under"
    if not is_under and not any(w in _VERBS for w in words[-7:]):
        return False
    return not _about_something_else(words)


def _names_only(sentence: str) -> bool:
    """A short line that is nothing but license names and filler words ("License: MIT", "[Apache 2.0](LICENSE)")."""
    words = _mention_words(_strip_markup(sentence))
    if not words or len(words) > 16:
        return False
    named = set()
    for mention in iter_mentions(sentence):
        named.update(_mention_words(mention.words))
    rest = [w for w in words if w not in named and w not in _SECTION_FILLER and not w.isdigit()]
    return len(rest) <= 1 and bool(named)


def license_sentences(body: str, limit: int = 10) -> list[tuple[int, str]]:
    """(line, sentence) pairs of a card body that say which known license the release is offered under.

    A sentence counts when it declares this release's license ("This model is released under ...", "The weights
    are licensed under ...") for a license howopen knows, or, in a "License" section, when it is nothing but the
    license's name. Bare mentions ("compared with Llama 2", "trained on data under CC-BY-SA", "unlike Gemma"),
    sentences about datasets, code or base models, and negations ("not under the MIT license") do not count.
    Lines are numbered as editors number them (LF, CRLF or CR only).
    """
    found: list[tuple[int, str]] = []
    in_license_section = False
    for number, line in enumerate(split_lines(body), start=1):
        if line.lstrip().startswith("#"):
            in_license_section = bool(_LICENSE_HEADING.match(line))
            continue
        if len(line) > 2000 or not find_mentions(line):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
            mentions = iter_mentions(sentence)
            if not mentions:
                continue
            declared = any(not m.negated and is_declaration(m.before) for m in mentions)
            labelled = in_license_section or bool(_LICENSE_LABEL.match(sentence))
            if declared or (labelled and _names_only(_LICENSE_LABEL.sub("", sentence))):
                found.append((number, sentence[:500]))
                if len(found) >= limit:
                    return found
    return found


def license_mentions(body: str, limit: int = 20) -> list[tuple[int, str, str]]:
    """(line, license id, sentence) for every license a card body only mentions, without declaring it.

    Such a mention never overrides the card's `license:` tag; it is at most a disagreement candidate.
    """
    declared_lines = {line for line, _ in license_sentences(body)}
    out: list[tuple[int, str, str]] = []
    for number, line in enumerate(split_lines(body), start=1):
        if number in declared_lines or line.lstrip().startswith("#") or len(line) > 2000:
            continue
        for mention in iter_mentions(line):
            if (number, mention.license_id) in {(n, i) for n, i, _ in out}:
                continue
            out.append((number, mention.license_id, line.strip()[:300]))
            if len(out) >= limit:
                return out
    return out
