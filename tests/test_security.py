"""Content is data, not code (issue 13): every row of the security review as a test.

Rows are named as in ``shared/reviews/security.md`` (C1–C8 the critical ones, H1–H2 the
high ones, numbered rows the rest). Check-level rows run the checks in-process on a copy of
the small fixture and compare the exact ``path:line: message`` lines; the build-level rows
run ``explainer build``; one page full of accepted payloads is opened in Chromium.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from explainer import limits, swap
from explainer.pipeline import Project, check
from explainer.problems import ContentError

from .conftest import CASES, run_cli, snapshot

C = "content"
TOPIC = "content/topics/courts/en.md"
TAG = 'is not allowed in content (allowed: Markdown and the tags listed in README, "Safety")'
LINK = "is not allowed: use https://…, http://…, mailto:… or a relative link"


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    """A copy of the small fixture's content (checked in-process, never built)."""
    shutil.copytree(CASES / "basic" / "content", tmp_path / "content", symlinks=True)
    return tmp_path


def problems_of(root: Path) -> list[str]:
    try:
        check(Project.at(root), strict=True)
    except ContentError as exc:
        return [str(p) for p in exc.problems]
    return []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def body(payload: str) -> Callable[[Path], None]:
    """Put ``payload`` into the English courts topic, starting on its line 6."""
    return lambda r: edit(r / TOPIC, "## The rule", f"{payload}\n\n## The rule")


def definition(payload: str) -> Callable[[Path], None]:
    """The English definition of 'justice' (content/glossary/terms.yml, line 3)."""
    return lambda r: edit(
        r / C / "glossary/terms.yml", "en: The hearing of cases by courts.", f"en: '{payload}'"
    )


def write(rel: str, text: str) -> Callable[[Path], None]:
    def go(r: Path) -> None:
        (r / rel).parent.mkdir(parents=True, exist_ok=True)
        (r / rel).write_text(text, encoding="utf-8")

    return go


def symlink(rel: str, to: str) -> Callable[[Path], None]:
    def go(r: Path) -> None:
        target = r / to
        target.parent.mkdir(parents=True, exist_ok=True)
        if to.startswith("outside/"):
            shutil.copy(r / C / "glossary/terms.yml", target)
            edit(target, "id: justice", "id: outside-justice")
            edit(target, "id: court", "id: outside-court")
        (r / rel).symlink_to(target)

    return go


def fifo(rel: str) -> Callable[[Path], None]:
    return lambda r: os.mkfifo(r / rel)


def folder(rel: str) -> Callable[[Path], None]:
    return lambda r: (r / rel).mkdir()


def copy_topic(name: str) -> Callable[[Path], None]:
    return lambda r: shutil.copytree(r / C / "topics/elections", r / C / "topics" / name)


def article_number(n: int) -> Callable[[Path], None]:
    def go(r: Path) -> None:
        text = (r / C / "articles/76.yml").read_text(encoding="utf-8")
        (r / C / f"articles/{n}.yml").write_text(
            text.replace("number: 76", f"number: {n}"), encoding="utf-8"
        )

    return go


RESERVED = (
    "it would replace a page the generator writes or is a language code or a file name "
    "Windows reserves; choose another"
)
SYMLINK = (
    "symbolic links are not allowed in content (it could publish a file from outside the "
    "project): copy the file here instead"
)

