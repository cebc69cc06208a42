"""Finds and reads a policy file: `howopen.toml`, or `[tool.howopen]` in `pyproject.toml`.

Discovery walks up from a starting folder (the current directory for `check`, the audited path for `audit`); in
each folder `howopen.toml` wins over `pyproject.toml`, and a `pyproject.toml` without a `[tool.howopen]` table is
passed over. The keys, the same in both files:

    require = ["commercial", "open-weights"]
    forbid = ["user-cap", "field-of-use"]

    [[exceptions]]                       # [[tool.howopen.exceptions]] in pyproject.toml
    model = "meta-llama/Llama-3.1-*"     # a model id or a glob pattern
    reason = "approved by legal, ticket LEGAL-42"
    rules = ["forbid:user-cap"]          # optional: the rules it allows to fail (default: all)
    expires = 2026-12-31                 # optional: after this date the rules apply again
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import HowopenError
from ..textio import TextReadError, read_text
from .model import Policy, PolicyException
from .rules import FORBID, MODES, REQUIRE, lookup, split_names

POLICY_FILE = "howopen.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("require", "forbid", "exceptions")
EXCEPTION_KEYS = ("model", "reason", "rules", "expires")
MAX_POLICY_BYTES = 1024 * 1024


class PolicyError(HowopenError):
    """A policy file that cannot be read or does not follow the format."""


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = read_text(path, MAX_POLICY_BYTES, f"policy file {path}")
    except TextReadError as exc:
        raise PolicyError(str(exc), hint="fix the file or choose another with --policy") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{path} is not valid TOML: {exc}", hint="fix the file or choose another with --policy") \
            from None


def _table(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("howopen")
        if table is not None and not isinstance(table, dict):
            raise PolicyError(f"{path}: [tool.howopen] is not a table")
        return table
    return data


def find_policy_file(start: Path) -> Path | None:
    """The nearest `howopen.toml`, or `pyproject.toml` with a `[tool.howopen]` table, from `start` upward."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        policy_file = candidate / POLICY_FILE
        if policy_file.is_file():
            return policy_file
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _table(pyproject, _read_toml(pyproject)) is not None:
            return pyproject
    return None


def _names(path: Path, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PolicyError(f"{path}: '{key}' must be a list of rule names")
    return split_names(value)


def _date(path: Path, where: str, value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PolicyError(f"{path}: {where}: 'expires' must be a date such as 2026-12-31")


def _rule_key(path: Path, where: str, name: str) -> str:
    """`forbid:user-cap`, `require:commercial`, or a bare name known to exactly one mode."""
    mode, colon, rest = name.partition(":")
    try:
        if colon:
            if mode.strip() not in MODES:
                raise PolicyError(f"{path}: {where}: '{name}' must start with require: or forbid:")
            return lookup(mode.strip(), rest).key
        found = []
        for each in (REQUIRE, FORBID):
            try:
                found.append(lookup(each, name).key)
            except HowopenError:
                continue
        if len(found) != 1:
            raise PolicyError(f"{path}: {where}: unknown rule '{name}'",
                              hint="name rules as in --require/--forbid, e.g. forbid:user-cap")
        return found[0]
    except PolicyError:
        raise
    except HowopenError as exc:
        raise PolicyError(f"{path}: {where}: {exc.message}", hint=exc.hint) from None


def _exception(path: Path, index: int, raw: Any) -> PolicyException:
    where = f"exception {index + 1}"
    if not isinstance(raw, dict):
        raise PolicyError(f"{path}: {where} is not a table")
    unknown = sorted(set(raw) - set(EXCEPTION_KEYS))
    if unknown:
        raise PolicyError(f"{path}: {where}: unknown key '{unknown[0]}'", hint=f"known: {', '.join(EXCEPTION_KEYS)}")
    model, reason = raw.get("model"), raw.get("reason")
    if not isinstance(model, str) or not model.strip():
        raise PolicyError(f"{path}: {where} names no model", hint="add model = \"org/name\" (a glob pattern works)")
    if not isinstance(reason, str) or not reason.strip():
        raise PolicyError(f"{path}: {where} ({model}) gives no reason",
                          hint="every exception needs reason = \"...\" saying why it is allowed")
    rules = raw.get("rules") or []
    if isinstance(rules, str):
        rules = [rules]
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise PolicyError(f"{path}: {where}: 'rules' must be a list of rule names")
    return PolicyException(model=model.strip(), reason=reason.strip(),
                           rules=tuple(_rule_key(path, where, r) for r in split_names(rules)),
                           expires=_date(path, where, raw.get("expires")), source=str(path))


def load_policy_file(path: Path) -> Policy:
    """The policy in a `howopen.toml` or a `pyproject.toml`'s `[tool.howopen]` table."""
    if not path.is_file():
        raise PolicyError(f"no such policy file: {path}", hint="give a howopen.toml or a pyproject.toml")
    table = _table(path, _read_toml(path))
    if table is None:
        raise PolicyError(f"{path} has no [tool.howopen] table", hint="add one, or give a howopen.toml")
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise PolicyError(f"{path}: unknown key '{unknown[0]}' in the policy", hint=f"known keys: {', '.join(KEYS)}")
    raw_exceptions = table.get("exceptions") or []
    if not isinstance(raw_exceptions, list):
        raise PolicyError(f"{path}: 'exceptions' must be an array of tables ([[exceptions]])")
    try:
        return Policy.of(require=_names(path, "require", table.get("require") or []),
                         forbid=_names(path, "forbid", table.get("forbid") or []),
                         exceptions=[_exception(path, i, raw) for i, raw in enumerate(raw_exceptions)],
                         sources=(str(path),))
    except PolicyError:
        raise
    except HowopenError as exc:
        raise PolicyError(f"{path}: {exc.message}", hint=exc.hint) from None


def resolve_policy(*, require: list[str] | None = None, forbid: list[str] | None = None,
                   policy_file: Path | None = None, search_from: Path | None = None,
                   discover: bool = True) -> Policy:
    """The policy a command applies: the file's rules (given, or discovered from `search_from`), plus the
    rules given on the command line."""
    base = Policy()
    found = policy_file
    if found is None and discover and search_from is not None:
        found = find_policy_file(search_from)
    if found is not None:
        base = load_policy_file(found)
    given = Policy.of(require=split_names(require or []), forbid=split_names(forbid or []),
                      sources=("command line",) if (require or forbid) else ())
    return base.merged(given)
