"""Identifies licenses from tags, names, links, SPDX expressions and texts, with confidence and the matched span.

A text that matches nothing known is reported as unrecognized, with the clauses that could still be detected in
it; it is never guessed to be a known license.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from license_expression import ExpressionError, get_spdx_licensing

from ..evidence import ClaimKind, LicenseClaim, Provenance
from .kb import KnowledgeBase, knowledge_base, reference_text

SHINGLE = 5
TEXT_THRESHOLD = 0.80  # share of a reference text's shingles the input must contain
EXCERPT_THRESHOLD = 0.92  # share of an excerpt's shingles that must come from one reference text
MIN_EXCERPT_SHINGLES = 40


@dataclass(frozen=True)
class Clue:
    """A restrictive clause found in a text howopen could not identify."""

    kind: str  # non-commercial | research-only | user-threshold | revenue-threshold | use-restriction | ...
    line: int
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "line": self.line, "quote": self.quote}


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
        if self.claim is not None:
            data["declared"] = {
                "kind": str(self.claim.kind),
                "value": self.claim.value,
                "evidence": [self.claim.provenance.to_dict()],
            }
        return data


# --------------------------------------------------------------------------------------------------------------
# Text normalisation and shingles


_MARKUP = re.compile(r"[#*_>`|~]+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})
_WORD = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]")


def tokens_with_lines(text: str) -> list[tuple[str, int]]:
    """Lower-case word tokens of a text (Markdown markup and quote styles ignored), each with its line number."""
    out: list[tuple[str, int]] = []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        clean = _MARKUP.sub(" ", line.translate(_QUOTES).lower())
        out.extend((word, number) for word in _WORD.findall(clean))
    return out


def shingles(words: list[str]) -> list[int]:
    if len(words) < SHINGLE:
        return [zlib.crc32(" ".join(words).encode())] if words else []
    return [zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1)]


@dataclass(frozen=True)
class _Reference:
    license_id: str
    shingles: frozenset[int]


@functools.cache
def _references() -> tuple[_Reference, ...]:
    kb = knowledge_base()
    refs = []
    for lic in kb:
        if not lic.text_file:
            continue
        words = [w for w, _ in tokens_with_lines(reference_text(lic.text_file))]
        refs.append(_Reference(lic.id, frozenset(shingles(words))))
    return tuple(refs)


# --------------------------------------------------------------------------------------------------------------
# Clues in unrecognized texts

CLUE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("non-commercial", re.compile(r"non[- ]?commercial|not for commercial|no commercial use", re.I)),
    ("research-only", re.compile(r"research (purposes? |use )?only|solely for (non-commercial )?research", re.I)),
    ("user-threshold", re.compile(r"monthly active users|\bMAU\b|\d[\d,.]*\s*(million|billion)\s+users", re.I)),
    ("revenue-threshold", re.compile(r"(annual|yearly|monthly) (gross )?revenue|revenue (of|exceed)", re.I)),
    ("use-restriction", re.compile(r"acceptable use polic|prohibited use|you (shall|will|may) not use", re.I)),
    (
        "output-restriction",
        re.compile(r"outputs?\b.{0,80}\b(train|improve|develop)\b.{0,60}\b(model|llm|ai)", re.I),
    ),
)


def find_clues(text: str, limit: int = 50) -> tuple[Clue, ...]:
    clues: list[Clue] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for kind, pattern in CLUE_PATTERNS:
            match = pattern.search(line)
            if match:
                start = max(0, match.start() - 60)
                clues.append(Clue(kind, number, line[start : match.end() + 60].strip()))
                if len(clues) >= limit:
                    return tuple(clues)
    return tuple(clues)


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


def identify_name(value: str, method: str = "license_name") -> Identification:
    """A Hub tag, a `license_name` slug, an SPDX id or a ScanCode key."""
    kb = knowledge_base()
    lic = kb.lookup(value)
    if lic is None:
        return unrecognized(method, f"'{value}' is not a license identifier howopen knows")
    return _found(kb, lic.id, method, 1.0)


def identify_link(url: str) -> Identification:
    kb = knowledge_base()
    lic = kb.lookup_url(url)
    if lic is None:
        return unrecognized("license_link", f"the link {url} is not one howopen knows a license by")
    return _found(kb, lic.id, "license_link", 0.9)


def identify_expression(expression: str) -> Identification:
    """An SPDX expression such as `MIT OR Apache-2.0`, parsed with license-expression."""
    licensing = get_spdx_licensing()
    try:
        parsed = licensing.parse(expression)
    except ExpressionError as exc:
        return unrecognized("spdx", f"'{expression}' is not a valid SPDX expression: {exc}")
    if parsed is None:
        return unrecognized("spdx", "empty SPDX expression")
    keys = licensing.license_keys(parsed)
    components = tuple(identify_name(key, "spdx") for key in keys)
    if len(components) == 1:
        only = components[0]
        return Identification(**{**only.__dict__, "expression": parsed.render()})
    recognized = all(c.recognized for c in components)
    return Identification(
        license_id=None,
        recognized=recognized,
        confidence=min((c.confidence for c in components), default=0.0),
        method="spdx",
        expression=parsed.render(),
        components=components,
        note=None if recognized else "some licenses in the expression are not known",
    )


def identify_tag(value: str) -> Identification:
    """A card's `license:` value: a Hub identifier, else an SPDX expression."""
    named = identify_name(value, "tag")
    if named.recognized or not re.search(r"\s(and|or|with)\s", value, re.I):
        return named
    return identify_expression(value)


