"""Timelines: the drawn SVG timeline, milestone pages, and the timeline page's structure."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from explainer.pipeline import Project, Result, check
from explainer.render import format_date, svg
from explainer.text.markdown import visible_text

from .conftest import ROOT

NS = "{http://www.w3.org/2000/svg}"
LANGS = ("kk", "ru", "en")
MILESTONES = {
    "adoption-1995": [
        "constitution-1993",
        "referendum-decree-1995",
        "referendum-1995",
        "in-force-1995",
    ],
    "anniversary-2015": [
        "cpc-in-force-2015",
        "anniversary-medal-2015",
        "election-2015",
        "anniversary-20",
    ],
    "reform-2022": [
        "referendum-2022",
        "amendment-2022-in-force",
        "amendment-2022-sep",
        "election-2022",
        "constitutional-court-2023",
    ],
    "constitution-2026": [
        "address-2025",
        "kurultai-2026",
        "commission-2026",
        "draft-2026",
        "referendum-2026",
        "constitution-2026-in-force",
    ],
}


@pytest.fixture(scope="module")
def flagship() -> Result:
    return check(Project.at(ROOT), strict=True)


def figures(markdown: str) -> list[ET.Element]:
    """The SVGs of the drawn timeline on a generated page, parsed as XML."""
    m = re.search(r'<figure class="az-tl" role="group" aria-label="[^"]*">(.*?)</figure>', markdown)
    assert m, "no drawn timeline on the page"
    return [ET.fromstring(s) for s in re.findall(r"<svg .*?</svg>", m.group(1))]


def page(result: Result, lang: str, path: str) -> str:
    return result.files[f"{lang}/{path}"].decode()


def events_of(svgs: list[ET.Element]) -> list[ET.Element]:
    return [a for s in svgs for a in s.iter(f"{NS}a") if a.get("class") == "az-tl__ev"]


def label_lines(a: ET.Element) -> list[ET.Element]:
    text = next(t for t in a.iter(f"{NS}text") if t.get("class") == "az-tl__label")
    return list(text.iter(f"{NS}tspan"))


def boxes(s: ET.Element) -> list[tuple[str, float, float, float, float]]:
    """(what, left, top, right, bottom) of every piece of text in one SVG, estimated."""
    out = []
    for t in s.iter(f"{NS}text"):
        size = float(t.get("font-size", svg.FONT))
        spans = list(t.iter(f"{NS}tspan")) or [t]
        for sp in spans:
            x, y = float(sp.get("x", t.get("x"))), float(sp.get("y", t.get("y")))
            fs = float(sp.get("font-size", size))
            w = svg.text_width(sp.text or "", fs)
            left = x - w if t.get("text-anchor") == "end" else x
            out.append((sp.text or "", left, y - 0.8 * fs, left + w, y + 0.25 * fs))
    return out


def years_of(s: ET.Element) -> list[str]:
    return [t.text or "" for t in s.iter(f"{NS}text") if t.get("class") == "az-tl__year"]


def overlaps(
    a: tuple[str, float, float, float, float], b: tuple[str, float, float, float, float]
) -> bool:
    return a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]


# -- the drawing on its own -------------------------------------------------------------------


def items(n: int, year: int = 2000, label: str = "Event") -> list[svg.Item]:
    cats = list(svg.SHAPES)
    return [
        svg.Item(
            id=f"e{i}",
            year=year + i // 3,
            category=cats[i % len(cats)],
            label=f"{label} {i}",
            tooltip=f"tooltip {i}",
        )
        for i in range(n)
    ]


def test_one_mark_and_one_link_per_item() -> None:
    out = [
        ET.fromstring(s)
        for s in svg.draw(items(7), first_year=1998, last_year=2004, title="T", legend=[])
    ]
    evs = events_of(out)
    assert [a.get("href") for a in evs] == [f"#e{i}" for i in range(7)]
    assert [a.find(f"{NS}title").text for a in evs] == [f"tooltip {i}" for i in range(7)]
    assert all(len(a.find(f"{NS}g")) >= 1 for a in evs)  # a mark in every link
    root = out[0]
    assert root.get("role") == "group" and root.get("aria-label") == "T"
    assert root.find(f"{NS}title").text == "T"
    assert root.get("viewBox").startswith(f"0 0 {svg.WIDTH} ")


def test_categories_differ_in_shape_not_only_colour() -> None:
    shapes = set()
    for kind in svg.SHAPES:
        g = ET.fromstring(
            f'<g xmlns="http://www.w3.org/2000/svg">{svg.shape(kind, "#000000", 0, 0)}</g>'
        )
        shapes.add(
            tuple((el.tag, len((el.get("points") or "").split()), el.get("fill")) for el in g)
        )
    assert len(shapes) == len(svg.SHAPES)


def test_text_is_escaped() -> None:
    it = svg.Item(
        id="x",
        year=2000,
        category="courts",
        label='A <b> & "q"',
        tooltip="<script>",
        href="../timeline.md#x?a=1&b=2",
    )
    (out,) = svg.draw(
        [it],
        first_year=2000,
        last_year=2000,
        title="<T & t>",
        legend=[("courts", "<Courts>", ("diamond", "#882255"))],
    )
    assert "<script>" not in out and "<b>" not in out
    root = ET.fromstring(out)
    (a,) = events_of([root])
    assert [sp.text for sp in label_lines(a)] == ['A <b> & "q"']
    assert a.find(f"{NS}title").text == "<script>"
    assert a.get("href") == "../timeline.md#x?a=1&b=2"
    assert root.get("aria-label") == "<T & t>"
    assert "<Courts>" in [t.text for t in root.iter(f"{NS}text")]


def test_long_labels_wrap_within_the_drawing() -> None:
    long = "Жаңа Конституция бойынша республикалық референдум өтті және нәтижесі жарияланды"
    (out,) = svg.draw(
        [svg.Item("a", 2000, "election", long, "t")],
        first_year=2000,
        last_year=2000,
        title="T",
        legend=[],
    )
    (a,) = events_of([ET.fromstring(out)])
    lines = [sp.text or "" for sp in label_lines(a)]
    assert len(lines) > 1 and " ".join(lines) == long
    assert all(svg.LABEL_X + svg.text_width(x, svg.FONT) <= svg.WIDTH for x in lines)


def test_long_drawings_are_cut_at_year_boundaries() -> None:
    parts = [
        ET.fromstring(s)
        for s in svg.draw(
            items(40),
            first_year=1990,
            last_year=2015,
            title="T",
            legend=[("courts", "C", ("diamond", "#882255"))],
            max_height=200,
        )
    ]
    assert len(parts) > 1
    assert len(events_of(parts)) == 40
    tops, spans = [], []
    for n, s in enumerate(parts):
        _, y0, _, h = (float(v) for v in s.get("viewBox").split())
        tops.append((y0, y0 + h))
        assert (s.find(f"{NS}g[@class='az-tl__legend']") is not None) == (n == 0)
        first, last = (int(y) for y in s.get("aria-label").split("–"))
        spans.append((first, last))
        assert s.find(f"{NS}title").text == "T"
    # the parts follow each other without a gap or an overlap
    assert all(a[1] == b[0] for a, b in zip(tops, tops[1:], strict=False))
    # each part names its years; together they cover the whole range once
    assert spans[0][0] == 1990 and spans[-1][1] == 2015
    assert all(a[1] + 1 == b[0] for a, b in zip(spans, spans[1:], strict=False))
    years = [int(y) for s in parts for y in years_of(s)]
    assert years == sorted(years) and len(years) == len(set(years))


def test_output_is_deterministic() -> None:
    kw = {
        "first_year": 1990,
        "last_year": 2026,
        "title": "T",
        "legend": [("courts", "C", ("diamond", "#882255"))],
    }
    assert svg.draw(items(30), **kw) == svg.draw(items(30), **kw)


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("Plain", "Plain"),
        ("[Article 1](../articles/1.md) and \\*stars\\*", "Article 1 and *stars*"),
        ('{2026: <span class="cite-other" data-doc="2026">94-бап</span>}', "{2026: 94-бап}"),
        ("A &amp; B &lt;c&gt;", "A & B <c>"),
    ],
)
def test_plain_text_of_a_resolved_title(markdown: str, text: str) -> None:
    assert visible_text(markdown) == text


# -- the flagship ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_drawing_has_one_mark_per_event(flagship: Result, lang: str) -> None:
    c = flagship.linked.content
    svgs = figures(page(flagship, lang, "timeline.md"))
    evs = events_of(svgs)
    assert [a.get("href") for a in evs] == [f"#{e.id}" for e in c.events]
    assert [a.get("data-category") for a in evs] == [e.category for e in c.events]
    for a, e in zip(evs, c.events, strict=True):
        label = " ".join(sp.text or "" for sp in label_lines(a))
        title = flagship.linked.bodies[("event-title", e.id, lang)]
        assert label == " ".join(visible_text(title).split())
    first = svgs[0]
    name = c.ui[lang]["drawing_title"].format(years="1990–2026", n=len(c.events))
    assert f'<figure class="az-tl" role="group" aria-label="{name}">' in page(
        flagship, lang, "timeline.md"
    )
    assert all(s.find(f"{NS}title").text == name for s in svgs)
    assert first.get("aria-label").startswith("1990–")
    legend = [t.text for t in first.find(f"{NS}g[@class='az-tl__legend']").iter(f"{NS}text")]
    assert legend == [cat.label[lang] for cat in c.site.categories]  # content/site.yml
    years = [t.text for s in svgs for t in s.iter(f"{NS}text") if t.get("class") == "az-tl__year"]
    assert years[0] == "1990" and years[-1] == "2026"


@pytest.mark.parametrize("lang", LANGS)
def test_labels_are_in_the_page_language(flagship: Result, lang: str) -> None:
    text = " ".join(
        sp.text or ""
        for a in events_of(figures(page(flagship, lang, "timeline.md")))
        for sp in label_lines(a)
    )
    kazakh = set("әғқңөұүһі")
    cyrillic = re.compile("[а-яё]", re.I)
    if lang == "kk":
        assert kazakh & set(text.lower())
    elif lang == "ru":
        assert not kazakh & set(text.lower()) and cyrillic.search(text)
    else:
        assert not cyrillic.search(text.replace("«", ""))


@pytest.mark.parametrize("lang", LANGS)
def test_no_two_pieces_of_text_overlap(flagship: Result, lang: str) -> None:
    pages = ["timeline.md"] + [f"timeline/{m}.md" for m in MILESTONES]
    for p in pages:
        for s in figures(page(flagship, lang, p)):
            _, y0, w, h = (float(v) for v in s.get("viewBox").split())
            found = boxes(s)
            assert found
            for i, a in enumerate(found):
                assert 0 <= a[1] and a[3] <= w, (p, a)
                assert y0 <= a[2] and a[4] <= y0 + h, (p, a)
                for b in found[i + 1 :]:
                    assert not overlaps(a, b), (p, a, b)


def test_milestones_select_their_events(flagship: Result) -> None:
    c = flagship.linked.content
    assert {m.id: list(m.events) for m in c.milestones} == MILESTONES
    assert [m.id for m in c.milestones] == list(MILESTONES)  # in date order


@pytest.mark.parametrize("lang", LANGS)
def test_milestone_pages(flagship: Result, lang: str) -> None:
    c = flagship.linked.content
    ui = c.ui[lang]
    events = {e.id: e for e in c.events}
    for m in c.milestones:
        md = page(flagship, lang, f"timeline/{m.id}.md")
        assert f"# {m.title[lang]}\n" in md
        evs = events_of(figures(md))
        assert [a.get("href") for a in evs] == [f"#{e}" for e in MILESTONES[m.id]]
        for a, eid in zip(evs, MILESTONES[m.id], strict=True):
            date = label_lines(a)[0]
            assert date.get("class") == "az-tl__date"
            assert date.text == format_date(events[eid].date, ui)
        # every event of the milestone is on the page with its anchor, and nothing else
        assert re.findall(r"^### .* \{#([a-z0-9-]+)\}$", md, re.M) == MILESTONES[m.id]
        # links from a page one folder down
        assert "](../timeline.md)" in md
        assert "](articles/" not in md and "](topics/" not in md


@pytest.mark.parametrize("lang", LANGS)
def test_events_link_their_articles_and_topics(flagship: Result, lang: str) -> None:
    c = flagship.linked.content
    ui = c.ui[lang]
    md = page(flagship, lang, "timeline.md")
    blocks = dict(re.findall(r"### .*? \{#([a-z0-9-]+)\}\n(.*?)\n</div>", md, re.S))
    assert sorted(blocks) == sorted(e.id for e in c.events)
    for e in c.events:
        block = blocks[e.id]
        for n in e.articles:
            assert f"](articles/{n}.md)" in block, (e.id, n)
        for t in e.topics:
            assert f"](topics/{t}.md)" in block, (e.id, t)
        assert (f"**{ui['related_articles']}:**" in block) == bool(e.articles)
        assert (f"**{ui['related_topics']}:**" in block) == bool(e.topics)


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_page_groups_years_and_offers_filters(flagship: Result, lang: str) -> None:
    c = flagship.linked.content
    md = page(flagship, lang, "timeline.md")
    years = re.findall(
        r'<section class="az-year" data-year="(\d{4})" markdown>\n\n## \1 '
        r"\{#y\1\}",
        md,
    )
    assert years == sorted({str(e.date.year) for e in c.events})
    buttons = re.findall(
        r'<button type="button" class="az-filter__btn" data-category="([a-z-]+)"'
        r' aria-pressed="false">.*?<span>(.*?)</span>',
        md,
    )
    assert buttons == [(cat.id, cat.label[lang]) for cat in c.site.categories]
    assert '<div class="az-filter" role="group" aria-labelledby="az-filter-label"' in md
    for m in c.milestones:
        assert f"](timeline/{m.id}.md)" in md


def test_navigation_lists_the_milestones(flagship: Result) -> None:
    settings = yaml.safe_load(flagship.files["explainer.yml"])
    for lang in settings["languages"]:
        code = lang["code"]
        ui = flagship.linked.content.ui[code]
        (timeline,) = [x[ui["timeline"]] for x in lang["nav"] if ui["timeline"] in x]
        assert timeline[0] == {ui["timeline_all"]: "timeline.md"}
        assert [list(x.values())[0] for x in timeline[1:]] == [
            f"timeline/{m}.md" for m in MILESTONES
        ]


def test_built_site_keeps_event_anchors(built_flagship: Path) -> None:
    c = check(Project.at(built_flagship)).linked.content
    for prefix in ("", "ru/", "en/"):
        html = (built_flagship / f"site/{prefix}timeline/index.html").read_text("utf-8")
        for e in c.events:
            assert f'id="{e.id}"' in html, (prefix, e.id)
        for m in c.milestones:
            assert (built_flagship / f"site/{prefix}timeline/{m.id}/index.html").is_file()
