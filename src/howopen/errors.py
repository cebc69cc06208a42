"""Errors a user can act on. Each carries the exit code the CLI uses and a one-line message."""

from __future__ import annotations


class HowopenError(Exception):
    """A problem with the input or environment, reported in one line without a traceback."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class TargetError(HowopenError):
    """The target cannot be read at all (missing path, empty folder, unknown id)."""


class UsageError(HowopenError):
    """An option or argument is not valid."""
