"""How many requests one check may spend following the links of a card (`HOWOPEN_MAX_LINK_REQUESTS`).

Each link costs what reading it takes: a GitHub repository three requests (repository, license, tree), a Hub
dataset two (its info and its card), an arXiv paper one. Links past the cap are not followed; one gap names them,
and what they would have shown stays unknown.
"""

from __future__ import annotations

import threading

from ..evidence import Gap


class LinkBudget:
    def __init__(self, cap: int) -> None:
        self.cap = max(0, cap)
        self.spent = 0
        self.skipped: list[str] = []
        self._lock = threading.Lock()

    def spend(self, cost: int, what: str) -> bool:
        """Reserve `cost` requests for reading `what`; False (and `what` noted as skipped) past the cap."""
        with self._lock:
            if self.spent + cost > self.cap:
                self.skipped.append(what)
                return False
            self.spent += cost
            return True

    def gap(self) -> Gap | None:
        if not self.skipped:
            return None
        shown = ", ".join(self.skipped[:8]) + (f" and {len(self.skipped) - 8} more" if len(self.skipped) > 8 else "")
        return Gap("link-cap", f"{len(self.skipped)} linked resource{'s' if len(self.skipped) != 1 else ''} "
                   f"not read: the cap of {self.cap} requests per check for following links was reached "
                   f"({shown}); raise HOWOPEN_MAX_LINK_REQUESTS to read them")
