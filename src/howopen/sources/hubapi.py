"""The Hugging Face Hub calls howopen makes, on `huggingface_hub.HfApi`, with every failure turned into a
`Failure`.

A `Failure` carries a short code (`not-found`, `gated`, `rate-limited`, `timeout`, `truncated`, `malformed`,
`offline`, ...) and a sentence a report can show. Callers decide whether a failure ends the check (the model
itself cannot be found) or becomes a gap (a license file could not be read).
"""

from __future__ import annotations

import json
from typing import Any

import httpx2
from huggingface_hub import HfApi, hf_hub_url
from huggingface_hub.errors import (
    DisabledRepoError,
    EntryNotFoundError,
    GatedRepoError,
    HfHubHTTPError,
    HFValidationError,
    NotASafetensorsRepoError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
    SafetensorsParsingError,
)
from huggingface_hub.hf_api import DatasetInfo, GitRefs, ModelInfo
from huggingface_hub.utils import build_hf_headers, get_session, hf_raise_for_status
from huggingface_hub.utils._safetensors import SafetensorsFileMetadata, SafetensorsRepoMetadata

from ..net.failure import Failure
from ..net.session import Session
from ..net.transport import OfflineMiss, ResponseTooLarge


def _status(exc: HfHubHTTPError) -> int | None:
    response = getattr(exc, "response", None)
    return getattr(response, "status_code", None)


def failure(exc: BaseException, what: str, url: str | None = None) -> Failure:
    """A one-sentence account of why `what` could not be read."""
    if isinstance(exc, Failure):
        return exc
    if isinstance(exc, OfflineMiss):
        return Failure("offline", f"{what}: not in the cache, and --offline forbids asking", exc.url)
    if isinstance(exc, GatedRepoError):
        return Failure("gated", f"{what} is gated: accept the model's terms on the Hub and set HF_TOKEN "
                       "(or run `hf auth login`) to read it", url)
    if isinstance(exc, RevisionNotFoundError):
        return Failure("revision-not-found", f"{what}: the Hub has no such revision", url)
    if isinstance(exc, EntryNotFoundError):
        return Failure("file-not-found", f"{what}: no such file in the repository", url)
    if isinstance(exc, DisabledRepoError):
        return Failure("disabled", f"{what}: the Hub has disabled access to this repository", url)
    if isinstance(exc, RepositoryNotFoundError):
        return Failure("not-found", f"{what}: the Hub has no such repository (or it is private and your "
                       "token, if any, cannot see it)", url)
    if isinstance(exc, HfHubHTTPError):
        status = _status(exc)
        if status == 429:
            return Failure("rate-limited", f"{what}: the Hub kept answering 429 Too Many Requests", url)
        if status is not None and status >= 500:
            return Failure("server-error", f"{what}: the Hub answered {status}", url)
        return Failure("http-error", f"{what}: the Hub answered {status}", url)
    if isinstance(exc, httpx2.TimeoutException):
        return Failure("timeout", f"{what}: the request timed out", url)
    if isinstance(exc, httpx2.RemoteProtocolError):
        return Failure("truncated", f"{what}: the connection closed before the whole answer arrived", url)
    if isinstance(exc, httpx2.TransportError | httpx2.HTTPError | httpx2.InvalidURL | OSError):
        return Failure("network", f"{what}: network error ({exc.__class__.__name__})", url)
    if isinstance(exc, ResponseTooLarge):
        return Failure("too-large", f"{what}: {exc}", url)
    if isinstance(exc, NotASafetensorsRepoError | SafetensorsParsingError):
        return Failure("malformed", f"{what}: {exc}", url)
    if isinstance(exc, HFValidationError):
        return Failure("invalid-id", f"{what}: {exc}", url)
    if isinstance(exc, ValueError | KeyError | TypeError | json.JSONDecodeError):
        return Failure("malformed", f"{what}: the answer was not well-formed ({exc.__class__.__name__})", url)
    raise exc


