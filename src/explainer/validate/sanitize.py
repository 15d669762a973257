"""Content is data, not code: one allowlist sanitizer for everything content puts into HTML.

Every content field is rendered to HTML the way the site renders it (Python-Markdown with
the extensions of ``mkdocs.yml``, after the project's own syntax: ``[[kind:id]]``, natural
article citations, ``{2026: …}``), and the HTML is cleaned with nh3 (the Ammonia
sanitizer) under a fixed allowlist: the tags and attributes that Markdown and the project's
syntax produce, URLs with the schemes ``http``, ``https``, ``mailto`` or relative, ``id`` and
classes from :data:`CLASSES` only. If cleaning would change anything, the content is
**refused**, with ``path:line`` and what would be removed: nothing is silently altered.

Pure: text in, messages out. The README ("Safety") states the same lists.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3

from explainer.text import autolink
from explainer.text.markdown import OTHER_DOC_RE, REF_RE

MARKDOWN_EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
]
"""The extensions of ``mkdocs.yml`` that read content (``pymdownx.emoji`` only turns
``:name:`` into the theme's own icons)."""

TAGS = frozenset(
    {
        # what Markdown and its extensions write
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre",
        "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
        "dl", "dt", "dd", "abbr", "sup", "div", "details", "summary",
        # the project's syntax: {2026: …} and highlighted code
        "span",
    }
)  # fmt: skip
"""Tags content may produce. Anything else (``script``, ``style``, ``iframe``, ``object``,
``embed``, ``base``, ``meta``, ``link``, ``form``, ``input``, ``svg``, ``u``, …) is refused."""

ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "th": {"style"},
    "td": {"style"},
    "ol": {"start"},
    "details": {"open"},
    "span": {"data-doc"},
}
"""Attributes per tag (``*``: every tag). No ``on…`` handler, ``style`` (but a table
column's alignment), ``rel``, ``target``, ``srcset``, ``formaction``, ``data-…`` (but the
``{2026: …}`` marker's)."""

URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Schemes allowed in ``href`` (relative links are allowed too). An image (``src``) must be
relative: a page never loads anything from another site."""

ADMONITIONS = (
    "note abstract summary tldr info todo tip hint important success check done question "
    "help faq warning caution attention failure fail missing danger error bug example quote "
    "cite"
).split()
CLASSES = frozenset(
    {
        "admonition", "admonition-title", "inline", "end", *ADMONITIONS,
        "headerlink", "footnote", "footnote-ref", "footnote-backref",
        "highlight", "md-button", "md-button--primary", "az-term", "cite-other",
    }
)  # fmt: skip
"""Classes content may produce (Markdown's admonitions, footnotes, permalinks, code
blocks; the project's term links and ``{2026: …}`` marker; Material's buttons), plus the
syntax-highlighting classes of Pygments on ``span`` and ``language-…`` on a code block."""

MAX_YEAR = 2100
"""The latest ``as_of`` year (the build dates its outputs from it; 2106 is past the end of
32-bit time stamps)."""
_ID = re.compile(r"^(?!__)[\w:.-]+$")
"""An element id: no spaces, and not Material's own (``__drawer``, ``__search``, …)."""
_ALIGN = re.compile(r"^text-align: (?:left|center|right);$")
_LANGUAGE_CLASS = re.compile(r"^language-[a-z0-9+#-]+$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@functools.cache
def _pygments_classes() -> frozenset[str]:
    try:
        from pygments.token import STANDARD_TYPES
    except ImportError:  # pragma: no cover - Pygments comes with pymdown-extensions
        return frozenset()
    return frozenset(c for c in STANDARD_TYPES.values() if c)


def _class_ok(tag: str, name: str) -> bool:
    if name in CLASSES:
        return True
    if tag in ("div", "code", "pre") and _LANGUAGE_CLASS.match(name):
        return True
    return tag == "span" and name in _pygments_classes()


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    """Values nh3's lists cannot express; ``None`` drops the attribute (and so refuses it)."""
    if attr == "id":
        return value if _ID.match(value) else None
    if attr == "class":
        return value if all(_class_ok(tag, c) for c in value.split()) else None
    if attr == "style":
        return value if _ALIGN.match(value) else None
    if attr in ("title", "alt"):
        # Material shows a title as HTML in its tooltip: no markup there.
        return None if re.search(r"[<>]", value) else value
    if attr == "src":
        # Relative only: not another site, not protocol-relative, not a data: URL.
        compact = re.sub(r"[\x00-\x20]", "", value)
        return None if _SCHEME.match(compact) or compact.startswith(("/", "\\")) else value
    if attr == "start":
        return value if value.isdigit() else None
    if attr == "open":
        return value if value in ("", "open") else None
    if attr == "data-doc":
        return value if value.isdigit() else None
    return value


def clean(html_text: str) -> str:
    """``html_text`` as nh3 leaves it under the allowlist."""
    return nh3.clean(
        html_text,
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        strip_comments=False,
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
    )


# -- the HTML a field produces ---------------------------------------------------------------

_MD: markdown.Markdown | None = None


def to_html(text: str) -> str:
    """The HTML of one Markdown field, as the site renders it."""
    global _MD
    if _MD is None:
        _MD = markdown.Markdown(
            extensions=MARKDOWN_EXTENSIONS, extension_configs={"toc": {"permalink": True}}
        )
    return _MD.reset().convert(project_syntax(text))


def project_syntax(text: str) -> str:
    """``text`` with the project's syntax applied as the linker applies it, with stand-in
    targets: natural citations and ``[[kind:id]]`` become links (a term link with its
    tooltip and class), ``{2026: …}`` a marked span. What follows a link in the text
    (``{onclick=…}``) then reaches Markdown exactly as it does on the page."""
    for lang in autolink.PATTERNS:
        text = autolink.autolink(text, lang, lambda n, p: f"../articles/{n}.md")

    def ref(m: re.Match[str]) -> str:
        label = html.escape(" ".join((m.group("label") or "x").split()), quote=False)
        label = re.sub(r"([\\`*_\[\]{}])", r"\\\1", label)
        if m.group("kind") == "term":
            return f'[{label}](../glossary.md#x "x"){{ .az-term }}'
        return f"[{label}](../x.md)"

    text = REF_RE.sub(ref, text)
    return OTHER_DOC_RE.sub(
        lambda m: (
            f'<span class="cite-other" data-doc="{m.group("doc")}">'
            f"{html.escape(m.group('text'), quote=False)}</span>"
        ),
        text,
    )


# -- comparing before and after --------------------------------------------------------------

_VOID = {"br", "hr", "img", "input", "meta", "link", "base", "col", "area", "source", "wbr"}


class _Tokens(HTMLParser):
    """HTML as a list of comparable tokens (tags with sorted attributes, text, comments)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        flat = tuple(sorted(f"{k}\x00{v or ''}" for k, v in attrs))
        self.out.append(("start", tag, *flat))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.out.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if self.out and self.out[-1][0] == "text":
            self.out[-1] = ("text", self.out[-1][1] + data)
        else:
            self.out.append(("text", data))

    def handle_comment(self, data: str) -> None:
        self.out.append(("comment", data))

    def unknown_decl(self, data: str) -> None:
        self.out.append(("decl", data))

    def handle_decl(self, decl: str) -> None:
        self.out.append(("decl", decl))

    def handle_pi(self, data: str) -> None:
        self.out.append(("decl", data))


def tokens(html_text: str) -> list[tuple[str, ...]]:
    t = _Tokens()
    t.feed(html_text)
    t.close()
    return t.out


@dataclass(frozen=True)
class Removal:
    """One thing the sanitizer would remove, and a needle to find it in the source."""

    message: str
    needles: tuple[str, ...]


def _attrs(token: tuple[str, ...]) -> dict[str, str]:
    return dict(a.split("\x00", 1) for a in token[2:])


def short(value: str, n: int = 80) -> str:
    value = " ".join(value.split())
    return value if len(value) <= n else value[: n - 1] + "…"


def _attr_removal(tag: str, name: str, value: str) -> Removal:
    if name in ("href", "src") and name in ATTRIBUTES.get(tag, set()):
        what = "an image must be a relative path" if name == "src" else None
        rule = what or "use https://…, http://…, mailto:… or a relative link"
        return Removal(
            f"link '{short(value)}' in <{tag} {name}> is not allowed: {rule}",
            (value, value[:4], name),
        )
    if name == "class":
        bad = [c for c in value.split() if not _class_ok(tag, c)]
        return Removal(
            f"class '{' '.join(bad)}' on <{tag}> is not allowed "
            '(allowed: the classes listed in README, "Safety")',
            (*bad, "class", "."),
        )
    if name == "id":
        return Removal(
            f"id '{short(value)}' on <{tag}> is not allowed (letters, digits, '-', '_', ':', "
            "'.', not starting with '__')",
            (value, "#"),
        )
    if name in ("title", "alt"):
        return Removal(
            f"'<' or '>' in the {name} of <{tag}> is not allowed (it is shown as HTML)",
            (value, name),
        )
    return Removal(
        f"attribute '{name}' on <{tag}> is not allowed in content",
        (name,),
    )


def _attr_kept(tag: str, name: str, value: str) -> bool:
    """Whether nh3 keeps attribute ``name="value"`` on ``tag`` under the allowlist."""
    if name not in ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set()):
        return False
    if _attribute_filter(tag, name, value) is None:
        return False
    if name in ("href", "src"):
        probe = clean(f'<{tag} {name}="{html.escape(value, quote=True)}">')
        return f"{name}=" in probe
    return True


def removals(source_html: str) -> list[Removal]:
    """What cleaning ``source_html`` would remove or change (empty: it is safe as it is)."""
    cleaned = clean(source_html)
    if cleaned == source_html:
        return []
    before = tokens(source_html)
    if before == tokens(cleaned):
        return []
    out: list[Removal] = []
    for tok in before:
        if tok[0] == "decl":
            out.append(Removal(f"'<!{short(tok[1])}>' is not allowed in content", ("<!",)))
        if tok[0] != "start":
            continue
        tag = tok[1]
        if tag not in TAGS:
            out.append(
                Removal(
                    f"tag <{tag}> is not allowed in content (allowed: Markdown and the tags "
                    'listed in README, "Safety")',
                    (f"<{tag}", tag),
                )
            )
            continue
        for name, value in _attrs(tok).items():
            if not _attr_kept(tag, name, value):
                out.append(_attr_removal(tag, name, value))
    return out or [
        Removal("malformed HTML: the browser would not show it as written (check the tags)", ())
    ]
