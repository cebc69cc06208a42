"""What each line of a model card's body is about: the card read as Markdown, each line given a scope.

A license or lineage statement counts for the release only when it is about the release. Text inside code blocks
(an example prompt quoting a paper's "released under Apache 2.0"), quoted text (an abstract), sections about
datasets, citations, examples or acknowledgements, and list items or table rows about a sibling model (MPT-7B's
card lists MPT-7B-Chat and its CC-BY-NC-SA license) are not. The card is parsed with markdown-it-py (CommonMark
plus tables), which gives every heading, paragraph, list item, table, quote and code block with its line range.

`CardScope.out_of_scope(line, purpose)` says why a line is not about the release (None when it is), for one of
two purposes: `license` (which license the release is under) and `lineage` (what the release derives from). A
list item that names a base model ("Finetuned from: [Llama-2-7b](...)") is in scope for lineage though it links
another model; for a license it is not.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

LICENSE = "license"
LINEAGE = "lineage"

# Sections whose text is about something other than the release's own license or lineage.
_OTHER_SECTION = re.compile(
    r"\b(data ?sets?|training data|pre-?training data|fine-?tuning data|data (sources|mixture|collection)|corpus|"
    r"citations?|cite|bibtex|references?|acknowledge?ments?|thanks|examples?|prompts?|sample (input|output)s?|"
    r"abstract|other models|related models|model zoo|more models|our other|see also|disclaimer)\b",
    re.I)
_LICENSE_SECTION = re.compile(r"\blicen[sc](e|es|ing)\b|terms of use|\bterms\b|许可|协议|ライセンス", re.I)
_HF_MODEL_LINK = re.compile(
    r"huggingface\.co/(?!datasets/|spaces/|papers/|docs/|blog/|models\b)([A-Za-z0-9_.\-]+/[A-Za-z0-9_.\-]+)"
    r"(?!/(?:blob|resolve|raw|tree)/)")
_LABEL_LICENSE = re.compile(r"^[\s*_>|\-+\d.]*(model |weights? )?licen[sc]e", re.I)
_ALERT = re.compile(r"^\s*>\s*\[!\w+\]")
# Headings of the Hub's dataset-card template: a card that carries them describes a dataset, and its "Licensing
# Information" section is the dataset's.
_DATASET_TEMPLATE = re.compile(r"^(dataset (summary|structure|creation|description)|curation rationale|source data|"
                               r"data (fields|instances|splits)|annotations|personal and sensitive information)$",
                               re.I)
_DATASET_LICENSING = re.compile(r"^licensing information$", re.I)


@functools.cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    md.disable("inline")  # block structure is all scope needs; inline parsing would double the cost
    return md


@dataclass
class CardScope:
    """Each body line's scope; lines are numbered as in the whole card file (1-based)."""

    first_line: int
    lines: list[str]
    why: dict[int, str] = field(default_factory=dict)  # line -> why it is out of scope for any purpose
    license_only: dict[int, str] = field(default_factory=dict)  # line -> why it is out of scope for a license
    sections: dict[int, str] = field(default_factory=dict)  # line -> the title of its innermost section

    def out_of_scope(self, line: int, purpose: str = LICENSE) -> str | None:
        """Why `line` is not about the release itself (for `purpose`), or None when it is."""
        found = self.why.get(line)
        if found is None and purpose == LICENSE:
            found = self.license_only.get(line)
        return found

    def in_scope(self, line: int, purpose: str = LICENSE) -> bool:
        return self.out_of_scope(line, purpose) is None

    def text(self, line: int) -> str:
        index = line - self.first_line
        return self.lines[index] if 0 <= index < len(self.lines) else ""


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


class LazyScope(CardScope):
    """A `CardScope` that parses the card on its first question: most cards never need asking."""

    def __init__(self, body: str, first_line: int, own_names: tuple[str, ...]) -> None:
        super().__init__(first_line, [])
        self._args: tuple[str, int, tuple[str, ...]] | None = (body, first_line, own_names)

    def out_of_scope(self, line: int, purpose: str = LICENSE) -> str | None:
        if self._args is not None:
            body, first, names = self._args
            self._args = None
            _fill(self, body, first, names)
        return super().out_of_scope(line, purpose)


def read_scope(body: str, first_line: int = 1, own_names: tuple[str, ...] = (), *, lazy: bool = False) -> CardScope:
    """The scope of every line of a card body that starts at `first_line` of the card file (with `lazy`, parsed
    when first asked).

    `own_names` are the release's names (`org/name`, `name`): a list item or table row that links or names only
    other models is about a sibling, not the release."""
    if lazy:
        return LazyScope(body, first_line, own_names)
    scope = CardScope(first_line, [])
    _fill(scope, body, first_line, own_names)
    return scope


