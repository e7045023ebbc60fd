"""Scenarios: the sourced defaults with a scenario file's and ``--set`` overrides applied, by name.

Defaults live in ``data/parameters/expansion.yaml`` (value, unit, source or assumption, status and
ranges for every figure, loaded by :mod:`planner.expansion.parameter`); named scenarios in
``data/scenarios/*.yaml`` override them by name. Every value is type-checked and range-checked on the
way in, and errors name the parameter, the value and what is allowed, so a user fixes a scenario file
or a ``--set`` once. :meth:`Scenario.inputs` hands the model its one typed, frozen
:class:`~planner.expansion.inputs.ModelInputs`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from planner.expansion.defaults import DEFAULTS_FILE, groups, load_defaults
from planner.expansion.headroom import after_leave_to_paid
from planner.expansion.inputs import ModelInputs
from planner.expansion.parameter import (
    STATUS_LABELS,
    TYPES,
    Parameter,
    ParameterError,
    coerce,
    jsonable,
    suggest,
    year_key,
)
from planner.expansion.words import value_words
from planner.paths import DATA_DIR, load_yaml
from planner.vocab import band_key

__all__ = [
    "DEFAULTS_FILE",
    "STATUS_LABELS",
    "TYPES",
    "Parameter",
    "ParameterError",
    "Scenario",
    "apply_overrides",
    "coerce",
    "describe_overrides",
    "groups",
    "list_scenarios",
    "load_defaults",
    "load_scenario",
    "parse_set",
    "scenario_from_text",
    "value_words",
]

SCENARIOS_DIR = DATA_DIR / "scenarios"


@dataclass(frozen=True)
class Scenario:
    """A named set of parameter values, with the provenance of each.

    Attributes:
        name: file stem, e.g. ``"long_term_plan"``.
        title: e.g. ``"Long Term Plan expansion"``.
        description: what the scenario assumes, in words.
        parameters: every parameter with its value in this scenario.
        overrides: name → value for what differs from the defaults (as applied).
        warnings: what was changed on reading the file (an old headroom basis converted), in words.
    """

    name: str
    title: str
    description: str
    parameters: dict[str, Parameter]
    overrides: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def __getitem__(self, name: str) -> Any:
        """The value of a parameter."""
        if name not in self.parameters:
            raise ParameterError(f"Unknown parameter '{name}'.{suggest(name, list(self.parameters))}", name)
        return self.parameters[name].value

    def values(self) -> dict[str, Any]:
        """Name → value for every parameter (for saving and hashing; the model reads :meth:`inputs`)."""
        return {n: p.value for n, p in self.parameters.items()}

    def inputs(self) -> ModelInputs:
        """The model's typed, checked inputs; build them once per run and pass them down.

        Raises:
            InputsError: listing every parameter whose value is not usable.
        """
        return ModelInputs.from_parameters(self.parameters)

    def with_overrides(self, **overrides: Any) -> Scenario:
        """A copy with more overrides applied (dotted names reach into band and allocation maps)."""
        params = apply_overrides(self.parameters, overrides)
        return _finish(self.name, self.title, self.description, params, self.warnings)

    def key(self) -> str:
        """A stable hash of every value, for caching results keyed on the parameters."""
        text = json.dumps(jsonable(self.values()), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def to_yaml(self) -> str:
        """The scenario as a file that :func:`load_scenario` reads back (only values that differ)."""
        body = {
            "name": self.name,
            "title": self.title,
            # written from the values, so an edited value never leaves a stale figure in the words
            "description": describe_overrides(self),
            "headroom_basis": HEADROOM_BASIS,
            "overrides": jsonable(self.overrides),
        }
        head = "# Skill Mix Planner scenario: overrides of data/parameters/expansion.yaml by name.\n"
        return head + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)


def describe_overrides(scenario: Scenario) -> str:
    """The scenario in words, written from its values: what differs from the sourced defaults."""
    defaults = load_defaults()
    changed = [
        f"{p.label}: {value_words(p, p.value)} (default {value_words(defaults[n], defaults[n].value)})"
        for n, p in scenario.parameters.items()
        if n in scenario.overrides and n in defaults
    ]
    if not changed:
        return f"{scenario.title}: the sourced defaults throughout."
    return f"{scenario.title}, which differs from the sourced defaults in: " + "; ".join(changed) + "."


def apply_overrides(params: Mapping[str, Parameter], overrides: Mapping[str, Any]) -> dict[str, Parameter]:
    """Apply name → value overrides to parameters, validating each; whole maps before dotted keys.

    Dotted names reach inside map-valued parameters: ``turnover_by_band.6`` or
    ``allocation.class_support`` (a band → share map) or ``allocation.class_support.4``.

    Raises:
        ParameterError: an unknown name (with a suggestion) or a value out of range.
    """
    out = dict(params)
    ordered = sorted(overrides.items(), key=lambda kv: kv[0].count("."))
    for name, raw in ordered:
        base, _, rest = name.partition(".")
        if base not in out and base in RETIRED:
            raise ParameterError(f"Parameter '{base}' is no longer used: {RETIRED[base]}.", base)
        if base not in out:
            raise ParameterError(f"Unknown parameter '{base}'.{suggest(base, list(out))}", base)
        p = out[base]
        if rest:
            if p.type not in ("band_rates", "allocation", "year_rates", "wait_bands"):
                raise ParameterError(f"Parameter '{base}' has no parts; use '{base}=value'.", base)
            value = json.loads(json.dumps(jsonable(p.value or {})))  # a deep copy with string keys
            keys = rest.split(".")
            if p.type == "band_rates":
                keys = [band_key(k) for k in keys]
            if p.type == "year_rates":
                keys = [year_key(p, k) for k in keys]
            target = value
            for key in keys[:-1]:
                if key not in target:
                    raise ParameterError(
                        f"Parameter '{name}': {key!r} not found.{suggest(key, list(target))}", base
                    )
                target = target[key]
            last = band_key(keys[-1]) if len(keys) > 1 or p.type == "band_rates" else keys[-1]
            last = keys[-1] if p.type == "year_rates" else last
            if p.type == "wait_bands":
                value.setdefault(last, 0.0)
            target[last] = raw
            raw = value
        value = coerce(p, raw)
        out[base] = replace(p, value=value) if value == p.value else _overridden(p, value)
    return out


def _overridden(p: Parameter, value: Any) -> Parameter:
    """The parameter with a scenario's or user's value in place of its sourced default.

    A replaced verified or derived figure is no longer verified: it becomes an assumption that says
    what it replaced and where that came from.
    """
    if p.status not in ("V", "D"):
        return replace(p, value=value)
    kind = "verified" if p.status == "V" else "derived"
    was = f"{jsonable(p.value)} {p.unit}".strip()
    origin = f" ({p.source})" if p.source else (f" ({p.note})" if p.note else "")
    return replace(
        p,
        value=value,
        status="A",
        assumption=f"set by the scenario or the user; the default, {was}, is {kind}{origin}.",
    )


def _finish(
    name: str, title: str, description: str, params: dict[str, Parameter], warnings: Sequence[str] = ()
) -> Scenario:
    defaults = load_defaults()
    diff = {n: p.value for n, p in params.items() if n in defaults and p.value != defaults[n].value}
    return Scenario(name, title, description, params, diff, tuple(warnings))


def list_scenarios(directory: Path | None = None) -> dict[str, str]:
    """Scenario file stem → title for every file in ``data/scenarios`` (status quo first)."""
    directory = Path(directory or SCENARIOS_DIR)
    found: dict[str, str] = {}
    for path in sorted(directory.glob("*.yaml")):
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
        found[path.stem] = str(data.get("title") or path.stem)
    order = ["status_quo", "long_term_plan", "support_worker_led"]
    return dict(sorted(found.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 99, kv[0])))


_SCENARIO_KEYS: tuple[str, ...] = ("name", "title", "description", "headroom_basis", "overrides")
#: How a scenario file written now states its headroom: a share of paid hours, leave included.
HEADROOM_BASIS = "paid_hours"
#: The basis of files written before headroom became a share of paid hours: a share of hours after leave.
OLD_HEADROOM_BASIS = "after_leave"


#: Parameters a scenario file may still carry that the model no longer has: name → why it went.
RETIRED: dict[str, str] = {
    "target_date": (
        "the model judges the waiting-time target in every year up to the target year (the verdict "
        "and the chance by year), so a single date to reach it by was never used"
    ),
}


def _drop_retired(file_overrides: dict[str, Any], source: str) -> tuple[dict[str, Any], list[str]]:
    """A file's overrides without retired parameters, and a warning for each one dropped."""
    warnings = [
        f"{source}: parameter '{name}' ({file_overrides[name]}) is no longer used and was ignored: "
        f"{why}. Remove it from the file."
        for name, why in RETIRED.items()
        if name in file_overrides
    ]
    return {k: v for k, v in file_overrides.items() if k not in RETIRED}, warnings


