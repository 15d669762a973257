"""Printable handouts: the PDFs checked with the real tools (poppler's pdfinfo, pdftotext,
pdffonts, pdftoppm; zbar's zbarimg), the cache, the links from the site, and the pure parts.

The PDFs come from the session's one flagship build (``built_flagship``)."""

from __future__ import annotations

import html
import html.parser
import re
import shutil
import subprocess
import sys
import warnings
from collections import Counter
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from explainer import layout
from explainer.outputs import handout_pdf, handouts
from explainer.outputs.handouts import (
    Block,
    Group,
    align,
    first_sentence,
)
from explainer.pipeline import Project, check
from explainer.problems import Loc
from explainer.text import fonts
from explainer.text.markdown import split_blocks, split_sections

from .conftest import ROOT, run_cli, snapshot

KAZAKH = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
"""The nine letters of the Kazakh alphabet that Russian does not have (both cases)."""
BASE = "https://ata-zan.explainer.test/"
"""A made-up address for a deploy (``.test`` is reserved: it never serves anything)."""


@pytest.fixture(scope="module")
def model():  # noqa: ANN201 - the linked flagship model
    return check(Project.at(ROOT), strict=True).linked


@pytest.fixture(scope="module")
def jobs(model) -> dict[str, handouts.Job]:  # noqa: ANN001
    return {j.rel: j for j in handouts.jobs(model)}


def pdfs(built: Path) -> list[Path]:
    return sorted((built / "dist" / "handouts").glob("*/*.pdf"))


def run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


# -- what is built ------------------------------------------------------------------------


def test_every_edition_is_built_and_served(built_flagship: Path, jobs: dict) -> None:
    dist = built_flagship / "dist" / "handouts"
    assert sorted(str(p.relative_to(dist)) for p in pdfs(built_flagship)) == sorted(jobs)
    assert len({j.handout for j in jobs.values()}) >= 6
    assert {j.edition for j in jobs.values()} == {"kk", "ru", "en", "kk-ru"}
    for rel in jobs:  # the site serves the same bytes (and the offline bundle carries them)
        assert (built_flagship / "site" / "handouts" / rel).read_bytes() == (
            dist / rel
        ).read_bytes()


def test_a4_and_within_the_page_limit(built_flagship: Path, jobs: dict) -> None:
    for rel, job in jobs.items():
        pdf = built_flagship / "dist" / "handouts" / rel
        info = run("pdfinfo", "-f", "1", "-l", "99", str(pdf))
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        assert 1 <= pages <= job.limit, rel
        sizes = re.findall(r"^Page\s+\d+ size:\s+(.*)$", info, re.M)
        assert sizes == ["595.276 x 841.89 pts (A4)"] * pages, rel
    limits = {(j.handout, j.edition): j.limit for j in jobs.values()}
    assert limits[("rights-in-court", "kk")] == 2 and limits[("rights-in-court", "kk-ru")] == 4
    assert limits[("constitution-1995", "ru")] == 1


def test_every_font_is_the_shipped_noto_sans_and_embedded(built_flagship: Path) -> None:
    """The site's own font (one family name per subset file, handouts.font_faces), in every
    weight; a fallback font only for a character Noto Sans does not have."""
    covered = {cp for f in fonts.files(400) for cp in TTFont(f).getBestCmap()}
    for pdf in pdfs(built_flagship):
        rows = run("pdffonts", str(pdf)).splitlines()[2:]
        assert rows, pdf
        text = run("pdftotext", str(pdf), "-")
        lacking = {ch for ch in text if ord(ch) not in covered and not ch.isspace()}
        # A character Noto Sans does not have (the flagship: "≈") comes from one fallback.
        fallback = [r for r in rows if "Noto-Sans" not in r.split()[0]]
        assert len(fallback) == (1 if lacking else 0), (pdf, sorted(lacking), fallback)
        assert lacking <= {"≈"}, (pdf, sorted(lacking))
        for row in rows:
            name, emb = row.split()[0], row.split()[-5]
            assert emb == "yes", (pdf, row)
            if row in fallback:
                continue
            assert re.fullmatch(
                r"[A-Z]{6}\+Noto-Sans-(latin|cyrillic|cyrillic-ext)(-Bold)?", name
            ), (
                pdf,
                row,
            )


