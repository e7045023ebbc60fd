"""The shared vocabulary: Agenda for Change bands, London PR functions, registration kinds.

Labels shown to users come from here (the domain writes the words), so every page, chart and export
says "Band 8a" and "Delivering and managing PR" the same way.
"""

from __future__ import annotations

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


def format_date(d) -> str:
    """The one date format of the app's text and exports: ``26 Nov 2026`` (never the locale's month names)."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


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
