"""An audit's results as a terminal table, JSON or Markdown: one row per model, then each failed rule with the
clause or reason that fails it, then the models that could not be checked and why."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..audit.references import LOCAL
from ..audit.result import AuditedModel, AuditResult
from .common import LABEL_STYLE, LABEL_TEXT, md_code, md_text
from .policy import MARK, STYLE, describe_policy, outcome_text, reason_lines

MAX_SITES = 3


def evidence_base(model: AuditedModel) -> str | None:
    """A local model's folder, relative to the audited root: where its evidence files are."""
    return model.model if model.kind == LOCAL and model.references and model.references[0].path else None


def _license(model: AuditedModel) -> str:
    if model.report is None or model.report.license is None:
        return "—"
    return model.report.license.label()


def _policy_cell(model: AuditedModel) -> tuple[str, str]:
    if model.policy is None:
        return "—", "dim"
    if model.policy.holds:
        excepted = any(r.status == "excepted" for r in model.policy.results)
        return ("holds (exception)" if excepted else "holds"), "green"
    return outcome_text(model.policy).lower(), "bold red"


def _sites(model: AuditedModel) -> str:
    shown = [r.cite() for r in model.references[:MAX_SITES]]
    more = len(model.references) - len(shown)
    return ", ".join(shown) + (f" (+{more})" if more > 0 else "")


def _summary(result: AuditResult) -> str:
    refs = len(result.references)
    files = len({r.file for r in result.references})
    return (f"{refs} model reference{'s' if refs != 1 else ''} to {len(result.models)} "
            f"model{'s' if len(result.models) != 1 else ''} in {files} file{'s' if files != 1 else ''} "
            f"({result.files_read} files read of {result.files_seen} seen)")


def _verdict_line(result: AuditResult) -> str:
    if not result.policy_applied:
        return "No policy applied (give --require/--forbid, --policy, or a [tool.howopen] table)."
    failing = result.failing
    if not failing:
        return f"Policy holds for all {len(result.models)} models."
    return f"Policy FAILS for {len(failing)} of {len(result.models)} models."


def _shown_root(result: AuditResult) -> str:
    try:
        return str(result.root.relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(result.root)


def render_terminal(result: AuditResult) -> RenderableType:
    parts: list[RenderableType] = [Text(f"howopen audit {_shown_root(result)}", style="bold"),
                                   Text(_summary(result), style="dim")]
    if result.policy_applied:
        parts.append(Text(f"Policy: {describe_policy(result.policy)}", style="dim"))
    table = Table(expand=False)
    for column in ("Model", "Kind", "Verdict", "License", "Policy", "Referenced at"):
        table.add_column(column, overflow="fold")
    for model in result.models:
        cell, style = _policy_cell(model)
        table.add_row(escape(model.display), model.kind,
                      Text(LABEL_TEXT.get(model.label, model.label.upper()), style=LABEL_STYLE.get(model.label, "")),
                      escape(_license(model)), Text(cell, style=style), escape(_sites(model)))
    parts.append(table)
    failing = [m for m in result.models if m.policy is not None and (m.policy.blocking or m.policy.notes)]
    if failing:
        text = Text("Failed rules:\n", style="bold")
        for model in failing:
            assert model.policy is not None
            text.append(f"  {model.display}", style="bold")
            text.append(f"  ({_sites(model)})\n", style="dim")
            for rule in model.policy.blocking:
                text.append(f"    {MARK[rule.status]} ", style=STYLE[rule.status])
                text.append(rule.rule.label, style="bold")
                text.append(f": {rule.message}\n")
                for line in reason_lines(rule, base=evidence_base(model)):
                    text.append(f"        {line}\n", style="dim")
            for note in model.policy.notes:
                text.append(f"    note: {note}\n", style="yellow")
        parts.append(text)
    unchecked = [m for m in result.models if not m.checked]
    if unchecked:
        text = Text("Not checked (reported as unknown, never as passing):\n", style="bold yellow")
        for model in unchecked:
            text.append(f"  {model.display}: {model.error}\n")
        parts.append(text)
    if result.skipped:
        text = Text("Files not read:\n", style="bold yellow")
        for file, why in result.skipped[:20]:
            text.append(f"  {file}: {why}\n")
        if len(result.skipped) > 20:
            text.append(f"  (+{len(result.skipped) - 20} more)\n")
        parts.append(text)
    for note in result.notes:
        parts.append(Text(f"note: {note}", style="yellow"))
    parts.append(Text(_verdict_line(result), style="bold green" if result.holds else "bold red"))
    return Group(*parts)


def render_json(result: AuditResult) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False, default=str) + "\n"


def _cell(text: str) -> str:
    return md_text(text)


def render_markdown(result: AuditResult) -> str:
    out = [f"## howopen audit: {_cell(result.root.name or str(result.root))}", "", _summary(result) + ".", ""]
    if result.policy_applied:
        out += [f"**Policy:** {_cell(describe_policy(result.policy))}", ""]
    out += ["| Model | Kind | Verdict | License | Policy | Referenced at |", "| --- | --- | --- | --- | --- | --- |"]
    for model in result.models:
        cell, _style = _policy_cell(model)
        out.append(f"| {md_code(model.display)} | {model.kind} | {LABEL_TEXT.get(model.label, model.label)} | "
                   f"{_cell(_license(model))} | {cell} | {_cell(_sites(model))} |")
    failing = [m for m in result.models if m.policy is not None and m.policy.blocking]
    if failing:
        out += ["", "### Failed rules", ""]
        for model in failing:
            assert model.policy is not None
            out.append(f"- {md_code(model.display)} ({_cell(_sites(model))})")
            for rule in model.policy.blocking:
                out.append(f"  - {MARK[rule.status]} {md_code(rule.rule.label)}: {_cell(rule.message)}")
                out += [f"    - {_cell(line)}" for line in reason_lines(rule, base=evidence_base(model))]
    unchecked = [m for m in result.models if not m.checked]
    if unchecked:
        out += ["", "### Not checked", ""]
        out += [f"- {md_code(m.display)}: {_cell(m.error or '')}" for m in unchecked]
    out += ["", f"**{_verdict_line(result)}**", ""]
    return "\n".join(out)
