"""Search on built synthetic vaults of 5,000 and 10,000 notes, in Chromium, measured as
`make bench` measures them (scripts/bench/search_budget.py): the byte budgets of a page view
and of each first query hold (two words of a title, a whole title, a sentence), and the note
searched by its whole title is the first result. No timing is asserted. Each size takes one
build (about 40 s and 85 s on two cores)."""

from __future__ import annotations

import shutil

import pytest

from bench.search_budget import FIRST_QUERY_BUDGET, PAGE_VIEW_BUDGET, measure, queries
from bench.synthetic_vault import generate
from conftest import build_site

from .conftest import served_site


@pytest.fixture(scope="module", params=[5000, 10000], ids=lambda notes: f"{notes}-notes")
def synthetic_site(tmp_path_factory, request):
    root = tmp_path_factory.mktemp("search-scale")
    generate(str(root / "docs"), request.param, seed=0)

    def build(base: str):
        result = build_site(root / "docs", root / "site", strict=True, SITE_URL=base, timeout=1200)
        assert result.returncode == 0, result.stderr[-3000:]
        return root / "site"

    with served_site(root / "site", root / "docs", build) as served:
        yield served
    shutil.rmtree(root, ignore_errors=True)  # 10,000 notes: about 400 MB of vault and site


def test_a_page_view_and_first_queries_stay_within_their_budgets(browser, synthetic_site):
    site = synthetic_site.directory
    viewed, cases = queries(site)
    for kind, query, wanted in cases:
        result = measure(site, synthetic_site.base, viewed, query, wanted if kind == "a whole title" else None, browser)
        assert result["view_bytes"] <= PAGE_VIEW_BUDGET, result
        assert result["query_bytes"] <= FIRST_QUERY_BUDGET, (kind, result["query_detail"])
        assert result["query_files"] > 0
        if kind == "a whole title":
            assert result["first_is_wanted"], (query, result["query_detail"])
