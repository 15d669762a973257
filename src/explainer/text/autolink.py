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
    # Kazakh: "75-бап", "75-бабының", "41-бапқа", "75 және 76-баптары", "75–77-баптар",
    # "76-бабының 3-тармағы", "2-бабының 3-1-тармағы" (paragraph: after the genitive or
    # possessive only). Ordinals are written with a hyphen; the older unhyphenated forms
    # stay recognised: "75 бабы" (possessive forms only, because "75 бап" may be a count),
    # "76 бабының 1 тармағы" and mixtures such as "76-бабының 3 тармағы".
    "kk": {
        "num": r"(?<!\d)(?<!\d[.,])(?<!\d )\d{1,3}(?!\d)",
        "range": r"[–—-]",
        "sep": r"(?:,␣*|␣+(?:және|мен|немесе)␣+)",
        "after": (
            r"(?:-|␣+(?=баб))(?:(?:баптың|бабы(?:ның)?)(?!\w)"
            r"(?:␣+(?P<para>\d{1,3}(?:-\d{1,2})?)(?:-|␣+)тарма(?:ғ\w*|қ(?!ша)\w*))?"
            r"|(?:бап(?:т\w*|қа\w*|пен)?|бабы\w*)(?!\w))"
        ),
    },
    # Russian: "статья 75", "статьи 75 и 76", "ст. 75–77", "п. 1 ст. 76",
    # "пункт 1 статьи 76", "ст. 76 п. 1". Years and dates after the number are not articles.
    "ru": {
        "num": (
            r"(?<!\d)(?<!\d[.,])\d{1,3}(?!\d)(?!␣*(?:год|г\.|гг\.|январ|феврал|март|апрел|"
            r"ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр))"
        ),
        "range": r"[–—-]",
        "sep": r"(?:,␣*|␣+(?:и|или)␣+)",
        "before": r"(?<!\w)(?:[Сс]тат(?:ья|ьи|ье|ью|ьёй|ьей)(?!\w)␣*|[Сс]т\.␣*)",
        "before_list": r"(?<!\w)(?:[Сс]тат(?:ьи|ей|ьям|ьями|ьях)(?!\w)␣*|[Сс]тт?\.␣*)",
        "para_word": (
            r"(?<!\w)(?:[Пп](?:ункт(?:а|у|ом|е|ы|ов|ах)?(?!\w)|\.)|"
            r"[Чч](?:аст(?:ь|и|ью)(?!\w)|\.))␣*"
        ),
        "para_after": r"(?!␣*(?:ст\.|стать))",
    },
    # English: "Article 75", "Art. 76(1)", "Articles 75–77", "Arts. 14 and 16",
    # "Article 76, paragraph 1", "paragraph 1 of Article 76".
    "en": {
        "num": r"(?<!\d)(?<!\d[.,])\d{1,3}(?!\d)",
        "range": r"[–—-]",
        "sep": r"(?:,␣*(?:and␣+)?|␣+(?:and|or)␣+)",
        "before": r"(?<!\w)(?:[Aa]rticle(?!\w)␣*|[Aa]rt\.␣*)",
        "before_list": r"(?<!\w)(?:[Aa]rticles(?!\w)␣*|[Aa]rts\.␣*)",
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
  any, in a group ``para``; or ``before``: the article word before one number ("статья",
  "Art.") and ``before_list``: the word before a list or range ("статьи", "Articles");
- ``para_word``: the paragraph word ("п.", "paragraph"). It may come first ("п. 1 ст. 76";
  ``para_of`` stands between, whitespace if not given: "paragraph 1 of Article 76") or,
  when ``para_after`` is given (a condition on what follows, may be empty), after the
  article ("ст. 76 п. 1", "Article 76, paragraph 1");
- ``para_paren``: a paragraph written right after the number, in group ``para3``
  ("Art. 76(1)").

A language code without an entry gets no auto-links."""

PROTECT = re.compile(
    r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n"  # fenced code, up to its end or the text's
    r"(?:[\s\S]*?\n[ ]{0,3}(?P=fence)[`~]*[ \t]*$|[\s\S]*\Z)"
    r"|^[ ]{0,3}#{1,6}(?:[ \t][^\n]*)?$"  # ATX heading
    r"|(?P<ticks>`+)"  # a code span starts (its end is looked up apart)
    r"|\[\[[^\]]*\]\]"  # explicit reference [[kind:id]]
    r"|!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]"  # link or image: text, then target
    r"(?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]*\])"
    r"|<(?P<tag>a|code|pre|kbd|span|abbr)\b[^>\n]*>"  # an element whose text is left alone
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
    number: int | str
    """``75``, or ``"83-1"`` for an article inserted by a later edition."""
    para: str | None = None
    """The paragraph cited (``"1"``, ``"3-1"``), if any."""


MAX_LIST = 20
"""The most numbers one citation lists ("75, 76 және 77-баптар" has three)."""
MAX_RANGE = 30
"""A range wider than this ("1–200") is taken as two numbers, not a list of articles."""


_PARA = r"(?P<{g}>\d{{1,3}}(?:-\d{{1,2}})?)(?!\d)"


def _compile(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The citation pattern of a language, its number pattern and its range pattern."""
    p = {k: v.replace("␣", _S) for k, v in PATTERNS[lang].items()}
    num, dash = p["num"], rf"{_S}*{p['range']}{_S}*"
    item = rf"{num}(?:{dash}{num})?"
    # At most MAX_LIST numbers in a list: a long run of numbers is scanned in linear time.
    nums = rf"(?P<nums>{item}(?:{p['sep']}{item}){{0,{MAX_LIST - 1}}})"
    alts: list[str] = []
    if "after" in p:
        alts.append(nums + p["after"])
    if "before" in p:
        tail = ""
        if "para_word" in p:  # "п. 1 ст. 76"
            alts.append(
                p["para_word"]
                + _PARA.format(g="para1")
                + p.get("para_of", _S + "+")
                + p["before"]
                + f"(?P<num1>{num})"
            )
        if "para_paren" in p:  # "Art. 76(1)"
            tail += f"(?:{p['para_paren']})?"
        if "para_word" in p and "para_after" in p:  # "ст. 76 п. 1"
            tail += rf"(?:,?{_S}+{p['para_word']}{_PARA.format(g='para2')}{p['para_after']})?"
        if "before_list" in p:
            # One number with its paragraph; a list or range after the plural word; one
            # number after the singular word even if more numbers follow it.
            alts.append(p["before"] + rf"(?P<num2>{num})(?!{p['sep']}{num}|{dash}{num})" + tail)
            alts.append(p["before_list"] + nums)
            alts.append(p["before"] + rf"(?P<num3>{num})")
        else:
            alts.append(p["before"] + nums + tail)
    return (re.compile("|".join(f"(?:{a})" for a in alts)), re.compile(num), re.compile(dash))


_COMPILED = {lang: _compile(lang) for lang in PATTERNS}
"""Per language: the citation pattern, the pattern of one number, the range dash."""


_INSERTED = re.compile(r"-(\d{1,2})(?!\d)")


def _inserted(text: str, end: int, number: int) -> tuple[int, int | str]:
    """An inserted article ("83-1", "94-2"): a smaller number after a hyphen (a range goes
    up). Returns the end of the citation and its number."""
    m = _INSERTED.match(text, end)
    if m and 0 < int(m.group(1)) < number:
        return m.end(), f"{number}-{int(m.group(1))}"
    return end, number


def _cites(m: re.Match[str], lang: str) -> list[Cite]:
    """The article numbers (and paragraph) of one citation match."""
    g = m.groupdict()
    if g.get("num1"):
        end, num = _inserted(m.string, m.end("num1"), int(g["num1"]))
        return [Cite(m.start(), max(end, m.end()), num, g["para1"])]
    if g.get("num2"):
        return [Cite(m.start(), m.end(), int(g["num2"]), g.get("para2") or g.get("para3"))]
    if g.get("num3"):
        end, num = _inserted(m.string, m.end("num3"), int(g["num3"]))
        return [Cite(m.start(), max(end, m.end()), num)]
    _, num_rx, range_rx = _COMPILED[lang]
    start, end = m.span("nums")
    numbers = [(n.start(), n.end(), int(n.group())) for n in num_rx.finditer(m.string, start, end)]
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
            if 0 < n < lo and m.string[numbers[i - 1][1]] == "-" and out:
                # "83-1": not a range but an inserted article.
                prev = out.pop()
                out.append(Cite(prev.start, e, f"{lo}-{n}"))
                continue
            if lo < n <= lo + MAX_RANGE:
                out.extend(Cite(e, e, k) for k in range(lo + 1, n))
        out.append(Cite(s, e, n))
    if len(out) == 1 and para:
        out[0] = Cite(out[0].start, out[0].end, out[0].number, para)
    return out


class _Next:
    """Where the next match of a pattern is, from a position that only moves forward: the
    text is searched once per pattern, whatever the number of lookups (linear time)."""

    def __init__(self, text: str, pattern: str) -> None:
        self.text, self.rx = text, re.compile(pattern)
        self.found: re.Match[str] | None = None
        self.done = False

    def at_or_after(self, pos: int) -> re.Match[str] | None:
        if not self.done and (self.found is None or self.found.start() < pos):
            self.found = self.rx.search(self.text, pos)
            self.done = self.found is None
        return self.found


def _protected(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that the auto-linker leaves alone, in order."""
    out: list[tuple[int, int]] = []
    blank = _Next(text, r"\n[^\S\n]*\n")
    closing: dict[str, _Next] = {}
    pos = 0
    while (m := PROTECT.search(text, pos)) is not None:
        end = m.end()
        if m.group("ticks"):  # a code span ends at the same run of backticks, same paragraph
            n = len(m.group("ticks"))
            close = closing.setdefault("`" * n, _Next(text, rf"(?<!`)`{{{n}}}(?!`)"))
            c = close.at_or_after(end)
            b = blank.at_or_after(end)
            if c is not None and (b is None or c.start() < b.start()):
                end = c.end()
        elif m.group("tag"):  # up to the closing tag, if there is one
            tag = m.group("tag").lower()
            c = closing.setdefault(tag, _Next(text, rf"</{tag}\s*>")).at_or_after(end)
            if c is not None:
                end = c.end()
        out.append((m.start(), end))
        pos = max(end, m.start() + 1)
    return out


def find(text: str, lang: str) -> list[Cite]:
    """Every article citation in ``text`` outside the protected places, in order."""
    if lang not in _COMPILED:
        return []
    rx = _COMPILED[lang][0]
    out: list[Cite] = []
    pos = 0
    for start, end in [*_protected(text), (len(text), len(text))]:
        if start > pos:
            for m in rx.finditer(text, pos, start):
                out.extend(_cites(m, lang))
        pos = max(pos, end)
    return out


def autolink(text: str, lang: str, href: Callable[[int | str, str | None], str | None]) -> str:
    """``text`` with each citation whose ``href(number, paragraph)`` is not ``None`` turned
    into a Markdown link to it. ``href`` is called once per cited number, in text order (for
    ranges, also for the numbers in between, which get no link of their own)."""
    out: list[str] = []
    pos = 0
    for c in find(text, lang):
        target = href(c.number, c.para)
        if target is None or c.start == c.end:
            continue
        out.append(text[pos : c.start])
        out.append(f"[{text[c.start : c.end]}]({target})")
        pos = c.end
    out.append(text[pos:])
    return "".join(out)
