"""Which target forms `howopen check` understands, and what it says it understood."""

from __future__ import annotations

from pathlib import Path

import pytest

from howopen.errors import TargetError, UsageError
from howopen.sources.hub import HubSource
from howopen.sources.local import LocalSource
from howopen.targets import CheckOptions, resolve_target


@pytest.mark.parametrize(("target", "repo_id", "revision", "how"), [
    ("EleutherAI/pythia-1b", "EleutherAI/pythia-1b", None, "Hub id"),
    ("EleutherAI/pythia-1b@step1000", "EleutherAI/pythia-1b", "step1000", "Hub id with a revision"),
    ("https://huggingface.co/EleutherAI/pythia-1b", "EleutherAI/pythia-1b", None, "Hub URL"),
    ("https://huggingface.co/EleutherAI/pythia-1b/tree/step1000", "EleutherAI/pythia-1b", "step1000",
     "Hub URL"),
    ("https://hf.co/EleutherAI/pythia-1b/blob/main/README.md", "EleutherAI/pythia-1b", "main", "Hub URL"),
    ("https://huggingface.co/models/EleutherAI/pythia-1b", "EleutherAI/pythia-1b", None, "Hub URL"),
])
def test_hub_forms(target: str, repo_id: str, revision: str | None, how: str) -> None:
    source = resolve_target(target)
    assert isinstance(source, HubSource)
    assert (source.repo_id, source.revision, source.how) == (repo_id, revision, how)
    assert source.describe().startswith(f"Hugging Face Hub model {repo_id}")
    assert f"(read as a {how})" in source.describe()


def test_revision_option_and_offline() -> None:
    source = resolve_target("EleutherAI/pythia-1b", CheckOptions(offline=True, revision="step1000"))
    assert isinstance(source, HubSource) and source.revision == "step1000" and source.offline
    assert "offline, from the cache" in source.describe()
    with pytest.raises(UsageError, match="give the revision once"):
        resolve_target("EleutherAI/pythia-1b@main", CheckOptions(revision="step1000"))


def test_a_folder_wins_over_a_hub_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "org" / "name").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert isinstance(resolve_target("org/name"), LocalSource)


@pytest.mark.parametrize(("target", "message"), [
    ("https://huggingface.co/datasets/allenai/dolma", "is a dataset, not a model"),
    ("https://huggingface.co/spaces/org/app", "is a Space, not a model"),
    ("https://huggingface.co/EleutherAI", "does not name a model repository"),
    ("not a model", "is not a folder, a Hugging Face Hub id"),
    ("./missing/folder", "no such file or folder"),
    ("org/name@", "is not a folder"),
    ("a--b/c", "is not a valid Hub id"),
    ("https://huggingface.co/a/b..c", "is not a valid Hub id"),
])
def test_what_is_not_understood(target: str, message: str) -> None:
    with pytest.raises(TargetError, match=message):
        resolve_target(target)
