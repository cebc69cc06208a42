"""arXiv records a license per paper: the "Rights to this article" link of its abstract page."""

from __future__ import annotations

from howopen.sources.papers import license_of, rights_link


def test_the_rights_link_is_read_and_mapped() -> None:
    page = ('<div class="abs-license"><a class="has_license" href="http://creativecommons.org/licenses/by/4.0/" '
            'title="Rights to this article"><img alt="license icon"><span>view license</span></a></div>')
    url = rights_link(page)
    assert url == "http://creativecommons.org/licenses/by/4.0/"
    assert license_of(url) == "CC-BY-4.0"
    assert license_of("http://arxiv.org/licenses/nonexclusive-distrib/1.0/") == \
        "LicenseRef-arXiv-nonexclusive-distrib-1.0"
    assert license_of("https://example.org/some-license") is None


def test_a_page_without_a_rights_link() -> None:
    assert rights_link("<html><body>no license here</body></html>") is None
