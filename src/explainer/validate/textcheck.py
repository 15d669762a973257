"""Text checks: mixed Latin/Cyrillic words; one term, one concept."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_WORD = re.compile(r"[A-Za-z\u0400-\u04FF]+")
_LATIN = re.compile(r"[A-Za-z]")
_CYR = re.compile(r"[\u0400-\u04FF]")


def mixed_script_words(line: str) -> list[str]:
    """Words that mix Latin and Cyrillic letters (``Республикасi`` with a Latin ``i``)."""
    return [w for w in _WORD.findall(line) if _LATIN.search(w) and _CYR.search(w)]


def describe(word: str) -> str:
    latin = sorted({c for c in word if _LATIN.match(c)})
    return f"word '{word}' mixes Latin and Cyrillic letters (Latin: {' '.join(latin)})"


# -- glossary definitions are tooltips ------------------------------------------------------

DEFINITION_WORDS = 30
"""The most words of a glossary definition in any language (it is shown as a tooltip)."""

_REF_WORDS = re.compile(r"\[\[[a-z]+:[^\]|]+\|([^\]]+)\]\]")
_SENTENCE_END = re.compile(
    r"(?<![\s.][^\W\d_])(?<!\s[^\W\d_]{2}\.)[.!?]\s+(?=[«\"(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])"
)


def definition_words(text: str) -> int:
    """Words of a definition as the reader sees them: ``[[kind:id|words]]`` counts its
    words, a bare ``[[kind:id]]`` one."""
    return len(_REF_WORDS.sub(r"\1", text).split())


def definition_sentences(text: str) -> int:
    """Sentences of a definition: a full stop, ``!`` or ``?`` followed by a capital starts a
    new one, unless it ends a one- or two-letter word (``N. Nazarbayev``, ``No. 5``)."""
    return len(_SENTENCE_END.findall(text.strip())) + 1


# -- "X ([[term:id]])" shows X twice -------------------------------------------------------

_BRACKETED_TERM = re.compile(
    r"\(\[\[(?P<kind>term|event):(?P<id>[a-z0-9-]+)(?:\|(?P<label>[^\]]*))?\]\]\)"
)
_WORDS = re.compile(r"\w+")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _same_word(a: str, b: str) -> bool:
    """The same word, perhaps in another case form: equal up to an ending of at most three
    letters (``әділеттің``/``әділет``, ``юстиции``/``юстиция``)."""
    a, b = a.casefold(), b.casefold()
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 3 and n >= max(len(a), len(b)) - 3


def doubled_term_refs(
    texts: dict[str, str], terms: list[Any], codes: tuple[str, ...], events: Sequence[Any] = ()
) -> list[tuple[Any, str]]:
    """``(Loc, message)`` for every ``X ([[term:id]])`` whose link shows the words X that
    stand right before it (or up to ``NEAR`` words before), so the page reads "judicial
    independence (judicial independence)"; likewise ``X ([[event:id]])`` showing the event's
    title. Lines of one language that follow each other are read as one text, so the words
    may stand on the line before."""
    from explainer.problems import Loc

    shown = {("term", tm.id): tm.term for tm in terms}
    shown.update({("event", ev.id): ev.title for ev in events})
    out: list[tuple[Any, str]] = []
    for path in sorted(texts):
        blocks: list[tuple[str, int, list[str]]] = []
        for lang, n, line in language_lines(path, texts[path], codes):
            if blocks and blocks[-1][0] == lang and blocks[-1][1] + len(blocks[-1][2]) == n:
                blocks[-1][2].append(line)
            else:
                blocks.append((lang, n, [line]))
        for lang, first, lines in blocks:
            text = "\n".join(lines)
            for m in _BRACKETED_TERM.finditer(text):
                tid = f"{m.group('kind')}:{m.group('id')}"
                words_shown = m.group("label") or shown.get(
                    (m.group("kind"), m.group("id")), {}
                ).get(lang, "")
                want = _WORDS.findall(words_shown)
                paragraph = _BLANK_LINE.split(text[: m.start()])[-1]
                found = _repeat(_SENTENCE_BREAK.split(paragraph)[-1], want)
                if found is None:
                    continue
                words, rest = found
                line_no = first + text.count("\n", 0, m.start())
                if not rest:
                    message = (
                        f"'{words} {m.group(0)}' shows the same words twice "
                        f'("{words} ({words_shown})"): write [[{tid}|{words}]] instead, or '
                        f"just [[{tid}]]"
                    )
                else:
                    message = (
                        f"'{rest} {m.group(0)}' shows the same words twice "
                        f'("{rest} ({words_shown})"): link the words where they stand, '
                        f"[[{tid}|{words}]], and drop the bracket"
                    )
                out.append((Loc(path, line_no), message))
    return out


NEAR = 3
"""How many other words may stand between the shown words and the bracket: "осы қағида
кінәсіздік презумпциясы деп аталады ([[term:…]])" still reads the term twice."""
_SENTENCE_BREAK = re.compile(r"[.!?;:](?:\s|$)")


