"""The clause reader: the terms a license text states, each from the sentence that carries it, with its line.

One reader for known and unknown texts alike. It splits the text into sentences (`sentences.py`), finds in each the
clauses of `clauses.yaml` (English and Chinese), and decides every term from them: commercial use (yes, conditional,
no), user, visit, download and revenue thresholds and what happens above them, territory exclusions, field-of-use
bans, restrictions on outputs, attribution and naming duties, share-alike, what passes down to derivatives,
redistribution and termination. A term no clause speaks to stays `unknown`: the reader never fills a gap with a
guess. Each sentence is quoted once, with every kind of clue it carries.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from .model import RESTRICTIVE_TERMS, Clause, Term, TermKey
from .sentences import sentences

MAX_QUOTE = 400  # a longer sentence is quoted as the window around its clue, cut at word boundaries


@dataclass(frozen=True)
class Rule:
    kind: str
    term: TermKey
    value: str
    patterns: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...] = ()
    require: tuple[re.Pattern[str], ...] = ()

    def search(self, sentence: str) -> re.Match[str] | None:
        for pattern in self.patterns:
            found = pattern.search(sentence)
            if found:
                if any(p.search(sentence) for p in self.unless):
                    return None
                if self.require and not any(p.search(sentence) for p in self.require):
                    return None
                return found
        return None


@functools.cache
def rules() -> tuple[Rule, ...]:
    """The reader's rules, loaded once from `clauses.yaml` (YAML imported here: `howopen license TAG` reads no text)."""
    import yaml

    raw = yaml.load(resources.files("howopen.licenses").joinpath("clauses.yaml").read_text(encoding="utf-8"),
                    Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    def compiled(items: Any) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(str(p), re.I) for p in items or ())

    return tuple(Rule(str(r["kind"]), TermKey(r["term"]), str(r["value"]), compiled(r["patterns"]),
                      compiled(r.get("unless")), compiled(r.get("require"))) for r in raw)


@dataclass(frozen=True)
class Clue:
    """One sentence of a text that carries terms: its line, the sentence, and the kinds of clause it holds."""

    kinds: tuple[str, ...]
    line: int
    quote: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.kinds[0]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "kinds": list(self.kinds), "line": self.line, "quote": self.quote}
        if self.params:
            data["params"] = dict(self.params)
        return data


