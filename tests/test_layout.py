"""One module knows where everything lives (issue 12 item 2): ``explainer.layout``.

The rules themselves (language roots, page URLs in both URL layouts, public addresses,
relative links, the handout and data files) are tested as a table, and a scan of the
package's source fails when another module builds a language root, a page URL, a public
address or a handout path itself, naming ``file:line``."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

from explainer import layout

from .test_architecture import PACKAGE, import_graph

# -- the rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("docs_path", "clean", "offline"),
    [
        ("index.md", "", "index.html"),
        ("topics/index.md", "topics/", "topics/index.html"),
        ("topics/courts.md", "topics/courts/", "topics/courts.html"),
        ("sections/7/index.md", "sections/7/", "sections/7/index.html"),
        ("glossary.md#court", "glossary/#court", "glossary.html#court"),
        ("index.md#p1", "#p1", "index.html#p1"),
        ("handouts/kk/x.pdf", "handouts/kk/x.pdf", "handouts/kk/x.pdf"),
    ],
)
def test_page_url_in_both_layouts(docs_path: str, clean: str, offline: str) -> None:
    assert layout.page_url(docs_path) == clean
    assert layout.page_url(docs_path, directory_urls=False) == offline


def test_language_roots() -> None:
    codes = ["kk", "ru", "en"]
    assert [layout.lang_root(c, "kk") for c in codes] == ["", "ru/", "en/"]
    assert layout.lang_roots(["ru", "kk", "en"], "kk") == ["", "ru/", "en/"]
    assert layout.root_map(codes, "kk") == {"kk": "", "ru": "ru/", "en": "en/"}
    assert layout.site_path("ru", "kk", "topics/x.md") == "ru/topics/x/"
    assert layout.site_path("kk", "kk", "topics/x.md", False) == "topics/x.html"
    assert layout.offline_start("en", "kk") == "en/index.html"
    assert layout.offline_start("kk", "kk") == "index.html"


@pytest.mark.parametrize(
    ("here", "there", "expected"),
    [
        ("kk", "kk", ""),
        ("kk", "ru", "ru/"),
        ("ru", "kk", "../"),
        ("ru", "ru", ""),
        ("ru", "en", "../en/"),
    ],
)
def test_prefix_between_language_builds(here: str, there: str, expected: str) -> None:
    assert layout.prefix(here, there, "kk") == expected


@pytest.mark.parametrize(
    ("lang", "to", "url", "expected"),
    [
        ("kk", "ru", "topics/x/", "../../ru/topics/x/"),
        ("ru", "kk", "topics/x/", "../../../topics/x/"),
        ("ru", "en", "", "../en/"),
        ("kk", "kk", "", "./"),
        ("kk", "kk", "topics/x/", "./"),
        ("en", "kk", "404.html", "../404.html"),
        ("ru", "kk", "topics/x.html", "../../topics/x.html"),
    ],
)
def test_same_page_in_another_language(lang: str, to: str, url: str, expected: str) -> None:
    assert layout.same_page_in(lang, to, url, "kk") == expected


def test_public_addresses() -> None:
    base = "https://example.org/az/"
    assert layout.public_url(None, "ru", "kk", "topics/x.md") is None
    assert layout.public_url(base, "ru", "kk", "topics/x.md#p2") == base + "ru/topics/x/#p2"
    assert layout.public_url(base, "kk", "kk", "index.md") == base
    assert layout.public_root(base, "en", "kk") == base + "en/"
    assert layout.home_path(base, "ru", "kk") == "/az/ru/"
    assert layout.home_path(None, "ru", "kk") == "/ru/"
    assert layout.home_path(None, "kk", "kk") == "/"


def test_outputs_and_docs_files() -> None:
    assert layout.handout_pdf("kk-ru", "x") == "handouts/kk-ru/x.pdf"
    assert layout.handout_file("kk-ru", "x") == "kk-ru/x.pdf"
    assert layout.docs_file("ru", layout.topic("x")) == "ru/topics/x.md"
    assert layout.docs_file("kk", layout.data_file("en")) == "kk/data/en.json"
    assert layout.offline_zip("ata-zan") == "ata-zan-offline.zip"
    assert layout.cross("ru", "topics/x.md#a") == "explainer:ru/topics/x.md#a"
    assert layout.site_file("handouts/kk/x.pdf") == "explainer:/handouts/kk/x.pdf"


PAR = "parallel/topics/courts.md"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[A](explainer:kk/articles/75.md#p1)", "[A](../../articles/75.md#p1)"),
        ("[B](explainer:kk/glossary.md#justice)", "[B](../../glossary.md#justice)"),
        ("[C](explainer:kk/topics/elections.md)", "[C](../../topics/elections.md)"),
        ("[D](explainer:kk/parallel/topics/courts.md#here)", "[D](#here)"),
        (r"[E \[x\]](explainer:kk/timeline.md#e)", r"[E \[x\]](../../timeline.md#e)"),
        (
            '[T](explainer:kk/glossary.md#j "A &quot;b&quot;"){ .az-term }',
            '[T](../../glossary.md#j "A &quot;b&quot;"){ .az-term }',
        ),
        ('[F](https://x.kz/a){: rel="noopener" }', '[F](https://x.kz/a){: rel="noopener" }'),
        ("![img](pic.png)", "![img](pic.png)"),
        ("[P](explainer:/handouts/kk/x.pdf)", "[P](explainer:/handouts/kk/x.pdf)"),
        ("[A](explainer:ru/articles/75.md#p1)", '<a href="explainer:ru/articles/75.md#p1">A</a>'),
        (
            r'[T](explainer:en/glossary.md#j "Say \"x\" & y"){ .az-term }',
            '<a href="explainer:en/glossary.md#j" title="Say &quot;x&quot; &amp; y" '
            'class="az-term">T</a>',
        ),
    ],
)
def test_place_makes_references_links_of_the_page(text: str, expected: str) -> None:
    """On a side-by-side page of the Kazakh build: a Kazakh page is a relative Markdown
    link, another build's page an HTML link to its reference (the engine resolves it)."""
    assert layout.place(text, PAR, "kk") == expected


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("../articles/75.md#p1", "explainer:kk/articles/75.md#p1"),
        ("elections.md", "explainer:kk/topics/elections.md"),
        ("#here", "explainer:kk/topics/courts.md#here"),
        ("https://x.kz/a", None),
        ("mailto:a@b.kz", None),
        ("/x.md", None),
        ("pic.png", None),
    ],
)
def test_reference_of_a_written_link(href: str, expected: str | None) -> None:
    assert layout.reference(href, "topics/courts.md", "kk") == expected


