"""Wide tables reflow on a phone: at build time every body cell of a Markdown table of three
or more columns carries its column's label (render/tables.py); explainer.css stacks the rows
below 600 px. No JavaScript."""

from __future__ import annotations

from explainer.render.tables import stack

THREE = """<p>x</p>
<table>
<thead>
<tr>
<th>Саты</th>
<th style="text-align: left;">Сот <a href="#x">[1]</a></th>
<th>Нені &amp; «қалай»</th>
</tr>
</thead>
<tbody>
<tr>
<td>1.</td>
<td style="text-align: left;">аудандық</td>
<td>істі <strong>шешеді</strong></td>
</tr>
<tr>
<td>2.</td>
<td>облыстық</td>
<td></td>
</tr>
</tbody>
</table>"""


def test_body_cells_get_their_column_labels() -> None:
    out = stack(THREE)
    assert out.count("<table data-stack>") == 1
    assert '<td data-label="Саты">1.</td>' in out
    assert '<td data-label="Сот [1]" style="text-align: left;">аудандық</td>' in out
    assert '<td data-label="Нені &amp; «қалай»">істі <strong>шешеді</strong></td>' in out
    assert '<td data-label="Нені &amp; «қалай»"></td>' in out
    assert out.count("data-label=") == 6
    assert "<th data-label" not in out  # header cells stay as they are


def test_narrow_classed_and_headless_tables_are_left_alone() -> None:
    two = (
        "<table>\n<thead>\n<tr><th>a</th><th>b</th></tr>\n</thead>\n"
        "<tbody>\n<tr><td>1</td><td>2</td></tr>\n</tbody>\n</table>"
    )
    classed = THREE.replace("<table>", '<table class="az-editions">')
    headless = "<table><tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table>"
    for html in (two, classed, headless):
        assert stack(html) == html


def test_a_row_with_more_cells_than_headers_gets_empty_labels() -> None:
    html = THREE.replace("<td></td>", "<td></td>\n<td>extra</td>")
    assert '<td data-label="">extra</td>' in stack(html)
