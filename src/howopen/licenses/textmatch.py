"""Text matching: normalised word shingles, an inverted index over the reference texts, and sibling resolution.

A text is compared with every reference text of the knowledge base through an inverted index of 5-word shingles
(lower-cased words, Markdown markup, quote styles, line breaks and CRLF ignored). A reference matches when the text
holds nearly all of its shingles and the matched region holds few shingles of its own. Near-versions (Llama 3.1 vs
3.3, the Gemma terms of 2024 and 2025, Qwen vs Qwen Research) share most shingles, so among close candidates the
winner is the one whose *distinguishing* shingles (those its sibling lacks: version lines, dates, the clauses that
differ) the text holds; the lines that carry them are returned as the evidence.

The index is built once per process, lazily, from the bundled texts.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from .kb import knowledge_base, reference_text

SHINGLE = 5
MAX_TOKENS = 400_000  # bound the work on enormous inputs (a license is a few thousand words)

_MARKUP = re.compile(r"[#*_>`|~\\]+")
_QUOTES = str.maketrans({
    "“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " ", "\ufeff": " ",
})
_WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff\uac00-\ud7af]")


def split_lines(text: str) -> list[str]:
    """A text's lines as editors number them: split on LF, CRLF and lone CR only.

    `str.splitlines()` also splits on \\x0b, \\x0c, \\x1c-\\x1e, \\x85, U+2028 and U+2029, which would make cited line
    numbers drift from what an editor (and the card reader, which normalises CRLF and CR) shows.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def tokens_with_lines(text: str, limit: int = MAX_TOKENS) -> list[tuple[str, int]]:
    """Lower-case word tokens of a text (Markdown markup and quote styles ignored), each with its line number."""
    out: list[tuple[str, int]] = []
    for number, line in enumerate(split_lines(text), start=1):
        clean = _MARKUP.sub(" ", line.translate(_QUOTES).lower())
        out.extend((word, number) for word in _WORD.findall(clean))
        if len(out) >= limit:
            return out[:limit]
    return out


def words_of(text: str) -> list[str]:
    """The normalised words of a whole text (no line numbers: the fast path for reference texts)."""
    return _WORD.findall(_MARKUP.sub(" ", text.translate(_QUOTES).lower()))


def shingles(words: list[str]) -> list[int]:
    if len(words) < SHINGLE:
        return [hash(tuple(words))] if words else []
    return [hash(t) for t in zip(words, words[1:], words[2:], words[3:], words[4:], strict=False)]


@dataclass(frozen=True)
class Reference:
    license_id: str
    shingles: frozenset[int]


@dataclass(frozen=True)
class Index:
    refs: tuple[Reference, ...]
    postings: dict[int, tuple[int, ...]]


@functools.cache
def index() -> Index:
    """The inverted index over every reference text of the knowledge base (built once per process)."""
    refs: list[Reference] = []
    postings: dict[int, list[int]] = {}
    for lic in knowledge_base():
        if not lic.text_file:
            continue
        words = words_of(reference_text(lic.text_file))
        grams = frozenset(shingles(words))
        if not grams:
            continue
        position = len(refs)
        refs.append(Reference(lic.id, grams))
        for gram in grams:
            postings.setdefault(gram, []).append(position)
    return Index(tuple(refs), {g: tuple(p) for g, p in postings.items()})


@dataclass(frozen=True)
class Match:
    """One reference text found in the input."""

    license_id: str
    coverage: float  # share of the reference's shingles the input holds
    precision: float  # share of the input's shingles in the matched span that come from the reference
    span: tuple[int, int]
    excerpt: bool = False
    sibling: str | None = None  # the closest other reference it was told apart from
    evidence_lines: tuple[int, ...] = ()  # input lines holding shingles the sibling lacks
    alternatives: tuple[tuple[str, float], ...] = ()  # near-siblings that also cover the text: (id, coverage)

    @property
    def confidence(self) -> float:
        score = min(self.coverage, self.precision) if not self.excerpt else 0.9 * self.precision
        return round(score, 3)


@dataclass(frozen=True)
class Near:
    """A reference the input resembles without matching it (a different version, or a modified text)."""

    license_id: str
    coverage: float
    precision: float


