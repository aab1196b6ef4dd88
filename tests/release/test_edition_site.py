"""Every page of the built site names its edition: the badge under the title in the sidebar and
the footer line naming the mlcalc release its notebooks install (book/_ext/edition.py)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.bookfiles import HTML, toc_files

pytestmark = pytest.mark.slow

PAGES = [f"{name}.html" for name in toc_files()] + ["search.html", "genindex.html"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_the_edition(built_book, version, page):
    soup = BeautifulSoup((HTML / page).read_text(encoding="utf-8"), "html.parser")
    badge = soup.select_one(".navbar-brand .edition-badge")
    assert badge is not None and badge.get_text(strip=True) == f"Edition {version}", page
    footer = soup.select_one(".extra_footer .edition")
    assert footer is not None and f"mlcalc=={version}" in footer.get_text(), page
