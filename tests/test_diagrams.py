"""Diagrams from data: the checks of content/diagrams/*.yml and the drawing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explainer.load import RawContent, parse_yaml
from explainer.problems import Problems
from explainer.render import diagram_svg
from explainer.text import fonts
from explainer.validate import Validator
from explainer.validate import diagrams as validate_diagrams

PATH = "content/diagrams/d.yml"
GOOD = """\
- id: ladder
  kind: steps
  title: {kk: "Т", ru: "Т", en: "T"}
  description: {kk: "С", ru: "С", en: "D"}
  columns:
    - {id: a, label: {kk: "А", ru: "А", en: "A"}}
  nodes:
    - {id: n1, column: a, level: 1, label: {kk: "Бір", ru: "Один", en: "One"}}
    - {id: n2, column: a, level: 2, label: {kk: "Екі", ru: "Два", en: "Two"}}
  edges:
    - {from: n1, to: n2}
  sources:
    - {title: "A source", url: "https://adilet.zan.kz/rus/docs/K950001000_"}
"""


def check(text: str) -> tuple[dict, list[str]]:
    problems = Problems()
    data = parse_yaml(text, PATH, problems)
    items = list(zip(data, data.item_locs, strict=True))
    v = Validator(RawContent(root=Path("content")), problems, {})
    out = validate_diagrams.check(v, items)
    return out, [str(p) for p in problems.sorted()]


def test_good_diagram_has_no_problems() -> None:
    out, problems = check(GOOD)
    assert problems == []
    assert list(out) == ["ladder"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  kind: steps\n",
            "  kind: steps\n  colour: red\n",
            f"{PATH}:3: unknown field 'colour' in diagram 'ladder' (expected one of: id, kind, "
            "title, description, columns, nodes, edges, sources, as_of)",
        ),
        (
            'label: {kk: "Екі", ru: "Два", en: "Two"}',
            'label: {kk: "Екі", ru: "Два"}',
            f"{PATH}:9: missing en text in 'label' of node 'n2' of diagram 'ladder'",
        ),
        (
            "{from: n1, to: n2}",
            "{from: n1, to: n9}",
            f"{PATH}:11: edge to unknown node 'n9' in diagram 'ladder'",
        ),
        (
            "{from: n1, to: n2}",
            "{from: n1, to: n2}\n    - {from: n2, to: n1}",
            f"{PATH}:1: steps diagram 'ladder' has a cycle: n1 → n2 → n1",
        ),
    ],
)
def test_bad_diagram(old: str, new: str, expected: str) -> None:
    assert old in GOOD
    _, problems = check(GOOD.replace(old, new))
    assert expected in problems


def test_all_problems_at_once() -> None:
    text = GOOD.replace("kind: steps", "kind: steps\n  colour: red").replace("to: n2", "to: n9")
    _, problems = check(text)
    assert len(problems) == 2


def flagship() -> diagram_svg.Diagram:
    root = Path(__file__).resolve().parents[1] / "content" / "diagrams" / "ladder-of-appeal.yml"
    out, problems = check(root.read_text(encoding="utf-8"))
    assert problems == []
    return out["ladder-of-appeal"]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_labels_fit_their_boxes(lang: str) -> None:
    d = flagship()
    boxes, heads, _ = diagram_svg.layout(d, lang)
    for b in boxes.values():
        for line in b.lines:
            assert fonts.text_width(line, diagram_svg.FONT) <= b.w - 2 * diagram_svg.PAD, line
    cw = diagram_svg.column_width(d)
    for _, lines in heads:
        for line in lines:
            assert (
                fonts.text_width(line, diagram_svg.HEAD_FONT, 700) <= cw + 1e-6 or " " not in line
            )


def test_drawing_is_accessible_and_deterministic() -> None:
    d = flagship()
    ui = {"sources": "Sources", "diagram_text": "The diagram as text"}
    fig = diagram_svg.figure(d, "en", ui)
    assert fig == diagram_svg.figure(d, "en", ui)
    assert "\n" not in fig
    assert (
        'role="img" aria-labelledby="az-dg-ladder-of-appeal-title az-dg-ladder-of-appeal-desc"'
        in fig
    )
    assert '<title id="az-dg-ladder-of-appeal-title">The ladder of appeal' in fig
    alt = re.search(r"<details.*</details>", fig).group(0)
    assert "<li>Cassation: cassation courts in Astana</li>" in alt
    assert "<li>Supervisory review: Supreme Court</li>" in alt
    # valid HTML: a figure's caption is its first or its last child (the Nu checker refused
    # a details element after it)
    assert re.fullmatch(
        r"<figure [^>]*><svg .*</svg><details .*</details><figcaption>.*"
        r"</figcaption></figure>",
        fig,
    )


def test_labels_are_plain_text() -> None:
    out, _ = check(GOOD.replace('en: "One"', 'en: "<b>One</b>"'))
    fig = diagram_svg.figure(out["ladder"], "en", {"sources": "S", "diagram_text": "T"})
    assert "<b>" not in fig
    assert "&lt;b&gt;One&lt;/b&gt;" in fig