def _headroom_from_old_basis(file_overrides: dict[str, Any], source: str) -> tuple[dict[str, Any], list[str]]:
    """A file's headroom on the old basis (share of hours after leave) as a share of paid hours.

    The old model took annual leave on appointment plus bank holidays off paid hours first, then the
    headroom; the equivalent share of paid hours keeps the file's effective hours per WTE the same:
    1 − (1 − leave share) × (1 − old headroom).
    """
    defaults = load_defaults()
    old = coerce(replace(defaults["headroom"], allowed=(0, 0.6)), file_overrides["headroom"])
    if old is None:
        return file_overrides, []
    rest = {k: v for k, v in file_overrides.items() if k != "headroom"}
    params = apply_overrides(defaults, rest)
    week, weeks = params["hours_per_week"].value, params["weeks_per_year"].value
    days = params["annual_leave_days"].value + params["bank_holidays"].value
    leave = days * week / 5 / (week * weeks)
    new = round(after_leave_to_paid(old, leave), 6)
    effective = week * weeks * (1 - new)
    warning = (
        f"{source}: headroom {old:g} was written as a share of hours after annual leave (the basis before "
        f"headroom became one share of paid hours) and is read as {new:.4f} of paid hours: "
        f"1 − (1 − {leave:.4f} leave) × (1 − {old:g}) = {new:.4f}, which keeps {effective:,.1f} h per WTE. "
        f"Check it and add 'headroom_basis: {HEADROOM_BASIS}' to the file."
    )
    return {**rest, "headroom": new}, [warning]


