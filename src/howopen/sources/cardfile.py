"""A single model-card file as a metadata-only release: what a card alone shows, with everything else unknown.

Used to index folders of cards (such as the 3,408 corpus cards) and to grade a card without its repository.
Card files are often named `<org>_<model>.md`; the split at the first `_` is a guess and is marked as such.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import TargetError
from ..evidence import Release
from .assemble import build_release
from .card import MAX_CARD_BYTES, NotACard, parse_card
from .interface import Source
from .snapshot import Snapshot


def names_from_filename(path: Path) -> tuple[str, str | None]:
    """`org_model.md` -> ("model", "org"); without an underscore the whole stem is the name."""
    stem = path.stem
    org, sep, name = stem.partition("_")
    if sep and org and name:
        return name, org
    return stem, None


class CardFileSource(Source):
    kind = "card"

    def __init__(self, path: str | Path, *, name: str | None = None, organization: str | None = None) -> None:
        self.path = Path(path)
        self.name = name
        self.organization = organization

    def describe(self) -> str:
        return f"model card file {self.path} (metadata only)"

    def fetch(self) -> Release:
        try:
            with self.path.open("rb") as handle:
                data = handle.read(MAX_CARD_BYTES + 1)
        except OSError as exc:
            raise TargetError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        snapshot = Snapshot(label=str(self.path))
        try:
            snapshot.card = parse_card(data, self.path.name)
        except NotACard as exc:
            raise TargetError(str(exc)) from None
        guessed_name, guessed_org = names_from_filename(self.path)
        return build_release(snapshot, target=str(self.path), source=self.kind, name=self.name or guessed_name,
                             organization=self.organization if self.name else guessed_org)
