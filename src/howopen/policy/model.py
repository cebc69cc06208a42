"""A policy: the rules a project requires and forbids, and the exceptions it allows, with where they came from."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .rules import FORBID, REQUIRE, Rule, lookup


@dataclass(frozen=True)
class PolicyException:
    """A model (an id or a glob pattern) allowed to break some rules (or all), for a stated reason, maybe until a
    date."""

    model: str
    reason: str
    rules: tuple[str, ...] = ()  # rule keys (`forbid:user-cap`); empty: every rule
    expires: date | None = None
    source: str | None = None

    def matches(self, names: Iterable[str]) -> bool:
        pattern = self.model.strip().lower()
        return any(fnmatch.fnmatchcase(n.strip().lower(), pattern) for n in names if n)

    def covers(self, rule: Rule) -> bool:
        return not self.rules or rule.key in self.rules

    def expired(self, today: date) -> bool:
        return self.expires is not None and self.expires < today

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "reason": self.reason, "rules": list(self.rules),
                "expires": self.expires.isoformat() if self.expires else None, "source": self.source}


@dataclass(frozen=True)
class Policy:
    """The rules to apply, in order, and the exceptions; `sources` says where each part came from."""

    rules: tuple[Rule, ...] = ()
    exceptions: tuple[PolicyException, ...] = ()
    sources: tuple[str, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return not self.rules

    @classmethod
    def of(cls, require: Iterable[str] = (), forbid: Iterable[str] = (),
           exceptions: Iterable[PolicyException] = (), sources: Iterable[str] = ()) -> Policy:
        chosen: list[Rule] = []
        for mode, names in ((REQUIRE, require), (FORBID, forbid)):
            for name in names:
                rule = lookup(mode, name)
                if rule not in chosen:
                    chosen.append(rule)
        return cls(tuple(chosen), tuple(exceptions), tuple(sources))

    def merged(self, other: Policy) -> Policy:
        """This policy's rules and exceptions, then the other's (duplicates dropped)."""
        rules = list(self.rules) + [r for r in other.rules if r not in self.rules]
        return Policy(tuple(rules), self.exceptions + other.exceptions, self.sources + other.sources)

    def to_dict(self) -> dict[str, Any]:
        return {
            "require": [r.name for r in self.rules if r.mode == REQUIRE],
            "forbid": [r.name for r in self.rules if r.mode == FORBID],
            "exceptions": [e.to_dict() for e in self.exceptions],
            "sources": list(self.sources),
        }
