"""Blank templates and data dictionaries for the clinical homecare and PCN rosters (issue 16).

The pulmonary rehabilitation template stays in :mod:`planner.ingest.template`. These two share its
two-sheet shape (Staff, Competencies) and Read-me, with each type's own Staff columns and a data
dictionary whose rows say what each column holds for that type.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from planner.ingest.template import DATA_DICTIONARY
from planner.paths import SAMPLES_DIR, TEMPLATES_DIR
from planner.reference import service_types
from planner.sample_kinds import HOMECARE_COLUMNS, PCN_COLUMNS
from planner.samples import RECORD_COLUMNS

_COMMON = {row[0]: row for row in DATA_DICTIONARY if row[1] == "Staff"}
_OWN: dict[str, dict[str, tuple[str, str, str, str, str]]] = {
    "homecare": {
        "Service type": (
            "Service type",
            "Staff",
            "text",
            "no",
            "Clinical homecare. The type picks the framework, levels and words; the Team page can change it.",
        ),
        "Band": (
            "Band",
            "Staff",
            "AfC band",
            "yes",
            "Agenda for Change band or your local equivalent. Used only where a person has no career level (the level is then inferred, and the page says so) or no salary (AfC mid-point, labelled).",
        ),
        "Career level": (
            "Career level",
            "Staff",
            "text",
            "no",
            "Supportive, Associate (assistant), Autonomous, Enhanced or Advanced: the Clinical Homecare Career and Competence Framework level the person is judged at.",
        ),
        "Annual salary": (
            "Annual salary",
            "Staff",
            "£ a year",
            "no",
            "Full-time annual pay in pounds (most homecare providers are not on Agenda for Change). Kept in your session only; costs use it before any AfC figure.",
        ),
    },
    "pcn": {
        "Service type": (
            "Service type",
            "Staff",
            "text",
            "no",
            "Primary care (PCN). The type picks the framework, levels and words; the Team page can change it.",
        ),
        "Practice": (
            "Practice",
            "Staff",
            "text",
            "no",
            "The practice the person works in (or the PCN itself).",
        ),
        "Role": (
            "Role",
            "Staff",
            "text",
            "yes",
            "The ARRS role: Clinical pharmacist, Pharmacy technician, Healthcare support worker, Nursing associate, New-to-general-practice nurse, Experienced general practice nurse, Social prescribing link worker, Care coordinator, First contact physiotherapist and the other roles of the scheme.",
        ),
        "Band": ("Band", "Staff", "AfC band", "yes", "Agenda for Change band the role is employed at."),
        "Annual salary": (
            "Annual salary",
            "Staff",
            "£ a year",
            "no",
            "Full-time annual pay in pounds. With employer National Insurance and pension it is the cost an ARRS claim is capped by. Kept in your session only.",
        ),
        "Start date": (
            "Start date",
            "Staff",
            "date",
            "no",
            "When the person started in this post (dd/mm/yyyy); a start inside the ARRS year pro-rates the claim.",
        ),
    },
}
_COLUMNS = {"homecare": HOMECARE_COLUMNS, "pcn": PCN_COLUMNS}


def dictionary_frame(kind: str) -> pd.DataFrame:
    """The data dictionary of a type's roster (``homecare`` or ``pcn``)."""
    own = _OWN[kind]
    rows = [own.get(c) or _COMMON[c] for c in _COLUMNS[kind]]
    rows += [r for r in DATA_DICTIONARY if r[1] == "Competencies"]
    return pd.DataFrame(rows, columns=["Field", "Sheet", "Format", "Required", "Description"])


def template_bytes(kind: str) -> bytes:
    """The blank template of a type: Staff (the type's columns), Competencies and a Read-me sheet."""
    buf = io.BytesIO()
    label = service_types.get(kind).label
    with pd.ExcelWriter(buf, engine="xlsxwriter") as xw:
        pd.DataFrame(columns=list(_COLUMNS[kind])).to_excel(xw, sheet_name="Staff", index=False)
        pd.DataFrame(columns=list(RECORD_COLUMNS)).to_excel(xw, sheet_name="Competencies", index=False)
        dd = dictionary_frame(kind)
        dd.to_excel(xw, sheet_name="Read-me", index=False, startrow=3)
        readme = xw.sheets["Read-me"]
        readme.write(0, 0, f"Skill Mix Planner roster template: {label}")
        readme.write(1, 0, "One row per post on Staff, one row per person and competency on Competencies.")
        readme.set_column(4, 4, 90)
        for sheet in ("Staff", "Competencies"):
            xw.sheets[sheet].freeze_panes(1, 0)
            xw.sheets[sheet].set_column(0, 12, 18)
    return buf.getvalue()


def write_files(kind: str, templates: Path = TEMPLATES_DIR, samples: Path = SAMPLES_DIR) -> list[Path]:
    """Write a type's template and data dictionary; return their paths."""
    templates.mkdir(parents=True, exist_ok=True)
    samples.mkdir(parents=True, exist_ok=True)
    tpl = templates / service_types.get(kind).template
    tpl.write_bytes(template_bytes(kind))
    dd = samples / f"data_dictionary_{kind}.csv"
    dictionary_frame(kind).to_csv(dd, index=False)
    return [tpl, dd]
