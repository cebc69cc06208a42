"""Start-up: `--version`, `--help` and `license TAG` import only what they need (timings are in
bench/bench_startup.py; here, which modules are loaded)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from howopen.cli.entry import direct_license

HEAVY = ("huggingface_hub", "fastapi", "starlette", "uvicorn", "jinja2", "duckdb", "jsonschema", "httpx",
         "howopen.pipeline", "howopen.web", "howopen.graders", "howopen.sources", "howopen.index")

PROBE = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("MODULES " + " ".join(sorted(sys.modules)) + "\\n"))
sys.argv = ["howopen", *sys.argv[1:]]
from howopen.cli.entry import main
main()
"""


def loaded(*args: str) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60)
    line = next(line for line in done.stderr.splitlines() if line.startswith("MODULES "))
    return set(line.split()[1:]), done


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("license", "apache-2.0"), ()])
def test_fast_commands_do_not_import_the_pipeline_or_web_stack(args: tuple[str, ...]) -> None:
    modules, done = loaded(*args)
    assert done.returncode in (0, 2), done.stderr
    heavy = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert heavy == []


def test_version_and_help_do_not_import_rich_or_the_license_kb() -> None:
    for args in (("--version",), ("--help",)):
        modules, _ = loaded(*args)
        assert not {m for m in modules if m == "rich" or m.startswith(("rich.", "howopen.licenses"))}, args


def test_license_tag_imports_neither_typer_nor_pydantic_nor_a_yaml_parser() -> None:
    for tag in ("apache-2.0", "llama3.1"):
        modules, done = loaded("license", tag)
        assert done.returncode == 0, done.stderr
        assert not {m for m in modules if m.split(".")[0] in ("typer", "pydantic", "rich", "yaml", "click")}, tag


# `howopen license TARGET` alone is answered without Typer (howopen/cli/entry.py); with an option it goes through
# Typer: both must print the same, fail the same way and exit with the same code.
SAME = ["apache-2.0", "llama3.1", "apach-2.0", "MIT OR Apache-2.0", "MIT AND (", "LICENSE", "", "  ", "other",
        "https://www.apache.org/licenses/LICENSE-2.0", "gpl-3.0+"]


@pytest.mark.parametrize("target", [*SAME, "FILE"])
def test_license_without_options_prints_what_the_typer_path_prints(target: str, tmp_path: Path) -> None:
    if target == "FILE":
        target = str(tmp_path / "LICENSE")
        (tmp_path / "LICENSE").write_text("Permission is hereby granted, free of charge, to any person\n",
                                          encoding="utf-8")

    def run(*args: str) -> tuple[int, str, str]:
        done = subprocess.run([sys.executable, "-m", "howopen", *args], capture_output=True, text=True, timeout=60,
                              cwd=tmp_path, env={**os.environ, "COLUMNS": "80"})
        return done.returncode, done.stdout, done.stderr

    direct = run("license", target)
    assert direct == run("license", "--format", "terminal", target)
    assert not direct[2] or direct[2].count("\n") == 1


def test_the_direct_path_is_only_taken_for_a_lone_argument() -> None:
    assert direct_license(["license", "mit"])
    for args in (["license"], ["license", "-h"], ["license", "--help"], ["license", "mit", "-f", "json"],
                 ["check", "mit"], ["license", "--", "mit"]):
        assert not direct_license(args), args


def test_check_still_loads_its_command() -> None:
    modules, done = loaded("check", "--help")
    assert done.returncode == 0
    assert "howopen.cli.check" in modules


# A command's `--help` needs its options, not what the command does: no pipeline, Hub client, graders, DuckDB, web
# stack or Rich (each command imports those when it runs: cli/check.py, cli/audit.py, cli/index.py, ...).
HELP_HEAVY = (*(h for h in HEAVY if h != "howopen.index"),
              "duckdb", "rich", "howopen.index.store", "howopen.index.build", "howopen.index.crawl",
              "howopen.index.census", "howopen.audit", "howopen.ancestry", "howopen.formats.terminal",
              "howopen.formats.markdown", "howopen.formats.policy", "howopen.licenses", "howopen.report",
              "howopen.evidence", "howopen.policy.evaluation", "howopen.policy.result")


@pytest.mark.parametrize("args", [("check", "--help"), ("audit", "--help"), ("compare", "--help"),
                                  ("list", "--help"), ("index", "crawl", "--help"), ("serve", "--help"),
                                  ("site", "build", "--help"), ("census", "--help")], ids=" ".join)
def test_command_help_imports_only_the_options(args: tuple[str, ...]) -> None:
    modules, done = loaded(*args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Usage: howopen {' '.join(args[:-1])} ")
    heavy = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HELP_HEAVY))
    assert heavy == []


def test_the_format_tables_name_every_format_without_loading_one() -> None:
    done = subprocess.run([sys.executable, "-c", "import sys; from howopen.formats import AUDIT_FORMATS, FORMATS, "
                           "LAYERED; print(sorted(FORMATS), sorted(AUDIT_FORMATS), sorted(LAYERED)); "
                           "print(sorted(m for m in sys.modules if m.startswith(('howopen.formats.', "
                           "'howopen.report', 'howopen.audit', 'rich'))))"],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.splitlines() == [
        "['cyclonedx', 'eosai', 'json', 'markdown', 'mof', 'spdx', 'terminal'] "
        "['cyclonedx', 'json', 'markdown', 'sarif', 'spdx', 'terminal'] ['markdown', 'terminal']", "[]"]


def test_names_the_help_reads_without_their_modules_are_theirs() -> None:
    from howopen.cli.compare import FORMATS as COMPARE_FORMATS
    from howopen.formats.comparison import RENDERERS
    from howopen.policy import rule_names, rules

    assert tuple(RENDERERS) == COMPARE_FORMATS
    for mode in ("require", "forbid"):
        assert rule_names(mode) == list(rules()[mode])


def test_the_policy_package_exports_its_functions_not_its_modules() -> None:
    done = subprocess.run([sys.executable, "-c", "import howopen.policy.evaluation, howopen.policy.rules; "
                           "from howopen.policy import evaluate, rules, unchecked, PolicyResult; "
                           "print(callable(evaluate) and callable(rules) and callable(unchecked), "
                           "evaluate.__module__, rules.__module__, PolicyResult.__module__)"],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["True", "howopen.policy.evaluation", "howopen.policy.rules",
                                   "howopen.policy.result"], done.stderr