def test_public_links_for_print() -> None:
    html = '<a href="explainer:ru/topics/x.md#a">x</a> <a href="https://e.kz/">y</a>'
    assert layout.public_links(html, "https://e.org/", "kk") == (
        '<a href="https://e.org/ru/topics/x/#a">x</a> <a href="https://e.kz/">y</a>'
    )
    assert layout.public_links(html, None, "kk") == '<a >x</a> <a href="https://e.kz/">y</a>'
    pdf = f'<a href="{layout.site_file("handouts/kk/x.pdf")}">'
    assert (
        layout.public_links(pdf, "https://e.org/", "kk")
        == '<a href="https://e.org/handouts/kk/x.pdf">'
    )


def test_layout_is_a_leaf() -> None:
    """It imports nothing of the package but the Markdown patterns (a leaf themselves), and so
    no MkDocs: every layer may use it."""
    graph = import_graph()
    assert graph["explainer.layout"] == {"explainer.text.markdown"}
    assert graph["explainer.text.markdown"] == set()


# -- nobody else builds them -------------------------------------------------------------

ALLOWED: dict[tuple[str, str], str] = {
    ("validate/textcheck.py", "stem[:-len('.md')]"): "a content file's language, not a page",
    (
        "engine/offline.py",
        "posixpath.relpath(moved[target], here or '.')",
    ): "an asset reference re-pointed at the root's copy of a file the engine wrote",
    (
        "tools/linkcheck.py",
        "posixpath.relpath(path, '/' + posixpath.dirname(here))",
    ): "the link checker reads a built site as a web server does, apart from the generator",
}
"""(file below src/explainer, the flagged expression as ``ast.unparse`` writes it): why it is
no path or URL rule."""

_URL_SUFFIXES = (".html", ".pdf", ".zip")
_DOCS_SUFFIXES = (".md", "index.md", "/index.md", "index.html", "/index.html", ".html")
_LANG_WORDS = ("lang", "code", "default", "target")


def _text(node: ast.AST) -> str:
    return ast.unparse(node)


def _is_str(node: ast.AST, pred: Callable[[str], bool] | None = None) -> bool:
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return False
    return pred is None or pred(node.value)


