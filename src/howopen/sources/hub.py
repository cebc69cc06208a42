"""The Hugging Face Hub source: a model repository on the Hub, and what its card links, as one `Release`.

Requests go out in two rounds, each sent all at once:

1. model info (card metadata, file list with sizes, gated status, commit, dates), the model card, the
branches,
   `config.json`;
2. what round 1 named: every license-like file, safetensors headers (only when the Hub's own parameter summary
   is missing), the links of the card (`follow.LinkFollower`: the datasets it names, the GitHub repositories it
   links, the arXiv papers it cites), and its base models (in the background, for the lineage stage).

So a report takes about two round trips, plus one per lineage level. The files become a `Snapshot`, turned
into
evidence by the shared `assemble.build_release`, then enriched (`hubenrich`). A fetch that fails is a gap and
leaves its artifact unknown; only a model the Hub does not have (or will not show) ends the check, in one
line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from ..errors import TargetError
from ..evidence import ArtifactKind, BaseModelRef, Gap, Link, LinkKind, Provenance, Release, Status
from ..licenses.identify import identify_tag
from ..lineage import base_models_from_tags, merge_base_models
from ..net.failure import Failure
from .assemble import build_release, parse_config
from .card import MAX_CARD_BYTES, ModelCard, NotACard, body_links, parse_card
from .card import base_models as card_base_models
from .files import Role
from .follow import LinkFollower
from .hubapi import HubClient, card_data_dict
from .hubenrich import (
    failure_gap,
    info_facts,
    with_facts,
    with_gaps,
    with_parameter_summary,
    with_refs,
)
from .interface import Source
from .lookup import Lookup
from .papers import arxiv_id
from .snapshot import MAX_RECIPE_BYTES, RECIPE_FILES, FileEntry, Snapshot
from .weights import WeightHeader

T = TypeVar("T")

# A license text is tens of KB (the longest bundled one, GPL-3.0, is 35 KB): the same bound as a local folder's license
# files and `howopen license FILE` (256 KB). A larger file is read up to here and reported as cut (`license-truncated`).
MAX_LICENSE_BYTES = 256 * 1024
MAX_LICENSE_FILES = 20
MAX_CONFIG_BYTES = 4 * 1024 * 1024
MAX_HEADER_FILES = 16
TEXT_ROLES = (Role.LICENSE, Role.USAGE_POLICY, Role.NOTICE)
FATAL = ("not-found", "invalid-id", "revision-not-found", "disabled")
_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9_.\-]{0,94}[A-Za-z0-9_])?"
HUB_ID = re.compile(rf"^{_NAME}/{_NAME}$")


def _wait(future: Future[Any]) -> tuple[Any, Failure | None]:
    try:
        return future.result(), None
    except Failure as exc:
        return None, exc


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


class HubSource(Source):
    """A model on the Hugging Face Hub, at a revision (branch, tag or commit; None: the default branch)."""

    kind = "hub"

    def __init__(self, repo_id: str, revision: str | None = None, *, target: str | None = None,
                 how: str = "Hub id", offline: bool = False) -> None:
        self.repo_id = repo_id
        self.revision = revision
        self.target = target or repo_id
        self.how = how
        self.offline = offline
        self._lookup: Lookup | None = None

    def describe(self) -> str:
        at = f" at revision {self.revision}" if self.revision else ""
        offline = "; offline, from the cache" if self.offline else ""
        return f"Hugging Face Hub model {self.repo_id}{at} (read as a {self.how}{offline})"

    @property
    def lookup(self) -> Lookup:
        """The base-model lookups of this check, sharing this source's session (cache, pool)."""
        if self._lookup is None:
            self._lookup = Lookup(offline=self.offline)
        return self._lookup

    def close(self) -> None:
        if self._lookup is not None:
            self._lookup.close()

    def fetch(self) -> Release:
        self.lookup.exclude(self.repo_id)
        return _Fetch(self.lookup, self.repo_id, self.revision, target=self.target, full=True).run()


def fetch_base_release(lookup: Lookup, repo_id: str) -> Release:
    """A base model's release for the lineage stage: model info and card (license files only when the card's
    license tag is not recognized). Raises `Failure` when the model cannot be read."""
    return _Fetch(lookup, repo_id, None, target=repo_id, full=False).run()


