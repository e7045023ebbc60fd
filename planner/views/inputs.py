"""Number boxes that say why a value is refused, beside the box, instead of ignoring it silently.

Streamlit's ``min_value``/``max_value`` make the browser hold on to an out-of-range entry (a 0 typed
into "Patients per class") while the script keeps the old value, with no message (issue 12). So a
page asks without the limits (:func:`open_number`), then checks what came back
(:func:`range_problem`) and shows the message beside the box, while the model keeps a value it can use.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["limits", "open_number", "range_problem"]


def limits(kwargs: Mapping[str, Any]) -> tuple[float | None, float | None]:
    """The ``(min_value, max_value)`` of a number box's keyword arguments (``None`` where unbounded)."""
    return kwargs.get("min_value"), kwargs.get("max_value")


def open_number(kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """The number box's keyword arguments without its limits, so an out-of-range entry reaches the page."""
    return {k: v for k, v in kwargs.items() if k not in ("min_value", "max_value")}


def _num(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.3g}"


def range_problem(
    label: str, value: float | None, lo: float | None, hi: float | None, kept: Any
) -> str | None:
    """The message for a value outside ``[lo, hi]``, or ``None`` when the model can use it.

    Args:
        label: the box's label, as the user reads it.
        value: what the user entered (``None``: left empty, which is allowed).
        lo: the smallest value the model can use, or ``None``.
        hi: the largest, or ``None``.
        kept: the value the model keeps instead.

    Returns:
        e.g. "Patients per class must be from 1 to 30, not 0. The model keeps 8 until you change it."
    """
    if value is None or ((lo is None or value >= lo) and (hi is None or value <= hi)):
        return None
    if lo is not None and hi is not None:
        allowed = f"from {_num(lo)} to {_num(hi)}"
    elif lo is not None:
        allowed = f"at least {_num(lo)}"
    else:
        allowed = f"at most {_num(hi)}"  # type: ignore[arg-type]
    keeps = "" if kept is None else f" The model keeps {_num(kept)} until you change it."
    return f"{label} must be {allowed}, not {_num(value)}.{keeps}"
