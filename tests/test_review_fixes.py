"""Issue 14 items 5 and 7: the errors of the two reviews (/work/shared/reviews/facts.md and
language.md, listed with where each was fixed in design/review-checklist.md) stay fixed. Each
item names the files, the wrong text that must not come back and, where the review gave one,
the corrected text that must be there. Source titles are quoted as published, so a wrong form
inside one (a news headline's «Ата заң») is not a finding."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT

# (review item, files (globs under the repository), wrong text, right text); a regex each
ITEMS: list[tuple[str, str, str | None, str | None]] = [
    # facts.md: the numbered claims with a defect (#3, #13, #14) and every item of §2
    ("F#3", "src/explainer/ui.yml", None, r"Дереккөздер келіспейді"),
    ("F#13 en", "content/topics/constitution-2026/en.md", r"were not found", r"final"),
    ("F#13 ru", "content/topics/constitution-2026/ru.md", r"найти не удалось", r"окончательн"),
    ("F#13 kk", "content/topics/constitution-2026/kk.md", r"табылмады", r"түпкілікті"),
    ("F#13 anniv.", "content/topics/anniversaries/*.md", r"preliminary figures: turnout", None),
    ("F#14", "src/explainer/templates/parallel_article.md.j2", None, r"status"),
    (
        "F2.1",
        "content/**/*.md content/**/*.yml",
        r"ordinary working day|обычным рабочим днём"
        r"|қарапайым жұмыс күні",
        None,
    ),
    ("F2.3", "content/glossary/*.yml", r"15 before the 2022 reform|15 депутатов до реформы", None),
    (
        "F2.5",
        "content/**/*.md content/**/*.yml",
        r"five tiers to three|от пяти звеньев к трём"
        r"|бес буыннан үш буынға",
        None,
    ),
    (
        "F2.6 en",
        "content/topics/presidential-election/en.md content/handouts/*.yml",
        r"the President may call an early election|also requires higher education"
        r"|is elected in the first round",
        None,
    ),
    ("F2.6 ru", "content/topics/presidential-election/ru.md", r"Президент может назначить", None),
    ("F2.6 note", "content/events/*.yml", r"The last wording of Article 41\(2\) requires", None),
    ("F2.8", "content/articles/42.yml", r"slaidy", r"Wednesday"),
    ("F4 home page", "content/**/*.yml", r"url: https://timesca\.com/\s*$", None),
    (
        "F4 weak sites",
        "content/**/*.md content/**/*.yml",
        r"slaidy\.com|stud24\.ru|smekni\.com|brainia\.com|emirsaba\.org|dzen\.ru|q8times",
        None,
    ),
    # language.md
    (
        "K1",
        "content/glossary/courts.yml",
        r"мысалы, күзетпен ұстауға санкция берудің заңдылығын",
        r"санкция беретін",
    ),
    ("K2", "content/glossary/courts.yml", r"үкімді 10 алқаби", None),
    ("K3", "content/site.yml", None, r"cited_in: Сілтеме жасаған беттер"),
    ("K4", "content/topics/ladder-of-appeal/kk.md", r"ауырлығы онша емес", r"онша ауыр емес"),
    ("K5", "content/topics/ladder-of-appeal/kk.md", r"кассациялық саты болуды тоқтатты", None),
    ("K6", "content/events/1990s.yml", r"89% те", r"89% да"),
    ("K7", "content/handouts/*.yml", r"Сотта құқықтарыңыз", r"Соттағы құқықтарыңыз"),
    ("K8", "content/handouts/*.yml", r"бір қарағанда", None),
    ("K9", "content/articles/1.yml", r"ең алдымен", r"түптеп келгенде"),
    ("K10", "content/articles/41.yml", r"кейін өзгертуге болмайтын", None),
    ("K11", "content/topics/anniversaries/kk.md", r"алғашқы екі кандидат", r"ең көп дауыс алған"),
    (
        "K12",
        "content/topics/constitution-2026/kk.md",
        r"ең қымбат қазынасы — адам",
        r"ең жоғары құндылы",
    ),
    ("K13", "content/glossary/institutions.yml", None, r"Конституцияның\s+мызғымастығының"),
    ("K14", "content/topics/administrative-justice/kk.md", r"күмәндар", None),
    ("S8", "content/topics/presidential-election/kk.md", r"өз жарлығымен", r"шешімімен"),
    ("S14", "content/**/kk.md content/**/*.yml", r"унитарлық|унитарлығы", r"унитарлы"),
    (
        "R1",
        "content/glossary/elections.yml",
        r"повторные выборы \(второй тур\)",
        r"повторное голосование",
    ),
    ("R2", "content/topics/president-role/ru.md", r"своим арбитражем", None),
    ("R3", "content/handouts/*.yml", r"в одном взгляде", None),
    ("R4", "content/topics/judicial-power/ru.md", r"самых тяжких", r"особо тяжк"),
    ("R5", "content/articles/77.yml", r"пока его виновность не признана", None),
    ("R6", "content/**/*.md content/**/*.yml", r"Халык Кенеси", None),
    ("R7", "content/**/ru.md content/**/*.yml", r"Верховный суд\b", None),
    ("R-s9", "content/**/ru.md", r"\d %", None),
    ("E1", "content/topics/president-role/en.md", r"by arbitration", None),
    ("E2", "content/topics/ladder-of-appeal/en.md", r"procedure codes", r"procedural codes"),
    ("E3", "content/glossary/institutions.yml", None, r"inviolability of the\s+Constitution"),
    ("E4", "content/topics/ladder-of-appeal/en.md", r"actually examined", r"on the merits"),
    ("C3", "content/topics/presidential-election/en.md", r"by decree", None),
]


def files(globs: str) -> dict[str, str]:
    out = {}
    for g in globs.split():
        for p in sorted(ROOT.glob(g)):
            if p.is_file():
                out[str(p.relative_to(ROOT))] = p.read_text("utf-8")
    return out


def findings(globs: str, wrong: str | None, right: str | None) -> list[str]:
    texts = files(globs)
    if not texts:
        return [f"no file matches {globs}"]
    out = []
    for rel, text in texts.items():
        for i, line in enumerate(text.splitlines(), 1):
            if "title:" in line:  # a source's title, quoted as published
                continue
            if wrong and re.search(wrong, line):
                out.append(f"{rel}:{i}: {line.strip()[:80]}")
    if right and not any(re.search(right, t) for t in texts.values()):
        out.append(f"{globs}: the corrected text /{right}/ is missing")
    return out


@pytest.mark.parametrize(("item", "globs", "wrong", "right"), ITEMS, ids=[i[0] for i in ITEMS])
def test_review_item_stays_fixed(
    item: str, globs: str, wrong: str | None, right: str | None
) -> None:
    assert findings(globs, wrong, right) == []


def test_the_item_check_can_fail() -> None:
    assert findings("content/topics/ladder-of-appeal/kk.md", r"онша ауыр емес", None)
    assert findings("content/topics/ladder-of-appeal/kk.md", None, r"кассациялық саты болуды")
    assert findings("content/nothing/*.md", r"x", None) == ["no file matches content/nothing/*.md"]
