"""How a policy's outcome reads: the rules that failed with the clause or reason that fails them. Rendering only;
the judgment is `howopen.policy.evaluate`."""

from __future__ import annotations

from dataclasses import replace

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..evidence import Provenance
from ..policy import EXCEPTED, FAIL, PASS, UNKNOWN, Policy, PolicyResult, RuleResult
from .common import cites, md_code, md_text

MARK = {PASS: "✓", FAIL: "✗", UNKNOWN: "?", EXCEPTED: "~"}
STYLE = {PASS: "green", FAIL: "bold red", UNKNOWN: "bold yellow", EXCEPTED: "cyan"}
OUTCOME_TEXT = {PASS: "HOLDS", FAIL: "FAILS", UNKNOWN: "FAILS (unknown answers)"}


def describe_policy(policy: Policy) -> str:
    """`require commercial, open-weights; forbid user-cap (from pyproject.toml, command line)`."""
    parts = []
    for mode in ("require", "forbid"):
        names = [r.name for r in policy.rules if r.mode == mode]
        if names:
            parts.append(f"{mode} {', '.join(names)}")
    text = "; ".join(parts) or "no rules"
    if policy.exceptions:
        text += f"; {len(policy.exceptions)} exception{'s' if len(policy.exceptions) != 1 else ''}"
    return text + (f" (from {', '.join(policy.sources)})" if policy.sources else "")


def outcome_text(result: PolicyResult) -> str:
    return "HOLDS" if result.holds else OUTCOME_TEXT[result.outcome]


def _within(base: str | None, evidence: tuple[Provenance, ...]) -> tuple[Provenance, ...]:
    """Evidence read in a model folder, cited from the project's root (`models/x/LICENSE:26`)."""
    if not base:
        return evidence
    return tuple(p if p.source.startswith(("howopen:", "http://", "https://")) or p.source.startswith("/")
                 else replace(p, source=f"{base}/{p.source}") for p in evidence)


def reason_lines(rule: RuleResult, limit: int = 2, *, base: str | None = None) -> list[str]:
    """The clause or reason behind a rule's answer, each with where it stands (`base`: the model folder the
    evidence was read in, relative to where the reader stands)."""
    lines = []
    for reason in rule.reasons[:limit]:
        evidence = _within(base, reason.evidence)
        where = cites(evidence, 2) if evidence else ""
        lines.append(f"{reason.text}" + (f" ({where})" if where else ""))
    return lines


def rule_line(rule: RuleResult) -> str:
    return f"{MARK[rule.status]} {rule.rule.label}: {rule.message}"


def plain_lines(result: PolicyResult, *, only_blocking: bool = False) -> list[str]:
    lines = []
    for rule in result.results:
        if only_blocking and not rule.blocking:
            continue
        lines.append(rule_line(rule))
        if rule.status != PASS:
            lines.extend(f"    {line}" for line in reason_lines(rule))
    lines.extend(f"note: {note}" for note in result.notes)
    return lines


def policy_text(result: PolicyResult) -> RenderableType:
    """The policy block under a `howopen check` terminal report: each rule beside its mark, its text and the
    clause that fails it wrapping under themselves (a hanging indent), never back to the margin."""
    outcome = Text(outcome_text(result), style="bold green" if result.holds else "bold red")
    outcome.append(f"  {describe_policy(result.policy)}", style="dim")
    head = Table.grid(padding=(0, 1))
    head.add_column(no_wrap=True)
    head.add_column(overflow="fold")
    head.add_row(Text("Policy:", style="bold"), outcome)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for rule in result.results:
        text = Text()
        text.append(f"{rule.rule.label}", style="bold")
        text.append(f": {rule.message}")
        reasons = [Padding(Text(line, style="dim"), (0, 0, 0, 4)) for line in reason_lines(rule)]
        grid.add_row(Text(MARK[rule.status], style=STYLE[rule.status]),
                     Group(text, *reasons) if rule.status != PASS else text)
    for note in result.notes:
        grid.add_row(Text("note:", style="yellow"), Text(note, style="yellow"))
    return Group(head, Padding(grid, (0, 0, 0, 2)))


def _cell(text: str) -> str:
    return md_text(text)


def policy_markdown(result: PolicyResult) -> str:
    out = [f"### Policy: {outcome_text(result)}", "", f"{_cell(describe_policy(result.policy))}", "",
           "| Rule | Result | Why |", "| --- | --- | --- |"]
    for rule in result.results:
        why = _cell(rule.message)
        if rule.status != PASS:
            why += "".join(f"<br>{_cell(line)}" for line in reason_lines(rule))
        out.append(f"| {md_code(rule.rule.label)} | {MARK[rule.status]} {rule.status} | {why} |")
    out += [f"- note: {_cell(n)}" for n in result.notes]
    return "\n".join(out) + "\n"
