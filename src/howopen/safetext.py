"""Text written by strangers, made safe for the terminal and Markdown: shown, never interpreted.

`visible()` is the one escaping function, used by every human-readable format and the CLI. File names, card fields
and license texts reach the reports; a colour code, a window-title change (`ESC ]0;`), a clear-screen, a bell, a
right-to-left override or a lone surrogate (an undecodable byte of a file name) in them must show as what it is.
Each becomes a visible escape (`\\x1b`, `\\u202e`, `\\xe9`). The CLI's output layer (`cli/output.emit`) passes
every report through it, so no format can forget it; formats call it themselves for single fields, where a newline
in a file name must not start a new line or split a table row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Rich is imported when something is rendered, not when the CLI starts
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.segment import Segment

# C0 and C1 controls and DEL; bidi embeddings, overrides, isolates and marks; zero-width and invisible formatting
# characters that can hide or reorder text; line and paragraph separators; lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
                     "\ufeff\ufff9-\ufffb\ud800-\udfff]")
_UNSAFE_KEEP_LINES = re.compile(_UNSAFE.pattern.replace("\x00-\x1f", "\x00-\x08\x0b-\x1f"))
MACHINE_FORMATS = frozenset({"json", "mof", "eosai", "cyclonedx", "spdx", "sarif"})  # escape in their own syntax
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: object, *, keep_newlines: bool = False) -> str:
    """`text` with every control character, bidi control and invisible formatting character shown as an escape.
    With `keep_newlines`, line feeds and tabs stay (for whole documents); otherwise the result is one line."""
    return (_UNSAFE_KEEP_LINES if keep_newlines else _UNSAFE).sub(_escape, str(text))


def safe_segments(segments: Iterable[Segment]) -> Iterator[Segment]:
    """Rich's rendered segments with their text made `visible`; Rich's own control segments are kept."""
    from rich.segment import Segment

    for segment in segments:
        if segment.control or not _UNSAFE_KEEP_LINES.search(segment.text):
            yield segment
        else:
            yield Segment(visible(segment.text, keep_newlines=True), segment.style)


class Safe:
    """A Rich renderable whose output passes through `visible` after layout: whatever a format built, nothing it
    shows from the evidence can act on the terminal."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from safe_segments(console.render(self.renderable, options))
