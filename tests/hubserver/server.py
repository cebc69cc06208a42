"""A loopback HTTP server that speaks the parts of the Hugging Face Hub, GitHub and arXiv that howopen uses.

- Hub (at the root): the listing `/api/models` (as `HfApi.list_models` calls it: `search`, `author`, `sort`,
  `direction`, `limit` as the page size, `full`, `cardData`, `expand`; paged with a `Link: <...>; rel="next"`
  header carrying a `cursor`; see `listing.py`), `/api/models/{id}[/revision/{rev}]`, `/api/models/{id}/refs`,
  `/api/models/{id}/safetensors-metadata/{file}`, `/api/datasets/{id}`, `/{id}/resolve/{rev}/{path}` (with
  `Range`), answering unknown, private and gated repositories the way the Hub does (status and `X-Error-Code`,
  which is what `huggingface_hub` turns into `RepositoryNotFoundError`, `GatedRepoError`, ...), and
  redirecting
  renamed repositories with 307.
- GitHub (under `/github`): `/repos/{o}/{r}`, `/repos/{o}/{r}/license`, `/repos/{o}/{r}/git/trees/{ref}`.
- arXiv (under `/arxiv`): `/abs/{id}`.

Every answer has an `ETag` and honours `If-None-Match`. Faults are injected per path pattern: latency, a
status
(429 with `Retry-After`, 500, ...), a stall longer than the client's timeout, a truncated body, malformed
JSON.
Every request is logged with its duration, so tests count requests and benchmarks time them.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from .listing import list_models
from .world import World, load

TOKEN = "hf_howopen_test_token"


@dataclass
class Fault:
    """A misbehaviour for requests whose path (with query) matches `pattern`; `times` None means always."""

    pattern: str
    kind: str  # status | stall | truncate | malformed | latency
    status: int = 500
    retry_after: str | None = None
    delay: float = 0.0
    times: int | None = 1
    headers: dict[str, str] = field(default_factory=dict)

    def matches(self, path: str) -> bool:
        return (self.times is None or self.times > 0) and re.search(self.pattern, path) is not None


@dataclass(frozen=True)
class Logged:
    method: str
    path: str
    status: int
    started: float
    duration: float
    range: str | None
    authorized: bool
    authorization: str | None = None


class _Reply(Exception):
    def __init__(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
                 content_type: str = "application/json") -> None:
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}
        self.content_type = content_type


def _json(status: int, data: Any, headers: dict[str, str] | None = None) -> _Reply:
    return _Reply(status, json.dumps(data).encode(), headers)


def _hub_error(status: int, code: str, message: str) -> _Reply:
    return _json(status, {"error": message}, {"X-Error-Code": code, "X-Error-Message": message})


class HubServer:
    """Start with `with HubServer() as server:`; `server.url` is the Hub endpoint."""

    def __init__(self, world: World | None = None, *, latency: float = 0.0,
                 rate_limit: tuple[int, float] | None = None) -> None:
        self.world = world or load()
        self.latency = latency
        # (requests, seconds): more requests than that within the window are answered 429 with Retry-After
        self.rate_limit = rate_limit
        self._window: list[float] = []
        self.faults: list[Fault] = []
        self.log: list[Logged] = []
        self._lock = threading.Lock()
        self._epoch = 0.0
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------------

    def start(self) -> HubServer:
        server = self

        class Handler(_Handler):
            hub = server

        self._httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="hubserver", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    def __enter__(self) -> HubServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def env(self) -> dict[str, str]:
        """The environment that points howopen at this server."""
        return {"HOWOPEN_HF_ENDPOINT": self.url, "HOWOPEN_GITHUB_API": f"{self.url}/github",
                "HOWOPEN_ARXIV_URL": f"{self.url}/arxiv"}

    # -- faults and log ---------------------------------------------------------------------------

    def add_fault(self, pattern: str, kind: str, **kwargs: Any) -> Fault:
        fault = Fault(pattern, kind, **kwargs)
        with self._lock:
            self.faults.append(fault)
        return fault

    def take_fault(self, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.matches(path):
                    if fault.times is not None:
                        fault.times -= 1
                    return fault
        return None

    def over_limit(self) -> float | None:
        """Seconds until the rate limit window has room again, or None when this request is within it."""
        if self.rate_limit is None:
            return None
        allowed, window = self.rate_limit
        now = time.monotonic()
        with self._lock:
            self._window = [t for t in self._window if now - t < window]
            if len(self._window) >= allowed:
                return window - (now - self._window[0])
            self._window.append(now)
        return None

    def record(self, entry: Logged) -> None:
        with self._lock:
            if entry.started >= self._epoch:  # a request from before the last reset (a stall) ends late
                self.log.append(entry)

    def requests(self, pattern: str = "") -> list[Logged]:
        with self._lock:
            return [e for e in self.log if re.search(pattern, e.path)]

    def count(self, pattern: str = "") -> int:
        return len(self.requests(pattern))

    def reset(self) -> None:
        with self._lock:
            self.log.clear()
            self.faults.clear()
            self._epoch = time.perf_counter()


class _QuietServer(ThreadingHTTPServer):
    request_queue_size = 256  # the default backlog (5) drops concurrent connections, which then wait a second
    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # a client that hung up (after a stall or a timeout) is expected here


class _Handler(BaseHTTPRequestHandler):
    hub: HubServer
    protocol_version = "HTTP/1.1"
    server_version = "hubserver/1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    # -- dispatch ---------------------------------------------------------------------------------

    def _serve(self, head: bool) -> None:
        started = time.perf_counter()
        status = 0
        try:
            if self.hub.latency:
                time.sleep(self.hub.latency)
            wait = self.hub.over_limit() if not self.path.startswith("/_control") else None
            if wait is not None:
                bucket = "resolvers" if "/resolve/" in self.path else "api"
                status = self._send(_json(429, {"error": "You have been rate-limited"},
                                          {"Retry-After": str(max(1, round(wait))),
                                           "RateLimit": f'"{bucket}";r=0;t={max(1, round(wait))}'}), head)
                return
            fault = self.hub.take_fault(self.path)
            if fault is not None:
                handled = self._fault(fault)
                if handled is not None:
                    status = handled
                    return
            try:
                reply = self._route()
            except _Reply as exc:
                reply = exc
            status = self._send(reply, head)
        finally:
            self.hub.record(Logged(self.command, self.path, status, started, time.perf_counter() - started,
                                   self.headers.get("range"), self._authorized(),
                                   self.headers.get("authorization")))

    def _fault(self, fault: Fault) -> int | None:
        """Misbehave; the status sent (0: none, the connection is dropped), or None to answer normally."""
        if fault.kind == "latency":
            time.sleep(fault.delay)
            return None
        if fault.kind == "stall":  # say nothing for longer than the client waits, then hang up
            time.sleep(fault.delay)
            self.close_connection = True
            return 0
        if fault.kind == "status":
            headers = dict(fault.headers)
            if fault.retry_after is not None:
                headers["Retry-After"] = fault.retry_after
            return self._send(_json(fault.status, {"error": f"injected {fault.status}"}, headers), False)
        if fault.kind == "malformed":
            return self._send(_Reply(200, b'{"id": "broken", "siblings": [', {}), False)
        if fault.kind == "truncate":
            try:
                reply = self._route()
            except _Reply as exc:
                reply = exc
            body = reply.body or b"x" * 64
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return reply.status
        raise ValueError(fault.kind)

    def _send(self, reply: _Reply, head: bool) -> int:
        etag = reply.headers.get("ETag")
        if etag is None and reply.status == 200 and reply.body:
            etag = f'W/"{hashlib.sha1(reply.body).hexdigest()}"'
        if etag and reply.status in (200, 206) and self.headers.get("if-none-match") == etag:
            reply = _Reply(304, b"", {"ETag": etag})
        self.send_response(reply.status)
        for key, value in reply.headers.items():
            if key != "ETag":
                self.send_header(key, value)
        if etag:
            self.send_header("ETag", etag)
        if reply.status != 304:
            self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(0 if reply.status == 304 else len(reply.body)))
        self.end_headers()
        if not head and reply.status != 304:
            self.wfile.write(reply.body)
        return reply.status

    def _authorized(self) -> bool:
        return self.headers.get("authorization", "") == f"Bearer {TOKEN}"

    def _route(self) -> _Reply:
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        query = parse_qs(parts.query)
        if path == "/_control/log":  # for a benchmark running the server in another process
            return _json(200, [e.__dict__ for e in self.hub.requests() if not e.path.startswith("/_control")])
        if path == "/_control/push":  # a new commit of each model named (a benchmark's changed models)
            pushed = [self.hub.world.models[i.lower()].change_commit() for i in query.get("id", [])
                      if i.lower() in self.hub.world.models]
            return _json(200, {"pushed": len(pushed)})
        if path == "/_control/reset":
            self.hub.reset()
            return _json(200, {"reset": True})
        if path.startswith("/github/"):
            return self._github(path[len("/github"):], query)
        if path.startswith("/arxiv/abs/"):
            return self._arxiv(path[len("/arxiv/abs/"):])
        if path == "/api/models":
            page, next_query = list_models(self.hub.world, query)
            headers = {}
            if next_query is not None:
                host = self.headers.get("host") or "127.0.0.1"
                headers["Link"] = f'<http://{host}/api/models?{next_query}>; rel="next"'
            return _json(200, page, headers)
        redirect = self._renamed(parts.path)
        if redirect is not None:
            return _Reply(307, b"", {"Location": redirect + (f"?{parts.query}" if parts.query else "")})
        match = re.match(r"^/api/(models|datasets)/(.+)$", path)
        if match:
            return self._api(match.group(1), match.group(2), query)
        match = re.match(r"^/(?:datasets/)?([^/]+/[^/]+|[^/]+)/resolve/([^/]+)/(.+)$", path)
        if match:
            kind = "datasets" if path.startswith("/datasets/") else "models"
            return self._resolve(kind, match.group(1), match.group(2), match.group(3))
        raise _json(404, {"error": "Not Found"})

    def _renamed(self, raw_path: str) -> str | None:
        for old, new in self.hub.world.redirects.items():
            for prefix in ("/api/models/", "/"):
                start = prefix + old
                if raw_path.lower().startswith(start + "/") or raw_path.lower() == start:
                    return prefix + quote(new) + raw_path[len(start):]
        return None

    # -- the Hub ----------------------------------------------------------------------------------

    def _repo(self, kind: str, ident: str) -> Any:
        world = self.hub.world
        repo = (world.models if kind == "models" else world.datasets).get(ident.lower())
        if repo is None or (repo.private and not self._authorized()):
            if self._authorized():
                raise _hub_error(404, "RepoNotFound", "Repository not found")
            raise _hub_error(401, "RepoNotFound", "Invalid username or password.")
        return repo

    def _api(self, kind: str, rest: str, query: dict[str, list[str]]) -> _Reply:
        match = re.match(r"^(.+?)/(refs|safetensors-metadata/(.+)|revision/([^/]+))$", rest)
        ident = match.group(1) if match else rest
        repo = self._repo(kind, ident)
        if match and match.group(2) == "refs":
            branches = [{"name": b, "ref": f"refs/heads/{b}", "targetCommit": repo.commit_of(b)}
                        for b in repo.branches]
            return _json(200, {"branches": branches, "converts": [], "tags": []})
        if match and match.group(3):
            return self._sharded(repo, match.group(3))
        if match and match.group(4) and repo.commit_of(match.group(4)) is None:
            raise _hub_error(404, "RevisionNotFound", "Invalid rev id")
        blobs = query.get("blobs", ["false"])[0].lower() in ("true", "1")
        return _json(200, repo.info(blobs=blobs))

    def _sharded(self, repo: Any, index: str) -> _Reply:
        headers = {}
        for path, file in repo.files.items():
            if path.endswith(".safetensors") and file.header is not None:
                headers[path] = file.header
        if not headers or index not in repo.files:
            raise _hub_error(404, "EntryNotFound", "Entry not found")
        index_data = json.loads(repo.files[index].content or b"{}")
        return _json(200, {"index": index_data, "headers": headers})

    def _resolve(self, kind: str, ident: str, revision: str, path: str) -> _Reply:
        repo = self._repo(kind, ident)
        commit = repo.commit_of(revision)
        if commit is None:
            raise _hub_error(404, "RevisionNotFound", "Invalid rev id")
        if repo.gated and path not in ("README.md", ".gitattributes") and not self._authorized():
            raise _hub_error(401, "GatedRepo", f"Access to model {repo.id} is restricted. You must have "
                             "access to it and be authenticated to access it. Please log in.")
        file = repo.files.get(path)
        if file is None:
            raise _hub_error(404, "EntryNotFound", "Entry not found")
        headers = {"ETag": file.etag, "X-Repo-Commit": commit, "Accept-Ranges": "bytes"}
        wanted = self.headers.get("range")
        if wanted:
            match = re.match(r"bytes=(\d+)-(\d*)", wanted)
            if match:
                start = int(match.group(1))
                end = int(match.group(2)) if match.group(2) else file.size - 1
                body = file.read(start, end)
                headers["Content-Range"] = f"bytes {start}-{start + len(body) - 1}/{file.size}"
                return _Reply(206, body, headers, "application/octet-stream")
        if file.content is None and file.size > 4 * 1024 * 1024:
            raise _json(416, {"error": "the test server does not send whole weight files"})
        return _Reply(200, file.read(), headers, "text/plain; charset=utf-8")

    # -- GitHub -----------------------------------------------------------------------------------

    def _github(self, path: str, query: dict[str, list[str]]) -> _Reply:
        match = re.match(r"^/repos/([^/]+)/([^/]+)(/license|/git/trees/([^/]+))?$", path)
        if not match:
            raise _json(404, {"message": "Not Found"})
        repo = self.hub.world.github.get(f"{match.group(1)}/{match.group(2)}".lower())
        if repo is None:
            raise _json(404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})
        owner, name = repo.full_name.split("/")
        html_url = f"https://github.com/{repo.full_name}"
        summary = dict(repo.license) if repo.license else None
        if match.group(2) is not None and match.group(3) is None:
            return _json(200, {"id": int(hashlib.sha1(repo.full_name.encode()).hexdigest()[:6], 16),
                               "name": name, "full_name": repo.full_name, "html_url": html_url,
                               "owner": {"login": owner}, "default_branch": repo.default_branch,
                               "license": summary, "archived": False, "fork": False})
        if match.group(3) == "/license":
            if repo.license_text is None or summary is None:
                raise _json(404, {"message": "Not Found"})
            return _json(200, {"name": repo.license_path, "path": repo.license_path, "type": "file",
                               "size": len(repo.license_text),
                               "html_url": f"{html_url}/blob/{repo.default_branch}/{repo.license_path}",
                               "content": base64.b64encode(repo.license_text).decode(), "encoding": "base64",
                               "license": summary})
        ref = match.group(4)
        if ref != repo.default_branch and not (ref == "HEAD" and repo.head_ref):
            raise _json(404, {"message": "Not Found"})
        tree = [{"path": p, "mode": "100644", "type": "blob", "sha": hashlib.sha1(p.encode()).hexdigest(),
                 "size": 1000} for p in repo.paths]
        folders = sorted({p.rsplit("/", 1)[0] for p in repo.paths if "/" in p})
        tree += [{"path": f, "mode": "040000", "type": "tree", "sha": hashlib.sha1(f.encode()).hexdigest()}
                 for f in folders]
        return _json(200, {"sha": hashlib.sha1(repo.full_name.encode()).hexdigest(), "tree": tree,
                           "truncated": False})

    # -- arXiv ------------------------------------------------------------------------------------

    def _arxiv(self, ident: str) -> _Reply:
        title = self.hub.world.arxiv.get(ident)
        if title is None:
            raise _Reply(404, b"<html><body>Article identifier not recognized</body></html>", {},
                         "text/html; charset=utf-8")
        rights = self.hub.world.arxiv_licenses.get(ident)
        link = (f'<div class="abs-license"><a href="{html.escape(rights)}" title="Rights to this article" '
                f'class="has_license">view license</a></div>' if rights else "")
        abstract = self.hub.world.arxiv_abstracts.get(ident)
        meta = f'<meta name="citation_abstract" content="{html.escape(abstract)}" />' if abstract else ""
        page = (f'<html><head><meta name="citation_title" content="{html.escape(title)}" />{meta}'
                f"<title>[{ident}] {html.escape(title)}</title></head><body>{link}</body></html>")
        return _Reply(200, page.encode(), {}, "text/html; charset=utf-8")
