"""The Expansion page's parameter form: a widget description per parameter, and the submitted values back.

:func:`form_fields` turns each parameter into a widget description (kind, override name, keyword
arguments with the label, the "(assumption)" marker, the source in ``help=`` and the allowed range);
:func:`apply_form` turns the submitted values back into a validated scenario, and
:func:`apply_form_checked` says which box each refused value came from, so the page can put the
message beside it. Map-valued parameters get one box per entry: turnover per band, the pay award per
year.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from planner.expansion.scenario import Parameter, ParameterError, Scenario, groups
from planner.vocab import band_label

__all__ = ["FILE_ONLY", "KEY_PREFIX", "Field", "apply_form", "apply_form_checked", "form_fields"]

#: Widget keys on the page are ``param_<override name>`` with dots replaced (Streamlit keys are free text).
KEY_PREFIX = "param_"
#: Parameters edited through a scenario file rather than the form (a map of maps).
FILE_ONLY = ("allocation",)


@dataclass(frozen=True)
class Field:
    """One form widget: its kind (``number``, ``select``, ``date``), override name, key and arguments."""

    kind: str
    name: str
    key: str
    kwargs: dict[str, Any]


def _number_kwargs(p: Parameter, value: Any, label: str) -> dict[str, Any]:
    lo, hi = p.allowed if p.allowed else (None, None)
    if p.type == "int":
        return {"label": label, "min_value": int(lo), "max_value": int(hi), "value": value, "step": 1}
    small = hi is not None and hi <= 1
    return {
        "label": label,
        "min_value": float(lo),
        "max_value": float(hi),
        "value": None if value is None else float(value),
        "step": 0.01 if small else (1.0 if hi is not None and hi >= 1000 else 0.1),
        "format": "%.3f" if small else "%.1f",
    }


def _years(p: Parameter) -> list[str]:
    lo, hi = (int(str(x)[:4]) for x in p.allowed)  # type: ignore[union-attr]
    return [f"{y}/{(y + 1) % 100:02d}" for y in range(lo, hi + 1)]


def form_fields(scenario: Scenario) -> dict[str, list[Field]]:
    """Widgets for every form-editable parameter, grouped under the model's headings.

    Returns:
        Group heading → fields in file order. Map-valued ``turnover_by_band`` gives one field per band
        (override name ``turnover_by_band.<band>``).
    """
    out: dict[str, list[Field]] = {heading: [] for heading in groups().values()}
    heads = groups()
    for p in scenario.parameters.values():
        if p.name in FILE_ONLY:
            continue
        common = {"help": p.help_text()}
        fields: list[Field] = []
        if p.type in ("float", "int"):
            kw = _number_kwargs(p, p.value, f"{p.display_label()} ({p.unit})")
            fields.append(Field("number", p.name, KEY_PREFIX + p.name, {**kw, **common}))
        elif p.type == "choice":
            opts = list(p.choices or ())
            kw = {"label": p.display_label(), "options": opts, "index": opts.index(p.value)}
            fields.append(Field("select", p.name, KEY_PREFIX + p.name, {**kw, **common}))
        elif p.type == "year":
            opts = _years(p)
            kw = {"label": p.display_label(), "options": opts, "index": opts.index(p.value)}
            fields.append(Field("select", p.name, KEY_PREFIX + p.name, {**kw, **common}))
        elif p.type == "date":
            kw = {"label": p.display_label(), "value": p.value}
            fields.append(Field("date", p.name, KEY_PREFIX + p.name, {**kw, **common}))
        elif p.type == "band_rates":
            for band, rate in p.value.items():
                name = f"{p.name}.{band}"
                kw = _number_kwargs(p, rate, f"{band_label(band)}: {p.display_label().lower()}")
                fields.append(Field("number", name, KEY_PREFIX + name.replace(".", "_"), {**kw, **common}))
        elif p.type == "year_rates":  # one box per year listed (a later year takes the last rate)
            for year, rate in p.value.items():
                name = f"{p.name}.{year}"
                kw = _number_kwargs(p, rate, f"{p.display_label()}: {year} ({p.unit})")
                key = KEY_PREFIX + name.replace(".", "_").replace("/", "_")
                fields.append(Field("number", name, key, {**kw, **common}))
        out[heads[p.group]].extend(fields)
    return {k: v for k, v in out.items() if v}


def apply_form(base: Scenario, submitted: dict[str, Any]) -> Scenario:
    """The scenario with the form's values applied (validated); its title says when it was edited.

    Raises:
        planner.expansion.scenario.ParameterError: a value the parameter does not accept.
    """
    edited = base.with_overrides(**submitted)
    if edited.values() == base.values():
        return base
    return replace(edited, name=f"{base.name}_edited", title=f"{base.title} (edited)")


def apply_form_checked(base: Scenario, submitted: dict[str, Any]) -> tuple[Scenario, dict[str, str]]:
    """:func:`apply_form` that checks each box on its own, so each message can go beside its box.

    Returns:
        The scenario with every acceptable value applied, and field name → message for each value
        refused (key ``""`` for values that are each acceptable but do not fit together; then none of
        the form's values is applied).
    """
    errors: dict[str, str] = {}
    for name, value in submitted.items():
        try:
            base.with_overrides(**{name: value})
        except ParameterError as exc:
            errors[name] = str(exc)
    good = {k: v for k, v in submitted.items() if k not in errors}
    try:
        edited = apply_form(base, good)
        edited.inputs()  # values that must fit together (headroom and its parts) are checked here
        return edited, errors
    except ParameterError as exc:
        return base, {**errors, "": str(exc)}
