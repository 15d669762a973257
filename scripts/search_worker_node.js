// Runs Material for MkDocs' own search worker (assets/javascripts/workers/search.*.min.js of a
// built site) in Node, the way a browser runs it: the worker script, then the lunr language
// files it loads with importScripts, then the SETUP and QUERY messages Material's page sends.
// Used by scripts/search_eval.py. Input (stdin, JSON):
//   {worker: path of the worker script (with the ?query the page gives it, if any),
//    lunr: directory that stands for ../lunr/,
//    index: {config, docs}, queries: ["…", …]}
// Output (stdout, JSON): one entry per query: the result pages in Material's order, each
// [location of the page, title], as the search dialog lists them.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

async function main() {
  const input = JSON.parse(fs.readFileSync(0, "utf8"));
  const listeners = [];
  let reply = null;
  const context = {
    console, setTimeout, clearTimeout, URL, TextEncoder, TextDecoder,
    addEventListener: (type, fn) => { if (type === "message") listeners.push(fn); },
    postMessage: message => { const r = reply; reply = null; if (r) r(message); },
    importScripts: (...urls) => {
      for (const url of urls) {
        let file;
        if (url.startsWith("../lunr/"))
          file = path.join(input.lunr, url.slice("../lunr/".length));
        else if (url.startsWith("file://") && path.dirname(new URL(url).pathname) === workers)
          file = new URL(url).pathname;  // a worker that loads Material's worker beside it
        else
          throw new Error(`unexpected script ${url}`);
        vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
      }
    },
  };
  const [workerFile, workerQuery] = input.worker.split("?");
  const workers = path.dirname(workerFile);
  context.location = { href: `file://${workerFile}${workerQuery ? "?" + workerQuery : ""}` };
  context.self = context;
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(workerFile, "utf8"), context, { filename: workerFile });

  const send = data => new Promise(resolve => {
    reply = resolve;
    for (const fn of listeners) fn({ data });
  });
  const ready = await send({ type: 0, data: { ...input.index, options: { suggest: false } } });
  if (ready.type !== 1)
    throw new Error(`search worker did not get ready: ${JSON.stringify(ready)}`);
  const out = [];
  for (const query of input.queries) {
    const result = await send({ type: 2, data: query });
    out.push(result.data.items.map(group => {
      const page = group.find(item => !item.location.includes("#")) || group[0];
      // the most query words one item (the page or a section) matched, as the worker saw them
      const words = Math.max(...group.map(i => Object.values(i.terms || {}).filter(Boolean).length));
      return [page.location.split("#")[0], page.title.replace(/<[^>]+>/g, ""), words];
    }));
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch(err => { console.error(err && err.stack || String(err)); process.exit(1); });
