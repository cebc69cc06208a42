"""Model-card files as metadata-only releases: a folder of `<org>_<model>.md` cards, graded from the card alone.

The Hub id is taken from the file name: the first `_` separates organisation and model (a guess when either
contains `_` itself; the report's target shows the id used). Base models are looked up in the bundled catalog,
then among the cards of the same folders; nothing is fetched from the network.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..evidence import Release
from ..sources.cardfile import CARD_FILE, CardFileSource, card_names, read_card
from ..sources.lookup import catalog_release
from ..textio import inside_regular_file

__all__ = ["CARD_FILE", "CardFolders", "card_names", "card_release", "list_cards", "read_card"]


def list_cards(folders: Iterable[Path]) -> list[Path]:
    """The `<org>_<model>.md` files of each folder (not README.md, SOURCE.md): regular files inside the folder
    only. A symlink that leaves the folder (`x_passwd.md -> /etc/passwd`), a loop, a FIFO or a device is never a
    card, so nothing outside the folders is ever indexed or published."""
    cards: list[Path] = []
    for folder in folders:
        cards.extend(sorted(p for p in folder.glob("*_*.md") if inside_regular_file(p, folder)))
    return cards


def card_release(path: Path, data: bytes | None = None) -> Release:
    """The release a card alone shows: `metadata_only`, every file-based artifact unknown."""
    return CardFileSource(path, data).fetch()


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
