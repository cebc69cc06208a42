"""Start-up: `--version`, `--help` and `license TAG` import only what they need (timings are in
bench/bench_startup.py; here, which modules are loaded)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("huggingface_hub", "fastapi", "starlette", "uvicorn", "jinja2", "duckdb", "jsonschema", "httpx",
         "howopen.pipeline", "howopen.web", "howopen.graders", "howopen.sources", "howopen.index")

PROBE = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("MODULES " + " ".join(sorted(sys.modules)) + "\\n"))
sys.argv = ["howopen", *sys.argv[1:]]
from howopen.cli.app import main
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


def test_check_still_loads_its_command() -> None:
    modules, done = loaded("check", "--help")
    assert done.returncode == 0
    assert "howopen.cli.check" in modules
