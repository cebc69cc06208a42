"""Turns what the user typed (a folder, a Hub id, a URL, a catalog name, a MOT record) into a `Source`.

Resolvers are tried in order; the first that recognizes the target wins. Each later source registers its own.
Understood forms: a folder on disk; a name in the bundled catalog (`DeepSeek-R1`, `gpt-4o`); `org/name`;
`org/name@revision`; a Hub URL (`https://huggingface.co/org/name`, optionally `/tree/<revision>` or
`/blob/<revision>/<file>`). A Hub id the catalog also knows is read from the Hub when online and from the catalog
when offline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from huggingface_hub.errors import HFValidationError
from huggingface_hub.utils import validate_repo_id

from .errors import TargetError, UsageError
from .settings import Settings
from .sources.hub import HUB_ID, HubSource
from .sources.interface import Source
from .sources.local import LocalSource
from .sources.mot import MotRecordSource, looks_like_record


@dataclass(frozen=True)
class CheckOptions:
    offline: bool = False
    revision: str | None = None


Resolver = Callable[[str, CheckOptions], Source | None]

HUB_HOSTS = {"huggingface.co", "www.huggingface.co", "hf.co"}
_NOT_MODELS = {"datasets": "a dataset", "spaces": "a Space", "papers": "a paper page",
               "docs": "documentation", "collections": "a collection",
               "organizations": "an organization page", "blog": "a blog post"}
_REVISION = re.compile(r"^[\w.\-/]{1,200}$")


def _local(target: str, options: CheckOptions) -> Source | None:
    path = Path(target).expanduser()
    if path.exists() and options.revision:
        what = "a local folder" if path.is_dir() else "a local file"
        raise UsageError(f"--revision applies to Hub models; {target} is {what}",
                         hint="drop --revision, or check out that revision into the folder first")
    if path.is_dir():
        return LocalSource(path)
    if path.exists():
        return LocalSource(path)  # LocalSource explains why a file is not a model folder
    return None


CARD_SUFFIXES = (".md", ".markdown")


def _card_file(target: str, options: CheckOptions) -> Source | None:
    """A model card file (README.md or any .md): graded from the card alone, as the index grades card files."""
    path = Path(target).expanduser()
    if path.suffix.lower() not in CARD_SUFFIXES or not path.is_file():
        return None
    if options.revision:
        raise UsageError(f"--revision applies to Hub models; {target} is a local file",
                         hint="drop --revision")
    from .sources.cardfile import CardFileSource, read_card

    try:
        data = read_card(path)
    except OSError as exc:
        raise TargetError(f"cannot read {target}: {exc.strerror or exc}") from None
    if not data.strip():
        what = "is empty (0 bytes)" if not data else "holds only whitespace"
        raise TargetError(f"{target} {what}: there is no model card to grade",
                          hint="give a card with text, the model's folder or its Hub id")
    folder = path.resolve().parent.name
    names = ("local", folder) if path.stem.lower() == "readme" and folder else None  # a README.md: its folder's name
    return CardFileSource(path, data, names, follow_links=not options.offline)


def _revision(given: str | None, options: CheckOptions, target: str) -> str | None:
    if given is not None and not _REVISION.match(given):
        raise TargetError(f"'{given}' is not a revision (a branch, tag or commit)", hint=f"check {target}")
    if given and options.revision and given != options.revision:
        raise UsageError(f"{target} names revision '{given}' but --revision says '{options.revision}'",
                         hint="give the revision once")
    return given or options.revision


def _hub_hosts() -> set[str]:
    hosts = set(HUB_HOSTS)
    configured = urlsplit(Settings.from_env().hf_endpoint)
    if configured.netloc:
        hosts.add(configured.netloc.lower())
    return hosts


def _hub_url(target: str, options: CheckOptions) -> Source | None:
    if not re.match(r"^https?://", target.strip(), re.I):
        return None
    parts = urlsplit(target.strip())
    if parts.netloc.lower() not in _hub_hosts():
        return None
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if segments and segments[0] in _NOT_MODELS:
        raise TargetError(f"{target} is {_NOT_MODELS[segments[0]]}, not a model",
                          hint="give the URL of a model repository, such as https://huggingface.co/org/name")
    if segments and segments[0] == "models":
        segments = segments[1:]
    if len(segments) < 2 or not HUB_ID.match(f"{segments[0]}/{segments[1]}"):
        raise TargetError(f"{target} does not name a model repository",
                          hint="a Hub model URL looks like https://huggingface.co/org/name")
    repo_id = _valid(f"{segments[0]}/{segments[1]}", target)
    pinned = len(segments) >= 4 and segments[2] in ("tree", "blob", "resolve", "commit")
    given = segments[3] if pinned else None
    revision = _revision(given, options, target)
    return HubSource(repo_id, revision, target=target, how="Hub URL", offline=options.offline)


def _valid(repo_id: str, target: str) -> str:
    """The Hub's own rules for repository ids (no `--` or `..`, ...), as huggingface_hub checks them."""
    try:
        validate_repo_id(repo_id)
    except HFValidationError as exc:
        raise TargetError(f"'{target}' is not a valid Hub id: {exc}".rstrip("."),
                          hint="a Hub id looks like org/name") from None
    return repo_id


