"""The pre-commit hook definition and the GitHub Actions example are valid and run `howopen audit`."""

from __future__ import annotations

import re

import pytest
import yaml

from support.snapshots import REPO


def test_pre_commit_hook() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "howopen-audit"
    assert hook["entry"] == "howopen audit"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("app/train.py", "configs/a.yaml", "b.yml", "serve.json", "pyproject.toml", "Modelfile",
                 "ollama/Modelfile", "ollama/chat.Modelfile", "Modelfile.dev", "models/x.gguf"):
        assert files.search(path), path
    for path in ("README.md", "notes.txt", "image.png", "Modelfiles/readme.md"):
        assert not files.search(path), path


@pytest.mark.parametrize("doc", ["docs/ci.md"])
def test_github_actions_example_is_valid_yaml(doc: str) -> None:
    text = (REPO / doc).read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    (workflow,) = [yaml.safe_load(b) for b in blocks if "jobs:" in b]
    steps = workflow["jobs"]["howopen"]["steps"]
    runs = " ".join(str(s.get("run", "")) for s in steps)
    assert "howopen audit . --format sarif" in runs
    upload = next(s for s in steps if "upload-sarif" in str(s.get("uses", "")))
    assert upload["if"] == "always()"
    assert "security-events" in workflow["permissions"]
    assert "docs/ci.md" in (REPO / "README.md").read_text(encoding="utf-8")
