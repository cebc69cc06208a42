"""The app's stable URLs, for the server and for a static export.

A static export writes a model's page and its card as two files beside each other (`models/<org>/<name>.html`,
`models/<org>/<name>.card.html`), not as folders: thousands of folders would cost more disk than the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

SAFE_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Urls:
    base: str = ""  # a path prefix, such as /howopen, for a site not served at the host's root
    static: bool = False
    reports: bool = True  # a static export writes each model's JSON report only when asked (--reports)
    cards: bool = True  # ... and the stored model cards only when asked (--cards)

    def _page(self, path: str) -> str:
        return f"{self.base}{path}/" if self.static else f"{self.base}{path}"

    def home(self, params: dict[str, str] | None = None) -> str:
        return f"{self.base}/" + (f"?{urlencode(params)}" if params else "")

    def model(self, ident: str) -> str:
        path = f"/models/{quote(ident, safe='/')}"
        return f"{self.base}{path}.html" if self.static else f"{self.base}{path}"

    def card(self, ident: str, line: int | None = None) -> str:
        path = f"/models/{quote(ident, safe='/')}"
        page = f"{self.base}{path}.card.html" if self.static else f"{self.base}{path}/card"
        return page + (f"#L{int(line)}" if line else "")

    def card_from_model_page(self, ident: str, line: int | None = None) -> str:
        """A link to the card from the model's own page: in a static export a short relative link to the file
        beside the page (there are dozens on each page, and thousands of pages)."""
        if not self.static:
            return self.card(ident, line)
        return quote(ident.rsplit("/", 1)[-1]) + ".card.html" + (f"#L{int(line)}" if line else "")

    def has_card_pages(self) -> bool:
        """Whether stored model cards have pages (always in the app; in a static export with --cards)."""
        return not self.static or self.cards

    def has_api_model(self) -> bool:
        """Whether each model's JSON report is served (always by the app; by a static export with --reports)."""
        return not self.static or self.reports

    def badge(self, ident: str) -> str:
        if self.static:  # beside the model's page: no folder tree of its own
            return f"{self.base}/models/{quote(ident, safe='/')}.svg"
        return f"{self.base}/badge/{quote(ident, safe='/')}.svg"

    def compare(self, ids: list[str]) -> str:
        return self.compare_page() + "?" + urlencode({"ids": ",".join(ids)})

    def compare_page(self) -> str:
        """The compare page: the app's `/compare`; a static export's `compare/` (which builds its table in the
        browser)."""
        return self._page("/compare")

    def landscape(self) -> str:
        return self._page("/landscape")

    def api_model(self, ident: str) -> str:
        suffix = ".json" if self.static else ""
        return f"{self.base}/api/models/{quote(ident, safe='/')}{suffix}"

    def api_models(self) -> str:
        return f"{self.base}/api/models" + (".json" if self.static else "")

    def asset(self, name: str) -> str:
        return f"{self.base}/static/{name}"


def safe_href(url: object) -> str | None:
    """The URL when it is an absolute http(s) link; None otherwise (no `javascript:`, `data:`, relative paths)."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() in SAFE_SCHEMES and parts.netloc and not any(c in text for c in "\r\n\t<>\"'` "):
        return text
    return None
