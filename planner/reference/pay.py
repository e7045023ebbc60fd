"""Employer cost of Agenda for Change staff: 2025/26 pay points plus employer NI and pension.

The pay table lives in ``data/pay/afc_2025_26.yaml`` with a source and status beside every figure; this
module loads and validates it, and prices whole-time equivalents (WTE) by band.

Employer cost of one WTE for a year (domain.md section 4, derived)::

    cost = salary + ni_rate × max(salary − ni_threshold, 0) + pension_rate × salary

with ``ni_rate`` 15% above a £5,000 threshold and ``pension_rate`` either the 14.38% a local NHS
employer pays (``pension="employer"``) or the full 23.78% economic rate (``pension="full"``). The
``"mid"`` pay point is the band's intermediate point where one exists, otherwise the mean of the entry
and top points. Excluded: High Cost Area Supplements, unsocial hours, the apprenticeship levy, non-pay.

Public API (stable; other modules import it):

- :func:`employer_cost` — one band, one pay point, one pension basis → £ per WTE-year.
- :func:`cost_table` — every priced band as a DataFrame (salary, NI, pension, employer cost).
- :func:`annual_cost` — a Series of WTE by band → a Series of £ per year by band (vectorised).
- :func:`pay_points` — the raw pay points with source and status, for display.
- :func:`pension_percent`, :func:`pension_words`, :func:`pension_choices`, :func:`pension_summary` — the
  pension rates in words, written from the pay file (never typed by hand elsewhere).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from planner.paths import DATA_DIR, load_yaml
from planner.reference.errors import Problems, ReferenceDataError
from planner.vocab import BANDS, band_key, band_label

Point = Literal["entry", "mid", "top"]
Pension = Literal["employer", "full"]

POINTS: tuple[str, ...] = ("entry", "mid", "top")
PENSIONS: tuple[str, ...] = ("employer", "full")
PAY_FILE = DATA_DIR / "pay" / "afc_2025_26.yaml"


class UnknownBandError(ValueError):
    """A band that has no 2025/26 pay point (for example band 1, closed to new starters in 2018)."""


@dataclass(frozen=True)
class PayScale:
    """The validated pay file.

    Attributes:
        points: band → {"entry", "intermediate" (or None), "top"} annual full-time pay in £.
        ni_rate: employer National Insurance rate above the threshold (0.15).
        ni_threshold: employer NI secondary threshold, £ per year (5,000).
        pension: {"employer": 0.1438, "full": 0.2378}.
        sources: source id → {"url", "note", ...} as written in the file.
        path: where the file was read from.
        effective_from: the date the pay points apply from (1 April of the pay data's year).
    """

    points: dict[str, dict[str, float | None]]
    ni_rate: float
    ni_threshold: float
    pension: dict[str, float]
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    path: Path = PAY_FILE
    effective_from: date | None = None

    @property
    def year(self) -> str | None:
        """The NHS financial year of the pay points, e.g. ``"2025/26"`` (None when the file gives no date)."""
        if self.effective_from is None:
            return None
        start = self.effective_from.year if self.effective_from.month >= 4 else self.effective_from.year - 1
        return f"{start}/{(start + 1) % 100:02d}"

    @property
    def price_base(self) -> str:
        """The price base of every cost at these pay points, in words: ``"2025/26 prices"``."""
        return f"{self.year} prices" if self.year else "prices of the pay data (no date given)"


def _number(value: object, where: str, problems: Problems) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(f"{where}: expected a number, found {value!r}.")
        return float("nan")
    return float(value)


def _on_cost(data: dict[str, Any], key: str, sources: dict[str, Any], problems: Problems) -> float:
    entry = (data.get("on_costs") or {}).get(key)
    if not isinstance(entry, dict) or "value" not in entry:
        problems.append(f"on_costs.{key}: missing; expected a mapping with 'value' and 'source'.")
        return float("nan")
    if entry.get("source") not in sources:
        problems.append(f"on_costs.{key}: source {entry.get('source')!r} is not listed under 'sources'.")
    return _number(entry["value"], f"on_costs.{key}.value", problems)


def _band_points(
    raw_band: object, row: object, sources: dict[str, Any], problems: Problems
) -> tuple[str, dict[str, float | None]] | None:
    band = band_key(raw_band)
    if band not in BANDS:
        problems.append(f"bands: {raw_band!r} is not an Agenda for Change band ({', '.join(BANDS)}).")
        return None
    if not isinstance(row, dict):
        problems.append(f"bands.{band}: expected a mapping with entry, intermediate, top.")
        return None
    if row.get("source") not in sources:
        problems.append(f"bands.{band}: source {row.get('source')!r} is not listed under 'sources'.")
    entry = _number(row.get("entry"), f"bands.{band}.entry", problems)
    top = _number(row.get("top"), f"bands.{band}.top", problems)
    mid_raw = row.get("intermediate")
    mid = None if mid_raw is None else _number(mid_raw, f"bands.{band}.intermediate", problems)
    numbers = [v for v in (entry, mid, top) if v is not None]
    if (
        all(v == v for v in numbers) and not entry <= (mid if mid is not None else entry) <= top
    ):  # NaN: reported
        problems.append(f"bands.{band}: pay points must rise: entry ≤ intermediate ≤ top.")
    return band, {"entry": entry, "intermediate": mid, "top": top}


def parse_pay(data: dict[str, Any], path: Path = PAY_FILE) -> PayScale:
    """Validate the pay file's content (already parsed from YAML) and build a :class:`PayScale`.

    Raises:
        ReferenceDataError: listing every band or on-cost that is wrong, and what was wrong.
    """
    problems = Problems()
    sources = data.get("sources") or {}
    points: dict[str, dict[str, float | None]] = {}
    for raw_band, row in (data.get("bands") or {}).items():
        found = _band_points(raw_band, row, sources, problems)
        if found:
            points[found[0]] = found[1]
    if not points:
        problems.append("bands: no pay points found.")
    ni_rate = _on_cost(data, "employer_ni_rate", sources, problems)
    ni_threshold = _on_cost(data, "employer_ni_threshold", sources, problems)
    pension = {
        "employer": _on_cost(data, "pension_employer", sources, problems),
        "full": _on_cost(data, "pension_full", sources, problems),
    }
    raw_from = data.get("effective_from")
    effective_from: date | None = None
    if isinstance(raw_from, date):
        effective_from = raw_from
    elif raw_from is not None:
        try:
            effective_from = date.fromisoformat(str(raw_from))
        except ValueError:
            problems.append(f"effective_from: expected a date YYYY-MM-DD, found {raw_from!r}.")
    problems.raise_if_any(f"Pay data ({path.name})")
    return PayScale(
        points=dict(sorted(points.items(), key=lambda kv: BANDS.index(kv[0]))),
        ni_rate=ni_rate,
        ni_threshold=ni_threshold,
        pension=pension,
        sources=dict(sources),
        path=path,
        effective_from=effective_from,
    )


@cache
def load_pay(path: Path | None = None) -> PayScale:
    """Load and validate the 2025/26 pay file (cached per path).

    Args:
        path: a pay YAML file; defaults to ``data/pay/afc_2025_26.yaml``.
    """
    path = Path(path) if path is not None else PAY_FILE
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ReferenceDataError("Pay data", [f"{path.name}: file not found"]) from exc
    if not isinstance(data, dict):
        raise ReferenceDataError("Pay data", [f"{path.name}: expected a YAML mapping at the top level"])
    return parse_pay(data, path)


#: What each pension basis is, in a dashboard's option list (after the rate).
_PENSION_MEANS: dict[str, str] = {"employer": "paid by a local NHS employer", "full": "full economic cost"}


def pension_percent(pension: Pension, pay: PayScale | None = None) -> str:
    """A pension rate as people write it, from the pay file: ``"14.38%"`` for the local employer rate.

    Args:
        pension: ``"employer"`` or ``"full"``.
        pay: a pay scale; the committed 2025/26 file when not given.
    """
    _check("mid", pension)
    rate = (pay or load_pay()).pension[pension]
    return f"{rate * 100:.2f}".rstrip("0").rstrip(".") + "%"


def pension_words(pension: Pension, pay: PayScale | None = None, *, employer: str = "employer") -> str:
    """The pension basis for a sentence: ``"14.38% employer pension"`` or ``"23.78% full pension"``.

    Args:
        pension: ``"employer"`` or ``"full"``.
        pay: a pay scale; the committed 2025/26 file when not given.
        employer: what the local rate is called (the expansion captions say ``"local"``).
    """
    return f"{pension_percent(pension, pay)} {employer if pension == 'employer' else 'full'} pension"


def pension_choices(pay: PayScale | None = None) -> dict[str, str]:
    """Pension basis → its option label: ``{"employer": "14.38% (paid by a local NHS employer)", ...}``."""
    return {p: f"{pension_percent(p, pay)} ({_PENSION_MEANS[p]})" for p in PENSIONS}  # type: ignore[arg-type]


def pension_summary(pay: PayScale | None = None) -> str:
    """Both rates in one phrase: ``"employer contribution 14.38% (or 23.78% full cost)"``."""
    return (
        f"employer contribution {pension_percent('employer', pay)} "
        f"(or {pension_percent('full', pay)} full cost)"
    )


def _check(point: str, pension: str) -> None:
    if point not in POINTS:
        raise ValueError(f"Pay point {point!r} not recognised; use one of {', '.join(POINTS)}.")
    if pension not in PENSIONS:
        raise ValueError(f"Pension basis {pension!r} not recognised; use one of {', '.join(PENSIONS)}.")


def salary(band: object, point: Point = "mid", *, pay: PayScale | None = None) -> float:
    """Annual full-time basic pay (£) at a pay point.

    Args:
        band: an AfC band (``"5"``, ``"8a"``; a number such as ``5`` is read as its key).
        point: ``"entry"``, ``"mid"`` (intermediate point, or the mean of entry and top) or ``"top"``.
        pay: a pay scale; the committed 2025/26 file when not given.

    Raises:
        UnknownBandError: the band has no pay point (band 1, or a typo).
    """
    _check(point, "employer")
    pay = pay or load_pay()
    key = band_key(band)
    if key not in pay.points:
        priced = ", ".join(pay.points)
        raise UnknownBandError(f"Band {band!r} has no 2025/26 pay point; priced bands are {priced}.")
    row = pay.points[key]
    if point == "mid":
        mid = row["intermediate"]
        return float(mid) if mid is not None else (float(row["entry"]) + float(row["top"])) / 2
    return float(row[point])  # type: ignore[arg-type]


def employer_cost(
    band: object, point: Point = "mid", pension: Pension = "employer", *, pay: PayScale | None = None
) -> float:
    """Employer cost of one WTE for a year: salary + employer NI + employer pension (£).

    Args:
        band: an AfC band (``"5"``, ``"Band 8a"``...).
        point: ``"entry"``, ``"mid"`` or ``"top"``.
        pension: ``"employer"`` (14.38%, what a local NHS employer pays) or ``"full"`` (23.78%).
        pay: a pay scale; the committed 2025/26 file when not given.

    Example:
        Band 5 entry, local pension: 31,049 + 0.15 × 26,049 + 0.1438 × 31,049 = £39,421.20.
    """
    _check(point, pension)
    pay = pay or load_pay()
    pay_ = salary(band, point, pay=pay)
    return pay_ + pay.ni_rate * max(pay_ - pay.ni_threshold, 0.0) + pay.pension[pension] * pay_


def cost_table(
    point: Point = "mid", pension: Pension = "employer", *, pay: PayScale | None = None
) -> pd.DataFrame:
    """Employer cost per WTE for every priced band.

    Returns:
        A DataFrame indexed by ``band`` (AfC order) with columns ``label``, ``salary``,
        ``employer_ni``, ``employer_pension``, ``employer_cost`` (all £ per WTE-year) and
        ``on_cost_pct`` (on-costs as a percentage of salary).
    """
    _check(point, pension)
    pay = pay or load_pay()
    bands = list(pay.points)
    sal = pd.Series([salary(b, point, pay=pay) for b in bands], index=pd.Index(bands, name="band"))
    ni = pay.ni_rate * (sal - pay.ni_threshold).clip(lower=0.0)
    pen = pay.pension[pension] * sal
    total = sal + ni + pen
    return pd.DataFrame(
        {
            "label": [band_label(b) for b in bands],
            "salary": sal,
            "employer_ni": ni,
            "employer_pension": pen,
            "employer_cost": total,
            "on_cost_pct": 100 * (total / sal - 1),
        }
    )


def annual_cost(
    wte_by_band: pd.Series,
    point: Point = "mid",
    pension: Pension = "employer",
    *,
    pay: PayScale | None = None,
) -> pd.Series:
    """Annual employer cost of a workforce by band (£ per year), WTE × employer cost per WTE.

    Args:
        wte_by_band: WTE indexed by band (any common spelling); duplicate bands are summed.
        point: pay point, as in :func:`employer_cost`.
        pension: pension basis, as in :func:`employer_cost`.
        pay: a pay scale; the committed 2025/26 file when not given.

    Returns:
        A float Series indexed by normalised band, in the order the bands first appear.
        Bands with zero WTE cost 0 even when they have no pay point.

    Raises:
        UnknownBandError: a band with non-zero WTE has no pay point.
        ValueError: a WTE is missing (NaN) or negative.
    """
    wte = pd.to_numeric(pd.Series(wte_by_band, dtype="float64"), errors="coerce")
    if wte.isna().any():
        bad = [str(b) for b in wte.index[wte.isna()]]
        raise ValueError(f"WTE missing or not a number for band(s) {', '.join(bad)}.")
    if (wte < 0).any():
        bad = [str(b) for b in wte.index[wte < 0]]
        raise ValueError(f"WTE is negative for band(s) {', '.join(bad)}.")
    wte.index = pd.Index([band_key(b) for b in wte.index], name="band")
    wte = wte.groupby(level=0, sort=False).sum()
    rates = cost_table(point, pension, pay=pay)["employer_cost"]
    unknown = [b for b in wte.index if b not in rates.index and wte[b] != 0]
    if unknown:
        raise UnknownBandError(
            f"No 2025/26 pay point for band(s) {', '.join(unknown)}; priced bands are {', '.join(rates.index)}."
        )
    return (wte * rates.reindex(wte.index).fillna(0.0)).rename("annual_cost")


def pay_points(*, pay: PayScale | None = None) -> pd.DataFrame:
    """The pay points as loaded, with the derived mid point, source URL and status, for display."""
    pay = pay or load_pay()
    rows = []
    for band, row in pay.points.items():
        src = pay.sources.get("afc_2025_26", {})
        rows.append(
            {
                "band": band,
                "label": band_label(band),
                "entry": row["entry"],
                "intermediate": row["intermediate"],
                "top": row["top"],
                "mid": salary(band, "mid", pay=pay),
                "mid_status": "verified" if row["intermediate"] is not None else "derived",
                "source": src.get("url", ""),
            }
        )
    return pd.DataFrame(rows).set_index("band")
