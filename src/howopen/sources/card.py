"""Reads a Hugging Face model card: its YAML front matter and the links its body gives.

Real cards are messy: no front matter, lists where strings are expected, CRLF line endings, a byte-order mark,
front matter that does not parse. Each case yields a `ModelCard` with what could be read, and a gap that says
what could not; nothing here raises on bad input except on bytes that are not text at all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..evidence import BaseModelRef, Gap, Link, LinkKind, Provenance
from ..yamldata import TooLarge, expanded_size

MAX_CARD_BYTES = 1024 * 1024  # read up to here, and the report says so (largest of 3,408 corpus cards: 715 KB)
MAX_FRONT_MATTER_CHARS = MAX_CARD_BYTES  # real cards carry model-index blocks of over 256 KB
MAX_LINKS = 500
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class NotACard(ValueError):
    """The bytes are not a text document (binary content)."""


@dataclass(frozen=True)
class ModelCard:
    """A parsed model card. `line_of(key)` gives the line of a top-level front-matter key."""

    path: str
    text: str
    metadata: dict[str, Any]
    has_front_matter: bool
    front_matter_error: str | None
    body_start_line: int  # first line of the body (1-based)
    key_lines: dict[str, int] = field(default_factory=dict)
    gaps: tuple[Gap, ...] = ()
    truncated: bool = False

    @property
    def body(self) -> str:
        return "\n".join(self.text.split("\n")[self.body_start_line - 1 :])

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key)

    def provenance(self, key: str, method: str = "front-matter") -> Provenance:
        return Provenance(self.path, line=self.line_of(key), method=method)

    def strings(self, key: str) -> list[str]:
        """A front-matter value as a list of non-empty strings, whether the card gave a string or a list."""
        return as_strings(self.metadata.get(key))


def as_strings(value: Any, limit: int = 200) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value).strip()
        return [text] if text else []
    if isinstance(value, list | tuple):
        out = []
        for item in value[:limit]:
            if isinstance(item, str | int | float) and not isinstance(item, bool) and str(item).strip():
                out.append(str(item).strip())
        return out
    return []


def decode_card(data: bytes, path: str) -> tuple[str, list[Gap]]:
    """Bytes to text: BOM removed, CRLF normalised, UTF-8 or (with a gap) Latin-1. Binary content raises."""
    gaps: list[Gap] = []
    if b"\x00" in data[:8192]:
        raise NotACard(f"{path} is binary, not a model card")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        gaps.append(Gap("card-encoding", f"{path} is not valid UTF-8; undecodable bytes were replaced",
                        Provenance(path, method="decode")))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, gaps


_KEY_LINE = re.compile(r"^([A-Za-z0-9_][A-Za-z0-9_.\-]*)\s*:")


def parse_card(data: bytes, path: str = "README.md") -> ModelCard:
    """Parse a model card from its bytes (at most `MAX_CARD_BYTES` of them are read)."""
    truncated = len(data) > MAX_CARD_BYTES
    text, gaps = decode_card(data[:MAX_CARD_BYTES], path)
    if truncated:
        gaps.append(Gap("card-truncated", f"{path} is larger than {MAX_CARD_BYTES // (1024 * 1024)} MB; "
                        "only its beginning was read", Provenance(path, method="read")))
    if not text.strip():
        what = "is empty (0 bytes)" if not data else "holds only whitespace"
        gaps.append(Gap("card-empty", f"{path} {what}: the release has no model card to read",
                        Provenance(path, method="read")))
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return ModelCard(path, text, {}, False, None, 1, gaps=tuple(gaps), truncated=truncated)
    end = None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            end = index
            break
    if end is None:
        gaps.append(Gap("front-matter-unterminated", f"{path}: front matter opened on line 1 is never closed",
                        Provenance(path, line=1, method="front-matter")))
        return ModelCard(path, text, {}, True, "front matter is never closed", 1, gaps=tuple(gaps),
                         truncated=truncated)
    block = "\n".join(lines[1:end])
    key_lines: dict[str, int] = {}
    for offset, line in enumerate(lines[1:end], start=2):
        match = _KEY_LINE.match(line)
        if match:
            key_lines.setdefault(match.group(1), offset)
    metadata: dict[str, Any] = {}
    error = None
    if len(block) > MAX_FRONT_MATTER_CHARS:
        error = f"front matter is larger than {MAX_FRONT_MATTER_CHARS // 1024} KB"
    else:
        try:
            loaded = yaml.load(block, Loader=SAFE_LOADER)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark is not None else ""
            error = f"front matter is not valid YAML{where}: {getattr(exc, 'problem', None) or exc}"
        except RecursionError:
            error = "front matter is nested too deeply"
        else:
            try:
                expanded_size(loaded)
            except TooLarge as exc:
                error, loaded = f"front matter is too large to read: {exc}", None
            if isinstance(loaded, dict):
                metadata = {str(k): v for k, v in loaded.items()}
            elif loaded is not None:
                error = f"front matter is a {type(loaded).__name__}, not a mapping"
    if error:
        gaps.append(Gap("front-matter-unparsable", f"{path}: {error}; card metadata ignored",
                        Provenance(path, line=1, end_line=end + 1, method="front-matter")))
    return ModelCard(path, text, metadata, True, error, end + 2, key_lines, tuple(gaps), truncated)


# ----------------------------------------------------------------------------------------------------------------
# Base models and links


def base_models(card: ModelCard) -> list[BaseModelRef]:
    """`base_model` (string or list) with `base_model_relation` when the card states it."""
    relation = card.metadata.get("base_model_relation")
    relation = relation if isinstance(relation, str) else None
    out = []
    for value in card.strings("base_model"):
        if value.startswith(("./", "/", "../")):
            continue  # a local path, not a Hub id
        out.append(BaseModelRef(value, relation, card.provenance("base_model")))
    return out


_GITHUB = re.compile(
    r"https?://(?:www\.)?(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|gitee\.com)/"
    r"([A-Za-z0-9_.\-]+)/([A-Za-z0-9_.\-]+)"
)
_ARXIV = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf|html)/|arXiv:\s?|huggingface\.co/papers/)(\d{4}\.\d{4,5}|[a-z\-]+/\d{7})(?:v\d+)?",
    re.I,
)
_DOI = re.compile(r"\b(?:doi\.org/|doi:\s?)(10\.\d{4,9}/[^\s\"'<>)\]]+)", re.I)
_HF_DATASET = re.compile(r"huggingface\.co/datasets/([A-Za-z0-9_.\-]+/[A-Za-z0-9_.\-]+)")
_HF_MODEL = re.compile(
    r"huggingface\.co/(?!datasets/|spaces/|papers/|docs/|blog/|models\b|join\b|settings/)"
    r"([A-Za-z0-9_.\-]+/[A-Za-z0-9_.\-]+)"
)
_HF_SPACE = re.compile(r"huggingface\.co/spaces/([A-Za-z0-9_.\-]+/[A-Za-z0-9_.\-]+)")
_MD_LINK = re.compile(r"\[([^\]]{1,200})\]\((https?://[^)\s]+)\)")
_HTML_LINK = re.compile(r"<a\s[^>]{0,300}?href=[\"'](https?://[^\"'\s]+)[\"'][^>]{0,300}>"
                        r"((?:[^<]|<(?!/a\b)[^>]{0,100}>){1,200}?)</a>", re.I)
_PAPER_TEXT = re.compile(r"technical report|tech[- ]report|\bpaper\b|preprint|whitepaper", re.I)
_BIBTEX_ARXIV = re.compile(r"eprint\s*=\s*[{\"]?(\d{4}\.\d{4,5})", re.I)
_NOT_REPO_OWNERS = {"features", "about", "orgs", "topics", "sponsors", "marketplace", "login", "settings"}


def _strip_repo(name: str) -> str:
    name = re.sub(r"\.git$", "", name)
    return name.rstrip(".")


def _context(line: str, start: int, end: int) -> str:
    """The words that describe a link: its Markdown anchor text, else what precedes it on the line."""
    for m in _MD_LINK.finditer(line):
        if m.start(2) <= start < m.end(2) or m.start(1) <= start < m.end(1):
            return m.group(1).strip()
    return line[max(0, start - 60) : end].strip()


def body_links(card: ModelCard) -> list[Link]:
    """Source repositories, papers, datasets, models and spaces the card's body (or front matter) links."""
    seen: set[tuple[str, str]] = set()
    links: list[Link] = []

    def add(kind: LinkKind, url: str, ident: str, number: int, line: str, start: int, end: int) -> None:
        key = (str(kind), ident.lower())
        if key in seen or len(links) >= MAX_LINKS:
            return
        seen.add(key)
        links.append(Link(kind, url, ident, _context(line, start, end),
                          Provenance(card.path, line=number, method="card-link", quote=_context(line, start, end))))

    for number, line in enumerate(card.text.split("\n"), start=1):
        lowered = line.lower()
        if "://" not in line and "arxiv" not in lowered and "doi" not in lowered and "eprint" not in lowered:
            continue
        for m in _GITHUB.finditer(line):
            owner, repo = m.group(2), _strip_repo(m.group(3))
            if owner.lower() in _NOT_REPO_OWNERS or not repo:
                continue
            add(LinkKind.SOURCE_REPOSITORY, f"https://{m.group(1)}/{owner}/{repo}", f"{m.group(1)}/{owner}/{repo}",
                number, line, m.start(), m.end())
        for m in _ARXIV.finditer(line):
            add(LinkKind.PAPER, f"https://arxiv.org/abs/{m.group(1)}", f"arXiv:{m.group(1)}", number, line,
                m.start(), m.end())
        for m in _BIBTEX_ARXIV.finditer(line):
            add(LinkKind.PAPER, f"https://arxiv.org/abs/{m.group(1)}", f"arXiv:{m.group(1)}", number, line,
                m.start(), m.end())
        for m in _MD_LINK.finditer(line):
            url = m.group(2)
            if _PAPER_TEXT.search(m.group(1)) and not _ARXIV.search(url) and not _DOI.search(url):
                add(LinkKind.PAPER, url, url, number, line, m.start(), m.end())
        for m in _HTML_LINK.finditer(line):  # <a href="...paper.pdf"><b>Paper Link</b></a>
            url = m.group(1)
            if _PAPER_TEXT.search(re.sub(r"<[^>]*>", "", m.group(2))) and not _ARXIV.search(url) \
                    and not _DOI.search(url):
                add(LinkKind.PAPER, url, url, number, line, m.start(1), m.end(1))
        for m in _DOI.finditer(line):
            doi = m.group(1).rstrip(".,;")
            add(LinkKind.PAPER, f"https://doi.org/{doi}", f"doi:{doi}", number, line, m.start(), m.end())
        for m in _HF_DATASET.finditer(line):
            ident = _strip_repo(m.group(1))
            add(LinkKind.DATASET, f"https://huggingface.co/datasets/{ident}", ident, number, line, m.start(),
                m.end())
        for m in _HF_SPACE.finditer(line):
            ident = _strip_repo(m.group(1))
            add(LinkKind.SPACE, f"https://huggingface.co/spaces/{ident}", ident, number, line, m.start(), m.end())
        for m in _HF_MODEL.finditer(line):
            ident = _strip_repo(m.group(1))
            if "/resolve/" in line[m.end() : m.end() + 10] or "/blob/" in line[m.end() : m.end() + 8]:
                continue
            add(LinkKind.MODEL, f"https://huggingface.co/{ident}", ident, number, line, m.start(), m.end())
    return links