class _Text(html.parser.HTMLParser):
    """Text of an HTML handout in one language, without the page footer and head. The text
    drawn in a diagram's SVG goes to ``drawn`` (pdftotext reads it in the drawing's layout
    order, not the source's); the diagram's text alternative, hidden on paper, is left out."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang, self.out, self.stack, self.drawn, self.svg = lang, [], [], [], 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        self.out.append(" ")  # tags separate words (table cells, list items, lines)
        if tag in ("br", "img", "col", "meta"):
            return
        parent_skip = self.stack[-1] if self.stack else False
        skip = (
            parent_skip
            or tag in ("head", "style", "title", "desc")
            or "az-footer" in (a.get("class") or "")
            or "az-dg__text" in (a.get("class") or "")
            or self.lang != "*"
            and a.get("lang", self.lang) != self.lang
        )
        self.stack.append(skip)
        self.svg += tag == "svg"

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("br", "img", "col", "meta") and self.stack:
            self.stack.pop()
        self.svg -= tag == "svg"

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            (self.drawn if self.svg else self.out).append(data)


def is_subsequence(part: str, whole: str) -> bool:
    rest = iter(whole)
    return all(ch in rest for ch in part)


def without_repeated_heads(text: str, html_text: str) -> str:
    """The text of a PDF without the head of a table repeated where the table continues on
    the next page (WeasyPrint repeats ``<thead>``, as it should)."""
    for head in re.findall(r"<thead>(.*?)</thead>", html_text, re.S):
        cells = [
            html.unescape(re.sub(r"<[^>]+>", "", c)).split()
            for c in re.findall(r"<th\b[^>]*>(.*?)</th>", head, re.S)
        ]
        words = [w for c in cells for w in c]
        if not words:
            continue
        pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
        first = pattern.search(text)
        if first:
            text = text[: first.end()] + pattern.sub("", text[first.end() :])
    return text


def kazakh_letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch in KAZAKH)


@pytest.mark.parametrize("edition", ["kk", "kk-ru"])
def test_pdftotext_gives_back_the_kazakh_letters(
    built_flagship: Path, jobs: dict, edition: str
) -> None:
    """Every Kazakh letter of the text, in order, and no replacement character. Only the
    page body is read (the running header and the footer repeat on every page)."""
    for rel, job in jobs.items():
        if job.edition != edition:
            continue
        parser = _Text("kk")
        parser.feed(job.html)
        source, drawn = "".join(parser.out), " ".join(parser.drawn)
        pdf = built_flagship / "dist" / "handouts" / rel
        # The body of the page: below the 17 mm top margin, above the 29 mm bottom one.
        body = run("pdftotext", "-x", "0", "-y", "49", "-W", "596", "-H", "710", str(pdf), "-")
        assert "\ufffd" not in body and "\x00" not in body, rel
        if edition == "kk" and not drawn:
            assert kazakh_letters(without_repeated_heads(body, job.html)) == kazakh_letters(
                source
            ), rel
        elif edition == "kk":
            # A page with a diagram: the text in order, the drawing's letters anywhere among it
            # (each exactly once).
            letters = kazakh_letters(without_repeated_heads(body, job.html))
            assert is_subsequence(kazakh_letters(source), letters), rel
            assert Counter(letters) == Counter(kazakh_letters(source + drawn)), rel
        else:
            # Side by side, pdftotext interleaves the two columns' lines: read the left
            # (Kazakh) column alone. Its head, "Қазақша", repeats on every page: leave it out.
            # Within a table in a column pdftotext may read the cells in another order, so
            # the letters are compared as counts here (in order above, for the kk edition).
            body = run(
                "pdftotext", "-x", "0", "-y", "49", "-W", "297", "-H", "710", str(pdf), "-"
            ).replace("ҚАЗАҚША", "")
            source = source.replace("Қазақша", "", 1)
            assert Counter(kazakh_letters(body)) == Counter(kazakh_letters(source + drawn)), rel

        # And every word comes back whole: no hyphenation was invented, no glyph lost.
        # (A line may break after a real hyphen, "Қасым-|Жомарт": pdftotext then drops it.)
        def words(text: str) -> set[str]:
            return set(re.findall(r"\w+", re.sub(r"[-‑]", "", text.lower())))

        missing = words(source) - words(body)
        assert not missing, (rel, sorted(missing)[:10])


@pytest.fixture(scope="module")
def addressed() -> dict[str, handouts.Job]:
    """The flagship's handouts as a deploy with a public address would print them (the
    flagship has none yet: ``EXPLAINER_BASE_URL``)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EXPLAINER_BASE_URL", BASE)
        linked = check(Project.at(ROOT), strict=True).linked
    return {j.rel: j for j in handouts.jobs(linked)}


