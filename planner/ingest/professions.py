"""Professions and registration: tidy the profession a roster names, and settle how a person is registered.

Statutory regulation (HCPC, NMC, GPhC…) is kept distinct from accredited registers (AHCS, RCCP…).
A roster may give a registration body, a yes/no "Registered?" column, or both; the rules for
combining them (documented in the README, "Reading your team's roster") are in :func:`resolve_registration`.
"""

from __future__ import annotations

import re
from typing import Any

from planner.ingest.dates import parse_yes_no
from planner.ingest.normalise import Problem, cell_text, value_key
from planner.vocab import ACCREDITED_REGISTERS, STATUTORY_BODIES

#: Keyword (in the lower-cased text) → profession, first match wins, so specific forms come first.
_PROFESSIONS: tuple[tuple[str, str], ...] = (
    (r"exercise physiolog|\bcep\b", "Clinical exercise physiologist"),
    (r"respiratory physiolog|clinical physiolog|\bphysiologist", "Clinical physiologist"),
    (r"physio|\bpt\b", "Physiotherapist"),
    (r"occupational|\bot\b", "Occupational therapist"),
    (r"nursing associate", "Nursing associate"),
    (r"nurs|\brn\b|\bcns\b", "Nurse"),
    (r"dietit|dietic", "Dietitian"),
    (r"pharmacy tech", "Pharmacy technician"),
    (r"pharmacist", "Pharmacist"),
    (r"psycholog", "Psychologist"),
    (r"speech|\bslt\b", "Speech and language therapist"),
    (r"assistant practitioner", "Assistant practitioner"),
    (
        r"rehab\w* (assistant|support)|therapy (assistant|support)|support worker|\bhca\b|health ?care assistant",
        "Rehabilitation assistant",
    ),
    (r"exercise (instructor|professional|specialist)|fitness instructor", "Exercise instructor"),
    (r"doctor|physician|consultant|\bgp\b", "Doctor"),
    (r"admin|clerical|receptionist|co-?ordinator", "Administrator"),
)
#: Which register a profession is on, used only when a roster says "Registered? yes" without a body.
_PROFESSION_BODY: dict[str, str] = {
    "Physiotherapist": "HCPC",
    "Occupational therapist": "HCPC",
    "Dietitian": "HCPC",
    "Speech and language therapist": "HCPC",
    "Psychologist": "HCPC",
    "Nurse": "NMC",
    "Nursing associate": "NMC",
    "Pharmacist": "GPhC",
    "Pharmacy technician": "GPhC",
    "Doctor": "GMC",
}
#: Professions whose registration is usually an accredited register (AHCS or RCCP), not a regulator.
_ACCREDITED_PROFESSIONS = {"Clinical exercise physiologist", "Clinical physiologist"}


_BODY_NAMES: tuple[tuple[str, str], ...] = (
    ("health and care professions council", "HCPC"),
    ("hcpc", "HCPC"),
    ("hpc", "HCPC"),
    ("nursing and midwifery council", "NMC"),
    ("nmc", "NMC"),
    ("general pharmaceutical council", "GPhC"),
    ("gphc", "GPhC"),
    ("general medical council", "GMC"),
    ("gmc", "GMC"),
    ("general osteopathic council", "GOsC"),
    ("general chiropractic council", "GCC"),
    ("general dental council", "GDC"),
    ("pharmaceutical society of northern ireland", "PSNI"),
    ("academy for healthcare science", "AHCS"),
    ("academy of healthcare science", "AHCS"),
    ("ahcs", "AHCS"),
    ("registration council for clinical physiologists", "RCCP"),
    ("rccp", "RCCP"),
    ("basrat", "BASRaT"),
    ("cimspa", "CIMSPA"),
    ("register of exercise professionals", "REPs"),
    ("reps", "REPs"),
)
_NOT_REGISTERED = {"none", "n a", "na", "nil", "not registered", "unregistered", "no", "n", "not applicable"}
_BODY_PROBLEM = Problem(
    "value_unknown",
    "warning",
    "a statutory regulator (HCPC, NMC, GPhC, GMC) or accredited register (AHCS, RCCP)",
    "'{value}' is not a statutory regulator or accredited register the planner knows; "
    "the person is counted as not registered.",
)


def kind_from_profession(profession: str | None) -> str:
    """The registration a profession usually carries (``statutory``, ``accredited`` or ``none``).

    Only for an inference the user asks for when the roster records no registration; the result is
    always shown as "inferred from profession", never as recorded.
    """
    if profession in _PROFESSION_BODY:
        return "statutory"
    if profession in _ACCREDITED_PROFESSIONS:
        return "accredited"
    return "none"


