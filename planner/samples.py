"""Synthetic sample data: a seeded generator for a realistic PR team and a region of PR services.

Nothing here describes a real person. Names are drawn from short lists of common given names and
surnames; staff ids are made up (``SYN`` + digits). The same seed always gives the same workbook, so
the dashboard's demo, the tests and the README screenshots agree.

The workbooks are in the project's own template format (``data/templates``): a *Staff* sheet and a
*Competencies* sheet in the London individual-record columns; a region adds a *Services* sheet with each
service's population (synthetic: see :func:`region_services`). Competency records cover the BTS
statements each person's band requires, the cross-cutting requirements (life support, mandatory
training) and a few statements of the next band up that people are working towards.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from planner.paths import SAMPLES_DIR
from planner.reference import frameworks
from planner.vocab import function_label

STAFF_COLUMNS: tuple[str, ...] = (
    "Staff ID",
    "Name",
    "Service",
    "Band",
    "WTE",
    "Function",
    "Profession",
    "Registration body",
    "Career level",
    "Role",
)
RECORD_COLUMNS: tuple[str, ...] = (
    "Staff ID",
    "Reference no.",
    "Competency",
    "Achieved? (yes / no) Self-assessment",
    "Date of self-assessment",
    "Evidence",
    "Signed off – name and date",
)

#: The reference date the sample is generated against (sign-off dates fall before it).
SAMPLE_AS_OF = date(2026, 11, 1)
SAMPLE_TEAM_FILE = "sample_team.xlsx"
SAMPLE_REGION_FILE = "sample_region.xlsx"

_GIVEN = (
    "Amara Ben Chloe Dev Ellie Farah Gareth Hana Isaac Jade Kwame Leah Mo Nadia Owen Priya Quinn Rhys "
    "Sana Tom Uma Vik Wen Yusuf Zoe Aled Bea Cal Dina Eli Femi Grace Hugo Ines Jon Kai Lola Mia Nia Omar"
).split()
_FAMILY = (
    "Adeyemi Baker Chen Davies Evans Fraser Griffiths Hussain Iqbal Jones Khan Lewis Morgan Nowak "
    "Okafor Patel Quinn Roberts Singh Taylor Usman Vaughan Walsh Xu Young Zielinski"
).split()

# band, function, profession, registration body, share of the team (a PR team of about 20).
_POSTS: tuple[tuple[str, str, str, str, float], ...] = (
    ("3", "supporting", "Rehabilitation assistant", "", 0.16),
    ("4", "supporting", "Assistant practitioner", "", 0.14),
    ("4", "supporting", "Exercise instructor", "", 0.05),
    ("5", "delivering", "Physiotherapist", "HCPC", 0.10),
    ("5", "delivering", "Clinical exercise physiologist", "AHCS", 0.05),
    ("6", "delivering", "Physiotherapist", "HCPC", 0.12),
    ("6", "delivering", "Respiratory nurse", "NMC", 0.08),
    ("6", "delivering", "Occupational therapist", "HCPC", 0.06),
    ("7", "delivering", "Physiotherapist", "HCPC", 0.10),
    ("7", "delivering", "Respiratory nurse", "NMC", 0.04),
    ("8a", "delivering_managing", "Physiotherapist", "HCPC", 0.05),
    ("8b", "leading", "Physiotherapist", "HCPC", 0.05),
)
_WTE_CHOICES = np.array([1.0, 1.0, 1.0, 0.8, 0.8, 0.6, 0.6, 0.5, 0.4, 0.2])
_EVIDENCE = (
    "Covered in induction training.",
    "Directly observed practice with the service lead.",
    "Completed the Level 4 exercise qualification.",
    "Reflective diary entry and peer review.",
    "Attended the regional PR network study day.",
    "Certificate from trust training.",
    "Clinical supervision notes.",
    "Audit project presented at team meeting.",
)
_FUNCTION_IDS = {function_label(f): f for f in ("supporting", "delivering", "leading", "delivering_managing")}
REGION_SERVICES: tuple[tuple[str, int], ...] = (
    ("North Shore PR", 22),
    ("Riverside PR", 16),
    ("Hillcrest PR", 12),
    ("Eastgate PR", 19),
    ("Westmoor PR", 9),
    ("Central PR", 25),
)


#: The Services sheet's columns in the sample region (headers the Services reader recognises).
SERVICES_COLUMNS: tuple[str, ...] = ("Service", "Population", "People waiting to start now", "Source")
#: People served per WTE the sample region's populations are drawn around: the default status quo's
#: 1,000,000 people need about 13.5 WTE (planner project with the sourced defaults).
_PEOPLE_PER_WTE = 74_000
#: Default people waiting per 1,000,000 served (data/parameters/expansion.yaml, waiting_list_now: 120).
_WAITING_PER_MILLION = 120
SYNTHETIC_SOURCE = "Synthetic: a made-up population for the sample region, not a real area (assumption)"
_PLACE_START = "North South East West Upper Lower Old New Far Near High Low Long Broad Green Stone".split()
_PLACE_END = (
    "field brook ford ham ley wood bridge combe dale gate hurst minster moor port stead thorpe ton "
    "well wick worth"
).split()


@dataclass(frozen=True)
class Sample:
    """A generated sample: the sheets of the template as DataFrames (``services`` for a region only)."""

    staff: pd.DataFrame
    records: pd.DataFrame
    services: pd.DataFrame | None = None


def _level_for(fw: frameworks.Framework, band: str, function: str) -> str | None:
    """The BTS level a generated post is assessed at (mirrors the coverage rules for the sample)."""
    if function in ("leading", "delivering_managing") and "lead" in set(fw.levels["level_id"]):
        return "lead"
    for row in fw.levels.itertuples(index=False):
        bands = row.afc_bands if isinstance(row.afc_bands, list) else []
        if band in bands:
            return str(row.level_id)
    return None


def _team_posts(rng: np.random.Generator, size: int) -> list[tuple[str, str, str, str]]:
    """Choose ``size`` posts with the PR mix above; always one lead and at least two of each band 3–7."""
    shares = np.array([p[4] for p in _POSTS])
    counts = np.maximum(np.floor(shares * size).astype(int), 0)
    counts[[0, 1, 5, 8]] = np.maximum(counts[[0, 1, 5, 8]], 1)
    counts[10] = 1 if size < 18 else counts[10]
    while counts.sum() < size:
        counts[rng.choice(len(_POSTS), p=shares / shares.sum())] += 1
    while counts.sum() > size:
        i = int(np.argmax(counts))
        counts[i] -= 1
    posts = [p[:4] for p, n in zip(_POSTS, counts, strict=True) for _ in range(int(n))]
    return posts


def generate_team(
    seed: int = 7,
    *,
    service: str = "North Shore PR",
    size: int | None = None,
    as_of: date = SAMPLE_AS_OF,
    id_offset: int = 0,
    records: bool = True,
) -> Sample:
    """Generate one synthetic PR team and its competency records.

    Args:
        seed: random seed; the same seed gives the same team.
        service: the service name written in the Service column.
        size: number of posts (15–25 when not given).
        as_of: the reference date; self-assessments and sign-offs fall in the 30 months before it.
        id_offset: added to staff numbers so that several teams in one region do not share ids.
        records: generate the competency records (drawn after the staff, so the staff are the same
            either way).

    Returns:
        The Staff and Competencies tables in the template's column names.
    """
    rng = np.random.default_rng(seed)
    bts = frameworks.get("bts")
    cross = frameworks.load_all().get("cross_cutting")
    size = int(size or rng.integers(15, 26))
    posts = _team_posts(rng, size)
    staff_rows: list[dict[str, object]] = []
    used_names: set[str] = set()
    for i, (band, function, profession, body) in enumerate(posts):
        while True:
            name = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"
            if name not in used_names:
                used_names.add(name)
                break
        staff_rows.append(
            {
                "Staff ID": f"SYN{10001 + id_offset + i:05d}",
                "Name": name,
                "Service": service,
                "Band": f"Band {band}",
                "WTE": float(rng.choice(_WTE_CHOICES)) if band not in ("8a", "8b") else 1.0,
                "Function": function_label(function),
                "Profession": profession,
                "Registration body": body,
                "Career level": "",
                "Role": "",
            }
        )
    # One person holds two posts: a band 7 who also leads part-time (a second row, same id).
    sevens = [r for r in staff_rows if r["Band"] == "Band 7"]
    if sevens:
        first = sevens[0]
        first["WTE"] = 0.8
        staff_rows.append({**first, "WTE": 0.2, "Function": function_label("leading")})
    staff = pd.DataFrame(staff_rows, columns=list(STAFF_COLUMNS))
    if not records:
        return Sample(staff=staff, records=pd.DataFrame(columns=list(RECORD_COLUMNS)))
    return Sample(staff=staff, records=_records(rng, staff, bts, cross, as_of))


def _records(
    rng: np.random.Generator,
    staff: pd.DataFrame,
    bts: frameworks.Framework,
    cross: frameworks.Framework | None,
    as_of: date,
) -> pd.DataFrame:
    """Competency records with a realistic mix of verified, self-assessed, in-progress and missing."""
    text = dict(zip(bts.competencies["competency_id"], bts.competencies["text"], strict=True))
    renew = set(bts.competencies.loc[bts.competencies["renewal_months"].notna(), "competency_id"])
    if cross is not None:
        text |= dict(zip(cross.competencies["competency_id"], cross.competencies["text"], strict=True))
        renew |= set(cross.competencies.loc[cross.competencies["renewal_months"].notna(), "competency_id"])
    by_level = bts.requirements.groupby("level_id")["competency_id"].apply(list).to_dict()
    order = list(bts.levels["level_id"])
    signers = [f"{g[0]}. {f}" for g, f in zip(_GIVEN[:6], _FAMILY[-6:], strict=True)]
    rows: list[dict[str, object]] = []
    seen: set[tuple[str, str]] = set()
    for person in staff.itertuples(index=False):
        band = str(person.Band).replace("Band ", "")
        level = _level_for(bts, band, _FUNCTION_IDS.get(str(person.Function), ""))
        if level is None:
            continue
        wanted = list(by_level.get(level, []))
        nxt = order.index(level) + 1
        if nxt < len(order):
            upper = by_level.get(order[nxt], [])
            wanted += list(rng.choice(upper, size=min(3, len(upper)), replace=False))
        if cross is not None:
            wanted += list(cross.competencies["competency_id"])
        skill = rng.beta(6, 2)  # how complete this person's record is
        for cid in wanted:
            if (person[0], cid) in seen or not _route_fits(text.get(cid, ""), str(person[7])):
                continue
            seen.add((person[0], cid))
            roll = rng.random()
            if roll > 0.55 + 0.4 * skill:
                continue  # missing: no record at all
            assessed = as_of - timedelta(days=int(rng.integers(20, 900 if cid in renew else 700)))
            row = {
                "Staff ID": person[0],
                "Reference no.": cid,
                "Competency": text.get(cid, ""),
                "Achieved? (yes / no) Self-assessment": "Yes",
                "Date of self-assessment": assessed,
                "Evidence": str(rng.choice(_EVIDENCE)),
                "Signed off – name and date": "",
            }
            kind = rng.random()
            if kind < 0.08:
                row["Achieved? (yes / no) Self-assessment"] = "In progress"
                row["Evidence"] = "Working towards: booked on next course."
            elif kind < 0.13:
                row["Achieved? (yes / no) Self-assessment"] = "No"
                row["Evidence"] = ""
            elif kind < 0.27:
                pass  # self-assessed, not yet signed off
            else:
                signed = assessed + timedelta(days=int(rng.integers(3, 40)))
                signed = min(signed, as_of - timedelta(days=1))
                row["Signed off – name and date"] = f"{rng.choice(signers)} {signed:%d/%m/%Y}"
            rows.append(row)
    return pd.DataFrame(rows, columns=list(RECORD_COLUMNS))


def _route_fits(text: str, body: str) -> bool:
    """Whether a qualification statement fits the person's registration (others always fit).

    Physiotherapists and occupational therapists are HCPC, nurses NMC, clinical exercise
    physiologists AHCS: a nurse is never "verified" as an AHCS exercise physiologist.
    """
    if "(NMC, HCPC)" in text:
        return body in ("HCPC", "NMC")
    if "AHCS" in text:
        return body == "AHCS"
    if "working towards professional registration" in text:
        return body == "AHCS"
    return True


def region_names(count: int) -> list[tuple[str, int]]:
    """(service name, posts) for ``count`` services: the six named ones first, then made-up places."""
    named = list(REGION_SERVICES[:count])
    rng = np.random.default_rng(count)
    places = [f"{a}{b} PR" for a in _PLACE_START for b in _PLACE_END]
    extra = [str(p) for p in rng.permutation(places)[: max(count - len(named), 0)]]
    if len(named) + len(extra) < count:
        raise ValueError(f"At most {len(REGION_SERVICES) + len(places)} services can be generated.")
    sizes = rng.integers(9, 26, size=len(extra))
    return named + [(n, int(z)) for n, z in zip(extra, sizes, strict=True)]


def region_services(staff: pd.DataFrame, seed: int) -> pd.DataFrame:
    """The sample region's Services sheet: each service's population and people waiting now.

    Synthetic (labelled so in the Source column): each population is the people the sourced default
    model serves per WTE (about 74,000; the status quo needs about 13.5 WTE for 1,000,000 people) times
    the team's WTE, tilted at random between 0.85 and 1.4 so some services are short and some over,
    rounded to the thousand; people waiting now are the default 120 per 1,000,000 served, tilted alike.
    """
    rng = np.random.default_rng(seed)
    wte = staff.groupby("Service", sort=False)["WTE"].sum()
    tilt = rng.uniform(0.85, 1.4, size=len(wte))
    population = np.round(wte.to_numpy() * _PEOPLE_PER_WTE * tilt, -3).astype(int)
    waiting = np.round(population / 1e6 * _WAITING_PER_MILLION * rng.uniform(0.6, 1.6, size=len(wte)))
    return pd.DataFrame(
        {
            "Service": wte.index.astype(str),
            "Population": population,
            "People waiting to start now": waiting.astype(int),
            "Source": SYNTHETIC_SOURCE,
        },
        columns=list(SERVICES_COLUMNS),
    )


def generate_region(
    seed: int = 11, *, count: int = len(REGION_SERVICES), as_of: date = SAMPLE_AS_OF, records: bool = True
) -> Sample:
    """Generate a region of PR services in one workbook (a Service column tells them apart).

    Args:
        seed: random seed; the same seed and count give the same region.
        count: number of services (six by default, the built-in sample region).
        as_of: the reference date for the competency records.
        records: generate competency records (the region model does not read them; a large region's
            benchmark leaves them out).

    Returns:
        Staff, competency records and the Services sheet (synthetic populations).
    """
    teams = [
        generate_team(
            seed * 100 + i, service=name, size=size, as_of=as_of, id_offset=1000 * i, records=records
        )
        for i, (name, size) in enumerate(region_names(count))
    ]
    staff = pd.concat([t.staff for t in teams], ignore_index=True)
    recs = pd.concat([t.records for t in teams], ignore_index=True)
    return Sample(staff=staff, records=recs, services=region_services(staff, seed))


def to_xlsx(sample: Sample) -> bytes:
    """Write a sample as the template's sheets (Staff, Competencies; Services for a region), formatted."""
    buf = io.BytesIO()
    sheets = [("Staff", sample.staff), ("Competencies", sample.records)]
    if sample.services is not None:
        sheets.append(("Services", sample.services))
    with pd.ExcelWriter(
        buf, engine="xlsxwriter", datetime_format="dd/mm/yyyy", date_format="dd/mm/yyyy"
    ) as xw:
        for sheet, df in sheets:
            df.to_excel(xw, sheet_name=sheet, index=False)
            ws = xw.sheets[sheet]
            ws.freeze_panes(1, 0)
            for col, name in enumerate(df.columns):
                width = 60 if name in ("Competency", "Source") else max(12, min(40, len(name) + 2))
                ws.set_column(col, col, width)
    return buf.getvalue()


def sample_team_bytes() -> tuple[bytes, str]:
    """The committed sample team workbook and its file name (what the dashboard opens on)."""
    path = SAMPLES_DIR / SAMPLE_TEAM_FILE
    return path.read_bytes(), path.name


def sample_region_bytes() -> tuple[bytes, str]:
    """The committed sample region workbook (six services) and its file name."""
    path = SAMPLES_DIR / SAMPLE_REGION_FILE
    return path.read_bytes(), path.name