def _hub_id(target: str, options: CheckOptions) -> Source | None:
    text = target.strip()
    repo_id, at, given = text.partition("@")
    if not HUB_ID.match(repo_id) or (at and not given):
        return None
    _valid(repo_id, target)
    revision = _revision(given or None, options, target)
    how = "Hub id with a revision" if given else "Hub id"
    return HubSource(repo_id, revision, target=text, how=how, offline=options.offline)


def _catalog(target: str, options: CheckOptions) -> Source | None:
    """A catalog name (`DeepSeek-R1`, `gpt-4o`) anytime; a Hub id or Hub URL the catalog knows only offline (online,
    the Hub's live evidence wins)."""
    from . import catalog
    from .sources.catalog import CatalogSource

    text = target.strip()
    hub_form = bool(HUB_ID.match(text.partition("@")[0])) or bool(re.match(r"^https?://", text, re.I))
    pinned = "@" in text.split("/")[-1] or re.search(r"/(tree|blob|resolve|commit)/", text)
    if hub_form and (not options.offline or options.revision or pinned):
        return None  # online the Hub answers; a pinned revision is the Hub's (or its cache's) to answer
    try:
        record = catalog.find(text)
    except catalog.CatalogError:
        if hub_form:
            return None  # a broken bundled record must not hide the Hub cache; the catalog tests catch it
        raise
    if record is None:
        return None
    if options.revision:
        raise UsageError(f"--revision applies to Hub models; '{text}' is a catalog name",
                         hint=f"check the Hub id instead ({record.hub_id}@REVISION)" if record.hub_id
                         else "drop --revision: a catalog record has no revisions")
    how = "Hub id (offline, so from the catalog)" if hub_form else "catalog name"
    return CatalogSource(record, target=text, how=how)


def _mot_record(target: str, options: CheckOptions) -> Source | None:
    path = Path(target).expanduser()
    return MotRecordSource(path) if looks_like_record(path) else None


RESOLVERS: list[Resolver] = [_mot_record, _card_file, _local, _catalog, _hub_url, _hub_id]


def resolve_target(target: str, options: CheckOptions | None = None) -> Source:
    options = options or CheckOptions()
    if not target.strip():
        raise TargetError("the target is empty", hint="give a model folder, a Hub id or a catalog name")
    for resolver in RESOLVERS:
        source = resolver(target, options)
        if source is not None:
            return source
    if re.match(r"^[a-z][a-z0-9+.-]*://", target.strip(), re.I):
        raise TargetError(f"{target} is not a Hugging Face Hub URL",
                          hint="give a Hub model URL such as https://huggingface.co/org/name, a Hub id, a model "
                               "folder or a catalog name")
    if target.startswith(("/", ".", "~")) or target.count("/") > 1 or "\\" in target:
        raise TargetError(f"no such file or folder: {target}",
                          hint="give a model folder, a Hub id such as org/name, a Hub URL or a catalog name "
                               "(`howopen list` shows them)")
    suggestion = _catalog_suggestion(target)
    if suggestion:
        raise TargetError(f"'{target}' is not a name in the catalog, a folder or a Hub id (org/name)", hint=suggestion)
    raise TargetError(f"'{target}' is not a folder, a Hugging Face Hub id (org/name), a Hub URL or a name in the "
                      "catalog",
                      hint="give a model folder, a Hub id such as EleutherAI/pythia-1b, a Hub URL, or a catalog name "
                           "such as DeepSeek-R1 (`howopen list` shows them)")


def _catalog_suggestion(target: str) -> str | None:
    """`did you mean llama-3.1-8b?` for a near-miss catalog name."""
    from . import catalog
    from .suggest import did_you_mean

    try:
        names = [record.id for record in catalog.iter_records()]
    except catalog.CatalogError:
        return None
    return did_you_mean(target, names)