ROWS: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    # -- C1: attribute lists ({onclick=…}) ------------------------------------------------
    "C1-inline-link": (
        body("See [a](https://example.org/){onmouseover=alert(101)}."),
        [f"{TOPIC}:6: unsafe HTML: attribute 'onmouseover' on <a> is not allowed in content"],
    ),
    "C1-inline-colon": (
        body("See [a](https://example.org/){:onclick=alert(120)}."),
        [f"{TOPIC}:6: unsafe HTML: attribute 'onclick' on <a> is not allowed in content"],
    ),
    "C1-block": (
        body("Attr block paragraph.\n{:onclick=alert(102)}"),
        [f"{TOPIC}:7: unsafe HTML: attribute 'onclick' on <p> is not allowed in content"],
    ),
    "C1-heading": (
        body("## Probe section {onclick=alert(103)}"),
        [f"{TOPIC}:6: unsafe HTML: attribute 'onclick' on <h2> is not allowed in content"],
    ),
    "C1-after-reference": (
        body("Under [[art:75]]{onclick=alert(1)} only courts."),
        [f"{TOPIC}:6: unsafe HTML: attribute 'onclick' on <a> is not allowed in content"],
    ),
    "C1-after-natural-citation": (
        body("Under Article 75{onclick=alert(1)} only courts."),
        [f"{TOPIC}:6: unsafe HTML: attribute 'onclick' on <a> is not allowed in content"],
    ),
    "C1-18.7-definition": (
        definition("[gl](https://example.org/){onmouseover=alert(119)}"),
        [
            "content/glossary/terms.yml:3: unsafe HTML: attribute 'onmouseover' on <a> is not "
            "allowed in content"
        ],
    ),
    "C1-class-not-listed": (
        body("Text.\n{: .md-header }"),
        [
            f"{TOPIC}:7: unsafe HTML: class 'md-header' on <p> is not allowed (allowed: the "
            'classes listed in README, "Safety")'
        ],
    ),
    "C1-material-id": (
        body("Text.\n{: #__drawer }"),
        [
            f"{TOPIC}:7: unsafe HTML: id '__drawer' on <p> is not allowed (letters, digits, '-', "
            "'_', ':', '.', not starting with '__')"
        ],
    ),
    # -- labels of categories (site.yml) and statuses (document.yml) are plain text ----------
    "label-category-braces": (
        lambda r: edit(r / C / "site.yml", "en: Adoption}", "en: 'Adoption {onclick=alert(121)}'}"),
        [
            "content/site.yml:10: '{' is not allowed here: Markdown reads "
            "braces as an attribute list (write the words without braces; '{2026: …}' marks the "
            "new Constitution)"
        ],
    ),
    "label-status-braces": (
        lambda r: edit(r / C / "document.yml", "en: In force}", "en: 'In force {: .md-header}'}"),
        [
            "content/document.yml:27: '{' is not allowed here: Markdown reads "
            "braces as an attribute list (write the words without braces; '{2026: …}' marks the "
            "new Constitution)"
        ],
    ),
    # -- C2: a tag over two lines -----------------------------------------------------------
    "C2-img": (
        body("Multi-line img <img src=x\nonerror=alert(104)> end."),
        [f"{TOPIC}:7: unsafe HTML: attribute 'onerror' on <img> is not allowed in content"],
    ),
    "C2-href": (
        body('Multi-line href <a href="java\nscript:alert(105)">js105</a>.'),
        [f"{TOPIC}:6: unsafe HTML: link 'java script:alert(105)' in <a href> {LINK}"],
    ),
    "C2-article-summary": (
        lambda r: edit(
            r / C / "articles/75.yml",
            "    1. Only courts administer justice.",
            "    1. Only courts <img src=x\n    onerror=alert(118)> administer justice.",
        ),
        [
            "content/articles/75.yml:13: unsafe HTML: attribute 'onerror' on <img> is not "
            "allowed in content"
        ],
    ),
    # -- C3, C6, 17h: links written as URLs ------------------------------------------------
    "C3-source-url": (
        lambda r: edit(
            r / C / "topics/courts/topic.yml",
            "url: https://adilet.zan.kz/eng/docs/K950001000_",
            "url: https://example.org/){onmouseover=alert(106)}",
        ),
        [
            "content/topics/courts/topic.yml:7: source: invalid URL "
            "'https://example.org/){onmouseover=alert(106)}': spaces, double quotes, braces, "
            "'<', '>' and unpaired parentheses are not allowed; use https://…"
        ],
    ),
    "17h-source-javascript": (
        lambda r: edit(
            r / C / "topics/courts/topic.yml",
            "url: https://adilet.zan.kz/eng/docs/K950001000_",
            "url: javascript:alert(1)",
        ),
        [
            "content/topics/courts/topic.yml:7: source: invalid URL 'javascript:alert(1)': use "
            "http(s)://…"
        ],
    ),
    "C6-document-official": (
        lambda r: edit(
            r / C / "document.yml",
            "en: https://adilet.zan.kz/eng/docs/K950001000_",
            "en: javascript:alert(113)",
        ),
        ["content/document.yml:9: invalid URL 'javascript:alert(113)': use http(s)://…"],
    ),
    "C6-article-official": (
        lambda r: edit(
            r / C / "articles/75.yml",
            "status: superseded\n",
            "status: superseded\nofficial: {kk: 'https://adilet.zan.kz/kaz/', "
            "ru: 'https://adilet.zan.kz/rus/', en: 'javascript:alert(114)'}\n",
        ),
        ["content/articles/75.yml:15: invalid URL 'javascript:alert(114)': use http(s)://…"],
    ),
    "base-url-javascript": (
        lambda r: edit(
            r / C / "site.yml", "base_url: https://example.org/test/", "base_url: javascript:x//"
        ),
        [
            "content/site.yml:6: 'base_url': invalid URL 'javascript:x//': use http(s)://…",
            "content/site.yml:6: invalid base_url 'javascript:x//': give the site's public "
            "address, https://…/ (or leave base_url out until the site has one)",
        ],
    ),
    # -- C5: the home text -------------------------------------------------------------------
    "C5-home": (
        lambda r: edit(
            r / C / "site.yml",
            "en: This is a test site.",
            "en: 'This is a test site. <script>alert(111)</script>'",
        ),
        [f"content/site.yml:19: unsafe HTML: tag <script> {TAG}"],
    ),
    "C5-interface-string": (
        lambda r: edit(
            r / C / "site.yml",
            "home:\n",
            "ui:\n  en:\n    sources: '<img src=x onerror=alert(1)>'\nhome:\n",
        ),
        [
            "content/site.yml:18: unsafe HTML: attribute 'onerror' on <img> is not allowed "
            "in content"
        ],
    ),
    # -- C7, C8, 18.9: tags that load, send or embed ------------------------------------------
    "C7-base": (
        body('<base href="https://evil.example/base121/">'),
        [f"{TOPIC}:6: unsafe HTML: tag <base> {TAG}"],
    ),
    "C8-attachment": (
        body('Read <a rel="attachment" href="file:///etc/passwd">the full text</a>.'),
        [
            f"{TOPIC}:6: unsafe HTML: attribute 'rel' on <a> is not allowed in content",
            f"{TOPIC}:6: unsafe HTML: link 'file:///etc/passwd' in <a href> {LINK}",
        ],
    ),
    "C8-attachment-attr-list": (
        body("Read [the notes](file:///etc/hostname){rel=attachment}."),
        [
            f"{TOPIC}:6: unsafe HTML: attribute 'rel' on <a> is not allowed in content",
            f"{TOPIC}:6: unsafe HTML: link 'file:///etc/hostname' in <a href> {LINK}",
        ],
    ),
    "C8-ssrf-image": (
        body('<img src="http://127.0.0.1:8799/ssrf-probe-from-build.png">'),
        [
            f"{TOPIC}:6: unsafe HTML: link 'http://127.0.0.1:8799/ssrf-probe-from-build.png' in "
            "<img src> is not allowed: an image must be a relative path"
        ],
    ),
    "18.9-meta-refresh": (
        body('<meta http-equiv=refresh content="0;url=https://evil.example/">'),
        [f"{TOPIC}:6: unsafe HTML: tag <meta> {TAG}"],
    ),
    "18.9-stylesheet": (
        body('<link rel=stylesheet href="https://evil.example/x.css">'),
        [f"{TOPIC}:6: unsafe HTML: tag <link> {TAG}"],
    ),
    "18.9-form": (
        body('<form action="https://evil.example/">\n<input type=password>\n</form>'),
        [f"{TOPIC}:6: unsafe HTML: tag <form> {TAG}", f"{TOPIC}:7: unsafe HTML: tag <input> {TAG}"],
    ),
    # -- 17: the single-line payloads the old check caught ------------------------------------
    "17a-script": (
        body("<script>alert(1)</script>"),
        [f"{TOPIC}:6: unsafe HTML: tag <script> {TAG}"],
    ),
    "17e-img-onerror": (
        body("<img src=x onerror=alert(1)>"),
        [f"{TOPIC}:6: unsafe HTML: attribute 'onerror' on <img> is not allowed in content"],
    ),
    "17f-javascript-link": (
        body("[x](javascript:alert(1))"),
        [f"{TOPIC}:6: unsafe HTML: link 'javascript:alert(1)' in <a href> {LINK}"],
    ),
    "17g-entity-javascript": (
        body("[x](&#106;avascript:alert(1))"),
        [f"{TOPIC}:6: unsafe HTML: link 'javascript:alert(1)' in <a href> {LINK}"],
    ),
    "17i-event-title": (
        lambda r: edit(
            r / C / "events/all.yml",
            "en: Referendum}",
            "en: 'Referendum\"><svg onload=alert(1)>'}",
        ),
        [f"content/events/all.yml:4: unsafe HTML: tag <svg> {TAG}"],
    ),
    "17j-iframe-object": (
        body('<iframe src="https://evil.example/"></iframe>\n<object data="x"></object>'),
        [
            f"{TOPIC}:6: unsafe HTML: tag <iframe> {TAG}",
            f"{TOPIC}:7: unsafe HTML: tag <object> {TAG}",
        ],
    ),
    "17c-definition-script": (
        definition("The hearing. <script>alert(1)</script>"),
        [f"content/glossary/terms.yml:3: unsafe HTML: tag <script> {TAG}"],
    ),
    "17c-folded-block-line": (
        lambda r: edit(
            r / C / "glossary/terms.yml",
            "  definition: {kk: Соттың істерді қарауы., ru: Рассмотрение дел судом., en: The "
            "hearing of cases by courts.}",
            "  definition:\n    kk: Соттың істерді қарауы.\n    ru: Рассмотрение дел судом.\n"
            "    en: >-\n      The hearing <script>x</script>\n      of cases.",
        ),
        [f"content/glossary/terms.yml:7: unsafe HTML: tag <script> {TAG}"],
    ),
    "link-title-as-tooltip-html": (
        body('[a](https://example.org/ "<img src=x onerror=alert(1)>")'),
        [
            f"{TOPIC}:6: unsafe HTML: '<' or '>' in the title of <a> is not allowed (it is shown "
            "as HTML)"
        ],
    ),
    "18.11-u-in-definition": (
        definition("The <u>hearing</u> of cases."),
        [f"content/glossary/terms.yml:3: unsafe HTML: tag <u> {TAG}"],
    ),
    "18.12-braces-in-event-title": (
        lambda r: edit(
            r / C / "events/all.yml", "en: Referendum}", "en: 'Referendum {{ 7*191 }}'}"
        ),
        [
            "content/events/all.yml:4: '{' is not allowed here: Markdown reads braces as an "
            "attribute list (write the words without braces; '{2026: …}' marks the new "
            "Constitution)"
        ],
    ),
    "20c-nul-byte": (body("a\x00b"), [f"{TOPIC}:6: NUL character in content"]),
    # -- 12: malformed references ------------------------------------------------------------
    "12c-one-bracket": (
        body("See [[art:75] and [[term:justice]x here."),
        [
            f"{TOPIC}:6: malformed reference '[[art:75]': write [[kind:id]] or [[kind:id|text]]",
            f"{TOPIC}:6: malformed reference '[[term:justice]': write [[kind:id]] or "
            "[[kind:id|text]]",
        ],
    ),
    "12b-cut-at-line-end": (
        body("See [[topic:elections\nand more."),
        [
            f"{TOPIC}:6: malformed reference '[[topic:elections': write [[kind:id]] or "
            "[[kind:id|text]]"
        ],
    ),
    # -- 06, 24: empty files, a far date ---------------------------------------------------
    "06c-empty-site-yml": (
        write("content/site.yml", "# nothing\n"),
        [
            "content/site.yml:1: the site settings file is empty: it needs at least "
            "'languages:' (the first is the default) and 'as_of:' (see CONTENT.md, site.yml)",
            "content/site.yml:1: 2 reference(s) to articles, topics, terms or events were not "
            "checked, because content/site.yml could not be read: fix it and check again",
        ],
    ),
    "06b-empty-events-file": (
        write("content/events/more.yml", ""),
        ["content/events/more.yml:1: the file is empty: write the events or remove the file"],
    ),
    "06d-empty-article": (
        write("content/articles/77.yml", "\n"),
        ["content/articles/77.yml:1: the file is empty: write the article or remove the file"],
    ),
    "24-as-of-far-future": (
        lambda r: edit(r / C / "site.yml", "as_of: 2026-11-25", "as_of: 2200-01-01"),
        [
            "content/site.yml:5: 'as_of' (2200-01-01) is after 2100: write the date the content "
            "describes"
        ],
    ),
    # -- H1, 20a, H2: limits -----------------------------------------------------------------
    "H1-alias-bomb": (
        write(
            "content/glossary/zz.yml",
            "- id: zz\n  term: &t {kk: a, ru: a, en: a}\n  definition: *t\n",
        ),
        [
            "content/glossary/zz.yml:2: YAML aliases (&name … *name) are not allowed in content: "
            "write the value out"
        ],
    ),
    "20a-deep-nesting": (
        write("content/glossary/zz.yml", "- " + "[" * 30 + "]" * 30 + "\n"),
        ["content/glossary/zz.yml:1: nested deeper than 20 levels: content is never that deep"],
    ),
    "H2-long-line": (
        body("word " * 2001),
        [
            f"{TOPIC}:6: line too long (10,005 characters; at most 10,000): break it into "
            "shorter lines or paragraphs"
        ],
    ),
    "file-too-large": (
        write("content/glossary/zz.yml", ("#" * 99 + "\n") * 10_000 + "#\n"),
        [
            "content/glossary/zz.yml:1: file too large (1,000,002 bytes; at most 1,000,000): "
            "split it into several files"
        ],
    ),
    # -- 16, 21: what is not a plain file ---------------------------------------------------
    "21-symlink-outside": (
        symlink("content/glossary/zz.yml", "outside/terms.yml"),
        [f"content/glossary/zz.yml:1: {SYMLINK}"],
    ),
    "16a-symlink-etc-passwd": (
        lambda r: (
            (r / C / "topics/courts/en.md").unlink()
            or (r / C / "topics/courts/en.md").symlink_to("/etc/passwd")
        ),
        [f"{TOPIC}:1: {SYMLINK}"],
    ),
    "16d-dangling-symlink": (
        lambda r: (r / C / "glossary/zz.yml").symlink_to(r / "nowhere.yml"),
        [f"content/glossary/zz.yml:1: {SYMLINK}"],
    ),
    "16e-folder-named-yml": (
        folder("content/articles/99.yml"),
        [
            "content/articles/99.yml:1: a folder named like a content file is not allowed: "
            "rename or remove it"
        ],
    ),
    "16f-fifo": (
        fifo("content/glossary/zz.yml"),
        ["content/glossary/zz.yml:1: not a regular file (a pipe, socket or device): remove it"],
    ),
    # -- 15, 14: ids and numbers -------------------------------------------------------------
    "15d-topic-index": (
        copy_topic("index"),
        [f"content/topics/index/topic.yml:1: reserved topic id 'index': {RESERVED}"],
    ),
    "15-topic-language-code": (
        copy_topic("kk"),
        [f"content/topics/kk/topic.yml:1: reserved topic id 'kk': {RESERVED}"],
    ),
    "15e-milestone-index": (
        lambda r: edit(r / C / "milestones/all.yml", "id: adoption", "id: index"),
        [f"content/milestones/all.yml:1: reserved milestone id 'index': {RESERVED}"],
    ),
    "15f-term-con": (
        lambda r: edit(r / C / "glossary/terms.yml", "id: court", "id: con"),
        [f"content/glossary/terms.yml:6: reserved term id 'con': {RESERVED}"],
    ),
    "15f-event-aux": (
        lambda r: edit(r / C / "events/all.yml", "id: in-force-1995", "id: aux"),
        [f"content/events/all.yml:9: reserved event id 'aux': {RESERVED}"],
    ),
    "14d-article-0": (
        article_number(0),
        ["content/articles/0.yml:1: invalid article number 0: articles are numbered from 1"],
    ),
    "14b-article-minus-1": (
        article_number(-1),
        ["content/articles/-1.yml:1: invalid article number -1: articles are numbered from 1"],
    ),
}