def body_kind(body: str | None) -> str:
    """``statutory`` (HCPC, NMC, GPhC…), ``accredited`` (AHCS, RCCP…) or ``none`` for a canonical body."""
    if body in STATUTORY_BODIES:
        return "statutory"
    if body in ACCREDITED_REGISTERS:
        return "accredited"
    return "none"


def parse_body(value: Any) -> tuple[str | None, Problem | None]:
    """A registration body as written → canonical name (``HCPC``, ``NMC``, ``GPhC``, ``AHCS``…).

    Returns:
        ``(None, None)`` for blank or "none"/"n/a"; the text as written with a ``value_unknown``
        warning for a body the planner does not know (for example a professional body such as CSP).
    """
    key = value_key(value)
    if not key or key in _NOT_REGISTERED or key == "-":
        return None, None
    padded = f" {key} "
    for words, body in _BODY_NAMES:
        if f" {words} " in padded:
            return body, None
    return cell_text(value), _BODY_PROBLEM


def is_not_registered(value: Any) -> bool:
    """True when a registration-body cell says the person is not registered ("none", "n/a", "no")."""
    key = value_key(value)
    return key in _NOT_REGISTERED or (cell_text(value) or "").strip() in {"-", "–", "—"}


def parse_profession(value: Any) -> str | None:
    """``physio``, ``Band 6 Physiotherapist``, ``RN``, ``Rehab assistant`` → a tidy profession name.

    Text that matches none of the common professions is kept as written (trimmed), never dropped.
    """
    text = cell_text(value)
    if text is None:
        return None
    low = text.casefold()
    for pattern, profession in _PROFESSIONS:
        if re.search(pattern, low):
            return profession
    return text


def resolve_registration(
    registered: Any, body_cell: Any, profession: str | None
) -> tuple[str | None, str, Problem | None]:
    """Combine a "Registered?" cell, a registration-body cell and the profession.

    Rules:
        * A known body decides: HCPC/NMC/GPhC… → ``statutory``; AHCS/RCCP… → ``accredited``.
        * A body the planner does not know (e.g. CSP, a professional body) → ``none``, with a warning.
        * "Registered? yes" with no body: the profession's usual register is assumed (HCPC for
          physiotherapists, NMC for nurses…; an accredited register for clinical exercise
          physiologists); for other professions ``statutory`` is assumed. Each case is warned.
        * "Registered? no" (or blank) with no body → ``none``. A "Registered?" cell that names a body
          is treated as the body.

    Returns:
        ``(registration_body, registration_kind, problem)``.
    """
    flag = parse_yes_no(registered)
    cell = body_cell
    if flag is None and cell_text(registered) and not is_not_registered(registered):
        cell = registered if cell_text(body_cell) is None else body_cell
    if flag is None and is_not_registered(registered):
        flag = False
    body, problem = parse_body(cell)
    if body is not None and problem is None:
        kind = body_kind(body)
        if flag is False:
            return (
                body,
                kind,
                Problem(
                    "value_conflict",
                    "warning",
                    "'Registered?' and the registration body agreeing",
                    f"'Registered?' says no but the body is {body}; counted as registered with {body}.",
                ),
            )
        return body, kind, None
    if body is not None:
        return body, "none", problem
    if flag:
        assumed = _PROFESSION_BODY.get(profession or "")
        if assumed:
            return (
                assumed,
                body_kind(assumed),
                Problem(
                    "registration_body_missing",
                    "warning",
                    "the registration body (HCPC, NMC, GPhC, AHCS…) beside 'Registered? yes'",
                    f"Registered, but no body given; {assumed} assumed from the profession ({profession}).",
                ),
            )
        if profession in _ACCREDITED_PROFESSIONS:
            return (
                None,
                "accredited",
                Problem(
                    "registration_body_missing",
                    "warning",
                    "the registration body (AHCS, RCCP…) beside 'Registered? yes'",
                    f"Registered, but no body given; an accredited register assumed for {profession}.",
                ),
            )
        return (
            None,
            "statutory",
            Problem(
                "registration_body_missing",
                "warning",
                "the registration body (HCPC, NMC, GPhC, AHCS…) beside 'Registered? yes'",
                "Registered, but no body given; counted as statutory registration. Add the body to be sure.",
            ),
        )
    return None, "none", None
