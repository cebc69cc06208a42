"""YAML read as data: the values PyYAML builds that JSON cannot hold, turned back into what the file meant."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any


def plain(value: Any) -> Any:
    """Dates and datetimes as the ISO strings the file wrote; mapping keys as strings; everything else as is."""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
