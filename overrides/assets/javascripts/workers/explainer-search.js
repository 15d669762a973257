/*!
 * Ata Zan search worker (MIT). Material for MkDocs' own search worker, with three changes.
 *
 * The page starts this file instead of Material's worker (overrides/main.html points
 * `__config.search` here, with Material's worker file named in `?material=`). It loads
 * Material's worker unchanged, so the dialog, the result list, highlighting, keyboard use and
 * screen-reader output are Material's; then:
 *
 * 1. Query words are stemmed before lunr expands them, in every language. Material turns
 *    every query word into a prefix query (`конституции*`) and lunr does not run its search
 *    pipeline on a word with a wildcard, so a stemmed index (конституц) never meets an
 *    inflected query word. Each word is run through the index's own search pipeline (the
 *    language's stemmer, or nothing if the site's `search.pipeline` leaves the stemmer out)
 *    before the trailing `*`: `Конституции*` becomes `конституц*`, `jurors*` becomes
 *    `juror*`. The query parser is patched, so Material's highlighting and "missing" marks
 *    see the same stemmed words. (English loads no lunr language file, which is why this
 *    lives here and not in lunr.stemmer.support.min.js.)
 * 2. Every word counts: the result pages are re-ordered so that a page with more of the
 *    query's words comes before a page with fewer (a word counts for a page when the page
 *    or one of its sections matched it): first by the most words one section (or the title)
 *    has, then by the words the whole page has, then Material's score (titles weigh 1000
 *    times body text).
 * 3. Kazakh typed on a Russian keyboard (к for қ, а for ә, о for ө, у for ұ/ү, н for ң, г for
 *    ғ, и or Latin i for і, х for һ) finds what the correct spelling finds: lunr.kk indexes
 *    each word with a Kazakh letter also folded (marked), and a query without one Kazakh
 *    letter looks each word up as typed and folded. A query with a Kazakh letter meets only
 *    the words as written, so folding costs correctly typed queries nothing.
 *
 * Runs as a real Worker (hosted site), inside the iframe-worker shim (file://, where
 * importScripts returns a promise and the page's URL is the iframe's), and in Node
 * (scripts/search_worker_node.js, the evaluation).
 */
