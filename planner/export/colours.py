"""Export-safe Plotly figures: the house export template, and Streamlit's placeholder colours.

``import streamlit`` sets ``plotly.io.templates.default = "streamlit"``. That template's colours are
placeholders (``#000001`` … ``#000040``) which only Streamlit's front end resolves; ``px`` copies them
into the traces, so such a figure exports with black bars, and ``update_layout(template=...)``
afterwards does not help (ecosystem.md section 2, gotcha 1). :func:`sanitise` re-applies the house
export template *and* replaces every placeholder left in a trace or layout colour;
:func:`assert_exportable` raises instead, for tests and builders that want to fail loudly.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterator
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import sample_colorscale

from planner import style

__all__ = [
    "EXPORT_TEMPLATE",
    "PlaceholderColourError",
    "assert_exportable",
    "placeholder_colours",
    "sanitise",
    "sanitised_dict",
]

_log = logging.getLogger(__name__)


class PlaceholderColourError(ValueError):
    """A figure still carries Streamlit's placeholder colours and would export black."""


#: The house export template: plotly_white with NHS font, Okabe–Ito colourway and the coverage scale.
EXPORT_TEMPLATE: go.layout.Template = go.layout.Template(pio.templates["plotly_white"])
EXPORT_TEMPLATE.layout.colorway = list(style.CATEGORICAL)
EXPORT_TEMPLATE.layout.font = style.FONT
EXPORT_TEMPLATE.layout.colorscale.sequential = style.SEQUENTIAL
_DIVERGING = [[0.0, style.NHS_BLUE], [0.5, "#F7F9FA"], [1.0, "#E69F00"]]  # blue–orange is CVD-safe
EXPORT_TEMPLATE.layout.colorscale.diverging = _DIVERGING
_TEMPLATE_DICT: dict = EXPORT_TEMPLATE.to_plotly_json()

# Streamlit 1.67 ``streamlit_plotly_theme``: 1–10 categorical, 11–20 sequential, 21–30 diverging,
# 32–34 waterfall/candlestick, 36–40 greys and backgrounds. Written with decimal digits, so "#000010"
# is a placeholder while "#0000ff" (pure blue) is a real colour.
_HEX_PLACEHOLDER = re.compile(r"^#0000(?:0[1-9]|[1-3][0-9]|40)$")
_RGB_PLACEHOLDER = re.compile(r"^rgba?\(\s*0\s*,\s*0\s*,\s*(\d{1,2})\s*(?:,[^)]*)?\)$")
_SPECIAL = {
    32: "#009E73",  # increasing: Okabe–Ito bluish green
    33: "#D55E00",  # decreasing: Okabe–Ito vermillion
    34: style.NHS_BLUE,  # totals
    36: style.NHS_DARK_GREY,
    37: "#212B32",
    38: "#FFFFFF",
    39: style.NHS_PALE_GREY,
    40: "#F0F4F5",
}


def _placeholder_number(value: object) -> int | None:
    """The Streamlit placeholder index (1–40) of a colour string, or None for a real colour."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    if _HEX_PLACEHOLDER.match(text):
        return int(text[5:])
    if m := _RGB_PLACEHOLDER.match(text):
        # plotly's colour helpers turn hex into rgb(): placeholder "#000010" becomes rgb(0, 0, 16)
        digits = f"{int(m.group(1)):02x}"
        if digits.isdigit() and 1 <= int(digits) <= 40:
            return int(digits)
    return None


def _house_colour(n: int) -> str:
    """The house colour standing in for Streamlit placeholder ``n``."""
    if 1 <= n <= 10:
        return style.CATEGORICAL[(n - 1) % len(style.CATEGORICAL)]
    if 11 <= n <= 20:
        return sample_colorscale(style.SEQUENTIAL, (n - 11) / 9, colortype="rgb")[0]
    if 21 <= n <= 30:
        return sample_colorscale(_DIVERGING, (n - 21) / 9, colortype="rgb")[0]
    return _SPECIAL.get(n, style.NHS_DARK_GREY)


def _walk(node: Any, path: str, in_colour: bool) -> Iterator[tuple[str, Any, Any, Any]]:
    """Yield ``(path, container, key, value)`` for every string under a colour-named key."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk_child(node, key, value, f"{path}.{key}", in_colour or "color" in str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk_child(node, i, value, f"{path}[{i}]", in_colour)