def _quote(text: str, start: int, end: int) -> str:
    """The sentence, or for a long one the window around the clue, cut at word boundaries (verbatim either way)."""
    if len(text) <= MAX_QUOTE:
        return text
    lo = max(0, start - MAX_QUOTE // 3)
    hi = min(len(text), max(end, lo + MAX_QUOTE // 2) + MAX_QUOTE // 2)
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return text[lo:hi].strip()


# ---------------------------------------------------------------------------------------------------------------
# Thresholds: the number and what happens above it

_UNITS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "b": 1e9, "万": 1e4, "亿": 1e8,
          "百万": 1e6, "千万": 1e7}
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|百万|千万|万|亿|[mkb]\b)?", re.I)
_METRICS = (
    ("monthly active users", re.compile(r"monthly active users|\bMAU|月活", re.I)),
    ("daily active users", re.compile(r"daily active users|\bDAU|日活", re.I)),
    ("visits per month", re.compile(r"visits?|page ?views|访问", re.I)),
    ("downloads", re.compile(r"downloads?|下载", re.I)),
    ("revenue", re.compile(r"revenue|turnover|收入|营业额|营收", re.I)),
    ("users", re.compile(r"users|customers|visitors|用户", re.I)),
)
_ABOVE = (
    ("naming duty", re.compile(r"\bdisplay|\bpowered by|\bbuilt with|\battribut|显著|标明|展示", re.I)),
    ("separate grant", re.compile(r"\b(request|obtain|apply for|seek|enter into|negotiate|contact)\b[^.;]{0,60}"
                                  r"\b(licen[cs]e|grant|authori[sz]ation|permission|agreement)|commercial licen[cs]e"
                                  r"|(申请|获得|取得)[^。；]{0,10}(授权|许可)", re.I)),
    ("no license", re.compile(r"not (authori[sz]ed|licensed|permitted|granted)|no (rights|license)|none of the "
                              r"rights|terminat|shall not apply|does not apply|不得|不再|无权", re.I)),
)


def _threshold(text: str) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for metric, pattern in _METRICS:
        if pattern.search(text):
            params["metric"] = metric
            break
    for found in _AMOUNT.finditer(text):
        number = float(found.group(1).replace(",", ""))
        unit = (found.group(2) or "").lower()
        value = number * _UNITS.get(unit, 1.0)
        if value >= 1000 or unit:
            params["threshold"] = int(value)
            break
    for effect, pattern in _ABOVE:
        if pattern.search(text):
            params["above"] = effect
            break
    return params


# ---------------------------------------------------------------------------------------------------------------
# Reading


@dataclass(frozen=True)
class Reading:
    """What the reader found in a text: the sentences that carry terms, and the terms decided from them."""

    clues: tuple[Clue, ...]
    terms: dict[TermKey, Term]
    sentences: int

    @property
    def commercial_use(self) -> str:
        term = self.terms.get(TermKey.COMMERCIAL_USE)
        return term.value if term else "unknown"


_AUTHORIZATION = re.compile(r"written (authori[sz]ation|permission|consent|approval)|书面授权|书面同意|书面许可", re.I)
_THRESHOLD_KINDS = ("user-threshold", "visit-threshold", "download-threshold", "revenue-threshold")


def find_clues(text: str, *, limit: int = 200, within: set[int] | None = None) -> tuple[Clue, ...]:
    """Every sentence that carries a clause the reader knows, once, with all the kinds it carries.

    `within` limits the reading to sentences that touch those lines (the added or changed lines of a modified text).
    """
    out: list[Clue] = []
    all_sentences = sentences(text)
    for index, sentence in enumerate(all_sentences):
        if within is not None and not any(n in within for n in range(sentence.line, sentence.end_line + 1)):
            continue
        kinds: list[str] = []
        first: tuple[int, int] | None = None
        for rule in rules():
            found = rule.search(sentence.text)
            if found and rule.kind not in kinds:
                kinds.append(rule.kind)
                if first is None or found.start() < first[0]:
                    first = (found.start(), found.end())
        if not kinds or first is None:
            continue
        params: dict[str, Any] = {}
        if any(k in _THRESHOLD_KINDS for k in kinds):
            following = all_sentences[index + 1].text if index + 1 < len(all_sentences) else ""
            params = _threshold(sentence.text)
            if "above" not in params and following:
                above = _threshold(following).get("above")
                if above:
                    params["above"] = above
        out.append(Clue(tuple(kinds), sentence.line, _quote(sentence.text, *first), params))
        if len(out) >= limit:
            break
    return tuple(out)


_RESTRICTIVE_USE = {"military": "military uses", "surveillance": "surveillance", "medical": "medical uses",
                    "use-restriction": "uses the license or its policy prohibits"}


def _clauses(clues: list[Clue], source: str) -> tuple[Clause, ...]:
    return tuple(Clause(quote=c.quote, file=source, line=c.line) for c in clues[:3])


def _with(clues: tuple[Clue, ...], *kinds: str) -> list[Clue]:
    return [c for c in clues if any(k in c.kinds for k in kinds)]


def decide(clues: tuple[Clue, ...], source: str = "input") -> dict[TermKey, Term]:
    """The terms the clues establish; a term no clue speaks to is left out (unknown)."""
    terms: dict[TermKey, Term] = {}

    def put(key: TermKey, value: str, summary: str, found: list[Clue], **params: Any) -> None:
        terms[key] = Term(key, value, summary, _clauses(found, source), params)

    thresholds = _with(clues, *_THRESHOLD_KINDS)
    display_only = [c for c in thresholds if c.params.get("above") == "naming duty"]
    binding = [c for c in thresholds if c not in display_only]
    registration = _with(clues, "registration")
    # Commercial use after a registration (free once registered) is conditional; after a written authorization the
    # licensor may refuse, so that is a separate commercial license ("no").
    commercial_registration = [c for c in registration if re.search(r"commercial|商", c.quote, re.I)
                               and not _AUTHORIZATION.search(c.quote)]
    no_commercial = _with(clues, "non-commercial", "research-only", "separate-commercial-license")
    grants = _with(clues, "commercial-grant")

    if commercial_registration:
        put(TermKey.COMMERCIAL_USE, "conditional", "commercial use needs registration or an application",
            commercial_registration + binding)
    elif binding and (grants or not no_commercial):
        put(TermKey.COMMERCIAL_USE, "conditional", "commercial use is allowed below a threshold only",
            binding + grants[:1])
    elif no_commercial:
        put(TermKey.COMMERCIAL_USE, "no", "non-commercial, research-only or separately licensed commercial use",
            no_commercial)
    elif grants:
        put(TermKey.COMMERCIAL_USE, "yes", "the grant includes commercial use", grants)

    for kind, key in (("user", TermKey.USER_CAP), ("revenue", TermKey.REVENUE_CAP)):
        mine = [c for c in binding if ("revenue-threshold" in c.kinds) == (kind == "revenue")]
        if mine:
            params = {k: v for k, v in mine[0].params.items()}
            above = params.get("above", "not stated")
            what = params.get("metric", "users" if kind == "user" else "revenue")
            put(key, "yes", f"a threshold on {what}; above it: {above}", mine, **params)
        elif display_only and any(("revenue-threshold" in c.kinds) == (kind == "revenue") for c in display_only):
            put(key, "no", "a threshold only triggers a display duty", [])
    if registration:
        put(TermKey.REGISTRATION, "yes", "use (or commercial use) needs registration or an application",
            registration)
    territory = _with(clues, "territory")
    if territory:
        put(TermKey.GEOGRAPHIC_RESTRICTION, "yes", "rights are withheld in some territories", territory)
    uses = _with(clues, *_RESTRICTIVE_USE)
    if uses:
        named = [v for k, v in _RESTRICTIVE_USE.items() if _with(clues, k)]
        put(TermKey.FIELD_OF_USE, "yes", "bans " + ", ".join(named), uses,
            fields=[k for k in _RESTRICTIVE_USE if _with(clues, k)])
    outputs = _with(clues, "output-restriction")
    if outputs:
        put(TermKey.OUTPUT_RESTRICTION, "yes", "limits on using outputs (to train or improve other models)", outputs)
    attribution = _with(clues, "attribution") + display_only
    if attribution:
        put(TermKey.ATTRIBUTION, "yes", "notices, credit or a display must be kept", attribution)
    naming = _with(clues, "naming-duty")
    if naming:
        put(TermKey.NAMING_DUTY, "yes", "derivative names must carry a given name", naming)
    share = _with(clues, "share-alike")
    if share:
        put(TermKey.SHARE_ALIKE, "yes", "derivatives must carry the same terms", share)
    passes = _with(clues, "passes-down") + share
    if passes:
        put(TermKey.PASSES_DOWN, "yes", "the terms (or their restrictions) go with copies and derivatives", passes)
    banned = _with(clues, "no-redistribution")
    allowed = _with(clues, "redistribution-grant")
    conditions = _with(clues, "redistribution-condition")
    if banned and not allowed and not conditions:
        put(TermKey.REDISTRIBUTION, "no", "the model may not be redistributed", banned)
    elif allowed or conditions or passes:
        # Conditions on copies (the agreement, its restrictions, a non-commercial limit) count when the license
        # restricts use at all; a permissive license's notice condition leaves redistribution a plain yes.
        restricts = terms.get(TermKey.COMMERCIAL_USE, Term(TermKey.COMMERCIAL_USE, "unknown")).value in (
            "no", "conditional") or any(terms[k].value == "yes" for k in RESTRICTIVE_TERMS if k in terms)
        limited = bool(banned or _with(clues, "no-derivatives") or (restricts and (conditions or passes)))
        put(TermKey.REDISTRIBUTION, "conditional" if limited else "yes",
            "copies may be distributed under conditions" if limited else "copies may be distributed",
            (conditions + allowed + _with(clues, "no-derivatives")) or passes)
    ended = _with(clues, "termination")
    if ended:
        put(TermKey.TERMINATION, "yes", "the rights can end (terminate or be revoked)", ended)
    return terms


def read(text: str, source: str = "input", *, within: set[int] | None = None) -> Reading:
    """Read a license text (or only the sentences on `within` lines): its clues and the terms they decide."""
    clues = find_clues(text, within=within)
    return Reading(clues, decide(clues, source), len(clues))
