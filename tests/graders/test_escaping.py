"""Strings from a model card are shown as text, never as markup: Markdown/HTML in pull-request comments, Rich
markup in the terminal."""

from __future__ import annotations

from dataclasses import replace

from markdown_it import MarkdownIt
from rich.console import Console

from howopen.evidence import ArtifactKind, Provenance
from howopen.formats import markdown, terminal
from howopen.formats.common import md_code, md_text

from . import releases as R

EVIL = ("<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) "
        "![i](https://evil.example/x.png) **bold** | cell")
RICH = "[bold]loud[/bold] [link=https://evil.example]here[/link]"


def _evil_release():  # type: ignore[no-untyped-def]
    base = R.restricted_finetune()
    ancestor = replace(base.lineage[0], id=f"evil/{EVIL}", binds=f"binds through {EVIL} {RICH}",
                       evidence=(Provenance(f"https://evil.example/<img src=x onerror=alert(4)>/{RICH}", line=3,
                                            quote=EVIL),))
    weights = replace(base.artifacts[ArtifactKind.WEIGHTS], evidence=(Provenance(f"{EVIL}.safetensors"),))
    training = replace(base.artifacts[ArtifactKind.TRAINING_CODE], reason=f"{EVIL} {RICH}")
    evil = replace(base, name=f"{EVIL} {RICH}", organization=RICH, lineage=(ancestor,))
    return evil.with_artifact(weights).with_artifact(training)


def _html(text: str) -> str:
    return MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table").render(text)


def test_markdown_output_is_inert_html_and_markdown() -> None:
    source = markdown.render(R.report(_evil_release()))
    html = _html(source)
    assert "<script" not in html and "<img" not in html and "javascript:" not in html.split('href="')[-1][:20]
    assert 'href="javascript' not in html and 'src="https://evil' not in html and "<a " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text
    assert "<strong>bold</strong>" not in html
    # the fixed structure survives: the artifact table keeps its columns although a card string carries `|`
    row = next(r for r in html.split("<tr>") if "Weights (final)" in r)
    assert row.count("<td>") == 4 and "| cell" in row


def test_markdown_helpers() -> None:
    assert md_text("[y]: javascript:x").startswith("\\[")  # no link reference definition at a line start
    assert md_text("a\nb") == "a b"
    assert md_code("a`b|c") == "`a'b\\|c`"


def test_terminal_shows_rich_markup_from_cards_literally() -> None:
    console = Console(width=400, record=True, color_system=None)
    console.print(terminal.render(R.report(_evil_release())))
    out = console.export_text()
    assert RICH in out  # in the headline, the lineage and the artifacts table
    assert f"{EVIL} {RICH}" in " ".join(out.split())
    assert out.count("[bold]loud[/bold]") >= 3