def _repeat(sentence: str, want: list[str]) -> tuple[str, str] | None:
    """The words ``want`` as they stand in ``sentence`` (perhaps in another case form), and
    the sentence's end from them on if other words follow ("" if none), where at most
    ``NEAR`` words follow; else None."""
    if not want:
        return None
    words = list(_WORDS.finditer(sentence))
    for gap in range(NEAR + 1):
        start = len(words) - gap - len(want)
        if start < 0:
            break
        here = words[start : start + len(want)]
        if all(_same_word(a.group(0), b) for a, b in zip(here, want, strict=True)):
            shown = sentence[here[0].start() : here[-1].end()]
            rest = sentence[here[0].start() : words[-1].end()] if gap else ""
            return " ".join(shown.split()), " ".join(rest.split())
    return None


# -- one term, one concept -----------------------------------------------------------------

_SKIP_KEYS = frozenset({"sources", "avoid", "url", "id", "date", "number", "category"})
"""YAML keys whose values are not running text of the site (a source's title may quote a
headline in other words; the avoid list names the wrong words on purpose)."""


def avoid_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase whose every word matches any word beginning with it (``досрочн выбор``
    matches ``досрочных выборов``); it must start at a word boundary."""
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<![\w-])" + r"\s+".join(w + r"[\w-]*" for w in words))


def language_lines(path: str, text: str, codes: tuple[str, ...]) -> list[tuple[str, int, str]]:
    """``(language, line number, line)`` for every line of running text in a content file.

    A Markdown file ``<lang>.md`` is all in its language; in YAML, the value of a key named
    after a language is in that language (keys in ``_SKIP_KEYS`` are skipped)."""
    lines = text.split("\n")
    stem = path.rsplit("/", 1)[-1]
    if stem.endswith(".md"):
        lang = stem[: -len(".md")]
        return [(lang, n, line) for n, line in enumerate(lines, 1)] if lang in codes else []
    if not stem.endswith((".yml", ".yaml")):
        return []
    import yaml

    from explainer.load import compose

    try:
        root = compose(text)
    except yaml.YAMLError:
        return []  # reported by the loader
    out: list[tuple[str, int, str]] = []

    def walk(node: yaml.Node | None) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else ""
                if name in _SKIP_KEYS:
                    continue
                if name in codes and isinstance(value, yaml.ScalarNode):
                    first, last = value.start_mark.line, value.end_mark.line
                    if value.end_mark.column == 0 and last > first:
                        last -= 1  # a block scalar ends at the start of the next line
                    for i in range(first, last + 1):
                        out.append((name, i + 1, lines[i]))
                else:
                    walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    walk(root)
    return out


_TOKEN = re.compile(r"(?<![\w-])[\w-]+")
"""A word as the patterns see one: a run of word characters and hyphens."""

# The scans below are linear in the size of the text, whatever the size of the glossary.
# Trying every avoid pattern and every term name at every place of every line costs
# text × glossary, which grows with the square of the content; instead each word of the
# text walks down a trie (a character tree) of what may start there.


def _starts_with_word(phrase: str) -> bool:
    m = _TOKEN.match(phrase)
    return m is not None and m.start() == 0


class _FirstWords:
    """Distinct avoid phrases by their first word. A phrase's first word matches any word
    of the text *beginning* with it, so a word of the text is looked up by its own
    beginnings, as long as they begin some first word."""

    def __init__(self, phrases: list[str]) -> None:
        self.by_first: dict[str, list[int]] = {}
        self.prefixes: set[str] = set()
        self.other: list[int] = []
        """Phrases that do not start with a word character (rare): searched the plain way."""
        for i, phrase in enumerate(phrases):
            if not _starts_with_word(phrase):
                self.other.append(i)
                continue
            first = _TOKEN.match(phrase).group()  # type: ignore[union-attr]
            self.by_first.setdefault(first, []).append(i)
            self.prefixes.update(first[:n] for n in range(1, len(first) + 1))

    def candidates(self, line: str) -> list[tuple[int, int]]:
        """``(position, phrase index)`` of every place where a phrase may start."""
        out: list[tuple[int, int]] = []
        prefixes, by_first = self.prefixes, self.by_first
        for m in _TOKEN.finditer(line):
            word, pos = m.group(), m.start()
            for n in range(1, len(word) + 1):
                head = word[:n]
                if head not in prefixes:
                    break
                for i in by_first.get(head, ()):
                    out.append((pos, i))
        return out


class _Names:
    """The glossary's term names of one language, as a trie of their characters."""

    END = ""

    def __init__(self, names: list[str]) -> None:
        self.trie: dict[str, Any] = {}
        other = []
        for name in names:
            if not _starts_with_word(name):
                other.append(name)
                continue
            node = self.trie
            for ch in name:
                node = node.setdefault(ch, {})
            node[self.END] = len(name)
        self.other = (
            re.compile(
                r"(?<![\w-])(?:"
                + "|".join(re.escape(n) for n in sorted(set(other), key=len, reverse=True))
                + ")"
            )
            if other
            else None
        )

    def longest_at(self, line: str, pos: int) -> int:
        """The length of the longest name that ``line`` has at ``pos`` (0: none)."""
        node, best = self.trie, 0
        for k in range(pos, len(line)):
            child: dict[str, Any] | None = node.get(line[k])
            if child is None:
                break
            node = child
            best = node.get(self.END, best)
        return best

    def spans(self, line: str) -> list[tuple[int, int]]:
        """Where names stand in ``line``: leftmost first, the longest name at each place,
        not overlapping (what one regular expression ``(?<![\\w-])(?:n1|n2|…)``, the names
        longest first, finds)."""
        longest: dict[int, int] = {}
        for m in _TOKEN.finditer(line):
            n = self.longest_at(line, m.start())
            if n:
                longest[m.start()] = n
        if self.other is not None:
            pos = 0
            while (found := self.other.search(line, pos)) is not None:
                start = found.start()
                longest[start] = max(longest.get(start, 0), found.end() - start)
                pos = start + 1
        spans: list[tuple[int, int]] = []
        end = 0
        for pos in sorted(longest):
            if pos >= end:
                end = pos + longest[pos]
                spans.append((pos, end))
        return spans


