"""A single model-card file as a metadata-only release: what a card alone shows, with everything else unknown.

Used to index folders of cards (such as the 3,408 corpus cards) and to grade a card without its repository. A card
checked on its own (`howopen check card.md`, online) has its links followed as a Hub check's are (`follow.py`:
linked GitHub repositories, Hub datasets, arXiv papers); indexing and `--offline` read the card alone.
Card files are often named `<org>_<model>.md`; the Hub id is taken from that name, the first `_` separating
organisation and model (a guess when either contains `_` itself; the release's target shows the id used).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..evidence import Release
from ..textio import read_bounded
from .assemble import build_release
from .card import MAX_CARD_BYTES, parse_card
from .interface import Source
from .snapshot import FileEntry, Snapshot

if TYPE_CHECKING:
    from .lookup import Lookup

CARD_FILE = "README.md"  # the name evidence cites: the card is read as the repository's README.md


def card_names(path: Path) -> tuple[str, str]:
    """(organisation, model) from a card's file name; `local` when the name has no `_`."""
    org, sep, name = path.stem.partition("_")
    if not sep or not org or not name:
        return "local", path.stem
    return org, name


def read_card(path: Path) -> bytes:
    """The card's bytes, at most one more than the card reader accepts (it reports the excess)."""
    return read_bounded(path, MAX_CARD_BYTES + 1)


class CardFileSource(Source):
    kind = "card"

    def __init__(self, path: str | Path, data: bytes | None = None, names: tuple[str, str] | None = None, *,
                 read_as: str | None = None, follow_links: bool = False) -> None:
        self.path = Path(path)
        self.data = data  # the bytes, when the caller has read them already (to hash them, say)
        self.names = names  # (organisation, model) when the file name does not give them (a README.md)
        self.read_as = read_as  # the card-only gap's message, when the card came from elsewhere (a crawl)
        self.follow_links = follow_links
        self._lookup: Lookup | None = None

    @property
    def lookup(self) -> Lookup:
        """This check's network session (cache, pool), shared with the lineage stage's lookups."""
        if self._lookup is None:
            from .lookup import Lookup

            self._lookup = Lookup(offline=not self.follow_links)  # links are followed online only
        return self._lookup

    def describe(self) -> str:
        return f"model card file {self.path} (metadata only)"

    def fetch(self) -> Release:
        """Raises OSError when the file cannot be read and `NotACard` (a ValueError) when it is binary."""
        data = read_card(self.path) if self.data is None else self.data
        org, name = self.names or card_names(self.path)
        snapshot = Snapshot(label=f"{org}/{name}")
        snapshot.files.append(FileEntry(CARD_FILE, len(data)))
        snapshot.card = parse_card(data, CARD_FILE)
        snapshot.gap("card-only", self.read_as or f"indexed from the model card {self.path.name} alone; the "
                     "repository's files were not listed, so file-based artifacts such as the weights are unknown")
        follower = links = None
        if self.follow_links:
            from .card import body_links
            from .follow import LinkFollower

            follower, links = LinkFollower(self.lookup.session), body_links(snapshot.card)
            follower.start(snapshot.card, (), links, org)
        release = build_release(snapshot, target=f"{org}/{name}", source=self.kind, name=name, organization=org)
        return follower.apply(release, links) if follower is not None and links is not None else release
