"""`howopen license`: files, tags and expressions explained; bad input gets one line and no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from howopen.cli.app import app
from howopen.licenses.kb import reference_text, texts_dir

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["license", *args])
    return result.exit_code, result.stdout, result.stderr


def as_json(*args: str) -> dict:
    code, out, err = run(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_file_is_explained_with_terms_quotes_and_lines() -> None:
    data = as_json(str(texts_dir() / "llama3_3.txt"))
    assert (data["id"], data["name"], data["version"]) == ("llama3.3", "Llama 3.3 Community License Agreement", "3.3")
    assert data["recognized"] is True and data["confidence"] >= 0.9
    terms = data["terms"]
    assert terms["commercial_use"]["value"] == "conditional"
    assert terms["user_cap"]["params"]["threshold"] == 700_000_000
    clause = terms["user_cap"]["clauses"][0]
    assert clause["quote"] in " ".join(reference_text("llama3_3.txt").split())
    assert "700 million monthly active users" in reference_text("llama3_3.txt").splitlines()[clause["line"] - 1]
    assert terms["geographic_restriction"]["clauses"][0]["file"] == "llama3_3-aup.txt"
    assert set(terms) == {"commercial_use", "user_cap", "revenue_cap", "registration", "field_of_use",
                          "output_restriction", "attribution", "naming_duty", "share_alike", "passes_down",
                          "geographic_restriction", "termination", "redistribution"}
    assert data["osi"]["status"] == "fail" and data["eu_ai_act"]["status"] == "fail"
    assert data["license"]["incorporates"][0]["id"] == "llama3.3-aup"


def test_clauses_are_located_in_the_users_own_file(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_text("Downloaded from the vendor's site.\n\n" + reference_text("qwen.txt"), encoding="utf-8")
    clause = as_json(str(path))["terms"]["user_cap"]["clauses"][0]
    assert clause["input_line"] == clause["line"] + 2


def test_tag_and_expression() -> None:
    assert as_json("mit")["eu_ai_act"]["status"] == "pass"
    cc = as_json("cc-by-nc-4.0")
    assert cc["terms"]["commercial_use"]["value"] == "no" and cc["eu_ai_act"]["status"] == "fail"
    either = as_json("MIT OR Apache-2.0")
    assert either["recognized"] and either["id"] == "MIT OR Apache-2.0" and len(either["components"]) == 2
    assert either["terms"]["commercial_use"]["value"] == "yes"
    both = as_json("Apache-2.0 AND CC-BY-NC-4.0")
    assert both["terms"]["commercial_use"]["value"] == "no"
    assert as_json("openrail")["osi"]["status"] == "unknown"


def test_terminal_output_names_terms_and_frameworks() -> None:
    code, out, _ = run("gemma")
    assert code == 0
    assert "Gemma Terms of Use (gemma)" in out and "Field-of-use restrictions: yes" in out
    assert "gemma-prohibited-use-policy" in out and "EU AI Act" in out and "OSI" in out


def test_unrecognized_file_reports_clues_and_is_never_open(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_text("ACME License\n\nUse for research purposes only.\nNo commercial use of outputs to train "
                    "another model.\n", encoding="utf-8")
    data = as_json(str(path))
    assert data["recognized"] is False and data["id"] is None and data["open"] is False
    # Unknown text, but read: research only means commercial use "no", quoted with its line.
    assert data["terms"]["commercial_use"]["value"] == "no"
    assert data["terms"]["commercial_use"]["clauses"][0]["line"] == 3
    assert {k for c in data["clues"] for k in c["kinds"]} >= {"research-only", "output-restriction"}
    assert data["osi"]["status"] == "fail" and data["read"]["origin"] == "read"


def test_concatenated_file_reports_both(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE.md"
    path.write_text(reference_text("gemma.txt") + "\n\n" + reference_text("mit.txt"), encoding="utf-8")
    data = as_json(str(path))
    assert [c["id"] for c in data["components"]] == ["gemma", "MIT"]


def test_enormous_file_is_read_in_part(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_text(reference_text("apache-2.0.txt") + "x" * (3 * 1024 * 1024), encoding="utf-8")
    data = as_json(str(path))
    assert data["id"] == "Apache-2.0" and "only its beginning was read" in data["read_notes"][0]


def test_mixed_encodings_are_read(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_bytes(reference_text("mit.txt").encode("utf-8") + "\nCopyright © Société Générale\n".encode("cp1252"))
    data = as_json(str(path))
    assert data["id"] == "MIT" and "Windows-1252" in data["read_notes"][0]


def test_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_bytes(reference_text("qwen.txt").encode("utf-16"))
    assert as_json(str(path))["id"] == "qwen"


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"   \n\n", "is empty"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4, "looks like a binary file"),
])
def test_bad_files_get_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "LICENSE"
    path.write_bytes(content)
    code, out, err = run(str(path))
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err + out


@pytest.mark.parametrize("args, message", [
    (["MIT AND ("], "not a valid SPDX expression"),
    (["./no/such/LICENSE"], "no such file"),
    (["mit", "--format", "yaml"], "unknown format"),
    ([""], "no license given"),
])
def test_bad_arguments_get_one_line(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err + out


def test_folder_is_refused(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path))
    assert code == 2 and "is a folder" in err


def test_help_says_what_it_does() -> None:
    result = runner.invoke(app, ["license", "--help"])
    assert result.exit_code == 0 and "Explain a license" in result.stdout
