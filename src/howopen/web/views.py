"""What the pages show, taken from a stored report: evidence links, frameworks side by side, the lineage tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from .urls import Urls, safe_href

FRAMEWORK_ORDER = ("mof", "osaid", "eosai", "eu_ai_act")
CARD_SOURCES = ("README.md",)


@dataclass(frozen=True)
class EvidenceLink:
    text: str
    href: str | None


@dataclass
class TreeNode:
    id: str
    relation: str | None
    license: str
    binds: str
    href: str | None
    found: bool
    children: list[TreeNode] = field(default_factory=list)


def evidence_links(evidence: Any, ident: str, urls: Urls, has_card: bool) -> list[EvidenceLink]:
    """Each provenance as text, linked when it is an http(s) URL or a line of the model's stored card."""
    out: list[EvidenceLink] = []
    for item in evidence if isinstance(evidence, list) else []:
        if not isinstance(item, dict):
            continue
        cite = str(item.get("cite") or item.get("source") or "")
        source = str(item.get("source") or "")
        href = safe_href(source)
        if href is None and has_card and urls.has_card_pages() and source in CARD_SOURCES:
            line = item.get("line")
            href = urls.card_from_model_page(ident, line if isinstance(line, int) else None)
        if href is None and cite == ident:
            cite = "this release"  # the release as a whole, on its own page
        out.append(EvidenceLink(cite, href))
    return out


def framework_columns(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The plain verdict and each framework, in a fixed order, each with outcome, summary and reasons."""
    frameworks = report.get("frameworks", {})
    columns = [{"key": "verdict", **report.get("verdict", {})}]
    columns += [{"key": key, **frameworks[key]} for key in FRAMEWORK_ORDER if key in frameworks]
    columns += [{"key": key, **value} for key, value in frameworks.items() if key not in FRAMEWORK_ORDER]
    return columns


def lineage_tree(report: dict[str, Any], indexed: set[str], urls: Urls) -> list[TreeNode]:
    """The ancestors as a tree: each ancestor under the model it is the base of (`parent`; None is the target)."""
    nodes: dict[str, TreeNode] = {}
    order: list[tuple[str | None, TreeNode]] = []
    for ancestor in report.get("lineage", []):
        ident = str(ancestor.get("id"))
        lic = ancestor.get("license") or {}
        node = TreeNode(
            id=ident, relation=ancestor.get("relation"),
            license=str(lic.get("id") or lic.get("declared") or "unknown"),
            binds=str(ancestor.get("binds") or ""),
            href=urls.model(ident) if ident.lower() in indexed else None,
            found=bool(ancestor.get("found", True)),
        )
        nodes.setdefault(ident.lower(), node)
        order.append((ancestor.get("parent"), node))
    roots: list[TreeNode] = []
    for parent, node in order:
        holder = nodes.get(str(parent).lower()) if parent else None
        if holder is not None and holder is not node:
            holder.children.append(node)
        else:
            roots.append(node)
    return roots


def license_terms(report: dict[str, Any]) -> list[dict[str, Any]]:
    terms = report.get("license", {}).get("terms", {})
    return [{"key": key, **value} for key, value in terms.items() if isinstance(value, dict)]


def artifacts(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"kind": kind, **value} for kind, value in report.get("artifacts", {}).items()]


def card_lines(text: str | None) -> list[str]:
    return (text or "").split("\n")


def term_title(key: object) -> str:
    """A license term's name as people read it ("User cap", not `user_cap`)."""
    from ..licenses.model import TERM_TITLES, TermKey

    try:
        return TERM_TITLES[TermKey(str(key))]
    except (ValueError, KeyError):
        return str(key).replace("_", " ").capitalize()


def restriction_titles(report: dict[str, Any]) -> str:
    restrictions = report.get("license", {}).get("restrictions") or []
    return ", ".join(term_title(r) for r in restrictions)


def license_label(report: dict[str, Any]) -> str:
    """The license that governs the weights, named; "none (no weights released)" for a closed model."""
    lic = report.get("license") or {}
    name, ident = lic.get("name"), lic.get("id")
    if name or ident:
        return f"{name} ({ident})" if name and ident and name != ident else str(name or ident)
    weights = report.get("artifacts", {}).get("weights", {})
    if weights.get("status") == "absent":
        return "none (no weights released)"
    return str(lic.get("declared") or "unknown")


def text_node(value: object) -> Markup:
    """Text escaped for an element's content: only &, < and > need it there (quotes stay as they are, which keeps
    a card page close to the card's own size)."""
    text = "" if value is None else str(value)
    return Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
