"""Model parameters: one parameter's value with provenance, its checks, and the file of sourced defaults.

:func:`coerce` checks and converts a raw value (from YAML, a form or ``--set``) for a
:class:`Parameter`; errors are :class:`ParameterError` naming the parameter, the value and what is
allowed. :func:`load_defaults` reads and validates ``data/parameters/expansion.yaml``, the one place
each parameter's label, unit, range and source or assumption live. Status codes follow domain.md
section 8: ``V`` verified, ``D`` derived, ``U`` unverified (used as an assumption), ``A`` assumption.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from planner.reference.policy import load_policy
from planner.vocab import BANDS, band_key

STATUS_LABELS: dict[str, str] = {
    "V": "verified",
    "D": "derived",
    "U": "unverified (used as an assumption)",
    "A": "assumption",
}
TYPES: tuple[str, ...] = (
    "float",
    "int",
    "bool",
    "choice",
    "date",
    "year",
    "band_rates",
    "allocation",
    "year_rates",
    "wait_bands",
)
#: The week bands of community waiting-list returns (CHS SitRep): weeks waited, lower and upper bound.
#: The open band "52+" is taken as 52–104 weeks, as community_waits splits it.
WAIT_BANDS: dict[str, tuple[int, int]] = {
    "0-1": (0, 1),
    "1-2": (1, 2),
    "2-4": (2, 4),
    "4-12": (4, 12),
    "12-18": (12, 18),
    "18-52": (18, 52),
    "52+": (52, 104),
}
_YEAR = re.compile(r"^(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?$")


class ParameterError(ValueError):
    """A parameter name, value or scenario file is not acceptable; the message says what to change."""

    def __init__(self, message: str, name: str | None = None) -> None:
        super().__init__(message)
        self.name = name


@dataclass(frozen=True)
class Parameter:
    """One model input with its provenance.

    Attributes:
        name: the key used in scenario files and ``--set``.
        group: demand, programme, staffing, supply, cost, waiting or uncertainty.
        label: the words the page shows.
        value: the current value (default or overridden).
        unit: the unit, in words.
        type: one of :data:`TYPES`.
        status: ``V``, ``D``, ``U`` or ``A``.
        source: the URL the figure (or its range) comes from, if any.
        assumption: why the value was chosen, when it is an assumption.
        note: working for derived figures, or context.
        allowed: hard limits (low, high) for numbers and years.
        plausible: the range seen in sources or judged reasonable.
        choices: the allowed values of a ``choice``.
        nullable: whether an empty value is accepted (the default is empty).
    """

    name: str
    group: str
    label: str
    value: Any
    unit: str
    type: str
    status: str
    source: str | None = None
    assumption: str | None = None
    note: str | None = None
    allowed: tuple[Any, Any] | None = None
    plausible: tuple[Any, Any] | None = None
    choices: tuple[str, ...] | None = None
    nullable: bool = False

    @property
    def is_assumption(self) -> bool:
        """True when the value is an assumption or an unverified figure used as one."""
        return self.status in ("U", "A")

    def source_text(self) -> str:
        """The source URL, or ``"assumption"`` when the value has no readable source."""
        if self.is_assumption or not self.source:
            return "assumption"
        return self.source

    def help_text(self) -> str:
        """One paragraph for the page's hover help: status, source, reason and plausible range."""
        parts = [f"{STATUS_LABELS[self.status].capitalize()}."]
        if self.assumption:
            parts.append(f"Assumption: {self.assumption}")
        if self.note:
            parts.append(self.note)
        if self.source:
            parts.append(f"Source: {self.source}")
        if self.plausible is not None:
            parts.append(f"Plausible range: {self.plausible[0]} to {self.plausible[1]} {self.unit}.")
        return " ".join(parts)

    def display_label(self) -> str:
        """The label with an "(assumption)" marker where the value is one."""
        return f"{self.label} (assumption)" if self.is_assumption else self.label

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready record: value, unit, status, source (URL or ``"assumption"``) and the reason."""
        out: dict[str, Any] = {
            "value": jsonable(self.value),
            "unit": self.unit,
            "status": self.status,
            "source": self.source_text(),
        }
        if self.is_assumption and self.assumption:
            out["assumption"] = self.assumption
        return out


def jsonable(value: Any) -> Any:
    """Dates as ISO text and mapping keys as strings, recursively (for JSON and YAML output)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def suggest(name: str, options: Sequence[str]) -> str:
    """A ' Did you mean ...?' hint naming the closest option, or an empty string."""
    close = difflib.get_close_matches(name, list(options), n=1)
    return f" Did you mean '{close[0]}'?" if close else ""