class _Fetch:
    """One repository's fetch: `full` for the target; a base model needs only its license and bases."""

    def __init__(self, lookup: Lookup, repo_id: str, revision: str | None, *, target: str,
                 full: bool) -> None:
        self.lookup = lookup
        self.session = lookup.session
        self.client = HubClient(self.session)
        self.repo_id = repo_id
        self.revision = revision
        self.target = target
        self.full = full
        self.gaps: list[Gap] = []
        self.gated_misses: list[str] = []
        self.unread: dict[str, str] = {}  # what could not be read -> why
        self.card_text = False
        self.gated: Any = None
        self.commit = revision or "main"

    # -- helpers ----------------------------------------------------------------------------------

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        return self.session.submit(fn, *args, **kwargs)

    def fail(self, failure: Failure, what: str | None = None) -> None:
        """Record a failed fetch as a gap; gated files are summed up in one gap at the end."""
        self.unread[what or failure.url or "?"] = failure.message
        if failure.code == "gated":
            self.gated_misses.append(what or failure.url or "a file")
            return
        self.gaps.append(failure_gap(failure))

    # -- the fetch --------------------------------------------------------------------------------

    def run(self) -> Release:
        client, rid, rev = self.client, self.repo_id, self.revision
        info_f = self.submit(client.model_info, rid, rev)
        card_f = self.submit(client.read_file, rid, "README.md", rev, MAX_CARD_BYTES)
        refs_f = self.submit(client.refs, rid) if self.full else None
        config_f = (self.submit(client.read_file, rid, "config.json", rev, MAX_CONFIG_BYTES)
                    if self.full else None)
        info, info_failure = _wait(info_f)
        card_bytes, card_failure = _wait(card_f)
        if info is None:
            assert info_failure is not None
            self._without_info(info_failure, card_bytes, card_failure)
        repo_id = str(getattr(info, "id", None) or rid)
        if repo_id.lower() != rid.lower():
            self.lookup.exclude(repo_id)
            self.gaps.append(Gap("repository-renamed", f"{rid} has moved to {repo_id} (the Hub redirected); "
                                 f"this report is about {repo_id}", Provenance(client.api_url(repo_id),
                                                                                method="hub-api")))
        commit = self.commit = str(getattr(info, "sha", None) or rev or "main")
        self.gated = getattr(info, "gated", None)
        api = Provenance(client.api_url(repo_id), method="hub-api", retrieved=_today())
        snapshot = Snapshot(label=repo_id, retrieved=_today(),
                            cite_path=lambda path: client.blob_url(repo_id, commit, path))
        card_url = client.blob_url(repo_id, commit, "README.md")
        snapshot.card = self._card(card_bytes, card_failure, info, card_url)
        self.card_text = bool(snapshot.card is not None and snapshot.card.text)
        if info is not None and getattr(info, "siblings", None) is not None:
            snapshot.files = [FileEntry(s.rfilename, s.size) for s in info.siblings or []]
            snapshot.listing_complete = True
        tags = [t for t in (getattr(info, "tags", None) or []) if isinstance(t, str)]
        snapshot.hub_tags, snapshot.hub_tags_provenance = tags, replace(api, method="hub-tags")
        bases = merge_base_models(card_base_models(snapshot.card) if snapshot.card else [],
                                  base_models_from_tags(tags, replace(api, method="hub-tags")))
        bases = _infer_relation(bases, snapshot)
        self.lookup.prefetch(b.id for b in bases)

        # round 2
        texts = self._start_texts(snapshot)
        recipes = {f.path: self.submit(client.read_file, rid, f.path, self.commit, MAX_RECIPE_BYTES)
                   for f in snapshot.files if f.path in RECIPE_FILES}
        headers = self._start_headers(snapshot, info, commit) if self.full else {}
        links = body_links(snapshot.card) if snapshot.card else []
        organization, _, name = repo_id.partition("/")
        follower = LinkFollower(self.session, self.client) if self.full else None
        if follower is not None:
            follower.start(snapshot.card, tags, links, organization)

        if config_f is not None:
            data, failure = _wait(config_f)
            if any(f.path == "config.json" for f in snapshot.files) or not snapshot.listing_complete:
                if data is not None:
                    parse_config(snapshot, data)
                elif failure is not None and failure.code != "file-not-found":
                    self.fail(failure, "config.json")
        self._finish_texts(snapshot, texts)
        for path, future in recipes.items():
            data, failure = _wait(future)
            if data is not None:
                snapshot.add_recipe(path, data)
            elif failure is not None:
                self.fail(failure, path)
        self._finish_headers(snapshot, headers)

        release = build_release(snapshot, target=self.target, source="hub", name=name,
                                organization=organization, revision=commit,
                                extra_links=_tag_links(tags, links, api))
        release = _unread_is_unknown(replace(release, base_models=bases), self.unread,
                                     card_text=bool(snapshot.card and snapshot.card.text))
        if info is not None:
            release = with_facts(release, info_facts(info, api))
            summary = getattr(info, "safetensors", None)
            if summary is not None:
                release = with_parameter_summary(release, summary, api)
        if refs_f is not None:
            refs, failure = _wait(refs_f)
            if refs is not None:
                branches = [b.name for b in refs.branches]
                release = with_refs(release, branches, f"{client.endpoint}/{repo_id}/tree")
            elif failure is not None:
                self.fail(failure, "branches")
        if follower is not None:
            release = follower.apply(release, links)
        return with_gaps(release, self._closing_gaps(repo_id))

    # -- round 1 outcomes -------------------------------------------------------------------------

    def _without_info(self, failure: Failure, card: bytes | None, card_failure: Failure | None) -> None:
        rid = self.repo_id
        if failure.code == "not-found":
            raise TargetError(f"no model {rid} on the Hugging Face Hub (or it is private and your token, "
                              "if any, cannot see it)",
                              hint="check the id; for a private model, set HF_TOKEN")
        if failure.code == "revision-not-found":
            raise TargetError(f"{rid} has no revision '{self.revision}' on the Hub",
                              hint="give a branch, tag or commit that exists")
        if failure.code in FATAL:
            raise TargetError(failure.message)
        if card is None:
            if failure.code == "offline":
                raise TargetError(f"{rid} is not in howopen's cache, and --offline forbids asking the Hub",
                                  hint="run the check once without --offline")
            if not self.full:
                raise failure
            raise TargetError(f"could not read {rid} from the Hugging Face Hub: {failure.message}",
                              hint="try again later")
        self.gaps.append(failure_gap(failure, "the file listing could not be read; the report rests on "
                                              "the model card alone"))

    def _card(self, data: bytes | None, failure: Failure | None, info: Any, url: str) -> ModelCard | None:
        if data is not None:
            try:
                return parse_card(data, url)
            except NotACard as exc:
                self.gaps.append(Gap("card-binary", f"{exc}; it was not read",
                                     Provenance(url, method="read")))
        elif failure is not None and failure.code != "file-not-found":
            self.fail(failure, "README.md (the model card)")
        metadata = card_data_dict(info) if info is not None else {}
        if metadata:
            # The card's text could not be read, but the Hub API returned its metadata: use that, cited to the
            # API.
            source = self.client.api_url(self.repo_id)
            return ModelCard(path=source, text="", metadata=metadata, has_front_matter=True,
                             front_matter_error=None, body_start_line=1)
        return None

    # -- round 2 ----------------------------------------------------------------------------------

    def _start_texts(self, snapshot: Snapshot) -> dict[str, Future[bytes]]:
        wanted = [f for f in snapshot.files if f.classified.role in TEXT_ROLES]
        if not self.full and snapshot.card is not None:
            declared = snapshot.card.strings("license")
            if any(identify_tag(value).recognized for value in declared):
                return {}  # a base model's recognized tag is enough to follow the lineage
        if len(wanted) > MAX_LICENSE_FILES:
            self.gaps.append(Gap("too-many-license-files", f"{len(wanted)} license-like files; only the "
                                 f"first {MAX_LICENSE_FILES} were read"))
        read = self.client.read_file
        return {f.path: self.submit(read, snapshot.label, f.path, self.commit, MAX_LICENSE_BYTES)
                for f in wanted[:MAX_LICENSE_FILES]}

    def _finish_texts(self, snapshot: Snapshot, futures: dict[str, Future[bytes]]) -> None:
        for path, future in futures.items():
            data, failure = _wait(future)
            if data is None:
                if failure is not None:
                    self.fail(failure, path)
                continue
            if b"\x00" in data[:4096]:
                snapshot.gap("license-binary", f"{path} is binary, not a license text; not read", path)
                continue
            if len(data) > MAX_LICENSE_BYTES:
                snapshot.gap("license-truncated", f"{path} is larger than {MAX_LICENSE_BYTES // 1024} KB; only its "
                             "beginning was read", path)
                data = data[:MAX_LICENSE_BYTES]
            text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
            snapshot.texts[path] = text.replace("\r\n", "\n")

    def _start_headers(self, snapshot: Snapshot, info: Any, commit: str) -> dict[str, Future[Any]]:
        if info is None or getattr(info, "safetensors", None) is not None:
            return {}  # the Hub's own summary gives the parameter count
        files = [f.path for f in snapshot.files if f.path.endswith(".safetensors")
                 and f.classified.role == Role.WEIGHTS]
        if not files:
            return {}
        if len(files) <= MAX_HEADER_FILES:
            return {p: self.submit(self.client.safetensors_file, snapshot.label, p, commit) for p in files}
        index = next((f.path for f in snapshot.files if f.path.endswith(".safetensors.index.json")), None)
        if index is not None and self.revision in (None, "main"):
            return {"": self.submit(self.client.safetensors_sharded, snapshot.label, index)}
        self.gaps.append(Gap("too-many-shards", f"{len(files)} safetensors files; their headers were not "
                             "read, so the parameter count is unknown"))
        return {}

    def _finish_headers(self, snapshot: Snapshot, futures: dict[str, Future[Any]]) -> None:
        for path, future in futures.items():
            result, failure = _wait(future)
            if result is None:
                if failure is not None:
                    self.fail(failure, f"safetensors header of {path or 'the shards'}")
                continue
            files = getattr(result, "files_metadata", None) or {path: result}
            for name, meta in files.items():
                counts = dict(getattr(meta, "parameter_count", {}) or {})
                snapshot.headers[name] = WeightHeader("safetensors", sum(counts.values()), counts,
                                                      len(getattr(meta, "tensors", {}) or {}),
                                                      dict(getattr(meta, "metadata", {}) or {}))

    # -- closing ----------------------------------------------------------------------------------

    def _closing_gaps(self, repo_id: str) -> list[Gap]:
        gaps = list(self.gaps)
        if self.gated_misses:
            level = f" ({self.gated})" if isinstance(self.gated, str) else ""
            public = "the file listing and the model card" if self.card_text else \
                "the file listing and the model card's metadata"
            gaps.insert(0, Gap("gated", f"{repo_id} is gated{level}: without access, howopen graded what is "
                               f"public ({public}); not readable: "
                               f"{', '.join(self.gated_misses[:8])}. Accept the terms on the Hub and set "
                               "HF_TOKEN for a full report",
                               Provenance(self.client.model_url(repo_id), method="hub-api")))
        return gaps