@pytest.mark.parametrize("row", sorted(ROWS))
def test_row_is_refused_with_path_and_line(proj: Path, row: str) -> None:
    mutate, expected = ROWS[row]
    mutate(proj)
    assert problems_of(proj) == expected


def test_the_fixture_itself_passes(proj: Path) -> None:
    """Every row above fails only because of its own change."""
    assert problems_of(proj) == []


ACCEPTED = {
    # Escaped on the page (tests/test_quality.py and the browser test below check that).
    "18.10-title-with-markup": (
        lambda r: edit(r / TOPIC, "title: Courts", "title: 'Courts & <b>bold</b> </title><i>'"),
    ),
    "17k-link-title-quotes": (body('[x](https://example.org "t\\" onmouseover=\\"alert(1)")'),),
    "markdown-the-project-uses": (
        body(
            'Text[^1] with *em*, **strong**, `code`, [a](https://example.org/ "T"), '
            "[m](mailto:a@example.org), [r](../topics/elections.md), {2026: Article 43}.\n\n"
            '!!! note "Note"\n    Body.\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n'
            "[Button](https://example.org/){ .md-button }\n\n[^1]: Foot."
        ),
    ),
    "source-url-with-apostrophe-and-parentheses": (
        lambda r: edit(
            r / C / "topics/courts/topic.yml",
            "url: https://adilet.zan.kz/eng/docs/K950001000_",
            'url: "https://example.org/kazakhstanskii_put\'/A_(b)"',
        ),
    ),
}


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_safe_content_is_accepted(proj: Path, case: str) -> None:
    ACCEPTED[case][0](proj)
    assert problems_of(proj) == []


