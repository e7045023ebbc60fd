"""The expansion model's inputs: one frozen, typed, validated object built once from a scenario.

:class:`ModelInputs` has one attribute per parameter of ``data/parameters/expansion.yaml``, under the
same name that scenario files and ``--set`` use, so a reader can follow ``headroom`` from the YAML
(``Scenario.inputs()``) to ``inputs.headroom`` in :func:`planner.expansion.headroom.headroom`.
Every instance is checked when it is made (types, allowed ranges, bands, allocation shares against the
skill-mix policy) and inputs that must fit together (a headroom total no lower than its sourced parts),
so the model never casts or re-checks a value; all problems are reported together in one
:class:`InputsError`. Maps by band are read-only mappings with float values.

The label, unit, range and source or assumption of each field stay where they are written, in the
parameter definitions; :meth:`ModelInputs.describe` gives them back. A changed copy (the Monte Carlo or
a test varying one input) is made with :func:`dataclasses.replace`, which checks it again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Any, Literal

from planner.expansion.defaults import load_defaults
from planner.expansion.headroom import problems as headroom_problems
from planner.expansion.parameter import Parameter, ParameterError, coerce


class InputsError(ParameterError):
    """The model's inputs are not usable; ``problems`` lists every one, each naming the parameter.

    Attributes:
        problems: one sentence per problem, saying the parameter, the value and what is allowed.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        if len(self.problems) == 1:
            message = self.problems[0]
        else:
            message = f"{len(self.problems)} problems with the model's inputs:\n" + "\n".join(
                f"- {p}" for p in self.problems
            )
        super().__init__(message)


def _freeze(value: Any) -> Any:
    """Maps (band rates, allocation shares) as read-only mappings, nested maps included."""
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): _freeze(v) for k, v in value.items()})
    return value


def _thaw(value: Any) -> Any:
    """Read-only mappings back to plain dicts, nested maps included."""
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    return value


def _check(p: Parameter, raw: Any) -> Any:
    """The value in the field's type, or :class:`ParameterError`; text is refused where a number is due."""
    if p.type in ("float", "int") and isinstance(raw, str | bool):
        raise ParameterError(f"Parameter '{p.name}': expected a number, found {raw!r}.", p.name)
    return _freeze(coerce(p, raw))


