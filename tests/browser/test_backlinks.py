"""A note's "Linked from" section lists exactly the notes that link to it, as the vault model
computes them."""

from __future__ import annotations

from vault.graph import backlinks

NOTE = "Calibration.md"


def test_backlinks_list_exactly_the_linking_notes(tab, site):
    entries = backlinks(site.vault)[NOTE]
    expected = sorted((b.source.title, site.note_page(b.source.path)) for b in entries)
    assert len(expected) > 3, "the test needs a note with several backlinks"

    tab.open(site.note_page(NOTE))
    links = tab.page.locator("#backlinks li > a")
    shown = sorted(
        (text.strip(), site.page_of(href))
        for text, href in links.evaluate_all("(links) => links.map((a) => [a.textContent, a.href])")
    )
    assert shown == expected

