"""Synthetic sample teams for the other service types: a clinical homecare team and a PCN team.

Seeded like :mod:`planner.samples` (same seed, same workbook) and in the same two-sheet template
format. Nothing here describes a real person or provider: names come from the short lists of
:mod:`planner.samples`, ids are made up (``SYN`` + digits), and salaries are drawn from ranges we
chose to look plausible (an assumption, never a source's figure).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from planner.reference import frameworks

#: The Competencies sheet's columns, as :data:`planner.samples.RECORD_COLUMNS` (a test keeps them equal;
#: this module stays beside ``samples`` in the layout, so it does not import it).
RECORD_COLUMNS: tuple[str, ...] = (
    "Staff ID",
    "Reference no.",
    "Competency",
    "Achieved? (yes / no) Self-assessment",
    "Date of self-assessment",
    "Evidence",
    "Signed off – name and date",
)
SAMPLE_AS_OF = date(2026, 11, 1)
_GIVEN = "Ada Bilal Cara Dan Esme Fin Gita Hal Iris Jay Kemi Lior Maya Nils Ola Pia Raj Sol Tia Wyn".split()
_FAMILY = "Ahmed Brown Clarke Dixon Ellis Foster Green Hall Irwin Jackson Kaur Lee Mills Noor Owusu".split()


@dataclass(frozen=True)
class Sample:
    """A generated sample: the two sheets of the template (written by :func:`planner.samples.to_xlsx`)."""

    staff: pd.DataFrame
    records: pd.DataFrame
    services: pd.DataFrame | None = None  # a region's Services sheet (none for these single teams)


HOMECARE_COLUMNS = ("Staff ID", "Name", "Service", "Service type", "Band", "WTE", "Profession",
                    "Registration body", "Career level", "Annual salary")  # fmt: skip
PCN_COLUMNS = ("Staff ID", "Name", "Service", "Service type", "Practice", "Role", "Band", "WTE",
               "Profession", "Registration body", "Annual salary", "Start date")  # fmt: skip
KINDS: tuple[str, ...] = ("pr", "homecare", "pcn")

# career level, AfC-equivalent band, profession, registration body, salary range (£, our assumption), count
_HOMECARE_POSTS: tuple[tuple[str, str, str, str, tuple[int, int], int], ...] = (
    ("supportive", "3", "Homecare pharmacy assistant", "", (23000, 25500), 2),
    ("supportive", "3", "Patient services co-ordinator", "", (23500, 26000), 2),
    ("supportive", "2", "Despatch and delivery co-ordinator", "", (22500, 24500), 2),
    ("associate", "4", "Homecare clinical technician", "", (26000, 29000), 2),
    ("associate", "4", "Nursing associate", "NMC", (28000, 31000), 1),
    ("autonomous", "5", "Registered nurse (adult)", "NMC", (34000, 40000), 3),
    ("autonomous", "5", "Homecare pharmacy technician", "GPhC", (31000, 35000), 2),
    ("autonomous", "6", "Homecare pharmacist", "GPhC", (45000, 52000), 1),
    ("enhanced", "7", "Clinical homecare service manager", "NMC", (52000, 60000), 1),
    ("enhanced", "7", "Nurse educator", "NMC", (50000, 56000), 1),
    ("enhanced", "7", "Logistics manager", "", (46000, 52000), 1),
    ("advanced", "8b", "Chief nurse", "NMC", (70000, 82000), 1),
)
# ARRS role as written, band, profession, registration body, salary range (£, our assumption), count
_PCN_POSTS: tuple[tuple[str, str, str, str, tuple[int, int], int], ...] = (
    ("Clinical pharmacist", "7", "Pharmacist", "GPhC", (47000, 54000), 3),
    ("Pharmacy technician", "5", "Pharmacy technician", "GPhC", (30000, 34000), 2),
    ("Social prescribing link worker", "5", "Social prescriber", "", (29000, 33000), 2),
    ("Care coordinator", "4", "Care coordinator", "", (25000, 28000), 2),
    ("Health and wellbeing coach", "4", "Health coach", "", (26000, 29000), 1),
    ("First contact physiotherapist", "8a", "Physiotherapist", "HCPC", (55000, 60000), 1),
    ("Paramedic", "7", "Paramedic", "HCPC", (47000, 53000), 1),
    ("Healthcare support worker", "3", "Health care assistant", "", (23500, 25500), 2),
    ("Nursing associate", "4", "Nursing associate", "NMC", (27000, 30000), 1),
    ("New-to-general-practice nurse", "5", "Practice nurse", "NMC", (31000, 34000), 1),
    ("Experienced general practice nurse", "6", "Practice nurse", "NMC", (38000, 44000), 2),
)
_PRACTICES = ("Riverside Surgery", "Oak Tree Practice", "Hillside Medical Centre")
_TASK_LEVEL = {"Healthcare support worker": "hca", "Nursing associate": "nursing_associate",
               "New-to-general-practice nurse": "practice_nurse",
               "Experienced general practice nurse": "practice_nurse"}  # fmt: skip


def _names(rng: np.random.Generator, n: int) -> list[str]:
    used: list[str] = []
    while len(used) < n:
        name = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"
        if name not in used:
            used.append(name)
    return used


def _records(
    rng: np.random.Generator, people: list[tuple[str, str]], fw_id: str, as_of: date
) -> pd.DataFrame:
    """Competency records for (staff id, level) pairs: mostly verified, some self-assessed or missing."""
    fw = frameworks.get(fw_id)
    text = dict(zip(fw.competencies["competency_id"], fw.competencies["text"], strict=True))
    by_level = fw.requirements.groupby("level_id")["competency_id"].apply(list).to_dict()
    rows = []
    for sid, level in people:
        for cid in by_level.get(level, []):
            roll = rng.random()
            if roll < 0.12:
                continue  # no record
            assessed = as_of - timedelta(days=int(rng.integers(30, 700)))
            signed = "" if roll < 0.25 else f"A. Morgan {min(assessed + timedelta(days=14), as_of):%d/%m/%Y}"
            rows.append({"Staff ID": sid, "Reference no.": cid, "Competency": text[cid],
                         "Achieved? (yes / no) Self-assessment": "Yes", "Date of self-assessment": assessed,
                         "Evidence": "Observed practice.", "Signed off – name and date": signed})  # fmt: skip
    return pd.DataFrame(rows, columns=list(RECORD_COLUMNS))


def generate_homecare(seed: int = 7, *, as_of: date = SAMPLE_AS_OF) -> Sample:
    """A synthetic clinical homecare team of 19 across the five career levels.

    Two people have no career level (it is inferred from the band, and the page says so) and one has
    no salary (costed at the AfC mid-point of the band, labelled).
    """
    rng = np.random.default_rng(seed)
    posts = [p for p in _HOMECARE_POSTS for _ in range(p[5])]
    names = _names(rng, len(posts))
    rows, people = [], []
    for i, (level, band, prof, body, (lo, hi), _) in enumerate(posts):
        sid = f"SYN{30001 + i:05d}"
        rows.append({"Staff ID": sid, "Name": names[i], "Service": "Northway Homecare",
                     "Service type": "Clinical homecare", "Band": f"Band {band}",
                     "WTE": float(rng.choice([1.0, 1.0, 0.8, 0.6])), "Profession": prof,
                     "Registration body": body, "Career level": level.capitalize(),
                     "Annual salary": float(round(rng.integers(lo, hi) / 100) * 100)})  # fmt: skip
        people.append((sid, level))
    rows[1]["Career level"] = ""  # inferred from band 3 → supportive
    rows[9]["Career level"] = ""  # inferred from band 5 → autonomous
    rows[4]["Annual salary"] = None  # AfC fallback, labelled
    staff = pd.DataFrame(rows, columns=list(HOMECARE_COLUMNS))
    return Sample(staff=staff, records=_records(rng, people, "homecare", as_of))


def generate_pcn(seed: int = 7, *, as_of: date = SAMPLE_AS_OF) -> Sample:
    """A synthetic primary care network team of 18 ARRS posts over three practices.

    Two posts started during 2025/26 (their claims are pro-rated); one has no salary (costed at the
    AfC mid-point, labelled).
    """
    rng = np.random.default_rng(seed)
    posts = [p for p in _PCN_POSTS for _ in range(p[5])]
    names = _names(rng, len(posts))
    rows, people = [], []
    for i, (role, band, prof, body, (lo, hi), _) in enumerate(posts):
        sid = f"SYN{40001 + i:05d}"
        start = date(2019, 4, 1) + timedelta(days=int(rng.integers(0, 2000)))
        rows.append({"Staff ID": sid, "Name": names[i], "Service": "Riverside PCN",
                     "Service type": "Primary care (PCN)", "Practice": _PRACTICES[i % 3], "Role": role,
                     "Band": f"Band {band}", "WTE": float(rng.choice([1.0, 1.0, 0.8, 0.6])),
                     "Profession": prof, "Registration body": body,
                     "Annual salary": float(round(rng.integers(lo, hi) / 100) * 100), "Start date": start})  # fmt: skip
        if role in _TASK_LEVEL:
            people.append((sid, _TASK_LEVEL[role]))
    rows[3]["Start date"] = date(2025, 10, 1)
    rows[12]["Start date"] = date(2026, 1, 5)
    rows[6]["Annual salary"] = None
    staff = pd.DataFrame(rows, columns=list(PCN_COLUMNS))
    return Sample(staff=staff, records=_records(rng, people, "primary_care", as_of))
