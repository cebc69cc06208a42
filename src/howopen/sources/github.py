"""A GitHub repository a model card links: its license and its file tree, through GitHub's REST API.

Three requests, sent together: the repository (`/repos/{owner}/{repo}`: current name, default branch, license
summary), its license (`/repos/{owner}/{repo}/license`: the file and GitHub's identification of it) and its file tree
(`/repos/{owner}/{repo}/git/trees/HEAD?recursive=1`). The tree's files are sorted into training, data-processing,
evaluation and inference code by the path rules of `data/repository-code.yaml` (configs included), then the word
rules a model repository's code files go by (`files.code_kind`). The license file's text is kept: howopen's own
identification reads it, and GitHub's SPDX id is the fallback when the text is not one howopen knows. A token in
`GITHUB_TOKEN` is sent when set; none is needed.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

import httpx2

from ..evidence import ArtifactKind
from ..net.failure import Failure
from ..net.session import Session
from ..net.transport import OfflineMiss, ResponseTooLarge
from .files import CODE_SUFFIXES
from .repocode import repository_code_kind

MAX_TREE_ENTRIES = 100_000
MAX_LICENSE_CHARS = 1024 * 1024
API_VERSION = "2022-11-28"
_EVAL_REPO = re.compile(r"eval|harness|benchmark", re.I)
_GENERIC = (ArtifactKind.INFERENCE_CODE, ArtifactKind.SUPPORTING_LIBRARIES)


@dataclass(frozen=True)
class GitHubRepo:
    """What GitHub said about one repository (fields are None where a request failed)."""

    owner: str
    name: str
    full_name: str | None = None  # the current name: differs from owner/name after a rename
    html_url: str | None = None
    default_branch: str | None = None
    license_spdx: str | None = None
    license_name: str | None = None
    license_url: str | None = None  # the license file on github.com
    license_text: str | None = None  # the license file's text, which howopen identifies itself
    no_license: bool = False  # GitHub answered: no license file it recognizes
    paths: tuple[str, ...] | None = None
    tree_ref: str | None = None
    tree_truncated: bool = False
    failures: tuple[Failure, ...] = field(default=())

    @property
    def slug(self) -> str:
        return self.full_name or f"{self.owner}/{self.name}"

    @property
    def url(self) -> str:
        return self.html_url or f"https://github.com/{self.slug}"

    def blob_url(self, path: str) -> str:
        return f"{self.url}/blob/{self.tree_ref or self.default_branch or 'HEAD'}/{path}"

    def code_by_kind(self) -> dict[ArtifactKind, list[str]]:
        """The repository's code files, by the kind of code each is. In a repository named for evaluation
        (`*-eval*`, `*harness*`, `*benchmark*`), code that names no other purpose, and every config, is evaluation
        code."""
        found: dict[ArtifactKind, list[str]] = {}
        evaluation_repo = _EVAL_REPO.search(self.slug.split("/")[-1]) is not None
        for path in self.paths or ():
            kind = repository_code_kind(path)
            if kind is None:
                continue
            if evaluation_repo and (kind in _GENERIC or not path.lower().endswith(CODE_SUFFIXES)):
                kind = ArtifactKind.EVALUATION_CODE
            found.setdefault(kind, []).append(path)
        return found

    @property
    def gone(self) -> bool:
        """GitHub has no such repository (a broken link in the card)."""
        return any(f.code == "not-found" for f in self.failures) and self.full_name is None

    @property
    def complete(self) -> bool:
        """Everything was read: an empty kind means the repository has none (a repository that does not exist
        has none either)."""
        return (self.paths is not None and not self.tree_truncated) or (self.gone and len(self.failures) == 1)


class GitHubClient:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.api = session.settings.github_api

    def _headers(self) -> dict[str, str]:
        headers = {"accept": "application/vnd.github+json", "x-github-api-version": API_VERSION}
        if self.session.settings.github_token:
            headers["authorization"] = f"Bearer {self.session.settings.github_token}"
        return headers

    def get_json(self, path: str, what: str) -> Any:
        """GET one API path; a JSON answer, or `Failure` (404 gives code `not-found`)."""
        url = f"{self.api}{path}"
        try:
            response = self.session.http.get(url, headers=self._headers())
        except OfflineMiss as exc:
            raise Failure("offline", f"{what}: not in the cache, and --offline forbids asking",
                          exc.url) from None
        except httpx2.TimeoutException:
            raise Failure("timeout", f"{what}: the request timed out", url) from None
        except httpx2.RemoteProtocolError:
            raise Failure("truncated", f"{what}: the connection closed before the whole answer arrived",
                          url) from None
        except (httpx2.TransportError, ResponseTooLarge) as exc:
            raise Failure("network", f"{what}: {exc.__class__.__name__}: {exc}", url) from None
        status = response.status_code
        if status == 404:
            raise Failure("not-found", f"{what}: GitHub answered 404 Not Found", url)
        if status in (403, 429) and (response.headers.get("x-ratelimit-remaining") == "0" or status == 429):
            raise Failure("rate-limited", f"{what}: GitHub's rate limit was reached (set GITHUB_TOKEN for a "
                          "higher one)", url)
        if status >= 400:
            code = "server-error" if status >= 500 else "http-error"
            raise Failure(code, f"{what}: GitHub answered {status}", url)
        try:
            return response.json()
        except ValueError:
            raise Failure("malformed", f"{what}: GitHub's answer was not valid JSON", url) from None

    # -- the three requests -----------------------------------------------------------------------

    def _repo(self, owner: str, name: str) -> dict[str, Any]:
        data = self.get_json(f"/repos/{owner}/{name}", f"github.com/{owner}/{name}")
        if not isinstance(data, dict):
            raise Failure("malformed", f"github.com/{owner}/{name}: unexpected answer")
        return data

    def _license(self, owner: str, name: str) -> dict[str, Any] | None:
        try:
            data = self.get_json(f"/repos/{owner}/{name}/license", f"license of github.com/{owner}/{name}")
        except Failure as exc:
            if exc.code == "not-found":
                return None  # GitHub found no license file
            raise
        if not isinstance(data, dict):
            raise Failure("malformed", f"license of github.com/{owner}/{name}: unexpected answer")
        return data

    def _tree(self, owner: str, name: str, ref: str) -> dict[str, Any]:
        data = self.get_json(f"/repos/{owner}/{name}/git/trees/{ref}?recursive=1",
                             f"file tree of github.com/{owner}/{name}")
        if not isinstance(data, dict) or not isinstance(data.get("tree"), list):
            raise Failure("malformed", f"file tree of github.com/{owner}/{name}: unexpected answer")
        return data

    def start(self, owner: str, name: str) -> Callable[[], GitHubRepo]:
        """Send the three requests now; the returned function waits for them and assembles the result."""
        repo_f: Future[dict[str, Any]] = self.session.submit(self._repo, owner, name)
        license_f: Future[dict[str, Any] | None] = self.session.submit(self._license, owner, name)
        tree_f: Future[dict[str, Any]] = self.session.submit(self._tree, owner, name, "HEAD")
        return lambda: self._finish(owner, name, repo_f, license_f, tree_f)

    def _finish(self, owner: str, name: str, repo_f: Future[dict[str, Any]],
                license_f: Future[dict[str, Any] | None], tree_f: Future[dict[str, Any]]) -> GitHubRepo:
        failures: list[Failure] = []
        fields: dict[str, Any] = {}
        repo: dict[str, Any] | None = None
        try:
            repo = repo_f.result()
            fields.update(full_name=_str(repo.get("full_name")), html_url=_str(repo.get("html_url")),
                          default_branch=_str(repo.get("default_branch")))
            summary = repo.get("license")
            if isinstance(summary, dict):
                fields.update(license_spdx=_spdx(summary.get("spdx_id")),
                              license_name=_str(summary.get("name")))
            elif "license" in repo and summary is None:
                fields["no_license"] = True
        except Failure as exc:
            failures.append(exc)
        try:
            lic = license_f.result()
            if lic is None:
                fields["no_license"] = not fields.get("license_spdx")
            else:
                fields.update(_license_fields(lic))
                fields["no_license"] = False
        except Failure as exc:
            failures.append(exc)
        try:
            tree = tree_f.result()
            fields["tree_ref"] = "HEAD"
        except Failure as exc:
            tree = None
            branch = fields.get("default_branch")
            if exc.code in ("not-found", "http-error") and branch:
                try:  # a server that does not take HEAD as a tree reference: ask for the default branch
                    tree = self._tree(owner, name, branch)
                    fields["tree_ref"] = branch
                except Failure as again:
                    failures.append(again)
            else:
                failures.append(exc)
        if tree is not None:
            entries = tree["tree"][:MAX_TREE_ENTRIES]
            fields["paths"] = tuple(str(e["path"]) for e in entries
                                    if isinstance(e, dict) and e.get("type") == "blob"
                                    and isinstance(e.get("path"), str))
            fields["tree_truncated"] = bool(tree.get("truncated")) or len(tree["tree"]) > MAX_TREE_ENTRIES
            if fields.get("tree_ref") == "HEAD" and fields.get("default_branch"):
                fields["tree_ref"] = fields["default_branch"]
        missing = next((f for f in failures
                        if f.code == "not-found" and f.url and f.url.endswith(f"/{name}")), None)
        if missing is not None:  # the repository itself is gone: one failure says it all
            failures = [Failure("not-found",
                                f"github.com/{owner}/{name} does not exist (GitHub answered 404)",
                                missing.url)]
        return GitHubRepo(owner=owner, name=name, failures=tuple(failures), **fields)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _spdx(value: Any) -> str | None:
    value = _str(value)
    return None if value in (None, "NOASSERTION") else value


def _license_fields(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"license_url": _str(data.get("html_url"))}
    summary = data.get("license")
    if isinstance(summary, dict):
        out["license_spdx"] = _spdx(summary.get("spdx_id"))
        out["license_name"] = _str(summary.get("name"))
    encoded = data.get("encoding") == "base64" and isinstance(data.get("content"), str)
    if encoded:  # kept always: howopen identifies the text itself (GitHub's SPDX id is the fallback)
        try:
            text = base64.b64decode(data["content"], validate=False).decode("utf-8", errors="replace")
        except (binascii.Error, ValueError):
            text = None
        if text:
            out["license_text"] = text[:MAX_LICENSE_CHARS]
    return out
