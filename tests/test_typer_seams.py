"""The places the CLI reaches past Typer's public API (howopen/cli/typerlib.py) still hold in the installed Typer:
a Typer upgrade that moves one fails here, by name, rather than leaving the CLI half-working."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import typer
import typer.core

from howopen.cli import typerlib
from howopen.cli.app import COMMANDS, load


def test_the_installed_typer_is_in_the_range_pyproject_allows() -> None:
    text = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    spec = next(d for d in tomllib.loads(text)["project"]["dependencies"] if d.startswith("typer"))
    low, high = re.findall(r"(\d+)\.(\d+)", spec)[:2]
    version = tuple(int(p) for p in typer.__version__.split(".")[:2])
    assert tuple(map(int, low)) <= version < tuple(map(int, high)), (typer.__version__, spec)


def test_the_help_wrapper_is_where_click_looks_for_it_and_breaks_no_hyphenated_word() -> None:
    module = __import__(f"{typerlib.click.__name__}._textwrap", fromlist=["TextWrapper"])
    typerlib.plain_wrapping()
    assert getattr(module.TextWrapper, "howopen", False)
    wrapped = typerlib.click.formatting.wrap_text("aaaa " * 5 + "osi-approved non-commercial", width=30)
    assert "osi-\n" not in wrapped and "non-\n" not in wrapped


def test_arguments_show_plain_names() -> None:
    assert hasattr(typer.core.TyperArgument, "_usage_display_name")
    assert hasattr(typer.core.TyperArgument, "display_type_rich")
    command = load("check")
    (target,) = [p for p in command.params if p.param_type_name == "argument"]
    assert target._usage_display_name() == "TARGET" and target.display_type_rich(None) is None
    ctx = typerlib.click.Context(command, info_name="check")
    assert "check [OPTIONS] TARGET" in command.get_usage(ctx) and "{" not in command.get_help(ctx)


def test_sub_apps_lose_the_completion_option() -> None:
    app = typer.Typer()
    assert hasattr(app, "_add_completion")
    typerlib.without_completion_option(app)
    assert app._add_completion is False
    index = load("index")
    assert not [p for p in index.params if "--install-completion" in getattr(p, "opts", ())]


def test_completion_helpers_exist_and_give_a_script() -> None:
    typerlib.register_completion_classes()
    for shell in ("bash", "zsh", "fish"):
        assert "_HOWOPEN_COMPLETE" in typerlib.completion_script(shell)


def test_the_bare_command_error_is_recognised() -> None:
    assert typerlib.is_no_args_help(typerlib.click.exceptions.NoArgsIsHelpError(
        typerlib.click.Context(load("index"))))



def test_the_lazy_group_overrides_methods_typer_still_calls() -> None:
    for name in ("list_commands", "get_command", "resolve_command", "format_commands"):  # app.LazyGroup's overrides
        assert callable(getattr(typerlib.TyperGroup, name, None)), name
    assert set(COMMANDS) >= {"check", "license", "index"}