_DATASHEET_WORDS = re.compile(r"\bdata[ _-]?sheets?\b|\bdata(?:set)?[ _-]?cards?\b", re.I)
_DATASHEET_URL = re.compile(r"(?:data[_-]?sheet|data(?:set)?[_-]?card)[^/\s]*\.(?:md|pdf|txt)$|"
                            r"huggingface\.co/datasets/[^/\s]+/[^/\s]+/(?:blob|resolve|raw)/[^/\s]+/README\.md$",
                            re.I)
_ANY_URL = re.compile(r"https?://[^\s)\]>\"'`]+")


class Spans:
    """Character spans of a line already read (links, pictures), and whether a position falls inside one: a
    binary search, so that a line of thousands of links is read in n log n, not n squared."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self.add(spans)

    def add(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted([*self._spans, *spans]):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self._spans, self._starts = merged, [start for start, _ in merged]

    def __contains__(self, position: object) -> bool:
        if not isinstance(position, int):
            return False
        at = bisect_right(self._starts, position) - 1
        return at >= 0 and position < self._spans[at][1]


def datasheet_links(card: ModelCard) -> list[tuple[int, str, str]]:
    """Links to a datasheet or data card: (line, URL, the words that make it one). A link counts when its text
    says so (`[datasheet](...)`, `[data card](...)`) or its address is one (`.../datasheet.md`, a dataset
    repository's README.md); a bare URL counts when its own address does."""
    out: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    for number, line in enumerate(card.text.split("\n"), start=1):
        if number < card.body_start_line or "http" not in line:
            continue
        found: list[tuple[str, str]] = []
        spans = []
        for m in _MD_LINK.finditer(line):
            spans.append((m.start(2), m.end(2)))
            url = m.group(2).rstrip(".,;")
            if _DATASHEET_WORDS.search(m.group(1)):
                found.append((url, m.group(1).strip()))
            elif _DATASHEET_URL.search(url):
                found.append((url, url.rsplit("/", 1)[-1]))
        inside = Spans(spans)
        for m in _ANY_URL.finditer(line):
            url = m.group(0).rstrip(".,;")
            if m.start() not in inside and _DATASHEET_URL.search(url):
                found.append((url, url.rsplit("/", 1)[-1]))
        for url, why in found:
            if url not in seen and len(out) < MAX_LINKS:
                seen.add(url)
                out.append((number, url, why))
    return out


def dataset_ids(card: ModelCard) -> list[tuple[str, Provenance]]:
    """Datasets the front matter names (`datasets:`), each with where it was read."""
    return [(d, card.provenance("datasets")) for d in card.strings("datasets")]


def sections(card: ModelCard) -> list[tuple[str, int, int]]:
    """Markdown headings of the body: (title, first line, last line) of each section.

    A section runs to the next heading of its own level or a higher one, so it holds its subsections: the table
    under `### Results` belongs to `## Evaluation` as well.
    """
    lines = card.text.split("\n")
    heads: list[tuple[str, int, int]] = []
    fence = False
    for number in range(card.body_start_line, len(lines) + 1):
        line = lines[number - 1]
        if line.lstrip().startswith("```"):
            fence = not fence
            continue
        if not fence:
            m = re.match(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$", line)
            if m:
                heads.append((re.sub(r"[*_`]", "", m.group(2)).strip(), number, len(m.group(1))))
    out = []
    for index, (title, start, level) in enumerate(heads):
        following = next((s for _t, s, lv in heads[index + 1 :] if lv <= level), None)
        out.append((title, start, following - 1 if following is not None else len(lines)))
    return out