class HubClient:
    """The Hub calls of one session. Every method raises `Failure` and nothing else (except bugs)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.endpoint = session.settings.hf_endpoint
        self.api = HfApi(endpoint=self.endpoint, headers=session.hub_headers, library_name="howopen")

    def _headers(self) -> dict[str, str]:
        return build_hf_headers(library_name="howopen", headers=self.session.hub_headers)

    def model_url(self, repo_id: str) -> str:
        return f"{self.endpoint}/{repo_id}"

    def api_url(self, repo_id: str, kind: str = "models") -> str:
        return f"{self.endpoint}/api/{kind}/{repo_id}"

    def blob_url(self, repo_id: str, revision: str, path: str) -> str:
        return f"{self.endpoint}/{repo_id}/blob/{revision}/{path}"

    def model_info(self, repo_id: str, revision: str | None = None) -> ModelInfo:
        try:
            return self.api.model_info(repo_id, revision=revision, files_metadata=True)
        except Exception as exc:
            raise failure(exc, f"model {repo_id}", self.api_url(repo_id)) from None

    def dataset_info(self, repo_id: str) -> DatasetInfo:
        try:
            return self.api.dataset_info(repo_id)
        except Exception as exc:
            raise failure(exc, f"dataset {repo_id}", self.api_url(repo_id, "datasets")) from None

    def refs(self, repo_id: str) -> GitRefs:
        try:
            return self.api.list_repo_refs(repo_id)
        except Exception as exc:
            raise failure(exc, f"branches of {repo_id}", f"{self.api_url(repo_id)}/refs") from None

    def read_file(self, repo_id: str, path: str, revision: str | None, limit: int, *,
                  repo_type: str | None = None) -> bytes:
        """The first `limit + 1` bytes of a file: the caller sees whether it was cut. The server is always asked
        for only those bytes (`Range`), whatever size the listing gives, so a file larger than its listing says
        is never received whole; `repo_type="dataset"` reads from a dataset repository."""
        prefix = "datasets/" if repo_type == "dataset" else ""
        url = f"{self.endpoint}/{prefix}{repo_id}/resolve/{revision or 'main'}/{path}"
        headers = {**self._headers(), "range": f"bytes=0-{limit}"}
        try:
            url = hf_hub_url(repo_id, path, revision=revision, endpoint=self.endpoint, repo_type=repo_type)
            response = get_session().get(url, headers=headers)
            hf_raise_for_status(response)
            return response.content[: limit + 1]
        except Exception as exc:
            what = f"{path} of dataset {repo_id}" if repo_type == "dataset" else f"{path} of {repo_id}"
            raise failure(exc, what, url) from None

    def safetensors_file(self, repo_id: str, path: str, revision: str | None) -> SafetensorsFileMetadata:
        try:
            return self.api.parse_safetensors_file_metadata(repo_id, path, revision=revision)
        except Exception as exc:
            url = f"{self.endpoint}/{repo_id}/resolve/{revision or 'main'}/{path}"
            raise failure(exc, f"safetensors header of {path}", url) from None

    def safetensors_sharded(self, repo_id: str, index: str) -> SafetensorsRepoMetadata:
        try:
            return self.api.get_sharded_safetensors_metadata(repo_id, filename=index)
        except Exception as exc:
            raise failure(exc, f"safetensors headers of {repo_id}",
                          f"{self.api_url(repo_id)}/safetensors-metadata/{index}") from None


def card_data_dict(info: Any) -> dict[str, Any]:
    """The card metadata the Hub API returned (a `CardData` object or a dict), as a plain dict."""
    data = getattr(info, "card_data", None)
    if data is None:
        return {}
    if isinstance(data, dict):
        return dict(data)
    to_dict = getattr(data, "to_dict", None)
    try:
        return dict(to_dict()) if callable(to_dict) else {}
    except Exception:
        return {}
