"""Chart and statement table for the Frameworks browser: levels × competencies with the expectation verb.

The sentence under the chart comes from :mod:`planner.captions.frameworks`.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from planner.reference.frameworks import EXPECTATION_CLASSES, Framework, level_matrix
from planner.style import FONT, NHS_DARK_BLUE, NHS_PALE_GREY, TEMPLATE

_CLASS_RANK = {c: i + 1 for i, c in enumerate(EXPECTATION_CLASSES)}
#: Short cell words for the normalised expectation scale; the source's own verb is on hover.
CELL_WORDS = {
    "aware": "Aware of",
    "understands": "Understands",
    "assists": "Assists",
    "demonstrates": "Demonstrates",
    "conducts": "Conducts",
    "leads": "Leads on",
}


def statements(
    fw: Framework, *, query: str = "", domain: str | None = None, area: str | None = None
) -> pd.DataFrame:
    """The framework's statements as a table, filtered by free text, domain label and area label.

    Args:
        fw: the framework.
        query: words that must all appear (case-insensitive) in the id, text, domain or area.
        domain: a domain label to keep, or ``None`` for all.
        area: an area label to keep, or ``None`` for all.

    Returns:
        One row per competency: ``competency_id``, ``text``, ``domain``, ``area`` and one column per
        level (most junior first) holding the expectation verb, ``"✓"`` for a bare mark, or ``""``.
    """
    table = level_matrix(fw)
    keep = pd.Series(True, index=table.index)
    if domain:
        keep &= table["domain"] == domain
    if area:
        keep &= table["area"] == area
    haystack = (
        table[["competency_id", "text", "domain", "area"]].astype(str).agg(" ".join, axis=1).str.lower()
    )
    for word in query.lower().split():
        keep &= haystack.str.contains(word, regex=False)
    return table[keep].reset_index(drop=True)


def framework_heatmap(fw: Framework, table: pd.DataFrame, *, wrap: int = 48) -> go.Figure:
    """Levels (columns) × competencies (rows); colour is how demanding the expectation is.

    Args:
        fw: the framework, for its levels and title.
        table: rows from :func:`statements` (already filtered).
        wrap: characters of statement text shown on the row label before it is cut.

    Returns:
        A Plotly heatmap whose cells carry the source's verb as text and the full statement on hover.
    """
    levels = list(fw.levels["label"])
    verbs = table[levels] if len(table) else pd.DataFrame(columns=levels)
    req = fw.requirements.set_index(["competency_id", "level_id"])["expectation_class"]
    level_ids = list(fw.levels["level_id"])
    classes = [[req.get((cid, lid)) for lid in level_ids] for cid in table["competency_id"]]
    z = [
        [(_CLASS_RANK.get(cls, 3) if verbs.iloc[r, c] else 0) for c, cls in enumerate(row)]
        for r, row in enumerate(classes)
    ]
    cells = [
        [(CELL_WORDS.get(cls, "✓") if verbs.iloc[r, c] else "") for c, cls in enumerate(row)]
        for r, row in enumerate(classes)
    ]
    labels = [
        f"{cid} · {text[:wrap]}{'…' if len(text) > wrap else ''}"
        for cid, text in zip(table["competency_id"], table["text"], strict=True)
    ]
    hover = [
        [
            f"<b>{lvl}</b>: {verbs.iloc[r][lvl] or 'not expected at this level'}<br>{_wrap(t)}"
            for lvl in levels
        ]
        for r, t in enumerate(table["text"])
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=levels,
            y=labels,
            text=cells,
            texttemplate="%{text}",
            textfont={"size": 11, "color": "#212B32"},
            hovertext=hover,
            hoverinfo="text",
            zmin=0,
            zmax=len(EXPECTATION_CLASSES),
            colorscale=[[0.0, "#FFFFFF"], [0.01, NHS_PALE_GREY], [1.0, "#7FB3E0"]],
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    fig.update_layout(
        template=TEMPLATE,
        font={**FONT, "size": 12},
        title={
            "text": f"What is expected at each level: {fw.title}",
            "font": {"color": NHS_DARK_BLUE, "size": 15},
            "x": 0,
            "xanchor": "left",
            "y": 0.995,
            "yanchor": "top",
        },
        xaxis={
            "side": "top",
            "tickangle": 0,
            "title": None,
            "fixedrange": True,
            "tickvals": levels,
            "ticktext": [_wrap(label, 14) for label in levels],
        },
        yaxis={"title": None, "autorange": "reversed", "automargin": True, "fixedrange": True},
        height=max(320, 120 + 30 * len(table)),
        margin={"l": 10, "r": 10, "t": 90, "b": 10},
    )
    return fig


def _wrap(text: str, width: int = 60) -> str:
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "<br>".join([*lines, line])
