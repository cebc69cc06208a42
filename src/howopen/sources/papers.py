"""Checks that an arXiv id a model card cites is a real paper, and reads its title and its license.

One request per id, to the abstract page (`<arxiv>/abs/<id>`): 200 means the paper exists (its title is read
from the page's `citation_title` meta tag, its abstract from `citation_abstract` or the page's abstract block, its
license from the link titled "Rights to this article", mapped by `data/arxiv-licenses.yaml`), 404 means arXiv has
no such paper. Anything else is a `Failure`: the paper is then
neither confirmed nor refuted.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from importlib import resources

import httpx2
import yaml

from ..net.failure import Failure
from ..net.session import Session
from ..net.transport import OfflineMiss, ResponseTooLarge

ARXIV_ID = re.compile(r"^(\d{4}\.\d{4,5}|[a-z\-]+(\.[A-Z]{2})?/\d{7})(v\d+)?$", re.I)
_RIGHTS = re.compile(r"<a\b[^>]{0,400}?title=[\"']Rights to this article[\"'][^>]{0,400}>", re.I)
_HREF = re.compile(r"href=[\"']([^\"']{1,300})[\"']", re.I)
_TITLE = re.compile(r"<meta\s+name=[\"']citation_title[\"']\s+content=[\"']([^\"']{1,500})[\"']", re.I)
_ABSTRACT_META = re.compile(r"<meta\s+name=[\"']citation_abstract[\"']\s+content=[\"']([^\"']{1,5000})[\"']", re.I)
_ABSTRACT_BLOCK = re.compile(r"<blockquote[^>]{0,200}class=[\"'][^\"']*abstract[^\"']*[\"'][^>]{0,200}>(.{1,8000}?)"
                             r"</blockquote>", re.I | re.S)
MAX_ABSTRACT_CHARS = 3000


@dataclass(frozen=True)
class PaperCheck:
    id: str  # without the `arXiv:` prefix
    url: str
    exists: bool | None  # None: could not be checked
    title: str | None = None
    failure: Failure | None = None
    license_url: str | None = None  # the page's "Rights to this article" link
    license_id: str | None = None  # what that link stands for (`data/arxiv-licenses.yaml`); None when unlisted
    abstract: str | None = None


@functools.cache
def _license_table() -> dict[str, str]:
    text = resources.files("howopen.sources").joinpath("data/arxiv-licenses.yaml").read_text(encoding="utf-8")
    return {str(e["url"]).lower(): str(e["id"]) for e in yaml.safe_load(text)["licenses"]}


def license_of(url: str) -> str | None:
    """The license a "Rights to this article" address stands for, by `data/arxiv-licenses.yaml`."""
    key = re.sub(r"^https?://(www\.)?", "", url.strip().lower()).rstrip("/")
    return _license_table().get(key)


def rights_link(page: str) -> str | None:
    """The address of an arXiv abstract page's "Rights to this article" link."""
    anchor = _RIGHTS.search(page)
    href = _HREF.search(anchor.group(0)) if anchor else None
    return html.unescape(href.group(1)) if href else None


def arxiv_id(link_id: str | None) -> str | None:
    """`arXiv:2304.01373` -> `2304.01373`; anything that is not an arXiv id -> None."""
    if not link_id or not link_id.lower().startswith("arxiv:"):
        return None
    ident = link_id.split(":", 1)[1].strip()
    return ident if ARXIV_ID.match(ident) else None


class ArxivClient:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.base = session.settings.arxiv_url

    def check(self, ident: str) -> PaperCheck:
        url = f"{self.base}/abs/{ident}"
        what = f"arXiv:{ident}"
        try:
            response = self.session.http.get(url)
        except OfflineMiss:
            return PaperCheck(ident, url, None, failure=Failure("offline", f"{what}: not in the cache, and "
                                                                "--offline forbids asking", url))
        except httpx2.TimeoutException:
            failure = Failure("timeout", f"{what}: the request timed out", url)
            return PaperCheck(ident, url, None, failure=failure)
        except (httpx2.TransportError, ResponseTooLarge) as exc:
            failure = Failure("network", f"{what}: {exc.__class__.__name__}", url)
            return PaperCheck(ident, url, None, failure=failure)
        if response.status_code == 404:
            return PaperCheck(ident, url, False)
        if response.status_code != 200:
            code = "rate-limited" if response.status_code in (429, 503) else "http-error"
            return PaperCheck(ident, url, None,
                              failure=Failure(code, f"{what}: arXiv answered {response.status_code}", url))
        page = response.text[:200_000]
        match = _TITLE.search(page)
        title = " ".join(html.unescape(match.group(1)).split()) if match else None
        rights = rights_link(page)
        return PaperCheck(ident, url, True, title, license_url=rights,
                          license_id=license_of(rights) if rights else None, abstract=abstract_of(page))


def abstract_of(page: str) -> str | None:
    """An arXiv abstract page's abstract: its `citation_abstract` meta tag, else its abstract block."""
    match = _ABSTRACT_META.search(page)
    raw = match.group(1) if match else None
    if raw is None:
        block = _ABSTRACT_BLOCK.search(page)
        raw = re.sub(r"<[^>]{0,200}>", " ", block.group(1)) if block else None
    if raw is None:
        return None
    text = " ".join(html.unescape(raw).split())
    text = re.sub(r"^abstract:\s*", "", text, flags=re.I)
    return text[:MAX_ABSTRACT_CHARS] or None