def term_consistency(
    texts: dict[str, str], terms: list[Any], codes: tuple[str, ...]
) -> list[tuple[Any, str]]:
    """Every use of a word that a glossary term lists under ``avoid``: ``(Loc, message)``.

    A match that lies inside another glossary term is not reported, so ``Жоғары Сот``
    (avoided for the Supreme Court) does not fire inside ``Жоғары Сот Кеңесі`` (the Supreme
    Judicial Council). The cost is linear in the size of the text: see ``_FirstWords`` and
    ``_Names``."""
    from explainer.problems import Loc

    checks: dict[str, list[tuple[int, Any]]] = {}
    """Per language, in glossary order: (index of the phrase in ``phrases``, term)."""
    phrases: dict[str, list[str]] = {}
    names: dict[str, list[str]] = {}
    for tm in terms:
        for lang, avoided in tm.avoid.items():
            distinct = phrases.setdefault(lang, [])
            for phrase in avoided:
                if phrase not in distinct:
                    distinct.append(phrase)
                checks.setdefault(lang, []).append((distinct.index(phrase), tm))
        for lang, name in tm.term.items():
            names.setdefault(lang, []).append(name)
    out: list[tuple[Any, str]] = []
    if not checks:
        return out
    patterns = {lang: [avoid_pattern(p) for p in ps] for lang, ps in phrases.items()}
    first_words = {lang: _FirstWords(ps) for lang, ps in phrases.items()}
    tries = {lang: _Names(ns) for lang, ns in names.items()}
    for path in sorted(texts):
        for lang, n, line in language_lines(path, texts[path], codes):
            if lang not in checks:
                continue
            found = _avoid_matches(line, patterns[lang], first_words[lang])
            if not found:
                continue
            spans = tries[lang].spans(line) if lang in tries else []
            for i, tm in checks[lang]:
                for m in found.get(i, ()):
                    if any(a <= m.start() and m.end() <= b for a, b in spans):
                        continue
                    out.append(
                        (
                            Loc(path, n),
                            f"'{m.group(0)}' is not the glossary's term: "
                            f"write '{tm.term[lang]}' (one term, one concept; see term "
                            f"'{tm.id}')",
                        )
                    )
    return out


def _avoid_matches(
    line: str, patterns: list[re.Pattern[str]], index: _FirstWords
) -> dict[int, list[re.Match[str]]]:
    """The matches in ``line`` of each phrase (by index), left to right: what
    ``pattern.finditer(line)`` finds for each."""
    found: dict[int, list[re.Match[str]]] = {}
    for pos, i in sorted(index.candidates(line), key=lambda c: (c[1], c[0])):
        m = patterns[i].match(line, pos)
        if m is None:
            continue
        previous = found.setdefault(i, [])
        if previous and m.start() < previous[-1].end():
            continue  # finditer does not report overlapping matches of one pattern
        previous.append(m)
    for i in index.other:
        ms = list(patterns[i].finditer(line))
        if ms:
            found[i] = ms
    return found
