"""Model references in Ollama Modelfiles: the `FROM` instruction names a library model, a Hub GGUF repository
(`hf.co/org/name:Q4_K_M`) or a weight file on disk."""

from __future__ import annotations

import re
from pathlib import Path

from .references import (
    GGUF,
    HUB,
    LOCAL,
    OLLAMA,
    Located,
    ModelReference,
    hub_id,
    looks_like_file,
    looks_like_path,
    relative,
    resolve_path,
)

FROM = re.compile(r"^\s*FROM\s+(\S+)", re.IGNORECASE)
OLLAMA_NAME = re.compile(r"^[a-z0-9][a-z0-9._\-]*(?:/[a-z0-9][a-z0-9._\-]*)?(?::[\w.\-]+)?$", re.IGNORECASE)


def is_modelfile(name: str) -> bool:
    lowered = name.lower()
    return lowered == "modelfile" or lowered.startswith("modelfile.") or lowered.endswith(".modelfile")


def find_in_modelfile(text: str, file: Path, root: Path) -> list[ModelReference]:
    refs = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = FROM.match(line)
        if match is None:
            continue
        value = match.group(1).strip("\"'")
        found = Located(value, number, match.start(1) + 1, "Modelfile FROM")
        where = relative(file, root)
        existing = resolve_path(value, file, root)
        if existing is not None:
            kind = GGUF if existing.suffix.lower() == ".gguf" else LOCAL
            refs.append(ModelReference.at(found, where, relative(existing, root), kind, existing))
            continue
        if value.lower().startswith(("hf.co/", "huggingface.co/", "https://")):
            ident = hub_id(value.split(":", 1)[0] if not value.startswith("https://") else value)
            if ident is not None:
                refs.append(ModelReference.at(found, where, ident, HUB))
            continue
        if looks_like_path(value) or looks_like_file(value):
            refs.append(ModelReference.at(found, where, value, LOCAL))  # not in the project: unknown when checked
        elif OLLAMA_NAME.match(value):
            refs.append(ModelReference.at(found, where, value, OLLAMA))
    return refs
