"""The app's stable URLs, for the server and for a static export (which needs `…/index.html` folders)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

SAFE_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Urls:
    base: str = ""  # a path prefix, such as /howopen, for a site not served at the host's root
    static: bool = False

    def _page(self, path: str) -> str:
        return f"{self.base}{path}/" if self.static else f"{self.base}{path}"

    def home(self, params: dict[str, str] | None = None) -> str:
        return f"{self.base}/" + (f"?{urlencode(params)}" if params else "")

    def model(self, ident: str) -> str:
        return self._page(f"/models/{quote(ident, safe='/')}")

    def card(self, ident: str, line: int | None = None) -> str:
        return self._page(f"/models/{quote(ident, safe='/')}/card") + (f"#L{int(line)}" if line else "")

    def badge(self, ident: str) -> str:
        return f"{self.base}/badge/{quote(ident, safe='/')}.svg"

    def compare(self, ids: list[str]) -> str:
        return f"{self.base}/compare?" + urlencode({"ids": ",".join(ids)})

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
