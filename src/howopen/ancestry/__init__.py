"""The lineage evidence stage: collectors read lineage signals, `combine` turns them into base models, `lookup`
resolves known model families offline, and `lineage.py` traces the ancestors and decides what binds."""

from .combine import apply
from .lookup import with_families
from .signals import STRONG

__all__ = ["STRONG", "apply", "with_families"]
