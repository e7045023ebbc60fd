"""Glossary terms in sentences: find them, and link a caption's terms to the Guide page.

The definitions are data in :data:`planner.vocab.GLOSSARY`. Pages show a caption through
:func:`link_terms`, so the first use of "WTE" or "headroom" in it links to the Guide's definition;
exports keep the plain sentence. Column labels cannot hold links, so tables carry the definition as
the column's help text instead (:func:`planner.views.tables.column_help`).
"""

from __future__ import annotations

import re
from functools import cache

from planner.vocab import GLOSSARY, GlossaryTerm

#: Where the Guide page is served (``pages/guide.py`` in ``app.py``'s navigation).
GUIDE_URL = "/guide"


@cache
def _pattern() -> re.Pattern[str]:
    spellings = sorted({m for t in GLOSSARY for m in t.matches}, key=len, reverse=True)
    return re.compile(
        r"(?<![\w\[-])(" + "|".join(re.escape(s) for s in spellings) + r")(?![\w-])", re.IGNORECASE
    )


@cache
def _by_spelling() -> dict[str, GlossaryTerm]:
    return {m.lower(): t for t in GLOSSARY for m in t.matches}


def find_terms(text: str) -> list[tuple[int, int, GlossaryTerm]]:
    """Every glossary term used in ``text``: ``(start, end, term)``, in order, longest spelling first.

    Args:
        text: a caption, a label or any sentence.

    Returns:
        Non-overlapping matches as whole words, case-insensitive.
    """
    return [(m.start(), m.end(), _by_spelling()[m.group(0).lower()]) for m in _pattern().finditer(text)]


def terms_in(text: str) -> list[GlossaryTerm]:
    """The distinct glossary terms ``text`` uses, in order of first use."""
    seen: dict[str, GlossaryTerm] = {}
    for _, _, term in find_terms(text):
        seen.setdefault(term.anchor, term)
    return list(seen.values())


def link_terms(text: str, guide_url: str = GUIDE_URL) -> str:
    """``text`` as Markdown with the first use of each glossary term linked to its Guide entry.

    Args:
        text: a caption in plain words (Markdown already in it is kept).
        guide_url: the Guide page's address.

    Returns:
        e.g. ``"The team has 6.9 WTE"`` → ``"The team has 6.9 [WTE](/guide#wte)"``.
    """
    out, last, linked = [], 0, set()
    for start, end, term in find_terms(text):
        if term.anchor in linked:
            continue
        linked.add(term.anchor)
        out += [text[last:start], f"[{text[start:end]}]({guide_url}#{term.anchor})"]
        last = end
    return "".join(out) + text[last:]


#: The sentence every page's first caption ends with, linking to the Guide.
GUIDE_NOTE = f" New here? The [Guide]({GUIDE_URL}) explains the steps and the terms."