def _range_text(p: Parameter) -> str:
    if p.choices:
        return "one of " + ", ".join(p.choices)
    if p.allowed is None:
        return "any value"
    return f"{p.allowed[0]} to {p.allowed[1]}"


def _number(p: Parameter, raw: Any, *, integer: bool, where: str = "") -> float | int:
    label = f"Parameter '{p.name}{where}'"
    if isinstance(raw, bool):
        raise ParameterError(f"{label}: expected a number, found {raw!r}.", p.name)
    if isinstance(raw, str):
        try:
            raw = float(raw.strip().rstrip("%")) / (100 if raw.strip().endswith("%") else 1)
        except ValueError:
            raise ParameterError(f"{label}: expected a number, found {raw!r}.", p.name) from None
    if not isinstance(raw, int | float) or not math.isfinite(raw):  # NaN and ±infinity are not numbers here
        raise ParameterError(f"{label}: expected a number, found {raw!r}.", p.name)
    if integer:
        if float(raw) != int(raw):
            raise ParameterError(f"{label}: expected a whole number, found {raw!r}.", p.name)
        raw = int(raw)
    else:
        raw = float(raw)
    if p.allowed is not None and not (p.allowed[0] <= raw <= p.allowed[1]):
        raise ParameterError(
            f"{label}: {raw} is outside the allowed range {_range_text(p)} ({p.unit}).", p.name
        )
    return raw


def _year(p: Parameter, raw: Any) -> str:
    text = str(raw).strip()
    match = _YEAR.match(text)
    if not match:
        raise ParameterError(
            f"Parameter '{p.name}': expected a financial year like 2028/29, found {raw!r}.", p.name
        )
    start = int(match.group(1))
    if match.group(2) and int(match.group(2)[-2:]) != (start + 1) % 100:
        raise ParameterError(
            f"Parameter '{p.name}': {text!r} is not a financial year (the second year must follow the first).",
            p.name,
        )
    value = f"{start}/{(start + 1) % 100:02d}"
    if p.allowed is not None and not (p.allowed[0] <= value <= p.allowed[1]):
        raise ParameterError(f"Parameter '{p.name}': {value} is outside {_range_text(p)}.", p.name)
    return value


def _band_rates(p: Parameter, raw: Any) -> dict[str, float]:
    if not isinstance(raw, Mapping):
        raise ParameterError(f"Parameter '{p.name}': expected a mapping of band to rate.", p.name)
    out: dict[str, float] = {}
    for band, rate in raw.items():
        key = band_key(band)
        if key not in BANDS:
            raise ParameterError(
                f"Parameter '{p.name}': band {band!r} is not an AfC band ({', '.join(BANDS)}).", p.name
            )
        out[key] = float(_number(p, rate, integer=False, where=f".{key}"))
    return dict(sorted(out.items(), key=lambda kv: BANDS.index(kv[0])))


def year_key(p: Parameter, raw: Any) -> str:
    """A financial year written as ``2026/27``, ``2026-27`` or ``2026`` → ``"2026/27"`` (no range check).

    Raises:
        ParameterError: the text is not a financial year.
    """
    return _year(replace(p, allowed=None), raw)


def _year_rates(p: Parameter, raw: Any) -> dict[str, float]:
    if not isinstance(raw, Mapping):
        raise ParameterError(
            f"Parameter '{p.name}': expected a mapping of financial year to rate, e.g. {{2026/27: 0.025}}.",
            p.name,
        )
    out: dict[str, float] = {}
    for year, rate in raw.items():
        key = year_key(p, year)
        out[key] = float(_number(p, rate, integer=False, where=f".{key}"))
    return dict(sorted(out.items()))


