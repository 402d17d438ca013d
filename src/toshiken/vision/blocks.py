"""A page's own blocks (title, main) rendered once per vision, page key and language.

The portal's pages are pure functions of the (immutable) Vision, their parameters and the
reader's language; only the layout around them (the menu marks the current page, the language
link keeps the query) depends on the request. So the page's `title` and `main` blocks are
rendered once and kept, and each request renders the layout around them (`_page.html`).
A page template that uses this imports its macros inside `{% block main %}`: a block rendered
on its own does not see the template's top-level statements.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from threading import Lock

from jinja2 import Environment
from markupsafe import Markup

from toshiken.vision.model import Vision

LIMIT = 256
"""Pages kept per process (a full /matrix is ~140 kB: the worst case is a few tens of MB)."""


@dataclass(frozen=True)
class Blocks:
    """The rendered blocks of one page in one language."""

    title: Markup
    main: Markup


_KEPT: dict[tuple[Hashable, ...], tuple[Vision, Blocks]] = {}
_LOCK = Lock()


def render_blocks(env: Environment, name: str, context: Mapping[str, object]) -> Blocks:
    """Render the `title` and `main` blocks of template `name` with `context`."""
    template = env.get_template(name)
    ctx = template.new_context(dict(context))
    title, main = (Markup("".join(template.blocks[b](ctx))) for b in ("title", "main"))
    return Blocks(title, main)


def page_blocks(
    env: Environment,
    vision: Vision,
    name: str,
    key: tuple[Hashable, ...],
    lang: str,
    build: Callable[[], Mapping[str, object]],
) -> Blocks:
    """The blocks of `name` for this vision, key and language; `build()` gives the context on
    a miss (so charts and tables are made only then)."""
    memo_key = (id(vision), name, key, lang)
    hit = _KEPT.get(memo_key)
    if hit is not None and hit[0] is vision:
        return hit[1]
    blocks = render_blocks(env, name, {"lang": lang, **build()})
    with _LOCK:
        if len(_KEPT) >= LIMIT:
            _KEPT.clear()
        _KEPT[memo_key] = (vision, blocks)
    return blocks


def forget_blocks() -> None:
    """Drop every kept page (tests that change templates or catalogs in-process)."""
    with _LOCK:
        _KEPT.clear()