def test_limits_are_the_documented_numbers() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert limits.MAX_FILE_BYTES == 1_000_000 and "1,000,000 bytes" in readme
    assert limits.MAX_LINE_CHARS == 10_000 and "10,000 characters" in readme
    assert limits.MAX_DEPTH == 20 and "20 levels" in readme


def test_new_refuses_a_language_code_that_is_a_path(basic: Path) -> None:
    edit(basic / C / "site.yml", "{code: en,", "{code: ../../../../pwned,")
    r = run_cli(basic, "new", "topic", "zz-test")
    assert r.code == 1
    assert r.err.strip() == (
        f"explainer: invalid language code '../../../../pwned' in {basic / C / 'site.yml'}: use "
        "a code like 'kk', 'ru' or 'en'; nothing was created"
    )
    assert not (basic / C / "topics/zz-test").exists()
    assert not list(basic.parent.parent.rglob("pwned.md"))


def test_cli_refuses_without_a_traceback(basic: Path) -> None:
    """One row through the command line: exit 1, the lines, no traceback, nothing written."""
    os.mkfifo(basic / C / "glossary/zz.yml")
    r = run_cli(basic, "check", "--strict")
    assert r.code == 1
    assert "Traceback" not in r.err
    assert r.err.splitlines() == [
        "content/glossary/zz.yml:1: not a regular file (a pipe, socket or device): remove it",
        "explainer: 1 error(s); nothing was written",
    ]


