"""Checks that an arXiv id a model card cites is a real paper, and reads its title.

One request per id, to the abstract page (`<arxiv>/abs/<id>`): 200 means the paper exists (its title is read
from the page's `citation_title` meta tag), 404 means arXiv has no such paper. Anything else is a `Failure`:
the paper is then neither confirmed nor refuted.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import httpx2

from ..net.failure import Failure
from ..net.session import Session
from ..net.transport import OfflineMiss, ResponseTooLarge

ARXIV_ID = re.compile(r"^(\d{4}\.\d{4,5}|[a-z\-]+(\.[A-Z]{2})?/\d{7})(v\d+)?$", re.I)
_TITLE = re.compile(r"<meta\s+name=[\"']citation_title[\"']\s+content=[\"']([^\"']{1,500})[\"']", re.I)


@dataclass(frozen=True)
class PaperCheck:
    id: str  # without the `arXiv:` prefix
    url: str
    exists: bool | None  # None: could not be checked
    title: str | None = None
    failure: Failure | None = None


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
        match = _TITLE.search(response.text[:200_000])
        title = " ".join(html.unescape(match.group(1)).split()) if match else None
        return PaperCheck(ident, url, True, title)
