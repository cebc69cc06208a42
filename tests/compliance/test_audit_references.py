"""Every kind of model reference `howopen audit` finds, with its file, line and column, and what it passes over."""

from __future__ import annotations

from pathlib import Path

import pytest

from howopen.audit import GGUF, HUB, LOCAL, OLLAMA, scan
from howopen.audit.scan import MAX_TEXT_BYTES
from support.writers import write_gguf

from .conftest import FIXTURES

# tests/fixtures/audit/ten: (file, line, column, model, how)
TEN = [
    ("Modelfile", 1, 6, "bartowski/Llama-3.2-3B-Instruct-GGUF", "Modelfile FROM"),
    ("app/classify.py", 4, 51, "distilbert/distilbert-base-uncased-finetuned-sst-2-english", "pipeline()"),
    ("app/classify.py", 5, 32, "sentence-transformers/all-MiniLM-L6-v2", "SentenceTransformer()"),
    ("app/fetch.py", 5, 29, "bartowski/Llama-3.2-1B-Instruct-GGUF", "hf_hub_download()"),
    ("app/fetch.py", 6, 23, "microsoft/Phi-3-mini-128k-instruct", "snapshot_download()"),
    ("app/generate.py", 14, 9, "meta-llama/Llama-3.1-8B-Instruct", "from_pretrained()"),
    ("app/generate.py", 17, 47, "EleutherAI/pythia-1b", "from_pretrained()"),
    ("configs/finetune.yaml", 2, 13, "mistralai/Mistral-7B-v0.1", "config key 'base_model'"),
    ("configs/serve.json", 4, 17, "Qwen/Qwen2.5-7B-Instruct", "config key 'model_id'"),
    ("configs/settings.toml", 5, 14, "google/gemma-2-2b-it", "config key 'model_name'"),
]


def test_the_ten_reference_project() -> None:
    found = scan(FIXTURES / "ten")
    assert [(r.file, r.line, r.column, r.model, r.how) for r in found.references] == TEN
    assert {r.kind for r in found.references} == {HUB}
    assert found.skipped == []
    text = "\n".join(r.model for r in found.references)
    for distractor in ("skipped/", "fineweb", "commented/out", "docs/", "gpt-4o", "train.jsonl"):
        assert distractor not in text


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def refs(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int | None, str]]:
    return [(r.model, r.line, r.kind) for r in scan(project(tmp_path, files)).references]


@pytest.mark.parametrize(("code", "expected"), [
    ('AutoModel.from_pretrained("org/a")', "org/a"),
    ('AutoModel.from_pretrained(pretrained_model_name_or_path="org/a")', "org/a"),
    ('from_pretrained("gpt2")', "gpt2"),
    ('Llama.from_pretrained(repo_id="org/a-GGUF", filename="*q4.gguf")', "org/a-GGUF"),
    ('hf_hub_download("org/a", "config.json")', "org/a"),
    ('huggingface_hub.snapshot_download(repo_id="org/a", revision="v1")', "org/a"),
    ('pipeline("text-generation", "org/a")', "org/a"),
    ('pipeline(task="ner", model="org/a")', "org/a"),
    ('SentenceTransformer(model_name_or_path="org/a")', "org/a"),
    ('CrossEncoder("org/a")', "org/a"),
    ('timm.create_model("hf-hub:org/a", pretrained=True)', "org/a"),
    ('LLM(model="org/a")', "org/a"),
    ('InferenceClient(model="org/a")', "org/a"),
    ('ChatAnything(model_id="org/a")', "org/a"),
    ('AutoModel.from_pretrained(os.getenv("MODEL", "org/a"))', "org/a"),
    ('M = "org/a"\nAutoModel.from_pretrained(M)', "org/a"),
])
def test_python_calls(tmp_path: Path, code: str, expected: str) -> None:
    (ref,) = scan(project(tmp_path, {"app.py": code + "\n"})).references
    assert (ref.model, ref.kind, ref.file) == (expected, HUB, "app.py")
    assert ref.line == code.count("\n") + 1


@pytest.mark.parametrize("code", [
    'snapshot_download("org/data", repo_type="dataset")',
    'hf_hub_download(repo_id="org/space", repo_type="space", filename="app.py")',
    'AutoModel.from_pretrained(path)',  # not a literal
    'AutoModel.from_pretrained(f"org/{name}")',  # not a literal
    'M = "org/a"\nM = "org/b"\nAutoModel.from_pretrained(M)',  # bound twice: not certain
    'timm.create_model("resnet50")',  # not a Hub model
    'client.chat(model="gpt-4o")',  # an API model name, not a Hub id
    'print("AutoModel.from_pretrained(\'org/a\')")',
    '# AutoModel.from_pretrained("org/a")',
])
def test_python_non_references(tmp_path: Path, code: str) -> None:
    assert scan(project(tmp_path, {"app.py": code + "\n"})).references == []


def test_revision_is_kept(tmp_path: Path) -> None:
    (ref,) = scan(project(tmp_path, {"a.py": 'AutoModel.from_pretrained("org/a", revision="abc123")\n'})).references
    assert ref.revision == "abc123"


