"""The glossary in each language's own alphabetical order, with a letter index, and glossary
tooltips in regular weight below (or above) the line they explain."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from explainer.text.collate import sort_key

KK = "а ә б в г ғ д е ё ж з и й к қ л м н ң о ө п р с т у ұ ү ф х һ ц ч ш щ ъ ы і ь э ю я"


def kazakh_rank(word: str) -> list[int]:
    """The order of the issue, written out independently of explainer.collate."""
    letters = KK.split()
    return [-1 if c == " " else letters.index(c) for c in word.lower() if c == " " or c in letters]


def test_sort_key_puts_kazakh_letters_in_place() -> None:
    words = ["ювеналдық", "әкім", "Құрылтай", "азамат", "үкім", "мемлекеттік тіл", "Мәжіліс", "іс"]
    words.sort(key=lambda w: sort_key(w, KK))
    assert words == [
        "азамат",
        "әкім",
        "Құрылтай",
        "Мәжіліс",
        "мемлекеттік тіл",
        "үкім",
        "іс",
        "ювеналдық",
    ]
    assert sort_key("Жоғарғы Сот", KK) < sort_key("Жоғары Сот Кеңесі", KK)
    assert sort_key("ёж", "а б е ё ж") > sort_key("еж", "а б е ё ж")


def test_built_kazakh_glossary_is_in_kazakh_order_with_a_letter_index(
    server: str, browser: Browser
) -> None:
    page = browser.new_page()
    page.goto(f"{server}/glossary/")
    terms = page.eval_on_selector_all(
        "article.md-content__inner h2",
        "hs => hs.map(h => [h.id, h.textContent.replace('¶', '').trim()])",
    )
    names = [t for _, t in terms]
    assert len(names) > 50
    assert names == sorted(names, key=kazakh_rank)
    first_a = next(i for i, n in enumerate(names) if n.lower().startswith("ә"))
    assert names[first_a - 1].lower().lstrip("«").startswith("а")  # ә right after а, not after я
    assert names.index("Мәжіліс") < names.index("мемлекеттік тіл")
    assert names.index("Жоғарғы Сот") < names.index("Жоғары Сот Кеңесі")
    index = page.locator("article nav.az-letters")
    assert index.get_attribute("aria-label") == "Әріптер бойынша"
    links = [
        (a, h)
        for a, h in index.locator("a").evaluate_all(
            "as => as.map(a => [a.textContent, a.getAttribute('href')])"
        )
    ]
    letters = [letter for letter, _ in links]
    assert letters[:3] == ["А", "Ә", "Б"] and "Қ" in letters and "Ү" in letters
    assert letters == sorted(letters, key=kazakh_rank)
    first: dict[str, str] = {}
    for tid, name in terms:
        first.setdefault(name.lstrip("«")[0].upper(), tid)
    assert links == [(letter, f"#{first[letter]}") for letter in letters]
    page.goto(f"{server}/ru/glossary/")
    ru = page.locator("article nav.az-letters a").all_text_contents()
    assert ru == sorted(ru) and ru[0] == "А"
    page.close()


def test_tooltip_is_regular_weight_and_off_its_line(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/topics/judicial-power/")
    link = page.locator(".md-content a.az-term").first
    link.scroll_into_view_if_needed()
    link.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    inner = tooltip.locator(".md-tooltip2__inner")
    assert inner.evaluate("el => getComputedStyle(el).fontWeight") == "400"
    page.wait_for_timeout(500)  # the tooltip slides into place
    box, host = inner.bounding_box(), link.bounding_box()
    assert box is not None and host is not None
    line = float(re.sub("px$", "", link.evaluate("el => getComputedStyle(el).lineHeight")))
    below = box["y"] >= host["y"] + host["height"] + 4
    above = box["y"] + box["height"] <= host["y"] - 4
    assert below or above, (box, host, line)
    page.close()