def scenario_from_text(text: str, *, source: str = "uploaded file", **overrides: Any) -> Scenario:
    """Build a scenario from YAML text (an uploaded or downloaded scenario file).

    A file without ``headroom_basis: paid_hours`` (written before headroom became one share of paid
    hours) that sets ``headroom`` is read on its old basis, a share of hours after leave, converted to
    the same effective hours; the scenario's ``warnings`` say how.

    Raises:
        ParameterError: the text is not a scenario mapping, or an override is not acceptable.
    """
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise ParameterError(
            f"{source}: not readable as YAML{where}; a scenario file is a mapping of name, title, "
            "description and overrides (download one from the Expansion page for its layout)."
        ) from None
    if not isinstance(data, Mapping):
        raise ParameterError(f"{source}: expected a mapping with name, title, description and overrides.")
    unknown = sorted(str(k) for k in data if k not in _SCENARIO_KEYS)
    if unknown:
        raise ParameterError(
            f"{source}: unknown top-level key(s) {', '.join(unknown)}; a scenario file has "
            f"{', '.join(_SCENARIO_KEYS)}.{suggest(unknown[0], list(_SCENARIO_KEYS))}"
        )
    file_overrides = data.get("overrides") or {}
    if not isinstance(file_overrides, Mapping):
        raise ParameterError(f"{source}: 'overrides' must be a mapping of parameter name to value.")
    file_overrides = dict(file_overrides)
    basis = str(data.get("headroom_basis") or OLD_HEADROOM_BASIS)
    if basis not in (HEADROOM_BASIS, OLD_HEADROOM_BASIS):
        raise ParameterError(
            f"{source}: headroom_basis {basis!r} is not known; use '{HEADROOM_BASIS}' (a share of paid "
            f"hours, leave included) or '{OLD_HEADROOM_BASIS}' (a share of hours after leave, before 2026)."
        )
    file_overrides, warnings = _drop_retired(file_overrides, source)
    if basis == OLD_HEADROOM_BASIS and "headroom" in file_overrides:
        file_overrides, converted = _headroom_from_old_basis(file_overrides, source)
        warnings += converted
    params = apply_overrides(load_defaults(), file_overrides)
    params = apply_overrides(params, overrides)
    name = str(data.get("name") or "custom")
    title = str(data.get("title") or name)
    return _finish(name, title, str(data.get("description") or ""), params, warnings)


def load_scenario(path_or_name: str | Path | None = None, **overrides: Any) -> Scenario:
    """Load a named scenario (``"status_quo"``, ``"long-term-plan"``) or a scenario file, plus overrides.

    Args:
        path_or_name: a scenario name in ``data/scenarios`` or a path to a YAML file; ``None`` is
            the status quo.
        **overrides: parameter name → value, applied after the file (dotted names allowed via
            ``**{"turnover_by_band.6": 0.1}``).

    Raises:
        ParameterError: unknown scenario (listing the known ones), unknown parameter, bad value.
    """
    ref = "status_quo" if path_or_name is None else str(path_or_name)
    path = Path(ref)
    if not (path.suffix in (".yaml", ".yml") and path.exists()):
        stem = re.sub(r"[\s-]+", "_", ref.strip().lower())
        path = SCENARIOS_DIR / f"{stem}.yaml"
        if not path.exists():
            known = list_scenarios()
            raise ParameterError(
                f"Scenario {ref!r} not found; known scenarios are {', '.join(known)}, or give a YAML file path."
                f"{suggest(stem, list(known))}"
            )
    return scenario_from_text(path.read_text(encoding="utf-8"), source=path.name, **overrides)


def parse_set(items: Sequence[str] | None) -> dict[str, Any]:
    """Parse ``--set name=value`` items into raw overrides (values read as YAML scalars or maps).

    Types and ranges are checked later, by :func:`load_scenario`, against the parameter definitions.

    Raises:
        ParameterError: an item without ``=`` or with an unknown parameter name.
    """
    out: dict[str, Any] = {}
    known = load_defaults()
    for item in items or ():
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ParameterError(f"--set {item!r}: expected name=value, for example --set headroom=0.25.")
        base = name.split(".")[0]
        if base in RETIRED:
            raise ParameterError(
                f"--set {item!r}: parameter '{base}' is no longer used: {RETIRED[base]}.", base
            )
        if base not in known:
            raise ParameterError(
                f"--set {item!r}: unknown parameter '{base}'.{suggest(base, list(known))}", base
            )
        try:
            value = load_yaml(text) if text.strip() else None
        except yaml.YAMLError:
            value = text
        # A financial year like 2028/29 must stay text; YAML would read 2028 as a number.
        out[name] = text.strip() if known[base].type in ("year", "date", "choice") else value
    return out