def _found(node: ast.AST) -> str | None:
    """What ``node`` builds that only ``layout`` may build, or ``None``."""
    if isinstance(node, ast.JoinedStr):
        parts = node.values
        for i, part in enumerate(parts[:-1]):
            if (
                isinstance(part, ast.FormattedValue)
                and any(w in _text(part.value).lower() for w in _LANG_WORDS)
                and _is_str(parts[i + 1], lambda s: s.startswith("/"))
            ):
                return "a language root (layout.lang_root, docs_file, prefix)"
        last = parts[-1] if parts else None
        if (
            len(parts) > 1
            and last is not None
            and _is_str(last, lambda s: s.endswith(_URL_SUFFIXES))
        ):
            return "a page URL or output file (layout.page_url, handout_pdf, offline_zip, …)"
        if parts and _is_str(parts[0], lambda s: s.startswith(("handouts/", "data/"))):
            return "a handout or data path (layout.handout_pdf, data_file)"
    if isinstance(node, ast.IfExp):
        if (_is_str(node.body, lambda s: s == "") or _is_str(node.orelse, lambda s: s == "")) and (
            "default" in _text(node.test)
        ):
            return "a language root (layout.lang_root)"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        sides = (node.left, node.right)
        if any(_is_str(s, lambda s: s.endswith(_DOCS_SUFFIXES)) for s in sides):
            return "a page URL (layout.page_url, site_path)"
        if any(w in _text(s) for s in sides for w in ("base_url", "site_url")):
            return "a public address (layout.public_url, public_root)"
        if any(
            isinstance(s, ast.Call) and "root" in _text(s.func).rsplit(".", 1)[-1] for s in sides
        ):
            return "a site path from a language root (layout.site_path, url_path)"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        if _is_str(node.right, lambda s: s in ("handouts", "data")):
            return "an output folder (layout.HANDOUTS, DATA)"
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
        bound = node.slice.upper
        if bound is not None and any(
            _is_str(n, lambda s: s in _DOCS_SUFFIXES) for n in ast.walk(bound)
        ):
            return "a page URL from a docs path (layout.page_url)"
    if isinstance(node, ast.Call) and _text(node.func) in ("posixpath.relpath", "os.path.relpath"):
        return "a relative link (layout.rel, relative_url, place)"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in ("startswith", "removeprefix") and any(
            _is_str(a, lambda s: s in ("handouts/", "data/")) for a in node.args
        ):
            return "an output folder (layout.HANDOUTS, DATA)"
        if node.func.attr == "removesuffix" and any(
            _is_str(a, lambda s: s in _DOCS_SUFFIXES) for a in node.args
        ):
            return "a page URL from a docs path (layout.page_url)"
    return None


def scan(source: str, name: str) -> list[str]:
    """``name:line: what (code)`` for every path or URL rule in ``source`` (not allowed)."""
    out = []
    for node in ast.walk(ast.parse(source)):
        what = _found(node)
        if what is None or (name, _text(node)) in ALLOWED:
            continue
        out.append(f"{name}:{getattr(node, 'lineno', 0)}: builds {what} itself: {_text(node)}")
    return sorted(out, key=lambda s: (s.split(":")[0], int(s.split(":")[1])))


def _package_sources() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if p != PACKAGE / "layout.py"]


def test_only_layout_builds_paths_and_urls() -> None:
    found = []
    for path in _package_sources():
        found += scan(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).as_posix())
    assert found == [], (
        "path and URL rules belong in src/explainer/layout.py; call it instead:\n"
        + "\n".join(f"src/explainer/{x}" for x in found)
    )


def test_every_allowed_exception_is_still_there() -> None:
    """An exception that no longer matches anything is removed, not kept as a loophole."""
    sources = {p.relative_to(PACKAGE).as_posix(): p for p in _package_sources()}
    for name, code in ALLOWED:
        tree = ast.parse(sources[name].read_text(encoding="utf-8"))
        assert any(_found(n) and _text(n) == code for n in ast.walk(tree)), (name, code)


@pytest.mark.parametrize(
    ("snippet", "what"),
    [
        ('root = f"{lang}/"', "a language root"),
        ('p = f"{lang.code}/{path}"', "a language root"),
        ('up = f"../{target}/"', "a language root"),
        ('root = "" if code == self.settings["default"] else code + "/"', "a language root"),
        ('u = stem + "/index.html"', "a page URL"),
        ('u = stem[: -len(".md")] + "/"', "a page URL from a docs path"),
        ('u = docs_path.removesuffix(".md")', "a page URL from a docs path"),
        ('u = f"{stem}.html"', "a page URL or output file"),
        ("u = site.base_url + root", "a public address"),
        ("u = config.site_url + page.url", "a public address"),
        ('here = "/" + self._root_of(self.lang) + page.url', "a site path"),
        ("u = base + paths.lang_root(code, first)", "a site path"),
        ('p = f"handouts/{e}/{hid}"', "a handout or data path"),
        ('p = f"{e}/{h.id}.pdf"', "a page URL or output file"),
        ('z = f"{slug}-offline.zip"', "a page URL or output file"),
        ('d = site / "handouts"', "an output folder"),
        ('x = rel.startswith("data/")', "an output folder"),
        ("href = posixpath.relpath(target, posixpath.dirname(page))", "a relative link"),
    ],
)
def test_the_scan_finds_each_rule(snippet: str, what: str) -> None:
    found = scan(f"import os\n\n{snippet}\n", "x/y.py")
    assert len(found) == 1 and found[0].startswith(f"x/y.py:3: builds {what}"), found


def test_the_scan_lets_calls_to_layout_pass() -> None:
    snippet = (
        "root = layout.lang_root(lang, default)\n"
        "url = layout.public_url(site.base_url, lang, site.default, page)\n"
        "pdf = layout.handout_pdf(e, h.id)\n"
        'msg = f"{path}: not found"\n'
        'name = f"{lang}.md"\n'
    )
    assert scan(snippet, "x/y.py") == []
