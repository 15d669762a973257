"""Checks of ``content/diagrams/*.yml`` (see CONTENT.md, Diagrams): every problem at once,
each as ``path:line: what is wrong``. Labels are plain text (escaped when drawn)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from explainer.load import LDict
from explainer.problems import Loc
from explainer.render.diagram_svg import KINDS, Column, Diagram, Edge, Node
from explainer.validate import safety

if TYPE_CHECKING:
    from explainer.validate import Validator

FIELDS = ("id", "kind", "title", "description", "columns", "nodes", "edges", "sources", "as_of")
NODE_FIELDS = ("id", "column", "level", "label")
EDGE_FIELDS = ("from", "to", "label")
COLUMN_FIELDS = ("id", "label")


def labels(v: Validator, d: LDict, key: str, what: str, required: bool = True) -> dict | None:
    """One plain text per site language; a missing language is an error (a drawing has no
    fallback: a box in another language would sit among the page's own)."""
    value = d.get(key)
    if value is None:
        if required:
            v.p.error(d.loc, f"missing required field '{key}' in {what}")
        return None
    if not isinstance(value, LDict):
        v.p.error(v.loc(d, key), f"field '{key}' in {what} must give one text per language")
        return None
    out: dict[str, str] = {}
    for lang, text in value.items():
        loc = value.key_locs[lang]
        if lang not in v.langs:
            v.p.error(loc, f"unknown language '{lang}' in '{key}' of {what}")
        elif not isinstance(text, str) or not text.strip():
            v.p.error(loc, f"empty or invalid '{lang}' text in '{key}' of {what}")
        else:
            safety.check_title(text, loc, v.p)
            out[lang] = " ".join(text.split())
    missing = [lang for lang in v.langs if lang not in value]
    if missing:
        v.p.error(v.loc(d, key), f"missing {', '.join(missing)} text in '{key}' of {what}")
        return None
    return out if len(out) == len(v.langs) else None


def items(v: Validator, d: LDict, key: str, what: str) -> list[tuple[LDict, Loc]]:
    value = v.list_field(d, key, what)
    if value is None:
        return []
    return list(v.each_mapping(value, f"each of '{key}' in {what} must be a mapping"))


def diagram(v: Validator, d: LDict, loc: Loc) -> Diagram | None:
    raw_id = d.get("id")
    did = v.ident(raw_id, v.loc(d, "id"), "diagram") if raw_id is not None else None
    if raw_id is None:
        v.p.error(loc, "missing required field 'id' in a diagram")
    what = f"diagram '{did or raw_id}'"
    v.fields(d, what, FIELDS)
    kind = v.choice(d, "kind", what, KINDS)
    title = labels(v, d, "title", what)
    description = labels(v, d, "description", what)
    sources = v.sources(d, what)
    as_of = v.date(d, "as_of", what, required=False)
    ok = all(x is not None for x in (did, kind, title, description))

    columns: list[Column] = []
    for c, _ in items(v, d, "columns", what):
        v.fields(c, f"a column of {what}", COLUMN_FIELDS)
        cid = v.ident(c.get("id"), v.loc(c, "id"), "column")
        label = labels(v, c, "label", f"column '{cid}' of {what}")
        if cid and label:
            columns.append(Column(cid, label))
        else:
            ok = False
    if not columns and "columns" not in d:
        v.p.error(loc, f"missing required field 'columns' in {what}")
        ok = False
    col_ids = [c.id for c in columns]

    nodes: dict[str, Node] = {}
    for n, _ in items(v, d, "nodes", what):
        v.fields(n, f"a node of {what}", NODE_FIELDS)
        nid = v.ident(n.get("id"), v.loc(n, "id"), "node")
        nwhat = f"node '{nid}' of {what}"
        column = v.string(n, "column", nwhat)
        if column is not None and column not in col_ids:
            v.p.error(
                v.loc(n, "column"),
                f"unknown column '{column}' in {nwhat} (columns: {', '.join(col_ids)})",
            )
            column = None
        level = v.integer(n, "level", nwhat)
        label = labels(v, n, "label", nwhat)
        if nid in nodes:
            v.p.error(v.loc(n, "id"), f"duplicate node id '{nid}' in {what}")
        elif nid and column and level is not None and label:
            taken = [x.id for x in nodes.values() if (x.column, x.level) == (column, level)]
            if taken:
                v.p.error(
                    v.loc(n, "level"),
                    f"{nwhat} is on level {level} of column '{column}', where "
                    f"node '{taken[0]}' already is",
                )
            nodes[nid] = Node(nid, column, level, label)
        else:
            ok = False

    edges: list[Edge] = []
    for e, eloc in items(v, d, "edges", what):
        v.fields(e, f"an edge of {what}", EDGE_FIELDS)
        ends = []
        for key in ("from", "to"):
            end = v.string(e, key, f"an edge of {what}")
            if end is not None and end not in nodes:
                v.p.error(
                    v.loc(e, key),
                    f"edge {'to' if key == 'to' else 'from'} unknown node '{end}' in {what}",
                )
                end = None
            ends.append(end)
        label = labels(v, e, "label", f"an edge of {what}", required=False)
        a, b = ends
        if a is None or b is None:
            ok = False
            continue
        na, nb = nodes[a], nodes[b]
        if na.column == nb.column and na.level == nb.level:
            v.p.error(eloc, f"edge from '{a}' to '{b}' in {what} joins two boxes on one level")
            ok = False
        elif (
            na.column != nb.column and abs(col_ids.index(na.column) - col_ids.index(nb.column)) != 1
        ):
            v.p.error(eloc, f"edge from '{a}' to '{b}' in {what} must join neighbouring columns")
            ok = False
        else:
            edges.append(Edge(a, b, label))
    if kind == "steps":
        cycle = find_cycle(edges)
        if cycle:
            v.p.error(loc, f"steps {what} has a cycle: {' → '.join(cycle)}")
            ok = False
    if not ok or did is None or kind is None or title is None or description is None:
        return None
    return Diagram(
        did,
        kind,
        title,
        description,
        tuple(columns),
        tuple(nodes.values()),
        tuple(edges),
        sources,
        as_of,
    )


def find_cycle(edges: list[Edge]) -> list[str]:
    """A cycle among the edges (its node ids, the first repeated at the end), or ``[]``."""
    succ: dict[str, list[str]] = {}
    for e in edges:
        succ.setdefault(e.source, []).append(e.target)
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(n: str) -> list[str]:
        state[n] = 1
        path.append(n)
        for m in succ.get(n, ()):
            if state.get(m) == 1:
                return [*path[path.index(m) :], m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        state[n] = 2
        path.pop()
        return []

    for n in sorted(succ):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return []


def check(v: Validator, raw: list[tuple[Any, Loc]]) -> dict[str, Diagram]:
    """Every diagram of ``content/diagrams/``, checked, by id."""
    out: dict[str, Diagram] = {}
    for d, loc in raw:
        dg = diagram(v, d, loc)
        if dg is None:
            continue
        if dg.id in out:
            v.p.error(loc, f"duplicate diagram id '{dg.id}'")
            continue
        out[dg.id] = dg
    return out