def test_columns_count_characters(tmp_path: Path) -> None:
    (ref,) = scan(project(tmp_path, {"a.py": 'x = "ééé"; m = from_pretrained("org/a")\n'})).references
    assert ref.column == len('x = "ééé"; m = from_pretrained(') + 1


def test_yaml_json_toml_keys(tmp_path: Path) -> None:
    found = refs(tmp_path, {
        "a.yaml": "stages:\n  - name: sft\n    base_model: org/base\n    reward_model: [org/rm1, org/rm2]\n",
        "b.json": '{"model": "https://huggingface.co/org/url-model", "model_name": "not-a-hub-id"}',
        "c.toml": 'repo_id = "org/toml-model"\n[x]\nmodel = "org/nested"\n',
        "d.yml": "model: &m org/anchored\nother:\n  model: *m\n",
    })
    assert found == [("org/base", 3, HUB), ("org/rm1", 4, HUB), ("org/rm2", 4, HUB), ("org/url-model", 1, HUB),
                     ("org/toml-model", 1, HUB), ("org/nested", 3, HUB), ("org/anchored", 1, HUB)]


def test_config_paths_count_only_when_they_exist(tmp_path: Path) -> None:
    (tmp_path / "models" / "mine").mkdir(parents=True)
    found = refs(tmp_path, {"conf/app.yaml": "model: ../models/mine\nmodel_id: ./checkpoints/missing\n"})
    assert found == [("models/mine", 1, LOCAL)]


def test_modelfiles(tmp_path: Path) -> None:
    write_gguf(tmp_path / "w" / "tiny.gguf", {"general.name": "tiny"}, {"t": (0, [2])})
    found = refs(tmp_path, {
        "Modelfile": "FROM llama3.1:8b\n",
        "ollama/chat.Modelfile": "# comment\nfrom hf.co/org/repo-GGUF:Q4_K_M\n",
        "ollama/Modelfile.local": "FROM ../w/tiny.gguf\n",
        "ollama/Modelfile.missing": "FROM ./gone.gguf\n",
    })
    assert ("llama3.1:8b", 1, OLLAMA) in found
    assert ("org/repo-GGUF", 2, HUB) in found
    assert ("w/tiny.gguf", 1, GGUF) in found
    assert ("./gone.gguf", 1, LOCAL) in found


def test_gguf_files_are_read_only_to_their_header(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "m" / "model.gguf", {"general.name": "Tiny", "general.license": "mit"},
                      {"t": (0, [4, 4])})
    with path.open("ab") as handle:
        handle.write(b"\xff" * 4096)  # trailing bytes the header reader never reaches
    (ref,) = scan(tmp_path).references
    assert (ref.model, ref.kind, ref.line, ref.text) == ("m/model.gguf", GGUF, None, "Tiny")
    assert ref.header is not None and ref.header.metadata["general.license"] == "mit"
    (tmp_path / "m" / "broken.gguf").write_bytes(b"GGUF\x09\x00\x00\x00")
    found = scan(tmp_path)
    assert [r.model for r in found.references] == ["m/broken.gguf", "m/model.gguf"]
    assert any("broken.gguf" in f and "GGUF header" in why for f, why in found.skipped)


def test_skipped_folders_and_files(tmp_path: Path) -> None:
    call = 'from_pretrained("org/hidden")\n'
    project(tmp_path, {".git/hooks/x.py": call, "node_modules/p/a.py": call, "venv2/pyvenv.cfg": "",
                       "venv2/lib/a.py": call, "__pycache__/a.py": call, "package-lock.json": '{"model": "o/x"}',
                       "visible.py": 'from_pretrained("org/visible")\n'})
    (tmp_path / "big.py").write_text("x = 1\n" * (MAX_TEXT_BYTES // 6 + 10))
    (tmp_path / "bin.py").write_bytes(b"\x00\x01from_pretrained('org/bin')")
    (tmp_path / "bad.py").write_text("def broken(:\n    from_pretrained('org/a')\n")
    (tmp_path / "bad.yaml").write_text("model: [unclosed\n")
    (tmp_path / "quiet.py").write_text("def broken(:\n")  # no loading call in it: not even parsed
    (tmp_path / "link.py").symlink_to(tmp_path / "visible.py")
    found = scan(tmp_path)
    assert [r.model for r in found.references] == ["org/visible"]
    why = dict(found.skipped)
    assert "larger than" in why["big.py"]
    assert "binary" in why["bin.py"]
    assert "not valid python" in why["bad.py"]
    assert "not valid yaml" in why["bad.yaml"]
    assert "quiet.py" not in why


def test_a_single_file_can_be_audited(tmp_path: Path) -> None:
    path = project(tmp_path, {"a.py": 'from_pretrained("org/a")\n'}) / "a.py"
    (ref,) = scan(path).references
    assert (ref.file, ref.model) == ("a.py", "org/a")


def test_yaml_alias_bombs_stay_bounded(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)) + "model: org/after-bomb\n"
    assert refs(tmp_path, {"bomb.yaml": bomb}) == [("org/after-bomb", 22, HUB)]