@dataclass(frozen=True)
class TextMatches:
    matches: tuple[Match, ...]
    near: tuple[Near, ...] = ()
    ambiguous: tuple[str, ...] = ()  # excerpt candidates that could not be told apart
    words: tuple[str, ...] = ()  # the input's normalised words, for clause checks
    tokens: tuple[tuple[str, int], ...] = ()  # the same words with their lines, for finding what differs
    grams: tuple[int, ...] = ()  # the input's shingles, in order


# Thresholds: a full text must hold this share of the reference's shingles, and the span it matched must hold
# at most (1 - MIN_PRECISION) shingles foreign to the reference. Anything looser is "near", never a match.
MIN_COVERAGE = 0.9
MIN_PRECISION = 0.85
NEAR_COVERAGE = 0.5
EXCERPT_PRECISION = 0.93
MIN_EXCERPT_SHINGLES = 30
MIN_SECOND_DOCUMENT = 20  # shingles a second document must add beyond the first


@dataclass
class _Input:
    tokens: list[tuple[str, int]]
    words: list[str]
    grams: list[int]
    first_line: list[int]
    last_line: list[int]
    gram_set: set[int]


def _prepare(text: str) -> _Input:
    toks = tokens_with_lines(text)
    words = [w for w, _ in toks]
    grams = shingles(words)
    first = [toks[i][1] for i in range(len(grams))]
    last = [toks[min(i + SHINGLE - 1, len(toks) - 1)][1] for i in range(len(grams))]
    return _Input(toks, words, grams, first, last, set(grams))


def _span(inp: _Input, ref: frozenset[int]) -> tuple[tuple[int, int], float]:
    """The densest region of the input made of the reference's shingles, and the share of its shingles they are.

    A maximum-sum segment over +1 (shingle of the reference) / -1 (foreign shingle): stray shared phrases
    elsewhere in the input (a second document, a preamble) do not stretch the span.
    """
    best_sum, best = 0, (0, -1)
    run, start = 0, 0
    for i, gram in enumerate(inp.grams):
        if run <= 0:
            run, start = 0, i
        run += 1 if gram in ref else -1
        if run > best_sum:
            best_sum, best = run, (start, i)
    lo, hi = best
    if hi < lo:
        return (0, 0), 0.0
    inside = hi - lo + 1
    hits = sum(1 for g in inp.grams[lo : hi + 1] if g in ref)
    return (inp.first_line[lo], inp.last_line[hi]), hits / inside


def _distinct_share(inp: set[int], own: frozenset[int], other: frozenset[int]) -> tuple[float, int]:
    only = own - other
    if not only:
        return 1.0, 0
    return len(inp & only) / len(only), len(only)


def _beats(inp: set[int], a: Reference, b: Reference, common: Counter[int], ia: int, ib: int) -> bool:
    """Does reference `a` explain the input better than its near-sibling `b`?"""
    fa, _ = _distinct_share(inp, a.shingles, b.shingles)
    fb, _ = _distinct_share(inp, b.shingles, a.shingles)
    if abs(fa - fb) > 1e-9:
        return fa > fb
    return (common[ia], -len(a.shingles)) >= (common[ib], -len(b.shingles))


def _evidence_lines(inp: _Input, own: frozenset[int], other: frozenset[int], limit: int = 5) -> tuple[int, ...]:
    only = own - other
    lines: list[int] = []
    for i, gram in enumerate(inp.grams):
        if gram in only and inp.first_line[i] not in lines:
            lines.append(inp.first_line[i])
            if len(lines) >= limit:
                break
    return tuple(lines)


