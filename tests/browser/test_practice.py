"""The Practice page on a phone-sized screen (390x844): filters, marks kept in localStorage
across a reload and instant navigation, reset, keys, math, "Show the note" landing on the
question, controls large enough for a thumb, and no request leaving the site.

Contract with practice.js (see tests/browser/README.md): `.kb-practice` gets data-state
"ready" once a card shows; the card `.kb-practice__card` carries data-id (the deck's
question id), data-level and data-revealed."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import watched_tab
from .helpers import PRACTICE_PAGE, expect_preview_of

PHONE = {"width": 390, "height": 844}
STORAGE_KEY = "kb-practice/v1"
MARKER = "window.__kbMarker"
THUMB_PX = 44  # the smallest target a finger hits reliably


@pytest.fixture
def phone(browser, site, request):
    yield from watched_tab(browser, site, request, PHONE)


def ready(page):
    drill = page.locator(".kb-practice")
    expect(drill).to_have_attribute("data-state", "ready")
    return drill


def card_id(page) -> str:
    return page.locator(".kb-practice__card").get_attribute("data-id")


def stored(page) -> dict:
    raw = page.evaluate(f"() => localStorage.getItem({json.dumps(STORAGE_KEY)})")
    return json.loads(raw) if raw else {}


def deck(site) -> dict:
    return json.loads((site.directory / "assets" / "practice.json").read_text(encoding="utf-8"))


def test_marks_under_a_hard_filter_survive_reload_and_instant_navigation_and_reset_clears_them(phone, site):
    page = phone.page
    phone.open(PRACTICE_PAGE)
    drill = ready(page)
    hard = sum(q["level"] == "H" for q in deck(site)["questions"])

    page.locator('button[data-level="H"]').click()
    expect(page.locator('button[data-level="H"]')).to_have_attribute("aria-pressed", "true")
    expect(drill).to_have_attribute("data-count", str(hard))
    card = page.locator(".kb-practice__card")
    expect(card).to_have_attribute("data-level", "H")

    # Mark two questions: the first "review again" (after revealing it), the second "knew it".
    first = card_id(page)
    page.keyboard.press("Space")
    expect(card).to_have_attribute("data-revealed", "true")
    page.keyboard.press("2")
    expect(card).not_to_have_attribute("data-id", first)
    second = card_id(page)
    expect(card).to_have_attribute("data-level", "H")
    page.locator(".kb-practice__button--reveal").click()
    page.locator(".kb-practice__button--knew").click()
    expect(card).not_to_have_attribute("data-id", second)

    def marks_kept():
        progress = stored(page)["questions"]
        assert set(progress) == {first, second}
        assert (progress[first]["box"], progress[first]["last"]) == (1, "again")
        assert (progress[second]["box"], progress[second]["last"]) == (2, "knew")

    marks_kept()

    # A reload: the marks and the filter are kept; "only review again" shows the first question.
    page.reload()
    ready(page)
    marks_kept()
    expect(page.locator('button[data-level="H"]')).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".kb-practice__status")).to_contain_text("1 marked “review again”")
    page.locator(".kb-practice__button--review").click()
    expect(drill).to_have_attribute("data-count", "1")
    expect(card).to_have_attribute("data-id", first)

    # "Show the note" opens the note at the question, by instant navigation, then Back.
    page.evaluate(f"() => {{ {MARKER} = 'kept'; }}")
    question = next(q for q in deck(site)["questions"] if q["id"] == first)
    note = deck(site)["notes"][question["note"]]
    page.locator(".kb-practice__button--reveal").click()
    page.locator(".kb-practice__open").click()
    # The note's page; navigation.tracking may since have written the heading in view as the fragment.
    expect(page).to_have_url(re.compile("^" + re.escape(site.base + note["url"]) + r"(#.*)?$"))
    target = page.locator(f'[id="{question["anchor"]}"]')
    expect(target).to_have_class("kb-question--target")
    expect(target).to_be_in_viewport()
    assert page.evaluate(f"() => {MARKER}") == "kept", "the note was opened by a reload, not instant navigation"
    page.go_back()
    ready(page)
    assert page.evaluate(f"() => {MARKER}") == "kept", "Back reloaded the page"
    marks_kept()
    expect(card).to_have_attribute("data-id", first)  # the session goes on at the same card
    expect(drill).to_have_attribute("data-count", "1")

    # Reset, confirmed: nothing is kept, and no question is marked for review any more.
    page.locator(".kb-practice__button--reset").click()
    page.locator(".kb-practice__button--reset-confirm").click()
    assert stored(page).get("questions") == {}
    expect(drill).to_have_attribute("data-state", "empty")
    expect(page.locator(".kb-practice__empty")).to_be_visible()
    page.reload()
    expect(ready_or_empty(page)).to_have_attribute("data-state", "empty")  # the review-only filter stays
    assert stored(page).get("questions") == {}

    assert phone.foreign_requests() == [] and phone.failed == []
    assert phone.errors == [] and phone.console_errors() == []


def ready_or_empty(page):
    drill = page.locator(".kb-practice")
    expect(drill).to_have_attribute("data-state", "empty")
    return drill


def new_order(questions) -> list[str]:
    """The order practice-schedule.js gives new questions: each note's first, then each note's second..."""
    turns, keyed = {}, []
    for position, question in enumerate(questions):
        turns[question["note"]] = turns.get(question["note"], -1) + 1
        keyed.append(((turns[question["note"]], position), question["id"]))
    return [id for _, id in sorted(keyed)]


def test_keys_schedule_math_and_thumb_sized_controls(phone, site):
    page = phone.page
    phone.open(PRACTICE_PAGE)
    ready(page)
    questions = deck(site)["questions"]
    order = new_order(questions)
    card = page.locator(".kb-practice__card")
    # No progress and no filter: new questions, a note at a time in turn.
    expect(card).to_have_attribute("data-id", order[0])
    page.keyboard.press("j")
    expect(card).to_have_attribute("data-id", order[1])
    page.keyboard.press("ArrowRight")
    expect(card).to_have_attribute("data-id", order[2])
    page.keyboard.press("k")
    page.keyboard.press("ArrowLeft")
    expect(card).to_have_attribute("data-id", order[0])
    page.keyboard.press("Enter")
    expect(card).to_have_attribute("data-revealed", "true")
    page.keyboard.press("1")
    expect(card).to_have_attribute("data-id", order[1])
    expect(card).to_have_attribute("data-revealed", "false")
    assert stored(page)["questions"][order[0]]["box"] == 2

    # A question due for review comes before every new one; its math is typeset by KaTeX.
    math = next(q["id"] for q in questions if "arithmatex" in q["html"] and q["id"] not in order[:3])
    page.evaluate("""([key, id]) => {
        const state = JSON.parse(localStorage.getItem(key));
        state.questions[id] = { box: 1, due: Date.now() - 1000, last: "again", marks: 1 };
        localStorage.setItem(key, JSON.stringify(state));
    }""", [STORAGE_KEY, math])
    page.reload()
    ready(page)
    expect(card).to_have_attribute("data-id", math)
    expect(card.locator(".arithmatex .katex").first).to_be_visible()
    expect(card.locator(".arithmatex:not(:has(.katex))")).to_have_count(0)

    # Every control fits the screen and a thumb; focus is visible.
    page.keyboard.press("Space")
    for control in page.locator(".kb-practice button:visible, .kb-practice select, .kb-practice a.md-button:visible").all():
        box = control.bounding_box()
        assert box["height"] >= THUMB_PX - 0.5, (control.inner_text(), box)
        assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"], (control.inner_text(), box)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator('button[data-level="E"]').focus()
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")

    assert phone.foreign_requests() == [] and phone.failed == []
    assert phone.errors == [] and phone.console_errors() == []


def test_hovering_the_cards_note_shows_its_preview(tab, site):
    page = tab.page
    tab.open(PRACTICE_PAGE)
    ready(page)
    link = page.locator(".kb-practice__note")
    link.hover()
    expect_preview_of(page, site, link)
    assert tab.errors == [] and tab.console_errors() == []
