"""`howopen completion SHELL`: the shell completion script for bash, zsh or fish.

The script calls `howopen` back with `_HOWOPEN_COMPLETE` set; Typer answers with the commands, options and, for
targets, the names in the bundled catalog.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .output import emit, fail

SHELLS = ("bash", "zsh", "fish")
INSTALL = {
    "bash": "add to ~/.bashrc:  eval \"$(howopen completion bash)\"",
    "zsh": "add to ~/.zshrc:  eval \"$(howopen completion zsh)\"",
    "fish": "run once:  howopen completion fish > ~/.config/fish/completions/howopen.fish",
}


def completion(
    shell: Annotated[str, typer.Argument(metavar="SHELL", help="The shell: bash, zsh or fish.",
                                         show_default=False)],
) -> None:
    """Print the completion script for bash, zsh or fish. Bash: add `eval "$(howopen completion bash)"` to
    ~/.bashrc. Zsh: add `eval "$(howopen completion zsh)"` to ~/.zshrc. Fish: run `howopen completion fish >
    ~/.config/fish/completions/howopen.fish` once."""
    if shell not in SHELLS:
        fail(f"unknown shell '{shell}'; choose one of: {', '.join(SHELLS)}")
    from .typerlib import completion_script

    script = completion_script(shell)
    emit(f"# howopen completion for {shell}; {INSTALL[shell]}\n{script}\n")
