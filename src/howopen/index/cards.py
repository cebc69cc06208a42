"""Model-card files as metadata-only releases: a folder of `<org>_<model>.md` cards, graded from the card alone.

The Hub id is taken from the file name: the first `_` separates organisation and model (a guess when either
contains `_` itself; the report's target shows the id used). Base models are looked up in the bundled catalog,
then among the cards of the same folders; nothing is fetched from the network.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..evidence import Release
from ..sources.assemble import build_release
from ..sources.card import MAX_CARD_BYTES, parse_card
from ..sources.lookup import catalog_release
from ..sources.snapshot import FileEntry, Snapshot

CARD_FILE = "README.md"


def card_names(path: Path) -> tuple[str, str]:
    """(organisation, model) from a card's file name."""
    org, sep, name = path.stem.partition("_")
    if not sep or not org or not name:
        return "local", path.stem
    return org, name


def list_cards(folders: Iterable[Path]) -> list[Path]:
    cards: list[Path] = []
    for folder in folders:
        cards.extend(sorted(p for p in folder.glob("*_*.md") if p.is_file()))  # not README.md, SOURCE.md
    return cards


def read_card(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(MAX_CARD_BYTES + 1)


def card_release(path: Path, data: bytes | None = None) -> Release:
    """The release a card alone shows: `metadata_only`, every file-based artifact unknown."""
    data = read_card(path) if data is None else data
    org, name = card_names(path)
    snapshot = Snapshot(label=f"{org}/{name}")
    snapshot.files.append(FileEntry(CARD_FILE, len(data)))
    snapshot.card = parse_card(data, CARD_FILE)
    snapshot.gap("card-only", f"indexed from the model card {path.name} alone; the repository's files were "
                 "not listed, so file-based artifacts such as the weights are unknown")
    return build_release(snapshot, target=f"{org}/{name}", source="card", name=name, organization=org)


class CardFolders:
    """The cards of some folders by Hub id, and a lineage resolver over them and the catalog."""

    def __init__(self, folders: Iterable[Path]) -> None:
        self.by_key: dict[str, Path] = {}
        for card in list_cards(folders):
            self.by_key.setdefault(card.stem.lower(), card)

    def find(self, hub_id: str) -> Path | None:
        return self.by_key.get(hub_id.strip().replace("/", "_", 1).lower())

    def resolve(self, ident: str) -> Release | None:
        found = catalog_release(ident)
        if found is not None:
            return found
        path = self.find(ident)
        if path is None:
            return None
        try:
            return card_release(path)
        except (OSError, ValueError):
            return None
