"""Search: the Kazakh stemmer (lunr.kk), query-word stemming, one index per language, and the
measured quality on tests/search/queries.yml (scripts/search_eval.py, Material's own search
worker run in Node)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

LUNR = ROOT / "overrides" / "assets" / "javascripts" / "lunr" / "min"
KK = LUNR / "lunr.kk.min.js"
sys.path.insert(0, str(ROOT / "scripts"))
import search_eval  # noqa: E402

QUERIES = ROOT / "tests" / "search" / "queries.yml"

# word -> stem: every suffix class, harmony pairs, б/ғ/г, and over-stemming traps
STEMS = [
    # plural: лар/лер after vowels, р, у, й; дар/дер after л м н ң ж з; тар/тер after voiceless
    ("судьялар", "судья"),
    ("мүдделер", "мүдде"),
    ("адамдар", "адам"),
    ("тілдер", "тіл"),
    ("құқықтар", "құқық"),
    ("істер", "іс"),
    ("референдумдар", "референдум"),
    # genitive ның/нің, дың/дің, тың/тің
    ("конституцияның", "конституция"),
    ("заңның", "заң"),
    ("елдің", "ел"),
    ("кеңестің", "кеңес"),
    ("халықтың", "халық"),
    ("президенттің", "президент"),
    # dative ға/ге, қа/ке, на/не (after a possessive)
    ("конституцияға", "конституция"),
    ("жүйеге", "жүйе"),
    ("сотқа", "сот"),
    ("парламентке", "парламент"),
    ("бабына", "бап"),
    ("өкілеттіктеріне", "өкілеттік"),
    # accusative ны/ні, ды/ді, ты/ті, н
    ("конституцияны", "конституция"),
    ("тілді", "тіл"),
    ("бапты", "бап"),
    ("істі", "іс"),
    ("құқығын", "құқық"),
    ("конституциясын", "конституция"),
    # locative да/де, та/те, нда/нде
    ("конституцияда", "конституция"),
    ("елде", "ел"),
    ("сотта", "сот"),
    ("парламентте", "парламент"),
    ("бабында", "бап"),
    ("конституциясында", "конституция"),
    # ablative дан/ден, тан/тен, нан/нен
    ("конституциядан", "конституция"),
    ("соттан", "сот"),
    ("заңнан", "заң"),
    ("бабынан", "бап"),
    ("президенттен", "президент"),
    # instrumental мен/бен/пен (one form for both harmony classes)
    ("заңмен", "заң"),
    ("сотпен", "сот"),
    ("конституциямен", "конституция"),
    ("сенатымен", "сенат"),
    ("тәуелсіздігімен", "тәуелсіздік"),
    # the -дағы adjective
    ("конституциядағы", "конституция"),
    ("соттағы", "сот"),
    ("бабындағы", "бап"),
    # possessive: сы/сі, ы/і, ым/ім, ың/ің, ымыз/іміз, мыз/міз, ыңыз/іңіз
    ("конституциясы", "конституция"),
    ("жүйесі", "жүйе"),
    ("ісі", "іс"),
    ("басы", "бас"),
    ("құқығым", "құқық"),
    ("құқығың", "құқық"),
    ("парламентіміз", "парламент"),
    ("астанамыз", "астана"),
    ("теңдігіміз", "теңдік"),
    ("құқығыңыз", "құқық"),
    ("кеңесі", "кеңес"),
    ("мәжілісі", "мәжіліс"),
    # stacked endings
    ("құқықтарымен", "құқық"),
    ("бостандықтарының", "бостандық"),
    ("құқығымды", "құқық"),
    ("референдумдарда", "референдум"),
    ("алқабилерге", "алқаби"),
    # б/ғ/г between vowels is п/қ/к at the end of a stem
    ("бабы", "бап"),
    ("баб", "бап"),
    ("құқығы", "құқық"),
    ("тәуелсіздігі", "тәуелсіздік"),
    ("кітабы", "кітап"),
    ("тілегі", "тілек"),
    ("бостандығына", "бостандық"),
    # a dropped vowel comes back
    ("халқы", "халық"),
    ("халқының", "халық"),
    # verbs: participles, tenses, the verbal noun
    ("қабылданған", "қабылдан"),
    ("қабылдануына", "қабылдан"),
    ("сайланады", "сайлан"),
    ("қорғайды", "қорға"),
    ("қорғауға", "қорға"),
    ("түзетулерге", "түзет"),
    # traps: words that must not be cut (or not too far)
    ("тәуелсіз", "тәуелсіз"),
    ("тәуелді", "тәуелді"),
    ("қазақстан", "қазақстан"),
    ("қазақстанның", "қазақстан"),
    ("қазақстанда", "қазақстан"),
    ("қазақстаннан", "қазақстан"),
    ("өзбекстанға", "өзбекстан"),
    ("астана", "астана"),
    ("астанада", "астана"),
    ("азаматтық", "азаматтық"),
    ("азаматтығы", "азаматтық"),
    ("шешім", "шешім"),
    ("шешімдері", "шешім"),
    ("ұйымы", "ұйым"),
    ("жоғарғы", "жоғарғы"),
    ("кейін", "кейін"),
    ("қатар", "қатар"),
    ("ата", "ата"),
    ("іс", "іс"),
    ("ел", "ел"),
    ("оқу", "оқу"),
    ("дау", "дау"),
    ("кеңесшілер", "кеңесш"),
    # harmony: a back ending is not taken off a front stem, and the other way round
    ("тілдар", "тілдар"),
    ("адамдер", "адамдер"),
    # not Kazakh words: left alone
    ("1995", "1995"),
    ("court", "court"),
]


def node_json(script: str, data: object) -> object:
    proc = subprocess.run(
        ["node", "-e", script], input=json.dumps(data), capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def stems() -> dict[str, str]:
    words = sorted({w for w, _ in STEMS} | {"тәуелсіздік"})
    script = (
        f"const kk = require({json.dumps(str(KK))});"
        "const words = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(Object.fromEntries("
        "words.map(w => [w, kk.stem(w)]))));"
    )
    result = node_json(script, words)
    assert isinstance(result, dict)
    return result


@pytest.mark.parametrize(("word", "stem"), STEMS)
def test_kazakh_stem(stems: dict[str, str], word: str, stem: str) -> None:
    assert stems[word] == stem


def test_independent_and_dependent_stay_apart(stems: dict[str, str]) -> None:
    # Material searches stem prefixes: neither stem may be a prefix of the other
    a, b = stems["тәуелсіз"], stems["тәуелді"]
    assert not a.startswith(b) and not b.startswith(a)
    assert stems["тәуелсіздік"].startswith(a)


def material_lunr() -> Path:
    import material

    return Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr"


def test_trimmer_keeps_kazakh_letters() -> None:
    # lunr.kk's trimmer, built with lunr-languages' own trimmerSupport (Material's file)
    script = (
        f"const fs = require('fs'); const lunr = {{Pipeline: {{registerFunction() {{}}}},"
        " generateStopWordFilter: words => token => words.includes(String(token)) ? undefined"
        " : token};"
        "new Function('define', 'exports', 'module', fs.readFileSync("
        f"{json.dumps(str(material_lunr() / 'min' / 'lunr.stemmer.support.min.js'))}, 'utf8'))"
        ".call({lunr});"
        f"require({json.dumps(str(KK))}).register(lunr);"
        "const words = JSON.parse(fs.readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(words.map(w => lunr.kk.trimmer(w))));"
    )
    words = [
        "«құқығы»,",
        "(Қазақстан)",
        "әкімшілік.",
        "ғұмыр",
        "өңір",
        "ұлт",
        "үкім",
        "һ",
        "1995",
        "Ata",
        "—",
    ]
    assert node_json(script, words) == [
        "құқығы",
        "Қазақстан",
        "әкімшілік",
        "ғұмыр",
        "өңір",
        "ұлт",
        "үкім",
        "һ",
        "1995",
        "Ata",
        "",
    ]


def test_keyboard_folding_of_the_nine_kazakh_letters() -> None:
    script = (
        f"const kk = require({json.dumps(str(KK))});"
        "const words = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(words.map(w => kk.fold(w))));"
    )
    words = ["қәөұүңғіһ", "ҚӘӨҰҮҢҒІҺ".lower(), "жоғарғы", "төрелігі", "сот", "court", "1995"]
    assert node_json(script, words) == [
        "каоуунгих",
        "каоуунгих",
        "жогаргы",
        "торелиги",
        "сот",
        "court",
        "1995",
    ]


def test_the_pages_start_materials_worker_through_ours(built_flagship: Path) -> None:
    # Material's own lunr files, not a modified copy; our worker names Material's
    site = built_flagship / "site"
    shipped = material_lunr() / "min" / "lunr.stemmer.support.min.js"
    assert (site / "assets/javascripts/lunr/min/lunr.stemmer.support.min.js").read_bytes() == (
        shipped.read_bytes()
    )
    workers = sorted((material_lunr().parent / "workers").glob("search.*.min.js"))
    for root in (site, site / "ru", site / "en"):
        html = (root / "index.html").read_text(encoding="utf-8")
        config = json.loads(re.search(r'id="__config"[^>]*>(.*?)</script>', html, re.S)[1])
        assert config["search"].endswith(
            f"assets/javascripts/workers/explainer-search.js?material={workers[0].name}"
        )
    assert (site / "assets/javascripts/workers" / workers[0].name).is_file()


# -- the query set -----------------------------------------------------------------------


def load_queries() -> list[dict[str, object]]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]


def test_query_set_has_what_the_evaluation_needs() -> None:
    queries = load_queries()
    count = Counter((q["lang"], q["kind"]) for q in queries)
    assert len(queries) >= 150
    assert count["kk", "inflected"] >= 60 and count["ru", "inflected"] >= 40
    assert count["en", "inflected"] >= 30 and count["kk", "folded"] >= 30
    assert all(count[lang, "multiword"] >= 5 for lang in ("kk", "ru", "en"))
    assert sum(n for (_, kind), n in count.items() if kind == "trap") >= 8
    assert {q["kind"] for q in queries} == {"inflected", "multiword", "folded", "trap", "language"}
    articles = {
        p.split("/")[1] for q in queries for p in q.get("expect") or [] if p.startswith("articles/")
    }
    assert len(articles) >= 80


HOLDOUT = ROOT / "tests" / "search" / "holdout.yml"


def test_held_out_query_set_covers_every_article_and_is_new() -> None:
    # session 6's queries, committed before that session's tuning: none is in queries.yml,
    # every article of content/articles/ is an expected page of at least one, and every
    # expected article exists
    held = yaml.safe_load(HOLDOUT.read_text(encoding="utf-8"))["queries"]
    count = Counter((q["lang"], q["kind"]) for q in held)
    assert len(held) >= 150
    assert all(count[lang, "multiword"] >= 5 for lang in ("kk", "ru", "en"))
    assert count["kk", "folded"] >= 30
    seen = {(q["lang"], str(q["q"]).lower()) for q in load_queries()}
    assert [q["q"] for q in held if (q["lang"], str(q["q"]).lower()) in seen] == []
    articles = {p.stem for p in (ROOT / "content" / "articles").glob("*.yml")}
    expected = {
        p.split("/")[1] for q in held for p in q.get("expect") or [] if p.startswith("articles/")
    }
    assert expected - articles == set()
    assert articles - expected == set()


def page_words(site: Path, lang: str) -> dict[str, set[str]]:
    root = site / lang if (site / lang / "search").is_dir() else site
    index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    words: dict[str, set[str]] = {}
    for doc in index["docs"]:
        text = doc["title"] + " " + re.sub(r"<[^>]+>", " ", doc["text"])
        page = doc["location"].split("#")[0]
        words.setdefault(page, set()).update(w.lower() for w in re.findall(r"\w+", text))
    return words


def test_kazakh_queries_are_not_on_their_pages_literally(built_flagship: Path) -> None:
    # the stemmer is measured on word forms the pages do not have; with every article written
    # some forms of the issue-16 queries are on their pages too, but most must not be
    words = page_words(built_flagship / "site", "kk")
    literal, checked = [], 0
    for q in load_queries():
        if q["lang"] != "kk" or q["kind"] != "inflected":
            continue
        typed = [w.lower() for w in re.split(r"[\s\-]+", str(q["q"])) if w]
        built = [p for p in q["expect"] if p in words]
        if not built:
            continue  # an article not written yet: search_eval.py reports it as "not built"
        checked += 1
        if all(any(w in words[p] for p in built) for w in typed):
            literal.append(q["q"])
    assert checked >= 30
    assert len(literal) <= 0.2 * checked, literal


# -- one index per language, and the measured quality --------------------------------------


def test_each_language_has_its_own_index(built_flagship: Path) -> None:
    site = built_flagship / "site"
    for lang, root in (("kk", site), ("ru", site / "ru"), ("en", site / "en")):
        index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        pages = {d["location"].split("#")[0] for d in index["docs"]}
        assert not any(p.startswith(("ru/", "en/")) for p in pages)
        for page in pages:
            html = (root / page / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in html, page
    assert (site / "assets/javascripts/lunr/min/lunr.kk.min.js").is_file()


@pytest.fixture(scope="module")
def evaluation(built_flagship: Path) -> dict[tuple[str, str], dict[str, object]]:
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "search_eval.py"),
            "--site",
            str(built_flagship / "site"),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    return {(r["language"], r["variant"]): r for r in rows}


# Traps that fail, each explained in BENCHMARKS.md: "тәуелді" was written when no page had the
# word (article 61 now does); article 17 also speaks of the death penalty; "судов" finds the
# Constitutional Court articles first.
KNOWN_TRAP_MISSES = {"тәуелді", "өлім жазасы", "судов"}


@pytest.mark.parametrize(("lang", "bar"), [("kk", 0.9), ("ru", 0.85), ("en", 0.85)])
def test_search_quality_bar(
    evaluation: dict[tuple[str, str], dict[str, object]], lang: str, bar: float
) -> None:
    ours = evaluation[(lang, "Ata Zan")]
    default = evaluation[(lang, "Material default")]
    assert ours["recall_at_5"] >= bar, ours["misses"]
    assert ours["recall_at_5"] > default["recall_at_5"]
    assert ours["mrr"] > default["mrr"]
    if lang == "kk":  # Kazakh typed on a Russian keyboard
        assert ours["kinds"]["folded"]["recall_at_5"] >= 0.9, ours["misses"]
    failed = {m.split("'")[1] for m in ours["misses"] if m.startswith("trap ")}
    assert failed <= KNOWN_TRAP_MISSES, ours["misses"]
    assert ours["traps_passed"] + len(failed) == ours["traps"]


@pytest.fixture(scope="module")
def held_out(built_flagship: Path) -> dict[tuple[str, str], dict[str, object]]:
    rows = search_eval.evaluate(built_flagship / "site", search_eval.load_queries(HOLDOUT))
    return {(s.language, s.variant): s.row() for s in rows}


@pytest.mark.parametrize(("lang", "bar"), [("kk", 0.95), ("ru", 0.95), ("en", 0.9)])
def test_search_quality_on_the_held_out_queries(
    held_out: dict[tuple[str, str], dict[str, object]], lang: str, bar: float
) -> None:
    # the goals of issue 16, on queries the search was not tuned to (session 6's set)
    ours, default = held_out[(lang, "Ata Zan")], held_out[(lang, "Material default")]
    assert ours["recall_at_5"] >= bar, ours["misses"]
    assert ours["mrr"] > default["mrr"] and ours["recall_at_5"] > default["recall_at_5"]
    assert ours["traps_passed"] == ours["traps"], ours["misses"]
    assert ours["other_language"] == 0
    if lang == "kk":
        assert ours["kinds"]["folded"]["recall_at_5"] >= 0.9, ours["misses"]


def test_no_result_in_another_language(
    evaluation: dict[tuple[str, str], dict[str, object]],
) -> None:
    assert {
        key: row["other_language"] for key, row in evaluation.items() if row["other_language"]
    } == {}
    assert {lang for lang, _ in evaluation} == {"kk", "ru", "en"}


# -- in the browser: the real search dialog ------------------------------------------------


@pytest.mark.parametrize(
    ("root", "query", "expected", "title"),
    [
        ("/", "президенттің антына", "/articles/42/", "42-бап"),
        ("/", "Парламентіміз", "/articles/49/", "49-бап"),
        ("/ru/", "присягу президентов", "/ru/articles/42/", "Статья 42"),
        ("/ru/", "Верховному суду", "/ru/articles/81/", "Статья 81"),
        ("/", "Жогаргы Соты", "/articles/81/", "81-бап"),  # typed on a Russian keyboard
        ("/en/", "taxes", "/en/articles/35/", "Article 35"),  # English is stemmed
    ],
)
def test_search_dialog_finds_inflected_words_in_the_reader_language(
    server: str,
    browser: object,
    root: str,
    query: str,
    expected: str,  # noqa: F811
    title: str,
) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server}{root}?q={query}")
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    links = page.locator(".md-search-result__item > .md-search-result__link")
    hrefs = [re.split(r"[?#]", h)[0] for h in links.evaluate_all("els => els.map(e => e.href)")]
    assert f"{server}{expected}" in hrefs[:5], hrefs[:5]
    assert title in page.locator(".md-search-result__list").inner_text()
    others = ("/ru/", "/en/") if root == "/" else ()
    assert all(
        h.startswith(f"{server}{root}") and not h.startswith(tuple(f"{server}{o}" for o in others))
        for h in hrefs
    ), hrefs
    page.close()


# -- offline = online, and the index fetched only to search ---------------------------------


def test_offline_bundle_gives_the_hosted_results(
    built_flagship: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # every query of the set, in its language: the same result pages in the same order from
    # the offline bundle (its inlined index, worker and lunr files) as from the hosted site
    import zipfile

    dest = tmp_path_factory.mktemp("offline-search")
    with zipfile.ZipFile(built_flagship / "dist" / "ata-zan-offline.zip") as zf:
        zf.extractall(dest)
    offline, hosted = dest / "ata-zan-offline", built_flagship / "site"
    queries = load_queries()
    for lang, sub in (("kk", ""), ("ru", "ru"), ("en", "en")):
        typed = [str(q["q"]) for q in queries if q["lang"] == lang]
        online = search_eval.site_results(hosted / sub, typed)
        assert sum(map(len, online)) > len(typed)  # the comparison is not of empty lists
        assert search_eval.site_results(offline / sub, typed) == online, lang
        assert (
            search_eval.load_index(offline / sub)["config"]
            == (search_eval.load_index(hosted / sub)["config"])
        )


# Runs in the page: a search worker started the way Material starts it (``__config.search``,
# Worker or, on file://, the iframe-worker shim the page loaded), given the page's own index
# (search_index.json hosted, the inlined search_index.js offline) and the queries; returns
# the result pages of each query in Material's order, as the search dialog lists them.
IN_PAGE_SEARCH = """async (queries) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base + "/", location.href);
  let index;
  if (location.protocol === "file:") {
    await new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL("search/search_index.js", base).href;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
    index = window.__index;
  } else {
    index = await (await fetch(new URL("search/search_index.json", base))).json();
  }
  const worker = new Worker(config.search);
  let reply = null;
  worker.addEventListener("message", ev => { const r = reply; reply = null; if (r) r(ev.data); });
  const send = data => new Promise(resolve => { reply = resolve; worker.postMessage(data); });
  const ready = await send({type: 0, data: {config: index.config, docs: index.docs,
                                            options: {suggest: false}}});
  if (ready.type !== 1) throw new Error("the search worker did not start");
  const out = [];
  for (const query of queries) {
    const result = await send({type: 2, data: query});
    out.push(result.data.items.map(group => {
      const page = group.find(item => !item.location.includes("#")) || group[0];
      return page.location.split("#")[0];
    }));
  }
  return out;
}"""


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_offline_gives_the_hosted_results_in_the_browser(
    built_flagship: Path,
    tmp_path_factory: pytest.TempPathFactory,
    server: str,
    browser: object,
    lang: str,
) -> None:
    # every query of both sets, in Chromium: the offline bundle opened from file:// lists the
    # same result pages in the same order as the hosted site, and as the Node evaluation
    import zipfile

    dest = tmp_path_factory.getbasetemp() / "offline-browser"
    if not dest.is_dir():
        with zipfile.ZipFile(built_flagship / "dist" / "ata-zan-offline.zip") as zf:
            zf.extractall(dest)
    sub = "" if lang == "kk" else f"{lang}/"
    held = yaml.safe_load(HOLDOUT.read_text(encoding="utf-8"))["queries"]
    typed = [str(q["q"]) for q in load_queries() + held if q["lang"] == lang]
    lists = {}
    for where, url in (
        ("hosted", f"{server}/{sub}"),
        ("offline", (dest / "ata-zan-offline" / sub / "index.html").as_uri()),
    ):
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(url)
        # search opened, as a reader opens it: until then the page holds the index back
        page.locator(".md-search__input").focus()
        got = page.evaluate(IN_PAGE_SEARCH, typed)
        page.close()
        lists[where] = [[search_eval.page_of(p) for p in pages] for pages in got]
    assert sum(map(len, lists["hosted"])) > len(typed)  # not a comparison of empty lists
    differ = [q for q, a, b in zip(typed, lists["hosted"], lists["offline"], strict=True) if a != b]
    assert differ == []
    node = search_eval.site_results(built_flagship / "site" / sub, typed)
    assert [q for q, a, b in zip(typed, lists["hosted"], node, strict=True) if a != b] == []


def test_the_index_is_fetched_when_search_opens(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "search_index" in r.url else None)
    page.goto(f"{server}/ru/articles/76/")
    page.wait_for_load_state("networkidle")
    assert fetched == []  # a page view alone does not download the index
    page.locator(".md-search__input").focus()
    page.keyboard.type("судебная власть Республики")
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    assert fetched == [f"{server}/ru/search/search_index.json"]
    links = page.locator(".md-search-result__item > .md-search-result__link")
    hrefs = [re.split(r"[?#]", h)[0] for h in links.evaluate_all("els => els.map(e => e.href)")]
    assert f"{server}/ru/articles/76/" in hrefs[:5], hrefs[:5]
    # the snippet is the passage that matched, not the page's status boilerplate
    text = page.locator(".md-search-result__list").inner_text()
    assert "от имени Республики" in text
    assert "Сведения по состоянию" not in text
    page.close()


def test_the_offline_index_is_loaded_when_search_opens(
    built_flagship: Path, tmp_path_factory: pytest.TempPathFactory, browser: object
) -> None:
    # from file:// Material appends search/search_index.js (the whole index inlined: 4 MB in
    # Kazakh) to the head as the page starts; it waits until search opens, as hosted
    import zipfile

    dest = tmp_path_factory.getbasetemp() / "offline-browser"
    if not dest.is_dir():
        with zipfile.ZipFile(built_flagship / "dist" / "ata-zan-offline.zip") as zf:
            zf.extractall(dest)
    page = browser.new_page()  # type: ignore[attr-defined]
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "search_index" in r.url else None)
    page.goto((dest / "ata-zan-offline" / "articles" / "76.html").as_uri())
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert fetched == []  # a page view alone does not read the index
    page.locator(".md-search__input").focus()
    page.keyboard.type("сот билігі")
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    assert fetched == [(dest / "ata-zan-offline" / "search" / "search_index.js").as_uri()]
    links = page.locator(".md-search-result__item > .md-search-result__link")
    hrefs = [re.split(r"[?#]", h)[0] for h in links.evaluate_all("els => els.map(e => e.href)")]
    assert (dest / "ata-zan-offline" / "articles" / "76.html").as_uri() in hrefs[:5], hrefs[:5]
    page.close()


AXE = ROOT / "tools" / "node" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize(
    ("root", "query"), [("/ru/", "от имени Республики"), ("/", "сот торелигин")]
)
def test_search_results_have_no_serious_accessibility_violation(
    server: str, browser: object, root: str, query: str
) -> None:
    # Material's dialog with results open, on a phone and a desktop: axe finds nothing serious
    # (the result count and the marked words failed the contrast check before)
    assert AXE.is_file(), "axe-core is missing: run `make node`"
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
        page.goto(f"{server}{root}?q={query}")
        page.wait_for_selector(".md-search-result__item", timeout=20000)
        page.add_script_tag(path=str(AXE))
        found = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => [v.id, v.impact, v.nodes[0].target.join(' ')])"
        )
        page.close()
        assert [v for v in found if v[1] in ("serious", "critical")] == [], width


def _word_counts(site: Path, lang: str, queries: list[str], default: bool) -> list[list[int]]:
    """Per query, the most query words one item of each result page matched, in result order
    (the search worker the pages start, or Material's own worker and settings)."""
    root = search_eval.language_root(site, lang)
    built = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    worker = search_eval.page_worker(root)
    assets = Path(worker.split("?")[0]).parent.parent  # shared by the languages
    lunr, config = assets / "lunr", built["config"]
    if default:
        worker = str(sorted((assets / "workers").glob("search.*.min.js"))[0])
        lunr = search_eval.material_lunr()
        config = {**built["config"], **search_eval.material_settings(lang)}
    pages = search_eval.run_worker(worker, lunr, {"config": config, "docs": built["docs"]}, queries)
    return [[p[2] for p in result] for result in pages]


def test_pages_with_every_query_word_come_first(built_flagship: Path) -> None:
    # issue 16 item 1: a result page matching all the query words ranks above every page
    # matching fewer, for every multi-word query of both sets and every language
    queries = search_eval.load_queries(QUERIES) + search_eval.load_queries(HOLDOUT)
    site = built_flagship / "site"
    unordered: dict[str, list[str]] = {}
    for lang in ("kk", "ru", "en"):
        typed = [q.q for q in queries if q.lang == lang and q.kind == "multiword"]
        assert len(typed) >= 7, lang
        for default in (False, True):
            counts = _word_counts(site, lang, typed, default)
            unordered[f"{lang} {'default' if default else 'ours'}"] = [
                q for q, c in zip(typed, counts, strict=True) if c != sorted(c, reverse=True)
            ]
    ours = {k: v for k, v in unordered.items() if k.endswith("ours")}
    assert ours == {"kk ours": [], "ru ours": [], "en ours": []}
    # the check can fail: Material's default order ranks one-word pages above all-word ones
    assert any(v for k, v in unordered.items() if k.endswith("default")), unordered
