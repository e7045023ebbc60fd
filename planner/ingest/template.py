"""The blank roster template a service lead fills in, and the data dictionary behind it.

The template has four sheets: *Staff* (one row per post, with the optional *Judged at* and *Leaving
date* columns), *Competencies* (the London individual
competency record columns, one row per person and competency), *Read-me* (the data dictionary) and
*Services* (for a region: each service's population and its own scenario values, read by
:mod:`planner.ingest.services`).
Drop-down validation offers the AfC bands, the four London functions and yes / no / in progress.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd

from planner.paths import SAMPLES_DIR, TEMPLATES_DIR
from planner.samples import RECORD_COLUMNS, STAFF_COLUMNS
from planner.vocab import BANDS, FUNCTION_LABELS

TEMPLATE_FILE = "roster_template.xlsx"
DICTIONARY_FILE = "data_dictionary.csv"
#: The template's Staff sheet: the sample's columns plus the two optional ones a lead may fill in.
TEMPLATE_STAFF_COLUMNS: tuple[str, ...] = (*STAFF_COLUMNS, "Judged at", "Leaving date")
#: The template's Services sheet: the required columns, then a few of the scenario values a service
#: may set for itself, headed by their labels on the Expansion page (any other parameter may be added).
TEMPLATE_SERVICES_COLUMNS: tuple[str, ...] = (
    "Service",
    "Population",
    "Eligible population",
    "Referral rate now",
    "Uptake (referrals who start PR)",
    "Patients per class",
    "People waiting to start now",
)

#: Field, sheet, format, required?, description. The one source for the template's Read-me sheet,
#: data/samples/data_dictionary.csv and the README.
DATA_DICTIONARY: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "Staff ID",
        "Staff",
        "text",
        "yes",
        "Your staff or assignment number. Also accepted: Employee Number, Assignment Number.",
    ),
    (
        "Name",
        "Staff",
        "text",
        "no",
        "Personal data: kept in memory for your session only, never saved or logged; exports leave it out unless you ask.",
    ),
    ("Service", "Staff", "text", "no", "Service or team name, for workbooks holding several services."),
    (
        "Band",
        "Staff",
        "AfC band",
        "yes",
        "Agenda for Change band: 1–7, 8a–8d or 9 (Band 5, B5, 5, AfC 5 and ESR codes such as XR05 are read too).",
    ),
    (
        "WTE",
        "Staff",
        "number",
        "yes",
        "Whole-time equivalent of this post, above 0 and at most 1.5 (0.6 or 60%). Contracted hours per week are also accepted (÷ 37.5).",
    ),
    (
        "Function",
        "Staff",
        "London function",
        "no",
        "Supporting, Delivering, Leading (service management), or Delivering and managing PR (London PR competency framework).",
    ),
    (
        "Profession",
        "Staff",
        "text",
        "no",
        "e.g. Physiotherapist, Occupational therapist, Respiratory nurse, Clinical exercise physiologist, Rehabilitation assistant.",
    ),
    (
        "Registration body",
        "Staff",
        "text",
        "no",
        "HCPC, NMC or GPhC (statutory regulators) or AHCS (an accredited register); blank if not registered.",
    ),
    (
        "Career level",
        "Staff",
        "text",
        "no",
        "Clinical homecare career level, if you use that framework: Supportive, Associate/Assistant, Autonomous, Enhanced, Advanced.",
    ),
    (
        "Role",
        "Staff",
        "text",
        "no",
        "Primary-care role, if you use that framework: health care assistant, nursing associate, practice nurse.",
    ),
    (
        "Judged at",
        "Staff",
        "framework level",
        "no",
        "Optional. The framework level to judge this person at when it differs from their band or function, "
        "by its name on the Frameworks page (e.g. Band 6, Clinical/Operational Lead). Also read as "
        "Framework level. Blank: judged by band (BTS) or function (London). The Team page can change it too.",
    ),
    (
        "Leaving date",
        "Staff",
        "date (dd/mm/yyyy)",
        "no",
        "Optional. The person's last working day, if they are leaving. From this date they count as absent "
        "when the Coverage page looks ahead for single points of failure. Blank: not leaving.",
    ),
    ("Staff ID", "Competencies", "text", "yes", "The Staff ID from the Staff sheet."),
    (
        "Reference no.",
        "Competencies",
        "text",
        "yes",
        "The competency's reference number in the framework (see the Frameworks page, e.g. BTS-B5-CCS-03).",
    ),
    (
        "Competency",
        "Competencies",
        "text",
        "no",
        "The competency's wording (for your reference; the reference number is what is matched).",
    ),
    (
        "Achieved? (yes / no) Self-assessment",
        "Competencies",
        "yes / no / in progress",
        "yes",
        "The staff member's self-assessment.",
    ),
    (
        "Date of self-assessment",
        "Competencies",
        "date (dd/mm/yyyy)",
        "no",
        "When the self-assessment was made. UK order: 01/04/2025 is 1 April 2025.",
    ),
    (
        "Evidence",
        "Competencies",
        "text",
        "no",
        "One or two sentences of evidence, e.g. 'Completed the Level 4 qualification.'",
    ),
    (
        "Signed off – name and date",
        "Competencies",
        "text: name dd/mm/yyyy",
        "no",
        "The manager or service lead who confirmed the evidence, and the date, e.g. 'A. Patel 12/03/2025'.",
    ),
    (
        "Service",
        "Services",
        "text",
        "yes",
        "For a roster of several services: one row per service, named as in the Staff sheet's Service "
        "column. Every service in the roster needs a row; a name that matches none is reported.",
    ),
    (
        "Population",
        "Services",
        "number of people",
        "one of the two",
        "The population the service serves (e.g. its ICB or place footprint). The model derives the "
        "eligible population from it with the scenario's prevalence and eligible share.",
    ),
    (
        "Eligible population",
        "Services",
        "number of people",
        "one of the two",
        "People eligible for PR in the service's area, when known locally; it replaces population × "
        "prevalence × eligible share.",
    ),
    (
        "Other columns",
        "Services",
        "the scenario value",
        "no",
        "Any scenario value the service sets for itself, headed by its label on the Expansion page (e.g. "
        "Referral rate now, Uptake (referrals who start PR), Patients per class, People waiting to start "
        "now) or its name in scenario files (waiting_list_by_weeks.12-18 for one band of the waiting "
        "list's age profile). Blank cells keep the scenario's value. A Source or Notes column is kept "
        "for your notes and not read.",
    ),
)


def dictionary_frame() -> pd.DataFrame:
    """The data dictionary as a table (Field, Sheet, Format, Required, Description)."""
    return pd.DataFrame(
        list(DATA_DICTIONARY), columns=["Field", "Sheet", "Format", "Required", "Description"]
    )


def template_bytes() -> bytes:
    """The blank template workbook with drop-down validation and a Read-me sheet."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as xw:
        book = xw.book
        head = book.add_format(
            {"bold": True, "bg_color": "#005EB8", "font_color": "#FFFFFF", "text_wrap": True}
        )
        text = book.add_format({"num_format": "@"})
        day = book.add_format({"num_format": "dd/mm/yyyy"})
        bands = [f"Band {b}" for b in BANDS]
        functions = list(FUNCTION_LABELS.values())
        answers = ["Yes", "No", "In progress"]
        rows = 500
        staff = book.add_worksheet("Staff")
        for col, name in enumerate(TEMPLATE_STAFF_COLUMNS):
            staff.write(0, col, name, head)
            fmt = {"WTE": None, "Leaving date": day}.get(name, text)
            staff.set_column(col, col, {"Name": 24, "Judged at": 26}.get(name, 16), fmt)
        staff.data_validation(
            1, 3, rows, 3, {"validate": "list", "source": f"=Lists!$A$2:$A${len(bands) + 1}"}
        )
        staff.data_validation(
            1,
            4,
            rows,
            4,
            {
                "validate": "decimal",
                "criteria": "between",
                "minimum": 0.01,
                "maximum": 1.5,
                "error_message": "WTE is above 0 and at most 1.5.",
            },
        )
        staff.data_validation(
            1, 5, rows, 5, {"validate": "list", "source": f"=Lists!$B$2:$B${len(functions) + 1}"}
        )
        leaving = TEMPLATE_STAFF_COLUMNS.index("Leaving date")
        staff.data_validation(
            1,
            leaving,
            rows,
            leaving,
            {
                "validate": "date",
                "criteria": ">",
                "minimum": date(2000, 1, 1),
                "error_message": "A date, dd/mm/yyyy, e.g. 31/03/2027.",
            },
        )
        staff.freeze_panes(1, 0)
        comp = book.add_worksheet("Competencies")
        for col, name in enumerate(RECORD_COLUMNS):
            comp.write(0, col, name, head)
            width = {"Competency": 50, "Evidence": 40}.get(name, 18)
            comp.set_column(col, col, width, day if name == "Date of self-assessment" else text)
        comp.data_validation(
            1, 3, rows, 3, {"validate": "list", "source": f"=Lists!$C$2:$C${len(answers) + 1}"}
        )
        comp.freeze_panes(1, 0)
        readme = book.add_worksheet("Read-me")
        services = book.add_worksheet("Services")
        for col, name in enumerate(TEMPLATE_SERVICES_COLUMNS):
            services.write(0, col, name, head)
            services.set_column(col, col, 24 if col == 0 else 18, text if col == 0 else None)
        services.data_validation(
            1,
            1,
            rows,
            2,
            {
                "validate": "integer",
                "criteria": ">=",
                "value": 0,
                "error_message": "A number of people, 0 or more.",
            },
        )
        services.freeze_panes(1, 0)
        readme.write(
            0, 0, "Skill Mix Planner roster template", book.add_format({"bold": True, "font_size": 14})
        )
        readme.write(
            1,
            0,
            "Fill in one row per post on Staff and one row per person and competency on Competencies. "
            "Upload the file on the Team page. Never share a file with names outside your organisation.",
        )
        dd = dictionary_frame()
        for col, name in enumerate(dd.columns):
            readme.write(3, col, name, head)
            readme.set_column(col, col, 90 if name == "Description" else 22)
        for r, values in enumerate(dd.itertuples(index=False), start=4):
            readme.write_row(r, 0, list(values))
        lists = book.add_worksheet("Lists")
        for col, (title, values) in enumerate(
            (("Band", bands), ("Function", functions), ("Achieved", answers))
        ):
            lists.write(0, col, title, head)
            lists.write_column(1, col, values)
        lists.hide()
        staff.activate()
    return buf.getvalue()


def write_template(directory: Path = TEMPLATES_DIR) -> Path:
    """Write the blank template to ``directory`` and return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / TEMPLATE_FILE
    path.write_bytes(template_bytes())
    return path


def write_dictionary(directory: Path = SAMPLES_DIR) -> Path:
    """Write the data dictionary CSV beside the samples and return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / DICTIONARY_FILE
    dictionary_frame().to_csv(path, index=False)
    return path
