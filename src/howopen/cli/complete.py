"""Shell completion for targets: the names in the bundled catalog (file names only; no record is parsed)."""

from __future__ import annotations


def catalog_names(incomplete: str) -> list[str]:
    """Catalog ids that start with what was typed so far (`deepseek-r1-dis` -> deepseek-r1-distill-llama-8b)."""
    from ..catalog import record_files

    typed = incomplete.lower()
    return [path.stem for path in record_files() if path.stem.startswith(typed)]