# -- C8: WeasyPrint fetches nothing it was not given ----------------------------------------


HARFBUZZ = pytest.mark.filterwarnings("ignore:HarfBuzz-Subset:DeprecationWarning")


@HARFBUZZ
@pytest.mark.pdf
def test_pdf_fetches_nothing_but_the_builds_own_files(tmp_path: Path) -> None:
    from explainer.outputs.handout_pdf import ForeignURL, render_pdf

    html = (
        '<p>x <img src="http://127.0.0.1:9/ssrf.png"> <a rel="attachment" '
        'href="file:///etc/passwd">p</a></p><link rel="stylesheet" href="file:///etc/hostname">'
    )
    with pytest.raises(ForeignURL) as exc:
        render_pdf(html)
    assert exc.value.urls == [
        "file:///etc/hostname",
        "file:///etc/passwd",
        "http://127.0.0.1:9/ssrf.png",
    ]
    data, pages = render_pdf('<p>QR <img src="data:image/svg+xml;base64,PHN2Zy8+"></p>')
    assert pages == 1 and b"%PDF" in data[:8]


@HARFBUZZ
@pytest.mark.pdf
def test_pdf_refusal_names_the_handout(tmp_path: Path) -> None:
    from explainer.outputs.handout_pdf import render_all
    from explainer.outputs.handouts import Job
    from explainer.problems import Loc

    job = Job("en/h.pdf", "h", "en", '<img src="https://evil.example/x.png">', 2, Loc("h.yml", 3))
    with pytest.raises(ContentError) as exc:
        render_all([job], tmp_path, workers=1)
    assert [str(p) for p in exc.value.problems] == [
        "h.yml:3: handout 'h', edition 'en', asks for 'https://evil.example/x.png': a handout "
        "may use only the build's own files (its HTML, stylesheet, fonts and QR codes); remove "
        "that link or image from its content"
    ]