def _unread_is_unknown(release: Release, unread: dict[str, str], *, card_text: bool) -> Release:
    """What assembly called absent only because a file (or the card's text) could not be read is unknown."""
    changes: dict[ArtifactKind, str] = {}
    if "config.json" in unread:
        changes[ArtifactKind.MODEL_ARCHITECTURE] = f"config.json could not be read: {unread['config.json']}"
    for artifact in release.artifacts.values():
        if artifact.status == Status.ABSENT and not card_text and "model card" in (artifact.reason or ""):
            changes.setdefault(artifact.kind, "the model card's text could not be read (only its metadata, "
                                              "from the Hub API)")
    for kind, reason in changes.items():
        artifact = release.artifact(kind)
        if artifact.status == Status.ABSENT:
            release = release.with_artifact(replace(artifact, status=Status.UNKNOWN, reason=reason))
    return release


def _tag_links(tags: list[str], links: list[Link], api: Provenance) -> list[Link]:
    """arXiv ids the Hub tagged the model with, where the card's links do not already give them."""
    have = {(link.id or "").lower() for link in links}
    out = []
    for tag in tags:
        if tag.startswith("arxiv:"):
            ident = tag.split(":", 1)[1]
            if f"arxiv:{ident}".lower() not in have and arxiv_id(f"arXiv:{ident}"):
                out.append(Link(LinkKind.PAPER, f"https://arxiv.org/abs/{ident}", f"arXiv:{ident}",
                                "arXiv id tagged on the Hub", replace(api, method="hub-tags")))
    return out


def _infer_relation(bases: Iterable[BaseModelRef], snapshot: Snapshot) -> tuple[BaseModelRef, ...]:
    """A relation the card does not state, read from the files: an adapter config, or only GGUF weights."""
    paths = [f.path.lower() for f in snapshot.files]
    relation = None
    if "adapter_config.json" in paths:
        relation = "adapter"
    elif paths and any(p.endswith(".gguf") for p in paths) and not any(
            p.endswith((".safetensors", ".bin")) for p in paths):
        relation = "quantized"
    out = tuple(bases)
    if relation is None or len(out) != 1:
        return out
    return tuple(replace(b, relation=b.relation or relation) for b in out)