@pytest.mark.parametrize(
    "rel", ["kk/rights-in-court.pdf", "ru/timeline-1995-2026.pdf", "kk-ru/constitution-1995.pdf"]
)
def test_qr_code_leads_to_the_page_in_the_same_language(
    addressed: dict, rel: str, tmp_path: Path
) -> None:
    expected_page = {
        "rights-in-court": "topics/rights-in-court/",
        "timeline-1995-2026": "timeline/",
        "constitution-1995": "articles/",
    }
    job = addressed[rel]
    pdf = tmp_path / "h.pdf"
    with warnings.catch_warnings():  # WeasyPrint warns here when libharfbuzz-subset is absent
        warnings.simplefilter("ignore", DeprecationWarning)
        pdf.write_bytes(handout_pdf.render_pdf(job.html)[0])
    png = tmp_path / "footer"
    # The footer of page 1 at 150 dpi: the lowest 40 mm, right half (where the codes are).
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", "-f", "1", "-l", "1"]
        + ["-x", "620", "-y", "1518", "-W", "620", "-H", "236", str(pdf), str(png)],
        check=True,
    )
    out = subprocess.run(
        ["zbarimg", "-q", "--raw", f"{png}.png"], capture_output=True, text=True
    ).stdout.split()
    page = expected_page[job.handout]
    want = [BASE + ("" if lang == "kk" else f"{lang}/") + page for lang in job.edition.split("-")]
    assert sorted(out) == sorted(want), rel
    text = run("pdftotext", str(pdf), "-")
    assert re.sub(r"^https://", "", want[0]) in text


def test_no_markup_leaks_into_the_text(built_flagship: Path) -> None:
    """Links with a tooltip title and an attribute list (glossary terms) print as their
    words only: no `](`, `{ .az-term }` or `[[` in any handout."""
    for pdf in sorted((built_flagship / "dist/handouts").rglob("*.pdf")):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        for junk in ("](", "az-term", "[[", "{:", "){"):
            assert junk not in text, f"{pdf}: {junk!r}"


def test_header_and_footer_text(built_flagship: Path) -> None:
    pdf = built_flagship / "dist" / "handouts" / "ru" / "rights-in-court.pdf"
    p2 = run("pdftotext", "-f", "2", "-l", "2", str(pdf), "-")
    assert "Ваши права в суде" in p2 and "Сведения по состоянию на 25 ноября 2026 г." in p2
    assert "Страница 2 из 2" in p2
    # No public address yet: the footer names the site.
    assert "Полный текст и источники: Ата Заң — Конституция 1995 года простыми словами" in p2
    kk = run("pdftotext", str(built_flagship / "dist/handouts/kk/rights-in-court.pdf"), "-")
    assert "2 беттің 1-беті" in kk and "2 беттің 2-беті" in kk
    par = run(
        "pdftotext",
        "-f",
        "1",
        "-l",
        "1",
        str(built_flagship / "dist/handouts/kk-ru/rights-in-court.pdf"),
        "-",
    )
    assert "ҚАЗАҚША" in par and "РУССКИЙ" in par  # each column says its language
    assert re.search(r"\d беттің 1-беті · Страница 1 из \d", par)


