"""The shared vocabulary: Agenda for Change bands, London PR functions, registration kinds.

Labels shown to users come from here (the domain writes the words), so every page, chart and export
says "Band 8a" and "Delivering and managing PR" the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: Agenda for Change bands, most junior first (band 8 is split a–d; NHS Employers T&C handbook).
BANDS: tuple[str, ...] = ("1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9")
BAND_RANK: dict[str, int] = {b: i for i, b in enumerate(BANDS)}

#: The four functions of the London PR competency framework (seed 001), in the source's order.
FUNCTIONS: tuple[str, ...] = ("supporting", "delivering", "leading", "delivering_managing")
FUNCTION_LABELS: dict[str, str] = {
    "supporting": "Supporting PR",
    "delivering": "Delivering PR",
    "leading": "Leading PR (service management)",
    "delivering_managing": "Delivering and managing PR",
}

#: Registration kinds. Statutory regulators are kept distinct from accredited registers (AHCS).
STATUTORY_BODIES: tuple[str, ...] = ("HCPC", "NMC", "GPhC", "GMC", "GOsC", "GCC", "GDC", "PSNI")
ACCREDITED_REGISTERS: tuple[str, ...] = ("AHCS", "RCCP", "BASRaT", "CIMSPA", "REPs")
REGISTRATION_KINDS: tuple[str, ...] = ("statutory", "accredited", "none")
REGISTRATION_LABELS: dict[str, str] = {
    "statutory": "Statutory regulator (HCPC, NMC, GPhC)",
    "accredited": "Accredited register (e.g. AHCS)",
    "none": "Not registered",
}


def band_key(value: object) -> str:
    """A band key as a data file or a ``--set`` name writes it: ``5``, ``5.0``, ``"8A"`` → ``"5"``, ``"8a"``.

    For keys in ``data/`` and scenario files, where YAML reads ``5:`` as a number. Roster cells are
    read by the ingest (:func:`planner.ingest.normalise.parse_band`), which knows every way people
    write a band; after the ingest a band is already one of :data:`BANDS`.
    """
    text = str(value).strip().lower()
    return text[:-2] if text.endswith(".0") else text


def band_label(band: str) -> str:
    """``"8a"`` → ``"Band 8a"``; unknown values are returned unchanged."""
    return f"Band {band}" if band in BAND_RANK else str(band)


def function_label(function: str) -> str:
    """``"delivering_managing"`` → ``"Delivering and managing PR"``; unknown values unchanged."""
    return FUNCTION_LABELS.get(function, str(function))


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(d: date) -> str:
    """The one date format of the app's text and exports: ``date(2026, 11, 26)`` → ``"26 Nov 2026"``.

    Month names are written out here, not by ``strftime``, so the result never depends on the
    locale. Takes a :class:`datetime.date`, a :class:`datetime.datetime` or a :class:`pandas.Timestamp`.
    """
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class GlossaryTerm:
    """One term of the Guide's glossary: how it is written, the Guide's anchor, its definition.

    ``matches`` are the spellings found in captions and column labels (compared case-insensitively,
    as whole words).
    """

    term: str
    anchor: str
    definition: str
    matches: tuple[str, ...]


#: The Guide's glossary, in the order the Guide shows it. Pages link captions to the Guide with
#: :func:`planner.captions.glossary.link_terms`; column labels carry the definition as help text.
GLOSSARY: tuple[GlossaryTerm, ...] = (
    GlossaryTerm(
        "WTE",
        "wte",
        "Whole-time equivalent: hours worked as a share of a full-time week (37.5 hours in the NHS). "
        "1.0 WTE is one full-time post; two people at half time are 1.0 WTE together.",
        ("WTE", "whole-time equivalent"),
    ),
    GlossaryTerm(
        "AfC band",
        "afc-band",
        "Agenda for Change band: the NHS pay band of a post, from Band 1 to Band 9 (Band 8 is split "
        "8a to 8d). Pay and the competency frameworks' levels follow the band.",
        ("AfC band", "Agenda for Change band", "Agenda for Change"),
    ),
    GlossaryTerm(
        "London functions",
        "london-functions",
        "The four roles of the London pulmonary rehabilitation competency framework: Supporting PR, "
        "Delivering PR, Leading PR (service management), and Delivering and managing PR. A person is "
        "judged on the function they do, whatever their band.",
        ("London functions", "London function", "London PR"),
    ),
    GlossaryTerm(
        "Verified and self-assessed",
        "verified",
        "Verified: the person has achieved the competency and a manager or service lead has signed it "
        "off. Self-assessed: the person says they have achieved it but nobody has signed it off yet; "
        "the planner shows these beside coverage and never counts them as verified.",
        ("verified", "self-assessed", "self assessed"),
    ),
    GlossaryTerm(
        "Single point of failure",
        "spof",
        "A competency that the team needs but only one person holds (verified): if they are away or "
        "leave, nobody else can do it.",
        ("single point of failure", "single points of failure", "rest on one person"),
    ),
    GlossaryTerm(
        "Headroom",
        "headroom",
        "The share of paid hours not available for patient work: annual leave, bank holidays, "
        "sickness, training and other non-clinical time. The model adds its parts, each with a source "
        "or marked as an assumption.",
        ("headroom",),
    ),
    GlossaryTerm(
        "Funded establishment",
        "funded-establishment",
        "The posts the service has a budget for, in WTE, whether filled or vacant. It can differ from "
        "the staff in post (vacancies) and from the staff the model says are needed.",
        ("funded establishment", "establishment"),
    ),
    GlossaryTerm(
        "The 90-day target",
        "target-90-days",
        "The national aim that 85% of people referred to pulmonary rehabilitation start it within 90 "
        "days of referral. The model reports the share starting within 90 days and the chance of "
        "meeting 85%.",
        ("90 days", "90-day", "85%-within-90-days"),
    ),
    GlossaryTerm(
        "Monte Carlo",
        "monte-carlo",
        "Running the model many times (for example 10,000), each time drawing the uncertain inputs "
        "from their ranges, to show how likely each outcome is rather than one figure.",
        ("Monte Carlo",),
    ),
    GlossaryTerm(
        "Suppression",
        "suppression",
        "Hiding a figure that counts very few people (here 1 to 7 staff, our choice; 5 or 10 where a "
        "local policy says so), with their WTE and cost, so that nobody can be identified from an "
        "aggregate table.",
        ("suppression", "suppressed"),
    ),
    GlossaryTerm(
        "Service type",
        "service-type",
        "The kind of team: pulmonary rehabilitation, clinical homecare or primary care (PCN). It picks "
        "the competency framework, the levels (bands, career levels or ARRS roles), the words on every "
        "page and the sample team. Set it on the Team page or in a Service type column.",
        ("service type",),
    ),
    GlossaryTerm(
        "Career level",
        "career-level",
        "The five levels of the Clinical Homecare Career and Competence Framework: supportive, "
        "associate (assistant), autonomous, enhanced and advanced. A homecare team is judged at these "
        "levels, not at pay bands; where a roster gives only a band, the level is inferred and the page "
        "says so.",
        ("career level", "career levels"),
    ),
    GlossaryTerm(
        "ARRS envelope",
        "arrs-envelope",
        "The sum a primary care network can claim a year under the Additional Roles Reimbursement "
        "Scheme: £26.631 per contractor weighted patient in 2025/26. Each role's claim is its actual cost "
        "up to the role's maximum; what is left can fund more roles, and unused money is not carried "
        "forward.",
        ("ARRS envelope", "ARRS"),
    ),
)


#: Column names in words for the figures the pages and the pack both show, so that one figure has one
#: name wherever it appears (the model's column → what a reader sees).
COLUMN_LABELS: dict[str, str] = {
    "label": "Band",
    "required_wte": "Required WTE",
    "in_post_wte": "In post WTE",
    "gap_wte": "Gap WTE",
    "gap_people": "Gap (people at typical WTE)",
    "required_cost": "Required cost (£ a year)",
    "in_post_cost": "In post cost (£ a year)",
}


#: The service types a team can be (issue 16): each picks its framework, levels, words, template and
#: sample (``data/service_types.yaml``, loaded by :mod:`planner.reference.service_types`).
SERVICE_TYPES: tuple[str, ...] = ("pr", "homecare", "pcn")
SERVICE_TYPE_LABELS: dict[str, str] = {
    "pr": "Pulmonary rehabilitation",
    "homecare": "Clinical homecare",
    "pcn": "Primary care (PCN)",
}
_SERVICE_TYPE_WORDS: dict[str, str] = {
    "pr": "pr",
    "pulmonary rehabilitation": "pr",
    "pulmonary rehab": "pr",
    "homecare": "homecare",
    "home care": "homecare",
    "clinical homecare": "homecare",
    "clinical home care": "homecare",
    "pcn": "pcn",
    "primary care": "pcn",
    "primary care pcn": "pcn",
    "primary care network": "pcn",
    "general practice": "pcn",
}


def parse_service_type(value: object) -> str | None:
    """A service type as people write it → its id: ``"Clinical homecare"`` → ``"homecare"``; unknown → None."""
    text = " ".join("".join(c if c.isalnum() else " " for c in str(value).casefold()).split())
    return _SERVICE_TYPE_WORDS.get(text)


def service_type_label(type_id: str) -> str:
    """``"pcn"`` → ``"Primary care (PCN)"``; unknown values unchanged."""
    return SERVICE_TYPE_LABELS.get(type_id, str(type_id))