def _fill(scope: CardScope, body: str, first_line: int, own_names: tuple[str, ...]) -> None:
    lines = body.split("\n")
    scope.lines = lines
    try:
        tokens = _parser().parse(body)
    except Exception:  # markdown-it never raises on text; a defect there must not stop a check
        return
    own = {_norm(n.rsplit("/", 1)[-1]) for n in own_names if n} - {""}
    headings: list[tuple[int, str, int]] = []  # (level, title, first body line index)
    for index, token in enumerate(tokens):
        if token.map is None:
            continue
        start, end = token.map
        if token.type == "heading_open":
            level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
            title = tokens[index + 1].content if index + 1 < len(tokens) else ""
            headings.append((level, re.sub(r"[*_`#]", "", title).strip(), start))
        elif token.type in ("fence", "code_block") or (
                token.type == "html_block" and re.match(r"\s*<(pre|code|script|style)\b", token.content, re.I)):
            _mark(scope.why, start, end, "inside a code block", first_line)
        elif token.type == "blockquote_open" and token.level == 0:
            quoted = "\n".join(lines[start:end])
            if not _ALERT.match(quoted) and not _LICENSE_SECTION.search(_title_at(headings, start)):
                _mark(scope.why, start, end, "quoted text", first_line)
        elif token.type == "list_item_open":
            _sibling_item(scope, lines, start, end, own, first_line)
        elif token.type == "table_open":
            _sibling_rows(scope, lines, start, end, own, first_line)
    _sections(scope, headings, len(lines), first_line)


def _title_at(headings: list[tuple[int, str, int]], line_index: int) -> str:
    return next((title for _level, title, start in reversed(headings) if start <= line_index), "")


def _mark(where: dict[int, str], start: int, end: int, why: str, first_line: int) -> None:
    for index in range(start, end):
        where.setdefault(first_line + index, why)


def _other_models(text: str, own: set[str]) -> list[str]:
    """Hub models a piece of text links, other than the release itself."""
    found = [m.group(1) for m in _HF_MODEL_LINK.finditer(text)]
    return [f for f in found if _norm(f.rsplit("/", 1)[-1]) not in own]


def _sibling_item(scope: CardScope, lines: list[str], start: int, end: int, own: set[str],
                  first_line: int) -> None:
    """A list item that opens with a link to another model describes that model, nested items included."""
    head = lines[start] if start < len(lines) else ""
    if _LABEL_LICENSE.match(head) or re.match(r"^\s*[-*+\d.)]+\s*\**\s*(base|parent|finetuned|fine-tuned|original)",
                                              head, re.I):
        return
    others = _other_models(head, own)
    if others and end - start >= 1:
        _mark(scope.license_only, start, end, f"about another model ({others[0]})", first_line)


def _sibling_rows(scope: CardScope, lines: list[str], start: int, end: int, own: set[str],
                  first_line: int) -> None:
    """In a table listing several models, a row that links another model (and does not name this one) is about
    that model."""
    rows = [i for i in range(start + 2, end) if i < len(lines)]
    linked = [i for i in rows if _other_models(lines[i], own)]
    if len(linked) < 2:
        return
    for i in linked:
        cells = _norm(lines[i])
        if own and any(o and o in cells for o in own):
            continue
        _mark(scope.license_only, i, i + 1, "a table row about another model", first_line)


def _sections(scope: CardScope, headings: list[tuple[int, str, int]], total: int, first_line: int) -> None:
    """Each line's innermost section; lines under a section about data, citations, examples and their subsections
    (a license section nested in a dataset section is the dataset's) are out of scope."""
    stack: list[tuple[int, str]] = []
    dataset_card = sum(1 for _lv, t, _s in headings if _DATASET_TEMPLATE.match(t)) >= 2
    bounds = [*headings, (0, "", total)]
    for (level, title, start), (_l, _t, next_start) in itertools.pairwise(bounds):
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        other = next((t for _lv, t in stack if _OTHER_SECTION.search(t)), None)
        if other is None and dataset_card and _DATASET_LICENSING.match(title):
            other = f"{title} (of the dataset card this card carries)"
        for index in range(start, next_start):
            scope.sections[first_line + index] = title
            if other is not None and index > start:
                scope.why.setdefault(first_line + index, f"in the section “{other[:80]}”")