# -- cache and determinism ------------------------------------------------------------------


@pytest.fixture
def copy(built_flagship: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "p"
    shutil.copytree(built_flagship, dest, symlinks=True)
    return dest


def snapshot_pdfs(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for base in ("dist/handouts", "site/handouts")
        for p in (root / base).rglob("*.pdf")
    }


def test_rebuild_renders_nothing_and_is_byte_identical(copy: Path) -> None:
    before = snapshot_pdfs(copy)
    r = run_cli(copy, "build", "--strict")
    assert r.code == 0, r.err
    assert "handouts: 24 PDF(s), 24 unchanged\n" in r.err
    assert "rendering" not in r.err
    assert snapshot_pdfs(copy) == before


def test_a_change_re_renders_only_what_it_touches(copy: Path) -> None:
    before = snapshot_pdfs(copy)
    md = copy / "content/topics/presumption-of-innocence/ru.md"
    parts = md.read_text(encoding="utf-8").split("\n## ")
    parts[3] = "Итак: " + parts[3]  # section 3 is printed (the handout prints sections 2–5)
    md.write_text("\n## ".join(parts), encoding="utf-8")
    r = run_cli(copy, "handouts", "-j", "2")
    assert r.code == 0, r.err
    done = sorted(re.findall(r"^  \d+/\d+ (\S+) \(", r.err, re.M))
    assert done == ["kk-ru/presumption-of-innocence.pdf", "ru/presumption-of-innocence.pdf"]
    assert "handouts: 24 PDF(s), 22 unchanged, rendering 2 on 2 process(es)" in r.err
    after = snapshot_pdfs(copy)
    changed = sorted(k for k in before if before[k] != after[k])
    assert changed == [
        "dist/handouts/kk-ru/presumption-of-innocence.pdf",
        "dist/handouts/ru/presumption-of-innocence.pdf",
    ]


def test_rendering_again_without_the_cache_gives_the_same_bytes(copy: Path) -> None:
    """WeasyPrint's output is deterministic: no dates, stable identifiers and font names."""
    before = snapshot_pdfs(copy)
    (copy / "dist/handouts" / handout_pdf.CACHE).unlink()
    r = run_cli(copy, "handouts")
    assert r.code == 0, r.err
    assert "24 rendered, 0 unchanged; 0 written" in r.out
    assert snapshot_pdfs(copy) == before


def test_a_hand_written_file_in_dist_is_never_touched(copy: Path) -> None:
    mine = copy / "dist/handouts/kk/notes.pdf"
    mine.write_bytes(b"mine")
    defs = copy / "content/handouts/handouts.yml"
    text = defs.read_text(encoding="utf-8")
    # A new handout whose PDF would overwrite the hand-written file: refused, nothing written.
    defs.write_text(
        text + "\n- id: notes\n  title: {kk: Жазба, ru: Заметки, en: Notes}\n"
        "  topics: [rights-in-court]\n  editions: [kk]\n",
        encoding="utf-8",
    )
    before = snapshot_pdfs(copy)
    r = run_cli(copy, "handouts")
    assert r.code == 1
    assert r.err.splitlines()[0] == (
        "dist/handouts/kk/notes.pdf:1: exists and was not "
        "generated by explainer; refusing to overwrite it (move it "
        "away or rename the content item)"
    )
    assert snapshot_pdfs(copy) == before
    # An edition dropped from the content: its old PDF goes, the hand-written file stays.
    defs.write_text(
        text.replace("editions: [kk, ru, en, kk-ru]", "editions: [ru, en, kk-ru]", 1),
        encoding="utf-8",
    )
    r = run_cli(copy, "handouts")
    assert r.code == 0, r.err
    assert not (copy / "dist/handouts/kk/rights-in-court.pdf").exists()
    assert (copy / "dist/handouts/kk/ladder-of-appeal.pdf").exists()
    assert mine.read_bytes() == b"mine"


# -- links from the site ----------------------------------------------------------------------


def test_topic_pages_link_their_handouts(built_flagship: Path, model) -> None:  # noqa: ANN001
    site = built_flagship / "site"
    for h in model.content.handouts:
        pages = [f"topics/{t}/index.html" for t in h.topics]
        pages += ["timeline/index.html"] if h.timeline else []
        pages += ["articles/index.html"] if h.articles else []
        for lang in ("kk", "ru", "en"):
            for page in pages:
                path = site / ("" if lang == "kk" else lang) / page
                text = path.read_text(encoding="utf-8")
                hrefs = re.findall(r'<a href="([^"]*handouts/[^"]*\.pdf)"', text)
                hrefs = [x for x in hrefs if x.endswith(f"/{h.id}.pdf")]
                want = {f"handouts/{e}/{h.id}.pdf" for e in h.editions if lang in e.split("-")}
                got = {str((path.parent / x).resolve().relative_to(site.resolve())) for x in hrefs}
                assert got == want, (lang, page)
                assert "data-az-site" not in text


@pytest.mark.parametrize(
    ("lang", "url", "expected"),
    [
        ("kk", "topics/rights-in-court/", "../../handouts/kk/x.pdf"),
        ("kk", "topics/rights-in-court.html", "../handouts/kk/x.pdf"),
        ("ru", "topics/rights-in-court/", "../../../handouts/kk/x.pdf"),
        ("ru", "topics/rights-in-court.html", "../../handouts/kk/x.pdf"),
        ("en", "timeline/", "../../handouts/kk/x.pdf"),
        ("en", "timeline.html", "../handouts/kk/x.pdf"),
        ("kk", "", "handouts/kk/x.pdf"),
    ],
)
def test_site_links_in_both_url_layouts(lang: str, url: str, expected: str) -> None:
    target = layout.site_file("handouts/kk/x.pdf").removeprefix(layout.XLINK)
    here = "/" + layout.lang_root(lang, "kk") + url
    assert (
        layout.resolve_xlink(
            target, here, url.endswith("/") or url == "", {"kk": "", "ru": "ru/", "en": "en/"}
        )
        == expected
    )


# -- the pure parts -------------------------------------------------------------------------


def test_split_sections_and_blocks() -> None:
    body = (
        "Intro.\n\n## One\n\nA\nb.\n\n- x\n- y\n\n  more of y\n\n- z\n\n## Two\n\n```\n## no\n```\n"
    )
    s = split_sections(body)
    assert [x.split("\n")[0] for x in s] == ["Intro.", "## One", "## Two"]
    assert split_blocks(s[1]) == ["## One", "A\nb.", "- x\n- y\n\n  more of y\n\n- z"]
    assert split_blocks(s[2]) == ["## Two", "```\n## no\n```"]


@pytest.mark.parametrize(
    ("md", "expected"),
    [
        ("1. Everyone had the right. 2. More.", "Everyone had the right."),
        (
            "Статья 77 (п. 1 ст. 76) гарантировала. Вторая.",
            "Статья 77 (п. 1 ст. 76) гарантировала.",
        ),
        ("[Бап](x.md) **маңызды** болды. Әрі қарай.", "Бап маңызды болды."),
        ('1.<span class="az-para" id="p1"></span> Ол «бірінші». Екінші.', "Ол «бірінші»."),
        (
            'Бұл [құқықтар](../glossary.md#r "Адамның (туғаннан) құқығы."){ .az-term } еді. Әрі.',
            "Бұл құқықтар еді.",
        ),
    ],
)
def test_first_sentence(md: str, expected: str) -> None:
    assert first_sentence(md) == expected


def test_page_counter_css() -> None:
    assert (
        handouts.page_counter_css("{pages} беттің {page}-беті")
        == 'counter(pages) " беттің " counter(page) "-беті"'
    )
    assert handouts.css_string('a "b" \\') == '"a \\"b\\" \\\\"'


def test_align_pairs_blocks_and_keeps_unequal_groups_together() -> None:
    def g(*kinds: str) -> Group:
        return Group("k", [Block(k, f"<{k}>{i}") for i, k in enumerate(kinds)])

    rows = align([[g("h2", "p", "p"), g("h2", "p")], [g("h2", "p", "p"), g("h2", "p", "p")]])
    assert [(r.kind, r.cells) for r in rows] == [
        ("heading", ["<h2>0", "<h2>0"]),
        ("text", ["<p>1", "<p>1"]),
        ("text", ["<p>2", "<p>2"]),
        ("heading", ["<h2>0", "<h2>0"]),
        ("rest", ["<p>1", "<p>1\n<p>2"]),
    ]


def test_content_text_is_escaped_in_the_handout(model) -> None:  # noqa: ANN001
    from dataclasses import replace

    h = replace(
        model.content.handouts[0], title={"kk": "<b>Сот</b> & құқық", "ru": "Суд", "en": "Court"}
    )
    out = handouts.handout_html(model, h, "kk")
    assert "&lt;b&gt;Сот&lt;/b&gt; &amp; құқық" in out and "<b>Сот</b>" not in out
    # The running header is a CSS string in <style>: no "<" that could end the element.
    assert '@top-left { content: "\\3c b>Сот\\3c /b> & құқық"; }' in out


LOST_FORCE = {
    "kk": "2026 жылғы 1 шілдеде[^.;]* күшін жойды",
    "ru": "утратил(а)? силу 1 июля 2026 года",
    "en": "lost (its )?force on 1 July 2026",
}


def test_every_handout_says_near_its_top_that_the_1995_text_lost_force(model) -> None:  # noqa: ANN001
    """Issue 14, item 6: the lead under the title of every handout, in every language, says
    that the 1995 Constitution lost force on 1 July 2026."""
    import re

    assert model.content.handouts
    for h in model.content.handouts:
        for lang in model.content.site.codes:
            out = handouts.handout_html(model, h, lang)
            lead = re.search(r'<p class="az-lead">(.*?)</p>', out, re.S)
            assert lead, (h.id, lang)
            assert re.search(LOST_FORCE[lang], lead.group(1)), (h.id, lang, lead.group(1))


def test_page_limit_problem() -> None:
    job = handouts.Job("kk/x.pdf", "x", "kk", "", 1, Loc("content/handouts/a.yml", 3))
    r = handout_pdf.Rendered("kk/x.pdf", b"", 2, "k", cached=False)
    assert [str(p) for p in handout_pdf.page_problems([job], [r])] == [
        "content/handouts/a.yml:3: handout 'x', edition 'kk', takes 2 pages, more than its "
        "limit of 1: choose fewer sections or shorten the text"
    ]


def test_progress_lines(capsys: pytest.CaptureFixture[str]) -> None:
    import io

    buf = io.StringIO()
    p = handout_pdf.Progress(3, buf)
    p.start(1, 2)
    p.step(handout_pdf.Rendered("kk/a.pdf", b"", 2, "k", False, 0.42))
    p.step(handout_pdf.Rendered("ru/a.pdf", b"", 1, "k", False, 1.0))
    assert buf.getvalue() == (
        "handouts: 3 PDF(s), 1 unchanged, rendering 2 on 2 process(es)\n"
        "  1/2 kk/a.pdf (2 page(s), 0.4 s)\n"
        "  2/2 ru/a.pdf (1 page(s), 1.0 s)\n"
    )


def test_cli_lists_the_handouts_command() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "explainer.cli", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "handouts" in r.stdout


# -- bad handout definitions: exact `path:line: message`, nothing written -----------------

HANDOUT = """\
- id: courts
  title: {kk: Сот, ru: Суд, en: Courts}
  topics:
    - topic: courts
      sections: [1]
  editions: [kk, kk-ru]
"""

BAD_HANDOUTS = {
    "unknown-topic": (
        ("topic: courts", "topic: prisons"),
        ["content/handouts/h.yml:4: unknown topic 'prisons' in 'topics'"],
    ),
    "no-such-section": (
        ("sections: [1]", "sections: [1, 3]"),
        [
            "content/handouts/h.yml:4: handout 'courts': topic 'courts' has no section 3 (it has "
            "2: 1–2 are its '##' headings, 0 the text before the first one)"
        ],
    ),
    "unknown-edition": (
        ("editions: [kk, kk-ru]", "editions: [kk, kk-de, kk-kk]"),
        [
            "content/handouts/h.yml:6: unknown edition 'kk-de' in handout 'courts': use a "
            "language (kk, ru, en) or two different ones side by side ('kk-ru')",
            "content/handouts/h.yml:6: unknown edition 'kk-kk' in handout 'courts': use a "
            "language (kk, ru, en) or two different ones side by side ('kk-ru')",
        ],
    ),
    "pages": (
        ("editions: [kk, kk-ru]", "editions: [kk]\n  pages: 3"),
        [
            "content/handouts/h.yml:7: 'pages' in handout 'courts' must be 1 or 2 (the most pages "
            "of a one-language edition)"
        ],
    ),
    "timeline-range": (
        ("editions: [kk, kk-ru]", "timeline: {from: 2026, to: 1995}"),
        [
            "content/handouts/h.yml:6: empty range of years 2026–1995 in the timeline of handout "
            "'courts'"
        ],
    ),
    "prints-nothing": (
        ("  topics:\n    - topic: courts\n      sections: [1]\n", ""),
        [
            "content/handouts/h.yml:1: handout 'courts' prints nothing: give 'topics', "
            "'articles' or 'timeline: true'"
        ],
    ),
    "unknown-article-and-field": (
        ("editions: [kk, kk-ru]", "articles: [75, 99]\n  colour: red"),
        [
            "content/handouts/h.yml:6: unknown article '99' in 'articles'",
            "content/handouts/h.yml:7: unknown field 'colour' in handout 'courts' (expected one "
            "of: id, title, summary, topics, articles, timeline, editions, pages)",
        ],
    ),
}


@pytest.fixture
def basic_copy(built_basic: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "b"
    shutil.copytree(built_basic, dest, symlinks=True)
    (dest / "content/handouts").mkdir()
    return dest


@pytest.mark.parametrize("name", sorted(BAD_HANDOUTS))
def test_bad_handout_definition(basic_copy: Path, name: str) -> None:
    from .test_bad_input import assert_fails

    (old, new), expected = BAD_HANDOUTS[name]
    assert old in HANDOUT
    (basic_copy / "content/handouts/h.yml").write_text(HANDOUT.replace(old, new), encoding="utf-8")
    before = snapshot(basic_copy / "dist")
    assert_fails(basic_copy, expected)
    assert snapshot(basic_copy / "dist") == before  # nothing written, nothing removed
    assert not (basic_copy / "dist" / "handouts").exists()


def test_sections_chosen_by_position_need_the_same_headings(basic_copy: Path) -> None:
    from .test_bad_input import assert_fails, edit

    (basic_copy / "content/handouts/h.yml").write_text(HANDOUT, encoding="utf-8")
    edit(basic_copy / "content/topics/courts/ru.md", "\n## ", "\n## Введение\n\nТекст.\n\n## ")
    assert_fails(
        basic_copy,
        [
            "content/handouts/h.yml:4: handout 'courts' chooses sections of topic 'courts' by "
            "position, but its languages have different numbers of '##' sections (2 in kk, 3 in "
            "ru, 2 in en): give every language the same headings"
        ],
    )


@pytest.mark.pdf
def test_a_good_definition_builds_its_pdfs(basic_copy: Path) -> None:
    (basic_copy / "content/handouts/h.yml").write_text(HANDOUT, encoding="utf-8")
    r = run_cli(basic_copy, "build", "--strict")
    assert r.code == 0, r.err
    for rel in ("kk/courts.pdf", "kk-ru/courts.pdf"):
        assert (basic_copy / "dist/handouts" / rel).read_bytes()[:5] == b"%PDF-"
        assert (basic_copy / "site/handouts" / rel).is_file()
    page = (basic_copy / "site/topics/courts/index.html").read_text(encoding="utf-8")
    assert '<a href="../../handouts/kk/courts.pdf"' in page
    assert not (basic_copy / "site/handouts/ru").exists()


DISPUTE = {
    "kk": ("5 қыркүйекті", "6 қыркүйектегі"),
    "ru": ("5 сентября", "6 сентября"),
    "en": ("5 September", "6 September"),
}


def test_the_timeline_handout_prints_what_happened_and_where_sources_disagree(model) -> None:  # noqa: ANN001
    """Issue 14 (facts review): each timeline entry carries the first sentence of the event's
    text, and an event with a note is marked with the site's 'sources disagree' label (the
    note itself is on the online timeline), so the 5/6 September 1995 dispute reaches paper."""
    import re

    h = next(x for x in model.content.handouts if x.id == "timeline-1995-2026")
    events = [e for e in model.content.events if 1995 <= e.date.year <= 2026]
    for lang in model.content.site.codes:
        out = handouts.handout_html(model, h, lang)
        label = model.content.ui[lang]["sources_disagree"]
        rows = re.findall(r"<tr><td>[^<]*</td><td>(.*?)</td></tr>", out, re.S)
        assert len(rows) == len(events)
        for e, row in zip(events, rows, strict=True):
            first = handouts.event_sentence(model.bodies[("event-text", e.id, lang)])
            assert html.escape(first) in row, (lang, e.id)
            assert (label in row) == (e.note is not None), (lang, e.id)
        entry = rows[[e.id for e in events].index("in-force-1995")]
        # the two days in the printed sentence, and the mark after it
        text, mark = entry.split(' <span class="az-disputed">', 1)
        assert all(d in text for d in DISPUTE[lang]), (lang, entry)
        assert mark == f"({html.escape(label)})</span>", (lang, mark)


@pytest.mark.parametrize(
    ("md", "first"),
    [
        (
            "Presidential Decree No. 2389 of 28 July 1995 called a referendum. It was held.",
            "Presidential Decree No. 2389 of 28 July 1995 called a referendum.",
        ),
        ("The Law (No. 121) was adopted. It set out the rules.", "The Law (No. 121) was adopted."),
        (
            "Указ от 28 июля 1995 г. № 2389 назначил референдум. Он прошёл.",
            "Указ от 28 июля 1995 г. № 2389 назначил референдум.",
        ),
        ("По п. 3 ст. 76 суд решал. Затем изменили.", "По п. 3 ст. 76 суд решал."),
        ("Заң қабылданды. 2010 жылдан бастап күшіне енді.", "Заң қабылданды."),
        ("One sentence only", "One sentence only"),
    ],
)
def test_an_events_first_sentence_does_not_end_at_an_abbreviation(md: str, first: str) -> None:
    # "No. 2389", «п. 3», «ст. 76», «1995 г.» do not end a sentence (the timeline handout
    # printed "Presidential Decree No." for the 1995 referendum)
    assert handouts.event_sentence(md) == first
