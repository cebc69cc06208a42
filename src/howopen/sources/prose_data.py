"""The training datasets a model card names in its prose, each cited to its line.

Many cards name their training data in a sentence, not under `datasets:`: "fine-tuned ... on the
[meta-math/MetaMathQA](https://huggingface.co/datasets/meta-math/MetaMathQA) dataset", "with training data from
[WuDao dataset](https://data.baai.ac.cn/...) and [LAION](https://huggingface.co/datasets/laion/laion2B-en)". This
module reads them as a careful reader would; the rules are data (`data/prose-training-data.yaml`, with the words
that make each one) and were checked on a labeled sample of cards (`tests/audit/training_data/`).

A link is the release's training data when:

- it is a Hub dataset (`huggingface.co/datasets/OWNER/NAME`, not a file in one: `.../resolve/...`, `.../blob/...`,
  `.../raw/...` are pictures, badges and data files), or another link whose words or address say it is data;
- the cue that governs it is a training cue: the nearest cue before the link in its sentence, else the nearest
  after it ("fine-tuned on [A] and evaluated on [B]" lists A, not B); a link with no cue in its sentence counts
  when it sits in a training-data section or under a "Training data" label (a bold line, a table row's first cell,
  a list item's bold label);

and it is left out when its sentence says the data was not used, when the sentence is about another model's
training (the base model "was trained on X": the base's data, not this release's), when a fine-tune's card speaks
of pretraining without naming itself (pretraining is its base's), when it sits in an evaluation, results,
citation or related-models section, when it is an evaluation benchmark (`data/evaluation-benchmarks.yaml`), and
in code blocks, pictures and HTML comments.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from ..evidence import Provenance
from .card import ModelCard, Spans, sections

METHOD = "card-prose"
MAX_DATASETS = 50

_HUB_DATASET = re.compile(
    r"^https?://(?:www\.)?(?:huggingface\.co|hf\.co)/datasets/([A-Za-z0-9_.\-]+(?:/[A-Za-z0-9_.\-]+)?)/?(?:$|[#?]|/(.*))")
_HUB_PAGES = {"viewer", "tree", "blob", "resolve", "raw", "discussions", "commits", "commit", "edit", "settings"}
_HUB_OTHER = re.compile(r"^https?://(?:www\.)?(?:huggingface\.co|hf\.co)/", re.I)
_HUB_MODEL_LINK = re.compile(r"\[[^\]]{0,200}\]\(https?://(?:www\.)?huggingface\.co/"
                             r"(?!datasets/|spaces/|papers/|docs/|blog/)[A-Za-z0-9_.\-]+/[A-Za-z0-9_.\-]+[^)]*\)")
_FILE_SUFFIX = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|bmp|mp4|webm|mp3|wav|pdf)(?:$|[?#])", re.I)
_MD_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\]){0,300})\]\((https?://[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_HTML_LINK = re.compile(r"<a\s[^>]*href=[\"'](https?://[^\"']+)[\"'][^>]*>(.{0,300}?)</a>", re.I)
_BARE_URL = re.compile(r"https?://[^\s)\]>\"'`<]+")
_HTML_IMG = re.compile(r"<img\s[^>]*>", re.I)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}")
_BOLD_LINE = re.compile(r"^\s*(?:#+\s*)?\*\*([^*]{1,80})\*\*\s*:?\s*$|^\s*__([^_]{1,80})__\s*:?\s*$")
_LIST_LABEL = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\*\*([^*]{1,80}?)\s*:?\*\*\s*:?")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_COMMENT = re.compile(r"<!--.*?-->")
_LEAD = re.compile(r"^[\s>*+\-\d.)|]*")
_NUMBER = re.compile(r"^\[?[-+]?\d[\d.,]*\s*%?\]?(?:\([^)]*\))?$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[*_(\"“])|(?<=[。！？；])")


@dataclass(frozen=True)
class ProseDataset:
    """A dataset the card's prose presents as its training data."""

    name: str  # the Hub id (`owner/name`), else the link's words
    url: str
    hub: bool  # a Hub dataset (its id can be read on the Hub)
    provenance: Provenance  # the card line, quoting the sentence
    why: str  # the cue that presents it ("fine-tuned", "a training-data section: Training Data")


