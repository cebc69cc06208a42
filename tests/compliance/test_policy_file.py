"""Policy files: pyproject.toml's [tool.howopen] and howopen.toml, discovery, exceptions with reasons and expiry."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from howopen.policy import EXCEPTED, FAIL, PolicyError, evaluate, find_policy_file, load_policy_file, resolve_policy

from .conftest import make_report

pytestmark = pytest.mark.usefixtures("test_kb")

PYPROJECT = """\
[project]
name = "demo"

[tool.howopen]
require = ["commercial", "open-weights"]
forbid = ["user-cap", "field_of_use"]

[[tool.howopen.exceptions]]
model = "meta-llama/Llama-3.1-*"
reason = "approved by legal (LEGAL-42) for the internal assistant"
rules = ["forbid:user-cap", "field-of-use"]
expires = 2030-06-30
"""

HOWOPEN_TOML = """\
require = "commercial"
forbid = ["naming-duty"]

[[exceptions]]
model = "org/old-model"
reason = "being replaced this quarter"
expires = "2020-01-31"
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_table(tmp_path: Path) -> None:
    policy = load_policy_file(write(tmp_path / "pyproject.toml", PYPROJECT))
    assert [r.label for r in policy.rules] == ["require commercial", "require open-weights", "forbid user-cap",
                                               "forbid field-of-use"]
    (exception,) = policy.exceptions
    assert exception.rules == ("forbid:user-cap", "forbid:field-of-use")
    assert exception.expires == date(2030, 6, 30)
    assert exception.source == str(tmp_path / "pyproject.toml")


def test_howopen_toml_and_string_values(tmp_path: Path) -> None:
    policy = load_policy_file(write(tmp_path / "howopen.toml", HOWOPEN_TOML))
    assert [r.label for r in policy.rules] == ["require commercial", "forbid naming-duty"]
    assert policy.exceptions[0].expires == date(2020, 1, 31)
    assert policy.exceptions[0].rules == ()


def test_discovery_walks_up_and_prefers_howopen_toml(tmp_path: Path) -> None:
    deep = tmp_path / "repo" / "src" / "pkg"
    deep.mkdir(parents=True)
    write(tmp_path / "repo" / "pyproject.toml", PYPROJECT)
    assert find_policy_file(deep) == tmp_path / "repo" / "pyproject.toml"
    write(tmp_path / "repo" / "src" / "pyproject.toml", "[project]\nname = 'inner'\n")  # no table: passed over
    assert find_policy_file(deep) == tmp_path / "repo" / "pyproject.toml"
    write(tmp_path / "repo" / "howopen.toml", HOWOPEN_TOML)
    assert find_policy_file(deep) == tmp_path / "repo" / "howopen.toml"
    assert find_policy_file(deep / "file.py") == tmp_path / "repo" / "howopen.toml"


def test_resolve_policy_merges_file_and_command_line(tmp_path: Path) -> None:
    write(tmp_path / "howopen.toml", HOWOPEN_TOML)
    policy = resolve_policy(require=["osaid"], forbid=["user-cap,naming-duty"], search_from=tmp_path)
    assert [r.label for r in policy.rules] == ["require commercial", "forbid naming-duty", "require osaid",
                                               "forbid user-cap"]
    assert policy.sources == (str(tmp_path / "howopen.toml"), "command line")
    explicit = resolve_policy(policy_file=write(tmp_path / "other" / "howopen.toml", 'forbid = ["user-cap"]\n'),
                              search_from=tmp_path)
    assert [r.label for r in explicit.rules] == ["forbid user-cap"]


@pytest.mark.parametrize(("text", "message"), [
    ("require = [\n", "not valid TOML"),
    ('requires = ["commercial"]\n', "unknown key 'requires'"),
    ('require = ["freedom"]\n', "unknown rule to require: 'freedom'"),
    ('forbid = ["commercial"]\n', "'commercial' is a rule to require"),
    ('[[exceptions]]\nmodel = "a/b"\n', "gives no reason"),
    ('[[exceptions]]\nreason = "x"\n', "names no model"),
    ('[[exceptions]]\nmodel = "a/b"\nreason = "x"\nexpires = "soon"\n', "'expires' must be a date"),
    ('[[exceptions]]\nmodel = "a/b"\nreason = "x"\nrules = ["bogus"]\n', "unknown rule 'bogus'"),
    ('[[exceptions]]\nmodel = "a/b"\nreason = "x"\nuntil = 2020-01-01\n', "unknown key 'until'"),
])
def test_bad_policy_files_say_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "howopen.toml", text)
    with pytest.raises(PolicyError, match=message):
        load_policy_file(path)


def test_pyproject_without_table_given_explicitly(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match=r"no \[tool.howopen\] table"):
        load_policy_file(write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n"))
    with pytest.raises(PolicyError, match="no such policy file"):
        load_policy_file(tmp_path / "missing.toml")


def test_an_exception_allows_its_rules_for_matching_models_until_it_expires(tmp_path: Path) -> None:
    policy = load_policy_file(write(tmp_path / "pyproject.toml", PYPROJECT))
    report = make_report("llama3.1", target="meta-llama/Llama-3.1-8B-Instruct", label="open-weights")
    result = evaluate(policy, report, today=date(2026, 1, 1))
    by_rule = {r.rule.name: r for r in result.results}
    assert by_rule["user-cap"].status == EXCEPTED
    assert by_rule["user-cap"].unexcepted_status == FAIL
    assert "approved by legal" in by_rule["user-cap"].message
    assert by_rule["field-of-use"].status == EXCEPTED
    assert result.holds
    expired = evaluate(policy, report, today=date(2031, 1, 1))
    assert not expired.holds
    assert {r.rule.name for r in expired.blocking} == {"user-cap", "field-of-use"}
    assert any("expired on 2030-06-30" in note for note in expired.notes)


def test_an_exception_does_not_cover_other_models_or_rules(tmp_path: Path) -> None:
    policy = load_policy_file(write(tmp_path / "pyproject.toml", PYPROJECT.replace(
        'rules = ["forbid:user-cap", "field-of-use"]', 'rules = ["forbid:user-cap"]')))
    llama = evaluate(policy, make_report("llama3.1", target="meta-llama/Llama-3.1-8B-Instruct"),
                     today=date(2026, 1, 1))
    assert [r.rule.name for r in llama.blocking] == ["field-of-use"]
    other = evaluate(policy, make_report("llama3.1", target="someone/llama-finetune"), today=date(2026, 1, 1))
    assert {r.rule.name for r in other.blocking} == {"user-cap", "field-of-use"}


def test_an_exception_matches_the_name_a_project_uses(tmp_path: Path) -> None:
    policy = load_policy_file(write(tmp_path / "howopen.toml", 'forbid = ["user-cap"]\n[[exceptions]]\n'
                                    'model = "models/local-llama"\nreason = "our own fine-tune, cleared"\n'))
    report = make_report("llama3.1", target="/abs/path/models/local-llama")
    assert not evaluate(policy, report).holds
    assert evaluate(policy, report, names=["models/local-llama"]).holds