# -- 26–31: outputs as one transaction ------------------------------------------------------


def _outputs(root: Path) -> tuple[dict[str, bytes], ...]:
    return snapshot(root / "docs"), snapshot(root / "site"), snapshot(root / "dist")


def _three(root: Path, tag: str) -> list[swap.Swap]:
    """Old outputs under ``root`` and staged new ones marked ``tag``."""
    staging = root / ".explainer-test"
    staging.mkdir()
    swap.start(staging)
    out = []
    for name in ("docs", "site"):
        (root / name).mkdir(exist_ok=True)
        (root / name / "f").write_text("old")
        (staging / name).mkdir()
        (staging / name / "f").write_text(tag)
        out.append(swap.Swap(root / name, staging / name, staging / f"old-{name}"))
    (root / "dist").mkdir(exist_ok=True)
    (root / "dist/z.zip").write_text("old")
    (root / "dist/.z.zip.new").write_text(tag)
    out.append(swap.Swap(root / "dist/z.zip", root / "dist/.z.zip.new", root / "dist/.z.zip.old"))
    return out


def test_a_failed_swap_is_undone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    swaps = _three(tmp_path, "new")
    real = os.replace
    calls = []

    def failing(src: object, dst: object) -> None:
        calls.append(src)
        if len(calls) == 4:  # the site: old moved away, the new one cannot go in
            raise PermissionError(13, "Permission denied", str(dst))
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(PermissionError):
        swap.commit(tmp_path / ".explainer-test", swaps)
    monkeypatch.setattr(os, "replace", real)
    assert [(tmp_path / p).read_text() for p in ("docs/f", "site/f", "dist/z.zip")] == ["old"] * 3


def test_an_interrupted_swap_is_undone_by_the_next_build(tmp_path: Path) -> None:
    swaps = _three(tmp_path, "new")
    staging = tmp_path / ".explainer-test"
    (staging / swap.PID).write_text("999999999")  # a process that is gone
    (staging / swap.JOURNAL).write_text(
        __import__("json").dumps([[str(s.target), str(s.new), str(s.backup)] for s in swaps])
    )
    os.replace(swaps[0].target, swaps[0].backup)  # killed after docs/ was swapped in
    os.replace(swaps[0].new, swaps[0].target)
    os.replace(swaps[1].target, swaps[1].backup)  # … and while site/ was away
    notes = swap.recover(tmp_path)
    assert [(tmp_path / p).read_text() for p in ("docs/f", "site/f", "dist/z.zip")] == ["old"] * 3
    assert not staging.exists() and not (tmp_path / "dist/.z.zip.new").exists()
    assert notes == [
        "restored the outputs of an interrupted build (.explainer-test)",
        "removed .explainer-test, left by a build that did not finish",
    ]


