"""Auto-linking of natural article citations in running text ("75-бабы", "п. 1 ст. 76",
"Article 76(1)"). Pure: text in, text out; no model, no disk.

The citation forms are data, one entry per language code (``PATTERNS``); a language without
an entry gets no auto-links. Each entry is compiled once into one regular expression, and a
text is scanned once: first for the places that must not be touched (code, headings, links,
explicit references, HTML tags, ``{2026: …}`` markers), then, between them, for citations. The
cost is linear in the size of the text, whatever the number of articles or pages.

The caller decides where a citation points: ``autolink`` calls ``href(number, paragraph)``
for every article number cited, and links the citation only if that returns a target.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# One whitespace character inside a citation: a space, or a line break not followed by a
# blank line (a citation never spans two paragraphs).
_S = r"(?:[^\S\n]|\n(?![^\S\n]*\n))"

PATTERNS: dict[str, dict[str, str]] = {
    # Kazakh: "75-бап", "75-бабының", "41-бапқа", "75 бабы" (no hyphen: possessive forms
    # only, because "75 бап" may be a count), "75 және 76-баптары", "75–77-баптар",
    # "76 бабының 1 тармағы" (paragraph: after the genitive or possessive only).
    "kk": {
        "num": r"(?<![\d.,])(?<!\d )\d{1,3}(?!\d)",
        "range": r"[–—-]",
        "sep": r"(?:,␣*|␣+(?:және|мен|немесе)␣+)",
        "after": (r"(?:-|␣+(?=баб))(?:(?:баптың|бабы(?:ның)?)(?!\w)"
                  r"(?:␣+(?P<para>\d{1,3}(?:-\d{1,2})?)(?:-|␣+)тарма(?:ғ\w*|қ(?!ша)\w*))?"
                  r"|(?:бап(?:т\w*|қа\w*|пен)?|бабы\w*)(?!\w))"),
    },
    # Russian: "статья 75", "статьи 75 и 76", "ст. 75–77", "п. 1 ст. 76",
    # "пункт 1 статьи 76", "ст. 76 п. 1". Years and dates after the number are not articles.
    "ru": {
        "num": (r"(?<![\d.,])\d{1,3}(?!\d)(?!␣*(?:год|г\.|гг\.|январ|феврал|март|апрел|"
                r"ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр))"),
        "range": r"[–—-]",
        "sep": r"(?:,␣*|␣+(?:и|или)␣+)",
        "before": r"(?<!\w)(?:[Сс]тать(?:я|и|е|ю|ёй|ей|ях|ям|ями)(?!\w)␣*|[Сс]т\.␣*)",
        "para_word": (r"(?<!\w)(?:[Пп](?:ункт(?:а|у|ом|е|ы|ов|ах)?(?!\w)|\.)|"
                      r"[Чч](?:аст(?:ь|и|ью)(?!\w)|\.))␣*"),
        "para_after": r"(?!␣*(?:ст\.|стать))",
    },
    # English: "Article 75", "Art. 76(1)", "Articles 75–77", "Arts. 14 and 16",
    # "Article 76, paragraph 1", "paragraph 1 of Article 76".
    "en": {
        "num": r"(?<![\d.,])\d{1,3}(?!\d)",
        "range": r"[–—-]",
        "sep": r"(?:,␣*(?:and␣+)?|␣+(?:and|or)␣+)",
        "before": r"(?<!\w)(?:[Aa]rticles?(?!\w)␣*|[Aa]rts?\.␣*)",
        "para_word": r"(?<!\w)(?:[Pp]aragraph(?!\w)|[Pp]ara\.?)␣*",
        "para_of": r"␣+of␣+",
        "para_after": r"(?!␣+of␣)",
        "para_paren": r"\((?P<para3>\d{1,3}(?:-\d{1,2})?)\)",
    },
}
"""Citation forms per language code, as regular expressions in which ``␣`` stands for one
whitespace character (a line break at most, never a blank line). Keys:

- ``num``: one article number; ``range``: the dash of "75–77"; ``sep``: between listed
  numbers ("75, 76 және 77");
- ``after``: the article word after the numbers (Kazakh "-бабы"), with the paragraph, if
  any, in a group ``para``; or ``before``: the article word before them ("статья", "Art.");
- ``para_word``: the paragraph word ("п.", "paragraph"). It may come first ("п. 1 ст. 76";
  ``para_of`` is what stands between, whitespace if not given: "paragraph 1 of Article 76") or, when ``para_after``
  is given (a condition on what follows, may be empty), after the article ("ст. 76 п. 1",
  "Article 76, paragraph 1");
- ``para_paren``: a paragraph written right after the number, in group ``para3``
  ("Art. 76(1)").