def _allocation(p: Parameter, raw: Any) -> dict[str, dict[str, float]]:
    policy = load_policy()
    if not isinstance(raw, Mapping):
        raise ParameterError(f"Parameter '{p.name}': expected a mapping of activity to band shares.", p.name)
    out: dict[str, dict[str, float]] = {}
    for activity, shares in raw.items():
        if activity not in policy.activities:
            raise ParameterError(
                f"Parameter '{p.name}': activity {activity!r} is not in the skill-mix policy "
                f"({', '.join(policy.activities)}).{suggest(str(activity), list(policy.activities))}",
                p.name,
            )
        if not isinstance(shares, Mapping) or not shares:
            raise ParameterError(f"Parameter '{p.name}.{activity}': expected band shares.", p.name)
        clean: dict[str, float] = {}
        for band, share in shares.items():
            key = band_key(band)
            allowed = policy.allowed_bands(activity)
            if key not in allowed:
                raise ParameterError(
                    f"Parameter '{p.name}.{activity}': band {band!r} may not do '{activity}' under the "
                    f"skill-mix policy; allowed bands are {', '.join(allowed)}.",
                    p.name,
                )
            clean[key] = float(_number(p, share, integer=False, where=f".{activity}.{key}"))
        total = sum(clean.values())
        if abs(total - 1.0) > 1e-6:
            raise ParameterError(
                f"Parameter '{p.name}.{activity}': shares sum to {total:g}; they must sum to 1.", p.name
            )
        out[str(activity)] = dict(sorted(clean.items(), key=lambda kv: BANDS.index(kv[0])))
    missing = [a for a in policy.activities if a not in out]
    if missing:
        raise ParameterError(f"Parameter '{p.name}': no shares for {', '.join(missing)}.", p.name)
    return out


def _wait_bands(p: Parameter, raw: Any) -> dict[str, float]:
    if not isinstance(raw, Mapping):
        raise ParameterError(
            f"Parameter '{p.name}': expected a mapping of weeks waited ({', '.join(WAIT_BANDS)}) to people.",
            p.name,
        )
    out: dict[str, float] = {}
    for band, count in raw.items():
        key = str(band).replace(" ", "").replace("–", "-").lower().removesuffix("weeks")
        key = "52+" if key in (">52", "over52") else key
        if key not in WAIT_BANDS:
            raise ParameterError(
                f"Parameter '{p.name}': {band!r} is not a week band of the waiting-list return "
                f"({', '.join(WAIT_BANDS)}).{suggest(key, list(WAIT_BANDS))}",
                p.name,
            )
        out[key] = float(_number(p, count, integer=False, where=f".{key}"))
    return {k: out.get(k, 0.0) for k in WAIT_BANDS}


def coerce(p: Parameter, raw: Any) -> Any:
    """Check and convert a raw value (from YAML, a form or ``--set``) for parameter ``p``.

    Raises:
        ParameterError: naming the parameter, the value and the allowed range or choices.
    """
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in ("", "null", "none")):
        if p.nullable:
            return None
        raise ParameterError(f"Parameter '{p.name}': a value is required ({_range_text(p)}).", p.name)
    if p.type == "float":
        return _number(p, raw, integer=False)
    if p.type == "int":
        return _number(p, raw, integer=True)
    if p.type == "bool":
        text = str(raw).strip().lower()
        if isinstance(raw, bool) or text in ("true", "false", "yes", "no", "1", "0"):
            return raw if isinstance(raw, bool) else text in ("true", "yes", "1")
        raise ParameterError(f"Parameter '{p.name}': expected true or false, found {raw!r}.", p.name)
    if p.type == "choice":
        if str(raw) not in (p.choices or ()):
            raise ParameterError(
                f"Parameter '{p.name}': {raw!r} is not allowed; use {_range_text(p)}."
                f"{suggest(str(raw), p.choices or ())}",
                p.name,
            )
        return str(raw)
    if p.type == "date":
        if isinstance(raw, date):
            return raw
        try:
            return date.fromisoformat(str(raw).strip())
        except ValueError:
            raise ParameterError(
                f"Parameter '{p.name}': expected a date YYYY-MM-DD, found {raw!r}.", p.name
            ) from None
    if p.type == "year":
        return _year(p, raw)
    if p.type == "band_rates":
        return _band_rates(p, raw)
    if p.type == "allocation":
        return _allocation(p, raw)
    if p.type == "year_rates":
        return _year_rates(p, raw)
    if p.type == "wait_bands":
        return _wait_bands(p, raw)
    raise ParameterError(f"Parameter '{p.name}': unknown type {p.type!r}.", p.name)  # pragma: no cover