def _match_span(lines: list[int], hits: Iterable[bool]) -> tuple[int, int] | None:
    matched = [line for line, hit in zip(lines, hits, strict=False) if hit]
    return (min(matched), max(matched)) if matched else None


def identify_text(text: str) -> Identification:
    """A full license text, an excerpt of one, or several concatenated."""
    if not text.strip():
        return unrecognized("text", "the text is empty")
    kb = knowledge_base()
    toks = tokens_with_lines(text)
    words = [w for w, _ in toks]
    grams = shingles(words)
    lines = [toks[min(i, len(toks) - 1)][1] for i in range(len(grams))] if toks else []
    gram_set = set(grams)
    scored = []
    for ref in _references():
        if not ref.shingles:
            continue
        common = len(gram_set & ref.shingles)
        if common:
            scored.append((common / len(ref.shingles), common / max(1, len(gram_set)), ref))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    found: list[Identification] = []
    remaining = set(gram_set)
    for coverage, _precision, ref in scored:
        if coverage < TEXT_THRESHOLD:
            break
        if len(ref.shingles & remaining) < 0.5 * len(ref.shingles):
            continue  # a sibling of a text already matched, not a second license
        span = _match_span(lines, (g in ref.shingles for g in grams))
        found.append(_found(kb, ref.license_id, "text", round(coverage, 3), span=span))
        remaining -= ref.shingles
    if not found and scored and len(gram_set) >= MIN_EXCERPT_SHINGLES:
        best_precision = max(scored, key=lambda item: item[1])
        if best_precision[1] >= EXCERPT_THRESHOLD:
            ref = best_precision[2]
            span = _match_span(lines, (g in ref.shingles for g in grams))
            found.append(_found(kb, ref.license_id, "excerpt", round(best_precision[1] * 0.9, 3), span=span))
    if not found:
        return unrecognized("text", "the text matches no license howopen knows", clues=find_clues(text))
    if len(found) == 1:
        return found[0]
    return Identification(
        license_id=None,
        recognized=True,
        confidence=min(f.confidence for f in found),
        method="text",
        components=tuple(found),
        note="the text holds several license documents",
    )


def identify_claim(claim: LicenseClaim) -> Identification:
    """Identify one raw declaration from a source."""
    if claim.kind in (ClaimKind.FILE, ClaimKind.CARD_TEXT) or (claim.text and claim.kind != ClaimKind.TAG):
        result = identify_text(claim.text or "")
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
    return Identification(**{**result.__dict__, "claim": claim})


def identify_any(value: str) -> Identification:
    """For the `license` command: a tag, a name, an SPDX expression or a URL."""
    if re.match(r"https?://", value.strip()):
        return identify_link(value.strip())
    named = identify_name(value, "tag")
    if named.recognized:
        return named
    return identify_expression(value)


def claim_for_text(text: str, source: str) -> LicenseClaim:
    return LicenseClaim(ClaimKind.FILE, source, Provenance(source, method="license-text"), text=text)