def _walk_child(
    container: Any, key: Any, value: Any, path: str, in_colour: bool
) -> Iterator[tuple[str, Any, Any, Any]]:
    if isinstance(value, np.ndarray) and value.dtype.kind in "OUS" and in_colour:
        container[key] = value = value.tolist()  # string colour arrays become lists we can edit
    if isinstance(value, dict | list):
        yield from _walk(value, path, in_colour)
    elif in_colour and isinstance(value, str):
        yield path, container, key, value


def _figure_dict(fig: go.Figure | dict) -> dict:
    """A deep copy of the figure as a dict, without its template (which is replaced on export)."""
    d = copy.deepcopy(fig.to_dict() if hasattr(fig, "to_dict") else fig)
    d.setdefault("layout", {}).pop("template", None)
    return d


def placeholder_colours(fig: go.Figure | dict) -> list[tuple[str, str]]:
    """Every Streamlit placeholder colour in a figure's traces and layout (its template aside).

    Args:
        fig: a Plotly figure or figure dict.

    Returns:
        ``(path, colour)`` pairs such as ``("data[0].marker.color", "#000001")``; empty when clean.
    """
    d = _figure_dict(fig)
    found = []
    for part in ("data", "layout"):
        for path, _, _, value in _walk({part: d.get(part, {})}, "", False):
            if _placeholder_number(value) is not None:
                found.append((path.lstrip("."), value))
    return found


def assert_exportable(fig: go.Figure | dict) -> None:
    """Raise if the figure carries Streamlit placeholder colours.

    Args:
        fig: a Plotly figure or figure dict.

    Raises:
        PlaceholderColourError: naming each offending attribute. Build the figure with an explicit
            template (``template="plotly_white"``), or pass it through :func:`sanitise`.
    """
    found = placeholder_colours(fig)
    if found:
        where = ", ".join(f"{p}={c}" for p, c in found[:8]) + (" …" if len(found) > 8 else "")
        raise PlaceholderColourError(
            f"{len(found)} Streamlit placeholder colour(s) would export black: {where}. "
            'Build the figure with template="plotly_white" or pass it through sanitise().'
        )


def sanitised_dict(fig: go.Figure | dict) -> dict:
    """Like :func:`sanitise`, but the figure dict, skipping plotly's slow object validation.

    The renderer and the HTML writer take dicts, so this is the export fast path (about 2 ms against
    20 ms for building a validated figure).

    Args:
        fig: a Plotly figure or figure dict.

    Returns:
        A new figure dict with ``layout.template`` set to the export template and no placeholder.
    """
    d = _figure_dict(fig)
    replaced = 0
    for part in ("data", "layout"):
        for _, container, key, value in list(_walk({part: d.get(part, {})}, "", False)):
            n = _placeholder_number(value)
            if n is not None:
                container[key] = _house_colour(n)
                replaced += 1
    if replaced:
        _log.warning("replaced %d Streamlit placeholder colour(s) before export", replaced)
    d["layout"]["template"] = copy.deepcopy(_TEMPLATE_DICT)
    return d


def sanitise(fig: go.Figure | dict) -> go.Figure:
    """A copy of the figure ready for export: house template applied, placeholders replaced.

    Placeholder colours (``#000001`` … ``#000040``) in traces and layout are swapped for the house
    colours they stand for: categorical ones for the Okabe–Ito palette (NHS blue first), sequential
    ones for the coverage scale. The input figure is not changed.

    Args:
        fig: a Plotly figure or figure dict.

    Returns:
        A new figure whose template is :data:`EXPORT_TEMPLATE` and which has no placeholder colour.
    """
    # An explicit template in the dict wins over pio.templates.default ("streamlit" once streamlit
    # is imported), so the new figure never picks the placeholders up again.
    return go.Figure(sanitised_dict(fig))
