"""The interface every evidence source implements: turn one target into one `Release`."""

from __future__ import annotations

from abc import ABC, abstractmethod

from ..evidence import Release


class Source(ABC):
    """Knows where a release's evidence lives, and nothing about judging it."""

    #: short name used in reports: local | hub | catalog | mot
    kind: str = "source"

    @abstractmethod
    def describe(self) -> str:
        """One sentence saying which target was understood, e.g. "local folder ./models/x"."""

    @abstractmethod
    def fetch(self) -> Release:
        """Collect the evidence. Facts that cannot be established are recorded as unknown, never guessed."""