@dataclass(frozen=True)
class _Rules:
    training: re.Pattern[str]
    pretraining: re.Pattern[str]
    evaluation: re.Pattern[str]
    negation: re.Pattern[str]
    another_model: tuple[str, ...]
    model_words: str
    this_release: re.Pattern[str]
    passive: re.Pattern[str]
    passive_subject: re.Pattern[str]
    generic_words: frozenset[str]
    data_section: re.Pattern[str]
    other_section: re.Pattern[str]
    dataset_words: re.Pattern[str]
    dataset_address: re.Pattern[str]
    dataset_hosts: re.Pattern[str]
    not_dataset_hosts: re.Pattern[str]
    not_dataset_words: re.Pattern[str]
    not_dataset_address: re.Pattern[str]
    evaluation_name: re.Pattern[str]
    version_of: re.Pattern[str]


def _either(patterns: list[Any]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


@functools.cache
def rules() -> _Rules:
    text = resources.files("howopen.sources").joinpath("data/prose-training-data.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return _Rules(
        training=_either(data["training"]), pretraining=_either(data["pretraining"]),
        evaluation=_either(data["evaluation"]), negation=_either(data["negation"]),
        another_model=tuple(str(p) for p in data["another_model"]), model_words=str(data["model_words"]),
        this_release=re.compile(data["this_release"], re.I), passive=re.compile(data["passive"], re.I),
        passive_subject=re.compile(data["passive_subject"], re.I),
        generic_words=frozenset(str(data["generic_words"]).split("|")),
        data_section=re.compile(data["data_section"], re.I),
        other_section=re.compile(data["other_section"], re.I),
        dataset_words=re.compile(data["dataset_words"], re.I),
        dataset_address=re.compile(data["dataset_address"]),  # case matters: "OpenDataHub", not "QData"
        dataset_hosts=re.compile(data["dataset_hosts"], re.I),
        not_dataset_hosts=re.compile(data["not_dataset_hosts"], re.I),
        not_dataset_words=re.compile(data["not_dataset_words"], re.I),
        not_dataset_address=re.compile(data["not_dataset_address"]),
        evaluation_name=re.compile(data["evaluation_name"], re.I), version_of=re.compile(data["version_of"], re.I),
    )


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    url: str
    words: str  # the link's text


def _links(sentence: str) -> list[_Found]:
    """The links of a sentence (Markdown, HTML, bare), pictures left out."""
    out: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for m in _HTML_IMG.finditer(sentence):
        taken.append((m.start(), m.end()))
    for m in _MD_LINK.finditer(sentence):
        taken.append((m.start(), m.end()))
        if m.group(1) == "!":
            continue
        words = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", m.group(2))  # a badge: a picture that links
        out.append(_Found(m.start(), m.end(), m.group(3), words.strip()))
    inside = Spans(taken)  # HTML links do not overlap one another: checked against pictures and Markdown links
    html: list[tuple[int, int]] = []
    for m in _HTML_LINK.finditer(sentence):
        if m.start() in inside:
            continue
        html.append((m.start(), m.end()))
        out.append(_Found(m.start(), m.end(), m.group(1), re.sub(r"<[^>]+>", "", m.group(2)).strip()))
    inside.add(html)
    for m in _BARE_URL.finditer(sentence):
        if m.start() in inside:
            continue
        out.append(_Found(m.start(), m.end(), m.group(0).rstrip(".,;:"), ""))
    return sorted(out, key=lambda f: f.start)


def _dataset(found: _Found) -> tuple[str, str, bool] | None:
    """(name, url, is a Hub dataset) when the link is to a dataset, else None."""
    url = found.url.rstrip(".,;:")
    m = _HUB_DATASET.match(url)
    if m:
        ident, rest = m.group(1), m.group(2) or ""
        owner, _, name = ident.partition("/")
        if name in _HUB_PAGES:  # a dataset without an owner (`datasets/clue/viewer`)
            ident, rest = owner, f"{name}/{rest}"
        if re.match(r"(?:resolve|blob|raw)/", rest) or _FILE_SUFFIX.search(url):
            return None  # a file in a dataset repository: a picture, a badge, a data file
        ident = ident.rstrip(".")
        return ident, f"https://huggingface.co/datasets/{ident}", True
    if _HUB_OTHER.match(url) or _FILE_SUFFIX.search(url):
        return None
    r = rules()
    address = re.sub(r"^[a-z]+://(?:www\.)?", "", url, flags=re.I)
    if r.not_dataset_hosts.match(address) or r.not_dataset_address.search(address):
        return None
    text = re.sub(r"[*_`]", "", found.words)
    if r.dataset_words.search(text):
        return text[:120], url, False
    if r.not_dataset_words.search(text):
        return None
    path = address.split("/", 1)[1] if "/" in address else ""
    if r.dataset_hosts.match(address) or r.dataset_address.search(path):
        return (text or address)[:120], url, False
    return None


def _cues(sentence: str, pattern: re.Pattern[str], kind: str) -> list[tuple[int, int, str, str]]:
    return [(m.start(), m.end(), kind, m.group(0)) for m in pattern.finditer(sentence)]


def _governing(link: _Found, cues: list[tuple[int, int, str, str]]) -> tuple[str, str] | None:
    """The cue that governs a link: its own words ("[SFT Dataset](...)", "[Evaluation Data](...)"), else the
    nearest cue before it in its sentence, else the nearest after it."""
    r = rules()
    words = re.sub(r"[*_`]", "", link.words)
    if r.evaluation.search(words) or r.evaluation_name.search(words):
        return "evaluation", words
    own = r.training.search(words)
    if own:
        return "training", own.group(0)
    before = [c for c in cues if c[1] <= link.start]
    if before:
        c = max(before, key=lambda c: c[1])
        return c[2], c[3]
    after = [c for c in cues if c[0] >= link.end]
    if after:
        c = min(after, key=lambda c: c[0])
        return c[2], c[3]
    return None


def _strip_links(sentence: str) -> str:
    """The sentence with its links blanked, positions kept, for cue matching: an address is no cue, and a link's
    own words speak for that link only (`_governing`)."""
    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group(0))

    return _BARE_URL.sub(blank, _HTML_IMG.sub(blank, _HTML_LINK.sub(blank, _MD_LINK.sub(blank, sentence))))


