"""The compiled-template cache the MkDocs adapter shares between its builds."""

from __future__ import annotations

import jinja2

from explainer.engine.mkdocs_plugin import _SharedBytecode


def test_compiled_once_reused_by_a_new_environment_and_never_stale() -> None:
    cache = _SharedBytecode()
    source = {"page.html": "<h1>{{ title }}</h1>"}

    def env() -> jinja2.Environment:
        return jinja2.Environment(loader=jinja2.DictLoader(source), bytecode_cache=cache)

    assert env().get_template("page.html").render(title="a") == "<h1>a</h1>"
    assert len(cache.store) == 1
    stored = dict(cache.store)
    compiled = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, *args: object, **kw: object) -> object:
        compiled.append(args[1] if len(args) > 1 else kw.get("name"))
        return original(self, *args, **kw)  # type: ignore[arg-type]

    jinja2.Environment.compile = counting  # type: ignore[method-assign]
    try:
        assert env().get_template("page.html").render(title="b") == "<h1>b</h1>"
        assert compiled == []  # the second environment loaded the bytecode
        assert cache.store == stored
        source["page.html"] = "<h2>{{ title }}</h2>"  # the template changed: compiled anew
        assert env().get_template("page.html").render(title="c") == "<h2>c</h2>"
        assert compiled == ["page.html"]
    finally:
        jinja2.Environment.compile = original  # type: ignore[method-assign]