@dataclass(frozen=True, slots=True)
class ModelInputs:
    """Every input of the expansion model, typed and checked (units and sources: :meth:`describe`)."""

    # demand
    population: int
    prevalence: float
    eligible_share: float
    eligible_population: float | None
    eligible_growth: float
    referral_rate: float
    referral_rate_target: float
    uptake: float
    dropout: float
    # programme
    programme_weeks: int
    sessions_per_week: int
    service_weeks_per_year: int
    class_size: int
    exercise_minutes: float
    education_minutes: float
    prep_travel_minutes: float
    initial_assessment_minutes: float
    discharge_assessment_minutes: float
    objective_measures_share: float
    admin_hours_per_patient: float
    # staffing
    patients_per_staff: float
    min_staff_per_class: int
    hours_per_week: float
    weeks_per_year: float
    annual_leave_days: float
    bank_holidays: float
    headroom: float | None
    supervision_hours_per_supporting_wte: float
    max_supporting_per_registered: float
    leadership_share: float
    leadership_min_wte: float
    band7_to_band4_shift: float
    allocation: Mapping[str, Mapping[str, float]]
    typical_wte: float
    annual_leave_days_5_years: float
    annual_leave_days_10_years: float
    share_staff_5_to_10_years: float
    share_staff_10_years_plus: float
    sickness_absence: float
    study_training: float
    other_nonclinical: float
    # supply
    target_year: str
    turnover_by_band: Mapping[str, float]
    recruitment_lead_time_months: int
    recruitment_fill_rate: float
    trainees_per_year: float
    training_months: int
    gap_tolerance_wte: float
    # cost
    pay_point: Literal["entry", "mid", "top"]
    pension_basis: Literal["employer", "full"]
    pay_award: Mapping[str, float]
    ni_wte_per_person: float
    # waiting list and targets
    waiting_list_now: float
    target_share_within_90_days: float
    wait_target_days: int
    post_exacerbation_weeks: int
    target_completion: float
    post_exacerbation_share: float
    waiting_list_by_weeks: Mapping[str, float] | None
    backlog_clearance_weeks: int
    # uncertainty
    turnover_uncertainty: float
    fill_rate_uncertainty: float
    prevalence_uncertainty: float
    eligible_share_uncertainty: float
    eligible_population_uncertainty: float
    eligible_growth_uncertainty: float
    referral_rate_uncertainty: float
    referral_growth_uncertainty: float
    uptake_uncertainty: float
    admin_hours_uncertainty: float
    headroom_uncertainty: float
    dropout_uncertainty: float

    def __post_init__(self) -> None:
        """Check every field against its parameter definition; store maps read-only, numbers as typed.

        Raises:
            InputsError: listing every field whose value is of the wrong type or out of range.
        """
        clean, problems = _validate({name: getattr(self, name) for name in field_names()})
        if problems:
            raise InputsError(problems)
        for name, value in clean.items():
            object.__setattr__(self, name, value)  # frozen: normalise once, here, before anyone reads it
        # Inputs that must fit together: headroom is the sum of its parts (planner.expansion.headroom).
        combined = headroom_problems(self)
        if combined:
            raise InputsError(combined)

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        """Pickle as plain values (read-only mappings cannot be pickled); loading checks them again.

        Streamlit's ``st.cache_data`` pickles the projection, which carries these inputs.
        """
        return ModelInputs.from_values, (self.as_dict(),)

    def as_dict(self) -> dict[str, Any]:
        """Name → value for every field, maps as plain (mutable) dicts: a copy, for saving or pickling."""
        return {name: _thaw(getattr(self, name)) for name in field_names()}

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> ModelInputs:
        """Inputs from parameter name → value, reporting unknown and missing names with the bad values.

        Raises:
            InputsError: every unknown or missing name and every unacceptable value, in one error.
        """
        names = field_names()
        unknown = [
            f"Unknown parameter '{n}'; the model has no input of that name." for n in values if n not in names
        ]
        missing = [f"Parameter '{n}': no value given." for n in names if n not in values]
        clean, problems = _validate({n: values[n] for n in names if n in values})
        if unknown or missing or problems:
            raise InputsError([*unknown, *missing, *problems])
        return cls(**clean)

    @classmethod
    def from_parameters(cls, parameters: Mapping[str, Parameter]) -> ModelInputs:
        """Inputs from a scenario's parameters (``Scenario.parameters``).

        Raises:
            InputsError: every unknown or missing name and every unacceptable value, in one error.
        """
        return cls.from_values({name: p.value for name, p in parameters.items()})

    @staticmethod
    def describe(name: str) -> Parameter:
        """The definition of input ``name``: label, unit, allowed and plausible range, source or assumption.

        The definition is the sourced default's (``data/parameters/expansion.yaml``); a scenario's own
        provenance for an overridden value is in ``Scenario.parameters``.

        Raises:
            ParameterError: ``name`` is not an input of the model.
        """
        defaults = load_defaults()
        if name not in field_names():
            raise ParameterError(f"Unknown parameter '{name}'; the model has no input of that name.", name)
        return defaults[name]


def field_names() -> tuple[str, ...]:
    """The names of :class:`ModelInputs`' fields, in model order (the order of the defaults file)."""
    return _FIELD_NAMES


def _validate(values: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Each value checked against its parameter definition: (clean values, problems)."""
    defaults = load_defaults()
    clean: dict[str, Any] = {}
    problems: list[str] = []
    for name, raw in values.items():
        try:
            clean[name] = _check(defaults[name], raw)
        except ParameterError as exc:
            problems.append(str(exc))
    return clean, problems


_FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(ModelInputs))