def test_a_running_builds_staging_is_left_alone(tmp_path: Path) -> None:
    staging = tmp_path / ".explainer-live"
    staging.mkdir()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (staging / swap.PID).write_text(str(live.pid))
        dead = tmp_path / ".explainer-dead"
        dead.mkdir()
        (dead / "big").write_bytes(b"x" * 1000)
        assert swap.recover(tmp_path) == [
            "removed .explainer-dead, left by a build that did not finish"
        ]
        assert staging.exists() and not dead.exists()
    finally:
        live.kill()
        live.wait()


@pytest.fixture
def prebuilt(built_basic: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "p"
    shutil.copytree(built_basic, dest, symlinks=True)
    return dest


def test_full_disk_gives_one_line_and_keeps_every_output(prebuilt: Path) -> None:
    """A build whose swap fails (``ENOSPC`` injected, in a child process): one line, exit 1,
    docs/, site/ and dist/ as they were, no staging folder left."""
    edit(prebuilt / C / "topics/courts/en.md", "Only courts", "Only the courts")
    before = _outputs(prebuilt)
    code = (
        "import os, sys\n"
        "from explainer import swap, cli\n"
        "def full(staging, swaps):\n"
        "    raise OSError(28, 'No space left on device', str(swaps[1].target))\n"
        "swap.commit = full\n"
        f"sys.exit(cli.main(['--root', {str(prebuilt)!r}, 'build', '--strict']))\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=prebuilt, timeout=600
    )
    assert r.returncode == 1
    assert r.stderr.strip().splitlines()[-1] == (
        f"explainer: writing the outputs failed: No space left on device ({prebuilt / 'site'}); "
        "nothing was replaced (docs/, site/ and the offline zip are as they were)"
    )
    assert "Traceback" not in r.stderr
    assert _outputs(prebuilt) == before
    assert not list(prebuilt.glob(".explainer-*"))


def test_hand_written_files_in_site_are_kept(prebuilt: Path) -> None:
    (prebuilt / "site/CNAME").write_text("ata-zan.example.org\n")
    (prebuilt / "site/handouts/kk").mkdir(parents=True, exist_ok=True)
    (prebuilt / "site/handouts/kk/mine.pdf").write_bytes(b"%PDF mine")
    edit(prebuilt / C / "topics/courts/en.md", "Only courts", "Only the courts")
    r = run_cli(prebuilt, "build", "--strict")
    assert r.code == 0, r.err
    assert (prebuilt / "site/CNAME").read_text() == "ata-zan.example.org\n"
    assert (prebuilt / "site/handouts/kk/mine.pdf").read_bytes() == b"%PDF mine"
    assert "Only the courts" in (prebuilt / "site/en/topics/courts/index.html").read_text()
    assert not list(prebuilt.glob(".explainer-*"))


def test_hand_written_pages_in_docs_are_kept_and_not_published(prebuilt: Path) -> None:
    """Row 25: a hand-written page in docs/<lang>/ neither fails a strict build nor reaches
    the site or the offline bundle; the file itself stays where it is."""
    lang = next(p.name for p in (prebuilt / "docs").iterdir() if (p / "index.md").is_file())
    extra = prebuilt / "docs" / lang / "extra.md"
    extra.write_text("# Mine\n\nHand-written.\n", encoding="utf-8")
    r = run_cli(prebuilt, "build", "--strict")
    assert r.code == 0, r.err
    assert extra.read_text(encoding="utf-8") == "# Mine\n\nHand-written.\n"
    assert f"docs/{lang}/extra.md was not written by explainer: not published" in r.err
    assert not list((prebuilt / "site").rglob("extra*"))
    assert "Hand-written" not in "".join(
        p.read_text(encoding="utf-8") for p in (prebuilt / "site").rglob("*.json")
    )
    with zipfile.ZipFile(next((prebuilt / "dist").glob("*-offline.zip"))) as z:
        assert not [n for n in z.namelist() if "extra" in n]


# -- a page full of accepted payloads, in Chromium ------------------------------------------

XSS = "<img src=x onerror=alert({n})>"
PAYLOADS: list[tuple[str, str, str]] = [
    # (file, old, new): every text below is accepted (it is escaped), and must stay inert
    ("site.yml", "name: English,", f"name: 'English{XSS.format(n=109)}',"),
    ("site.yml", "title: Test site,", f"title: 'Ata Zan {XSS.format(n=108)} T108',"),
    (
        "site.yml",
        "description: A test site.",
        "description: 'D110\"><img src=x onerror=alert(110)>'",
    ),
    ("topics/courts/en.md", "title: Courts", f"title: 'Courts {XSS.format(n=1)}'"),
    (
        "topics/courts/en.md",
        "summary: Only courts administer justice.",
        "summary: '<script>alert(2)</script> Only courts.'",
    ),
    ("glossary/terms.yml", "en: justice}", f"en: 'justice {XSS.format(n=3)}'}}"),
    (
        "glossary/terms.yml",
        "en: The hearing of cases by courts.",
        "en: 'The hearing &lt;img src=x onerror=alert(4)&gt; of cases when 1 < 2.'",
    ),
    (
        "topics/courts/en.md",
        "## The rule",
        '[x5](https://example.org "t\\" onmouseover=\\"alert(5)") and [[term:justice]].\n\n'
        "## The rule",
    ),
    (
        "topics/courts/topic.yml",
        "title: Constitution (1995), adilet.zan.kz",
        "title: '<script>alert(6)</script>'",
    ),
    ("events/all.yml", "en: The day is disputed (Article 76).", f"en: '{XSS.format(n=7)}'"),
    (
        "document.yml",
        "en: Constitution of the Republic",
        "en: <svg onload=alert(8)> Constitution of the Republic",
    ),
    ("articles/75.yml", "en: Justice}", f"en: 'Justice {XSS.format(n=9)}'}}"),
    ("site.yml", "en: Adoption}", f"en: 'Adoption {XSS.format(n=11)}'}}"),
    ("document.yml", "en: In force}", f"en: 'In force {XSS.format(n=12)}'}}"),
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import make_project

    root = make_project(tmp_path_factory.mktemp("hostile") / "p", CASES / "basic" / "content")
    for rel, old, new in PAYLOADS:
        edit(root / C / rel, old, new)
    r = run_cli(root, "build", "--strict", "--no-offline")
    assert r.code == 0, r.err
    return root / "site"


def test_a_page_full_of_payloads_fires_nothing_and_sends_nothing_out(
    hostile_site: Path, browser: object
) -> None:
    import functools
    import http.server
    import threading
    from urllib.parse import urlparse

    from .conftest import Quiet

    handler = functools.partial(Quiet, directory=str(hostile_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    dialogs: list[str] = []
    outside: list[str] = []
    try:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

        def route(r: object) -> None:
            url = r.request.url  # type: ignore[attr-defined]
            if (
                url.startswith(("data:", "blob:"))
                or urlparse(url).netloc == urlparse(origin).netloc
            ):
                r.continue_()  # type: ignore[attr-defined]
            else:
                outside.append(url)
                r.abort()  # type: ignore[attr-defined]

        page.route("**/*", route)
        for path in (
            "/en/",
            "/en/topics/courts/",
            "/en/glossary/",
            "/en/timeline/",
            "/en/articles/75/",
            "/en/articles/",
            "/",
        ):
            page.goto(origin + path)
            page.wait_for_load_state("load")
            # Every handler an attribute could have set, on every element; then a real
            # hover over each link of the text (Material's tooltips show link titles).
            page.evaluate(
                "() => document.querySelectorAll('*').forEach(e => ['mouseover', 'mouseenter',"
                " 'focus', 'load', 'error'].forEach(t => e.dispatchEvent(new Event(t))))"
            )
            for el in page.locator(".md-content a, .md-content abbr").all()[:40]:
                if el.is_visible():
                    el.hover(timeout=2000, force=True)
            page.wait_for_timeout(200)
            assert "T108" in page.title() or path == "/" or "Test" in page.title()
        page.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert dialogs == []
    assert outside == []
    en = (hostile_site / "en/topics/courts/index.html").read_text(encoding="utf-8")
    assert "English&lt;img src=x onerror=alert(109)&gt;" in en
    assert "<img src=x" not in en and "onerror=" not in en.replace("onerror=alert", "")


def test_share_metadata_and_citations_carry_payloads_as_text(hostile_site: Path) -> None:
    """Row 15-6 (issue 15): the page's title and summary reach og:/twitter: metadata, the
    document and site titles reach the "copy citation" text; all escaped, never markup."""
    import re

    topic = (hostile_site / "en/topics/courts/index.html").read_text(encoding="utf-8")
    metas = re.findall(r'<meta (?:property|name)="(?:og|twitter):[^"]+" content="([^"]*)"', topic)
    assert any("Courts &lt;img src=x onerror=alert(1)&gt;" in m for m in metas), metas
    assert any("&lt;script&gt;alert(2)&lt;/script&gt; Only courts." in m for m in metas), metas
    article = (hostile_site / "en/articles/75/index.html").read_text(encoding="utf-8")
    cites = re.findall(r'data-az-cite="([^"]*)"', article)
    assert cites and all("<" not in c for c in cites)
    assert "Ata Zan &lt;img src=x onerror=alert(108)&gt; T108" in cites[0]
    assert "&lt;svg onload=alert(8)&gt; Constitution" in cites[0]
    for page in (topic, article):
        assert "<img src=x" not in page and "<svg onload" not in page