def match_text(text: str) -> TextMatches:
    """Every reference text found in `text` (several when documents are concatenated), or what it resembles."""
    idx = index()
    inp = _prepare(text)
    if not inp.gram_set:
        return TextMatches(())
    common: Counter[int] = Counter()
    for gram in inp.gram_set:
        for position in idx.postings.get(gram, ()):
            common[position] += 1
    coverage = {p: n / len(idx.refs[p].shingles) for p, n in common.items()}
    candidates = sorted((p for p, c in coverage.items() if c >= NEAR_COVERAGE), key=lambda p: -coverage[p])

    matches: list[Match] = []
    claimed: set[int] = set()  # input shingles explained by documents already matched
    pool = list(candidates)
    while pool:
        # The best remaining candidate, after sibling resolution among the candidates it overlaps.
        best = pool[0]
        for other in pool[1:]:
            a, b = idx.refs[best], idx.refs[other]
            if len(a.shingles & b.shingles) < 0.5 * min(len(a.shingles), len(b.shingles)):
                continue
            if _beats(inp.gram_set, b, a, common, other, best):
                best = other
        pool.remove(best)
        ref = idx.refs[best]
        if coverage[best] < MIN_COVERAGE:
            continue
        new = ref.shingles - claimed
        if matches and len(inp.gram_set & new) < max(MIN_SECOND_DOCUMENT, 0.5 * len(new)):
            continue  # a sibling or a part of a document already matched, not a second document
        span, precision = _span(inp, ref.shingles)
        if precision < MIN_PRECISION:
            continue
        sibling = _closest_sibling(best, [p for p in candidates if p != best])
        evidence: tuple[int, ...] = ()
        if sibling is not None:
            evidence = _evidence_lines(inp, ref.shingles, idx.refs[sibling].shingles)
        alternatives = tuple(
            (idx.refs[p].license_id, round(coverage[p], 4)) for p in candidates
            if p != best and coverage[p] >= MIN_COVERAGE
            and len(ref.shingles & idx.refs[p].shingles) >= 0.5 * min(len(ref.shingles), len(idx.refs[p].shingles))
        )
        matches.append(Match(ref.license_id, round(coverage[best], 4), round(precision, 4), span,
                             sibling=idx.refs[sibling].license_id if sibling is not None else None,
                             evidence_lines=evidence, alternatives=alternatives))
        claimed |= ref.shingles
    if matches:
        matches.sort(key=lambda m: m.span)
        return TextMatches(tuple(matches), words=tuple(inp.words), tokens=tuple(inp.tokens), grams=tuple(inp.grams))

    near = tuple(
        Near(idx.refs[p].license_id, round(coverage[p], 4), round(_span(inp, idx.refs[p].shingles)[1], 4))
        for p in candidates[:3]
    )
    if len(inp.gram_set) >= MIN_EXCERPT_SHINGLES and common:
        excerpt = _excerpt(inp, common)
        if isinstance(excerpt, Match):
            return TextMatches((excerpt,), near, words=tuple(inp.words), tokens=tuple(inp.tokens),
                               grams=tuple(inp.grams))
        if excerpt:
            return TextMatches((), near, excerpt)
    return TextMatches((), near)


def _closest_sibling(position: int, others: list[int]) -> int | None:
    refs = index().refs
    own = refs[position].shingles
    best, best_overlap = None, 0.5
    for other in others:
        overlap = len(own & refs[other].shingles) / max(1, min(len(own), len(refs[other].shingles)))
        if overlap > best_overlap:
            best, best_overlap = other, overlap
    return best


def _excerpt(inp: _Input, common: Counter[int]) -> Match | tuple[str, ...] | None:
    """A part of one reference text: nearly all its shingles come from that reference and no sibling."""
    refs = index().refs
    size = len(inp.gram_set)
    ranked = sorted(common, key=lambda p: -common[p])
    top = ranked[0]
    precision = common[top] / size
    if precision < EXCERPT_PRECISION:
        return None
    tied = [p for p in ranked if common[p] / size >= precision - 0.01]
    if len(tied) > 1:
        # Siblings share the excerpt; the one whose distinguishing shingles appear wins, else it is ambiguous.
        scored = []
        for p in tied:
            rivals = [q for q in tied if q != p]
            hits = sum(len(inp.gram_set & (refs[p].shingles - refs[q].shingles)) for q in rivals)
            scored.append((hits, p))
        scored.sort(reverse=True)
        if scored[0][0] == 0 or scored[0][0] == scored[1][0]:
            return tuple(sorted(refs[p].license_id for p in tied))
        top = scored[0][1]
    span, _ = _span(inp, refs[top].shingles)
    sibling = _closest_sibling(top, [p for p in ranked[:10] if p != top])
    evidence = _evidence_lines(inp, refs[top].shingles, refs[sibling].shingles) if sibling is not None else ()
    return Match(refs[top].license_id, round(common[top] / len(refs[top].shingles), 4), round(precision, 4), span,
                 excerpt=True, sibling=refs[sibling].license_id if sibling is not None else None,
                 evidence_lines=evidence)