A language code without an entry gets no auto-links."""

PROTECT = re.compile(
    r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n(?:[\s\S]*?\n[ ]{0,3}(?P=fence)[`~]*[ \t]*$|[\s\S]*\Z)"
    r"|^[ ]{0,3}#{1,6}(?:[ \t][^\n]*)?$"  # ATX heading
    r"|(?P<ticks>`+)[\s\S]*?(?P=ticks)"  # code span
    r"|\[\[[^\]]*\]\]"  # explicit reference [[kind:id]]
    r"|!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\](?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]*\])"  # link
    r"|<(?P<tag>a|code|pre|kbd|span|abbr)\b[^>]*>[\s\S]*?</(?P=tag)>"  # whole inline element
    r"|<[^>\n]*>"  # any other tag
    r"|\{[^{}\n]*\}"  # attribute list, {2026: …} marker
    r"|(?:https?|ftp)://[^\s)>\]]+",  # bare URL
    re.M,
)
"""What the auto-linker never touches (searched on the Markdown before explicit references
are resolved)."""


@dataclass(frozen=True)
class Cite:
    """One article number cited in a text."""

    start: int
    end: int
    """The span of text to turn into a link (empty for the inner numbers of a range)."""
    number: int
    para: str | None = None
    """The paragraph cited (``"1"``, ``"3-1"``), if any."""


_PARA = r"(?P<{g}>\d{{1,3}}(?:-\d{{1,2}})?)(?!\d)"


def _compile(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The citation pattern of a language, its number pattern and its range pattern."""
    p = {k: v.replace("␣", _S) for k, v in PATTERNS[lang].items()}
    num = p["num"]
    item = rf"{num}(?:{_S}*{p['range']}{_S}*{num})?"
    nums = rf"(?P<nums>{item}(?:{p['sep']}{item})*)"
    alts: list[str] = []
    if "after" in p:
        alts.append(rf"{nums}{p['after']}")
    if "before" in p:
        tail = ""
        if "para_word" in p:
            alts.append(p["para_word"] + _PARA.format(g="para1") + p.get("para_of", _S + "+")
                        + p["before"] + f"(?P<num1>{num})")
        if "para_paren" in p:
            tail += f"(?:{p['para_paren']})?"
        if "para_word" in p and "para_after" in p:
            tail += rf"(?:,?{_S}+{p['para_word']}{_PARA.format(g='para2')}{p['para_after']})?"
        alts.append(p["before"] + nums + tail)
    return (re.compile("|".join(f"(?:{a})" for a in alts)), re.compile(num),
            re.compile(rf"{_S}*{p['range']}{_S}*"))


_COMPILED = {lang: _compile(lang) for lang in PATTERNS}
MAX_RANGE = 30
"""A range wider than this ("1–200") is taken as two numbers, not a list of articles."""


def _cites(m: re.Match[str], lang: str) -> list[Cite]:
    """The article numbers (and paragraph) of one citation match."""
    g = m.groupdict()
    if g.get("num1"):
        return [Cite(m.start(), m.end(), int(g["num1"]), g["para1"])]
    _, num_rx, range_rx = _COMPILED[lang]
    start, end = m.span("nums")
    numbers = [(n.start(), n.end(), int(n.group()))
               for n in num_rx.finditer(m.string, start, end)]
    para = g.get("para") or g.get("para2") or g.get("para3")
    if len(numbers) == 1:
        return [Cite(m.start(), m.end(), numbers[0][2], para)]
    # A list or a range: each number is its own link; the article word goes with the last
    # number (kk) or the first (ru, en) — the whole match is covered either way.
    out: list[Cite] = []
    for i, (s, e, n) in enumerate(numbers):
        s = m.start() if i == 0 else s
        e = m.end() if i == len(numbers) - 1 else e
        if i and range_rx.fullmatch(m.string, numbers[i - 1][1], numbers[i][0]):
            lo = numbers[i - 1][2]
            if lo < n <= lo + MAX_RANGE:
                out.extend(Cite(e, e, k) for k in range(lo + 1, n))
        out.append(Cite(s, e, n))
    return out


def find(text: str, lang: str) -> list[Cite]:
    """Every article citation in ``text`` outside the protected places, in order."""
    if lang not in _COMPILED:
        return []
    rx = _COMPILED[lang][0]
    out: list[Cite] = []
    pos = 0
    for p in PROTECT.finditer(text):
        if p.start() > pos:
            for m in rx.finditer(text, pos, p.start()):
                out.extend(_cites(m, lang))
        pos = max(pos, p.end())
    for m in rx.finditer(text, pos):
        out.extend(_cites(m, lang))
    return out


def autolink(text: str, lang: str, href: Callable[[int, str | None], str | None]) -> str:
    """``text`` with each citation whose ``href(number, paragraph)`` is not ``None`` turned
    into a Markdown link to it. ``href`` is called once per cited number, in text order (for
    ranges, also for the numbers in between, which get no link of their own)."""
    out: list[str] = []
    pos = 0
    for c in find(text, lang):
        target = href(c.number, c.para)
        if target is None or c.start == c.end:
            continue
        out.append(text[pos:c.start])
        out.append(f"[{text[c.start:c.end]}]({target})")
        pos = c.end
    out.append(text[pos:])
    return "".join(out)