def _about_another_model(sentence: str, own: frozenset[str], card: ModelCard) -> bool:
    """The sentence's training is another model's (the base "was trained on X")."""
    r = rules()
    refs = [_HUB_MODEL_LINK.pattern, r.model_words]
    for base in card.strings("base_model")[:5]:
        for name in {base, base.rsplit("/", 1)[-1]}:
            if len(name) >= 3 and name.lower() not in own:
                refs.append(re.escape(name))
    model = "(?:" + "|".join(refs) + ")"
    for template in r.another_model:
        for m in re.finditer(template.replace("MODEL", f"({model})"), sentence, re.I):
            if not r.version_of.search(sentence[: m.start(1)]):
                return True
    return False


def _is_derivative(card: ModelCard) -> bool:
    return bool(card.strings("base_model")) or bool(
        re.search(r"\bfine-?tuned (?:version )?(?:of|from)\b|\bfinetuned (?:version )?(?:of|from)\b", card.body, re.I))


def _units(card: ModelCard) -> list[tuple[int, str, str | None]]:
    """(line, text, label) for each body line outside code blocks and comments; a table row's first cell, a list
    item's bold label or the last bold line above are its label."""
    lines = card.text.split("\n")
    out: list[tuple[int, str, str | None]] = []
    fence = False
    comment = False
    label: str | None = None
    for number in range(card.body_start_line, len(lines) + 1):
        line = lines[number - 1]
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence:
            continue
        if comment:
            if "-->" not in line:
                continue
            line, comment = line.split("-->", 1)[1], False
        if "<!--" in line:
            line = _COMMENT.sub("", line)
            if "<!--" in line:
                line, comment = line.split("<!--", 1)[0], True
        stripped = line.strip()
        heading = stripped.startswith("#") and _HEADING.match(line)
        if heading:
            label = None
        bold = ("**" in line or "__" in line) and _BOLD_LINE.match(line)
        if bold:
            label = (bold.group(1) or bold.group(2) or "").strip()
        if heading or bold or "http" not in line or _TABLE_RULE.match(stripped):
            continue
        own_label = label
        text = line
        if stripped.startswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if sum(1 for c in cells if _NUMBER.match(c)) >= 2:
                continue  # a results row: scores, not a listing
            if len(cells) >= 2:
                own_label = re.sub(r"[*_`]", "", cells[0]) or label
                text = " | ".join(cells[1:])
        else:
            item = _LIST_LABEL.match(line)
            if item:
                own_label = item.group(1).strip()
                text = line[item.end():]
        out.append((number, text, own_label))
    return out


