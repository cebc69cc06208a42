"""Follows the links of a model card: the GitHub repositories it names as the release's code, the Hub datasets it
names, the arXiv papers it cites. Every request goes out at once (within the per-check cap on link requests,
`HOWOPEN_MAX_LINK_REQUESTS`: code first, then data, then papers), through the session's cache and offline mode;
`apply` waits for the answers and adds what they show to a release. A link that could not be read is a gap, and
what it would have shown stays unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Any

from ..evidence import Link, LinkKind, Release
from ..net.failure import Failure
from ..net.session import Session
from .assemble import is_benchmark, release_repositories, training_dataset_links
from .card import MAX_CARD_BYTES, ModelCard, NotACard, parse_card
from .datasheet import SheetSection, datasheet_sections
from .gaps import with_gaps
from .github import GitHubClient, GitHubRepo
from .hubapi import HubClient, card_data_dict
from .hubenrich import with_github
from .linkbudget import LinkBudget
from .linked_data import CAPPED, DatasetResult, with_datasets
from .linked_papers import with_papers
from .papers import ArxivClient, PaperCheck, arxiv_id

MAX_DATASETS = 10
MAX_REPOSITORIES = 4
MAX_PAPERS = 10


def _wait(future: Future[Any]) -> tuple[Any, Failure | None]:
    try:
        return future.result(), None
    except Failure as exc:
        return None, exc


class LinkFollower:
    def __init__(self, session: Session, client: HubClient | None = None) -> None:
        self.session = session
        self.client = client or HubClient(session)
        self.budget = LinkBudget(session.settings.max_link_requests)
        self.submit = session.submit
        self._repos: list[Callable[[], GitHubRepo]] = []
        self._datasets: list[Callable[[], DatasetResult]] = []
        self._papers: list[Future[PaperCheck]] = []

    def start(self, card: ModelCard | None, tags: Sequence[str], links: Sequence[Link],
              organization: str | None) -> None:
        """Send every request the card's links call for (the Hub's tags add datasets and arXiv ids)."""
        self._repos = self._start_github(list(links), organization)
        self._datasets = self._start_datasets(card, list(tags), list(links))
        self._papers = self._start_papers(list(links), list(tags))

    def apply(self, release: Release, links: Sequence[Link]) -> Release:
        """Wait for the answers and add what they show."""
        release = with_datasets(release, [finish() for finish in self._datasets])
        release = with_github(release, [finish() for finish in self._repos], links)
        release = with_papers(release, [future.result() for future in self._papers])
        capped = self.budget.gap()
        return with_gaps(release, [capped] if capped is not None else [])

    def _start_datasets(self, card: ModelCard | None, tags: list[str],
                        links: list[Link]) -> list[Callable[[], DatasetResult]]:
        named = list(card.strings("datasets")) if card is not None else []
        named += [t.split(":", 1)[1] for t in tags if t.startswith("dataset:")]
        if not named and card is not None:  # no `datasets:`: the datasets its training-data sections link
            named = [lk.id for lk in training_dataset_links(card, links) if lk.id]
        unique = list(dict.fromkeys(n.strip() for n in named if n.strip() and " " not in n.strip()
                                    and not is_benchmark(n.strip())))
        started = []
        for ident in unique[:MAX_DATASETS]:
            if self.budget.spend(2, f"dataset {ident}"):
                started.append(self._dataset(ident))
            else:  # not read: unknown, never absent
                url = f"{self.client.endpoint}/datasets/{ident}"
                result = DatasetResult(ident, url, None, failure=Failure(
                    CAPPED, f"dataset {ident}: not read (the cap on link requests was reached)", url))
                started.append(lambda result=result: result)  # type: ignore[misc]
        return started

    def _dataset(self, ident: str) -> Callable[[], DatasetResult]:
        """The dataset's info and its card, asked for together."""
        future = self.submit(self.client.dataset_info, ident)
        card_future = self.submit(self.client.read_file, ident, "README.md", None, MAX_CARD_BYTES,
                                  repo_type="dataset")
        url = f"{self.client.endpoint}/datasets/{ident}"

        def finish() -> DatasetResult:
            info, failure = _wait(future)
            card_bytes, card_failure = _wait(card_future)
            if info is None:
                assert failure is not None
                if failure.code == "not-found":
                    return DatasetResult(ident, url, False)
                return DatasetResult(ident, url, None, failure=failure)
            data = card_data_dict(info)
            licenses = data.get("license")
            if not licenses:
                licenses = [t.split(":", 1)[1] for t in (getattr(info, "tags", None) or [])
                            if isinstance(t, str) and t.startswith("license:")]
            if isinstance(licenses, list):
                licenses = " AND ".join(str(x) for x in licenses if x) or None
            name = str(getattr(info, "id", ident) or ident)
            card_url = f"{self.client.endpoint}/datasets/{name}/blob/{getattr(info, 'sha', None) or 'main'}/README.md"
            sheet: tuple[SheetSection, ...] = ()
            card_text = False
            if card_bytes is not None:
                try:
                    dataset_card = parse_card(card_bytes[:MAX_CARD_BYTES], card_url)
                    card_text = bool(dataset_card.body.strip())
                    sheet = tuple(datasheet_sections(dataset_card))
                except NotACard:
                    card_text = False
            elif card_failure is not None and card_failure.code != "file-not-found":
                return DatasetResult(name, url, True, license=str(licenses) if licenses else None,
                                     gated=getattr(info, "gated", None), failure=card_failure)
            return DatasetResult(name, url, True, license=str(licenses) if licenses else None,
                                 gated=getattr(info, "gated", None), has_card=card_text, card_url=card_url,
                                 sections=sheet)

        return finish

    def _start_github(self, links: list[Link], organization: str | None) -> list[Callable[[], GitHubRepo]]:
        github = GitHubClient(self.session)
        starts: list[Callable[[], GitHubRepo]] = []
        seen: set[str] = set()
        for link in release_repositories(links, organization):
            parts = (link.id or "").split("/")
            if len(parts) != 3 or parts[0].lower() != "github.com" or link.id is None:
                continue
            if link.id.lower() in seen:
                continue
            seen.add(link.id.lower())
            if len(starts) >= MAX_REPOSITORIES:
                break
            if not self.budget.spend(3, f"github.com/{parts[1]}/{parts[2]}"):
                continue
            starts.append(github.start(parts[1], parts[2]))
        return starts

    def _start_papers(self, links: list[Link], tags: list[str]) -> list[Future[PaperCheck]]:
        ids = [arxiv_id(link.id) for link in links if link.kind == LinkKind.PAPER]
        ids += [arxiv_id("arXiv:" + t.split(":", 1)[1]) for t in tags if t.startswith("arxiv:")]
        arxiv = ArxivClient(self.session)
        unique = list(dict.fromkeys(i for i in ids if i))
        return [self.submit(arxiv.check, ident) for ident in unique[:MAX_PAPERS]
                if self.budget.spend(1, f"arXiv:{ident}")]
