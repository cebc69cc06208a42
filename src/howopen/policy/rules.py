"""The rules a policy can require or forbid, loaded from `rules.yaml`, and the spelling of their names."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from ..errors import UsageError
from ..yamldata import safe_load

REQUIRE = "require"
FORBID = "forbid"
MODES = (REQUIRE, FORBID)
CHECKS = ("verdict", "license-term", "license-flag", "license-recognized", "framework", "conflicts")


@dataclass(frozen=True)
class Rule:
    """One rule: its name, whether a policy requires or forbids it, what decides it, and which answers pass."""

    name: str
    mode: str  # require | forbid
    summary: str
    check: str
    passing: tuple[Any, ...] = ()
    failing: tuple[Any, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """How a report names the rule: `require commercial`, `forbid user-cap`."""
        return f"{self.mode} {self.name}"

    @property
    def key(self) -> str:
        """A stable id (SARIF rule id, exception target): `require:commercial`."""
        return f"{self.mode}:{self.name}"


def _parse(mode: str, name: str, raw: Any) -> Rule:
    if not isinstance(raw, dict) or raw.get("check") not in CHECKS:
        raise ValueError(f"policy rule {mode} {name}: needs a 'check' among {', '.join(CHECKS)}")
    params = {k: v for k, v in raw.items() if k not in ("summary", "check", "pass", "fail")}
    if raw["check"] == "license-term":
        from ..licenses.model import TermKey

        TermKey(params["term"])  # a typo in the data fails loudly
    return Rule(name=name, mode=mode, summary=str(raw.get("summary") or ""), check=str(raw["check"]),
                passing=tuple(raw.get("pass") or ()), failing=tuple(raw.get("fail") or ()), params=params)


@functools.cache
def _data() -> dict[str, Any]:
    text = resources.files("howopen.policy").joinpath("rules.yaml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = safe_load(text)
    return loaded


@functools.cache
def rules() -> dict[str, dict[str, Rule]]:
    """Every known rule, by mode then name."""
    data = _data()
    return {mode: {name: _parse(mode, name, raw) for name, raw in (data.get(mode) or {}).items()}
            for mode in MODES}


def _spelling(name: str) -> str:
    return re.sub(r"[\s_]+", "-", name.strip()).lower()


def rule_names(mode: str) -> list[str]:
    """The names of the rules to `mode` (require or forbid), in the file's order: read from the data file without
    parsing each rule (which imports the license model), for the options' help; `rules` checks them."""
    return [str(name) for name in _data().get(mode) or {}]


def lookup(mode: str, name: str) -> Rule:
    """The rule a user named; `user_cap`, `User-Cap` and `mof-iii` are accepted spellings."""
    known = rules()[mode]
    wanted = _spelling(name)
    for rule in known.values():
        if _spelling(rule.name) == wanted:
            return rule
    other = FORBID if mode == REQUIRE else REQUIRE
    if any(_spelling(r) == wanted for r in rules()[other]):
        raise UsageError(f"'{name}' is a rule to {other}, not to {mode}",
                         hint=f"use --{other} {name}")
    raise UsageError(f"unknown rule to {mode}: '{name}'", hint=f"choose among: {', '.join(known)}")


def split_names(values: Iterable[str]) -> list[str]:
    """Names from repeated options and comma-separated lists: `--forbid user-cap,field-of-use`."""
    names: list[str] = []
    for value in values:
        names.extend(part.strip() for part in str(value).split(",") if part.strip())
    return names