def _section_of(number: int, heads: list[tuple[str, int, int]]) -> list[str]:
    return [title for title, start, end in heads if start <= number <= end]


def _own_words(card: ModelCard) -> frozenset[str]:
    """The words of the release's own name: its first heading, `model_name`, the model-index name."""
    names = [str(card.metadata.get("model_name") or "")]
    index = card.metadata.get("model-index")
    if isinstance(index, list) and index and isinstance(index[0], dict):
        names.append(str(index[0].get("name") or ""))
    title = re.search(r"^\s{0,3}#\s+(.+)$", card.body, re.M)
    if title:
        names.append(title.group(1))
    generic = rules().generic_words
    words = {w for n in names for w in re.split(r"[^a-z0-9]+", n.lower().replace("`", ""))}
    return frozenset(w for w in words if len(w) >= 4 and w not in generic)


def _names_this_release(subject: str, own: frozenset[str]) -> bool:
    """The subject of a passive "X was trained" is this release: "it", "the model", or its own name. The subject is
    the words before the verb after the last comma or "and" (the first clause's, when nothing is left)."""
    r = rules()
    clauses = [c for c in re.split(r"[,;]|\band\b|\bbut\b", subject) if c.strip()]
    clause = clauses[-1] if clauses else subject
    if r.passive_subject.match(clause) or r.passive_subject.match(subject) or r.this_release.search(clause):
        return True
    words = set(re.split(r"[^a-z0-9]+", clause.lower().replace("`", "")))
    return bool(words & own)


def training_datasets(card: ModelCard) -> list[ProseDataset]:
    """The datasets the card's body presents as its own training data, each cited to its line."""
    if "http" not in card.body:
        return []
    r = rules()
    heads = sections(card)
    derivative = _is_derivative(card)
    own = _own_words(card)
    out: list[ProseDataset] = []
    seen: set[str] = set()
    for number, text, label in _units(card):
        if "http" not in text:
            continue
        titles = _section_of(number, heads)
        if any(r.other_section.search(t) for t in titles):
            continue
        in_data = [t for t in (*titles, *([label] if label else [])) if r.data_section.search(t)
                   and not r.other_section.search(t)]
        for sentence in _SENTENCE_END.split(text):
            if "http" not in sentence:
                continue
            candidates = [(link, named) for link in _links(sentence) if (named := _dataset(link)) is not None]
            if not candidates:
                continue
            plain = _strip_links(sentence)
            if r.negation.search(plain):
                continue
            cues = _cues(plain, r.training, "training") + _cues(plain, r.evaluation, "evaluation")
            for link, (name, url, hub) in candidates:
                if name.lower() in seen or url.lower() in seen or _is_benchmark(name, hub) or \
                        r.evaluation_name.search(name):
                    continue
                governing = _governing(link, cues)
                if governing is None:
                    if not in_data:
                        continue
                    why = f"a training-data section: {in_data[-1]}"
                elif governing[0] == "evaluation":
                    continue
                else:
                    why = governing[1].strip()
                    if _about_another_model(sentence, own, card):
                        continue
                    passive = [m for m in r.passive.finditer(plain) if m.end() <= link.start]
                    if passive and r.passive.fullmatch(why) and \
                            not _names_this_release(_LEAD.sub("", plain[: passive[-1].start()]), own):
                        continue
                    if derivative and r.pretraining.search(why) and not r.this_release.search(plain):
                        continue
                seen.update((name.lower(), url.lower()))
                quote = re.sub(r"\s+", " ", sentence.strip())[:200]
                out.append(ProseDataset(name, url, hub, Provenance(card.path, line=number, method=METHOD,
                                                                   quote=quote), why))
                if len(out) >= MAX_DATASETS:
                    return out
    return out


def _is_benchmark(name: str, hub: bool) -> bool:
    from .assemble import is_benchmark  # assemble imports this module

    return hub and is_benchmark(name)