(function (self) {
  "use strict";

  var QUERY = 2, RESULT = 3;
  var SHORT = 4;
  var script = typeof document !== "undefined" && document.querySelector
    ? document.querySelector("script[src]")
    : null;
  var here = String(script ? script.src : self.location.href);
  var name = /(search\.[0-9a-f]+\.min\.js)/.exec(here);
  if (!name)
    throw new Error("explainer-search.js: no ?material=search.<hash>.min.js in " + here);

  /* Material's worker registers one message listener and answers with postMessage. */
  var addEventListener = self.addEventListener;
  var postMessage = self.postMessage;
  var material = null;
  self.addEventListener = function (type, fn, options) {
    if (type === "message" && !material) {
      material = fn;
      return undefined;
    }
    return addEventListener.call(self, type, fn, options);
  };

  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data)
      message.data.items = rank(message.data.items);
    return postMessage.apply(self, arguments);
  };

  /* -- 1. stem query words ------------------------------------------------------------- */

  /* lunr's query syntax (+word, -word, field:word, word~1, word^2, word*, "a phrase"): a
     query that uses it is passed to Material as typed. */
  var SYNTAX = /(?:^|\s)[+-]|[~^:*"]/;
  var WORDS = /[\s\-\u2010-\u2015]+/;   /* spaces and dashes split words, as in the index */

  var stopWord = null;  /* the index's stop-word filter: the index has none of these words */

  /* Words of the index's stop-word list are left out of a query of plain words (unless
     nothing would be left): "от имени Республики" is "имени Республики". */
  function withoutStopWords(query) {
    if (!stopWord || typeof query !== "string" || SYNTAX.test(query))
      return query;
    var words = query.trim().split(WORDS);
    var kept = words.filter(function (word) {
      return stopWord(new self.lunr.Token(word.toLowerCase(), {})) !== undefined;
    });
    return kept.length && kept.length < words.length ? kept.join(" ") : query;
  }

  function hook(lunr) {
    if (!lunr || !lunr.QueryParser || lunr.QueryParser.stemsWildcards)
      return;
    var pipeline = null;

    var build = lunr.Builder.prototype.build;
    lunr.Builder.prototype.build = function () {
      var index = build.apply(this, arguments);
      pipeline = index.pipeline;
      stopWord = this.pipeline._stack.filter(function (fn) {
        return /^stopWordFilter/.test(fn.label || "");
      })[0] || null;
      folds = this.pipeline._stack.some(function (fn) { return fn.label === "folder-kk"; });
      return index;
    };

    /* `word*` becomes `stem*`, or the bare `stem` (every form of that word, nothing else)
       when the stemmer cut the word to fewer than SHORT letters: `атынан*` is `ат`, not
       every word that starts with "ат". Returns the term, or null to leave the word alone. */
    lunr.QueryParser.stemWildcardTerm = function (text) {
      var match = /^([^*]+)(\*?)$/.exec(text);
      if (!pipeline || !match)
        return null;
      var word = normalize(match[1].toLowerCase());
      var stems = pipeline.runString(word);
      if (stems.length !== 1 || !stems[0])
        return null;
      var stem = stems[0];
      var folded = stem.charAt(0) === MARK;
      var letters = stem.length - (folded ? 1 : 0);
      var prefix = match[2] && (letters >= SHORT || (stem === word && !folded));
      return prefix ? stem + "*" : stem;
    };

    var parseTerm = lunr.QueryParser.parseTerm;
    lunr.QueryParser.parseTerm = function (parser) {
      var lexeme = parser.peekLexeme();
      var clause = parser.currentClause;
      var stemmed = lexeme && lexeme.type === lunr.QueryLexer.TERM
        ? lunr.QueryParser.stemWildcardTerm(lexeme.str)
        : null;
      if (stemmed)
        lexeme.str = stemmed;
      var next = parseTerm(parser);
      if (stemmed)
        clause.usePipeline = false;  /* stemmed once, here */
      return next;
    };
    lunr.QueryParser.stemsWildcards = true;
  }

  /* -- 3. Kazakh typed on a Russian keyboard ------------------------------------------- */

  var MARK = "\u0001";      /* lunr.kk.foldMark: the index's folded forms start with it */
  var folds = false;        /* this index has folded forms (lunr.kk's folder) */
  var KAZAKH = /[\u049A\u049B\u04D8\u04D9\u04E8\u04E9\u04B0\u04B1\u04AE\u04AF\u04A2\u04A3\u0492\u0493\u0406\u0456\u04BA\u04BB]/;

  /* A query of Cyrillic words without one Kazakh letter may be Kazakh typed on a Russian
     keyboard: each word is also looked up folded (MARK + word). A query with a Kazakh letter
     is typed on a Kazakh keyboard and is left as it is. */
  function withFoldedWords(query) {
    if (!folds || typeof query !== "string" || SYNTAX.test(query))
      return query;
    if (!/[\u0400-\u04FF]/.test(query) || KAZAKH.test(query))
      return query;
    return query.trim().split(WORDS).map(function (word) {
      return /[\u0400-\u04FF]/.test(word) ? word + " " + MARK + word : word;
    }).join(" ");
  }

  /* A Latin i in a Cyrillic word stands for the Kazakh і, typed folded (и). */

  function normalize(word) {
    return /[\u0400-\u04FF]/.test(word) ? word.replace(/i/g, "\u0438") : word;
  }

  /* -- 2. every word counts -------------------------------------------------------------- */

  /* The words an item matched; a folded word and its word as typed are one word (and
     Material's "missing" list shows each word once). */
  function words(item) {
    var merged = {}, out = {};
    for (var term in item.terms || {}) {
      var word = term.replace(MARK, "");
      merged[word] = merged[word] || !!item.terms[term];
    }
    item.terms = merged;
    for (var w in merged)
      if (merged[w])
        out[w] = true;
    return out;
  }

  function count(set) {
    return Object.keys(set).length;
  }

  /* -- 4. words side by side ----------------------------------------------------------- */

  /* The most distinct query words that stand together in the title or the text of an item:
     Material marks each word it matched (<mark>…</mark>); a run of marked words with at most
     one unmarked word between two of them (a stop word, "суда или прокурора") counts each
     query word once. A marked word is the query word whose stem it starts with (folded, for
     Kazakh typed on a Russian keyboard; the stem's last letter may differ, as "happi" for
     "happy"). */
  var TOKENS = /<mark>([\s\S]*?)<\/mark>|<[^>]*>|([^\s<>.,;:!?()\[\]{}«»"“”„\u2013\u2014]+)|([.;:!?]+)/g;

  function termOf(text, terms) {
    var fold = self.lunr && self.lunr.kk && self.lunr.kk.fold;
    var word = normalize(text.toLowerCase());
    var folded = fold ? fold(word) : word;
    for (var i = 0; i < terms.length; i++) {
      var stem = terms[i].slice(0, Math.max(3, terms[i].length - 1));
      if (word.indexOf(stem) === 0 || folded.indexOf(stem) === 0)
        return terms[i];
    }
    return null;
  }

  function nearness(item, terms) {
    if (terms.length < 2)
      return terms.length;
    var most = 0;
    [item.title || "", item.text || ""].forEach(function (html) {
      var run = {}, size = 0, gap = 0, match;
      TOKENS.lastIndex = 0;
      while ((match = TOKENS.exec(html))) {
        if (match[1] !== undefined) {
          var term = termOf(match[1].replace(/<[^>]*>/g, ""), terms);
          if (!term)
            continue;
          if (run[term] || gap > 1) {
            run = {};
            size = 0;
          }
          if (!run[term]) {
            run[term] = true;
            size += 1;
          }
          gap = 0;
          most = Math.max(most, size);
        } else if (match[2] !== undefined) {
          gap += 1;
        } else if (match[3] !== undefined) {
          gap = 2;  /* a sentence ends */
        }
      }
    });
    return most;
  }

  function rank(groups) {
    if (!Array.isArray(groups))
      return groups;
    var keyed = groups.map(function (group, order) {
      var union = {};
      var best = 0;
      group.forEach(function (item) {
        var mine = words(item);
        for (var term in mine)
          union[term] = true;
        best = Math.max(best, count(mine));
      });
      var terms = Object.keys(union).sort(function (a, b) { return b.length - a.length; });
      var near = 0, titled = 0;
      group.forEach(function (item) {
        near = Math.max(near, nearness(item, terms));
        if (item.location.indexOf("#") < 0)
          titled = nearness({ title: item.title }, terms);
      });
      return {
        group: group, all: count(union), best: best, near: near, titled: titled, order: order
      };
    });
    keyed.sort(function (a, b) {
      return b.best - a.best || b.near - a.near || b.titled - a.titled || b.all - a.all ||
        a.order - b.order;
    });
    return keyed.map(function (k) { return k.group; });
  }

  /* -- load Material's worker, then pass the page's messages to it -------------------- */

  var loaded = Promise.resolve(importScripts(new URL(name[1], here).href)).then(function () {
    if (!material)
      throw new Error("explainer-search.js: Material's search worker did not start");
    hook(self.lunr);
  });

  addEventListener.call(self, "message", function (ev) {
    var data = ev.data;
    loaded.then(function () {
      if (data && data.type === QUERY)
        data = { type: QUERY, data: withFoldedWords(withoutStopWords(data.data)) };
      material({ data: data });
    });
  });
})(self);
