"""Sources in words for the business case: readable citations, and data-file text without file names.

The data files name a source by its address or an id (``afc_2025_26``); ``data/sources.yaml`` gives each
one a publisher, title, year and link, so the Word document cites "NHS England, Guidance for growing
and developing the pulmonary rehabilitation multidisciplinary team (2024)" rather than an address or
an internal file. :func:`readable` takes file names and research-note references out of a data file's
explanation, and :func:`data_versions` states which versions of the data files a pack was built from.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from planner.expansion.defaults import load_defaults
from planner.paths import DATA_DIR, load_yaml

__all__ = [
    "SOURCES_FILE",
    "Citation",
    "cite",
    "data_versions",
    "load_citations",
    "readable",
    "readable_table",
]

SOURCES_FILE = DATA_DIR / "sources.yaml"


@dataclass(frozen=True)
class Citation:
    """One source as a reader cites it."""

    publisher: str
    title: str
    year: int | None
    link: str | None

    def text(self) -> str:
        """``Publisher, Title (2024). https://…``; a missing year or link is left out."""
        year = f" ({self.year})" if self.year else ""
        link = f". {self.link}" if self.link else ""
        return f"{self.publisher}, {self.title}{year}{link}"


@cache
def load_citations(path: Path | None = None) -> dict[str, Citation]:
    """Source key (address or id) → :class:`Citation`, from ``data/sources.yaml``.

    Raises:
        ValueError: an entry without a publisher or a title.
    """
    data = load_yaml(Path(path or SOURCES_FILE).read_text(encoding="utf-8")) or {}
    out: dict[str, Citation] = {}
    for key, entry in (data.get("sources") or {}).items():
        if not entry or not entry.get("publisher") or not entry.get("title"):
            raise ValueError(f"Source {key!r} in sources.yaml needs a publisher and a title.")
        year = entry.get("year")
        out[str(key)] = Citation(
            str(entry["publisher"]), str(entry["title"]), int(year) if year else None, entry.get("link")
        )
    return out


def cite(source: str | None) -> str:
    """A source key as a readable citation; an address with no entry is shown as the address itself.

    Returns ``""`` for no source. A key that is neither an entry nor an address (an internal id or a file
    name) is never shown: it gives "source on record, not yet cited".
    """
    if not source:
        return ""
    found = load_citations().get(source.strip())
    if found:
        return found.text()
    if source.startswith(("http://", "https://")):
        return source
    return "source on record, not yet cited"


#: File and note names in the data files' words, and what a reader calls them.
_NAMES = (
    (re.compile(r"data/skill_mix_policy\.yaml"), "the skill-mix policy"),
    (re.compile(r"data/parameters/expansion\.yaml"), "the model's defaults"),
    (re.compile(r"data/scenarios/?"), "the stock scenarios"),
    (re.compile(r"(?:\.\./)?(?:shared/)?(?:research/)?domain\.md(?: section \d+)?"), "our research notes"),
    (re.compile(r"seeds/\d+_[0-9a-f]+\.txt(?:, lines? [\d-]+)?"), "the source document"),
    (re.compile(r" \(seed \d{3}(?:, [^)]*)?\)"), ""),  # "(seed 000, 'How to use…')": the source is cited
    (re.compile(r",? ?seed \d{3}\)"), ")"),
    (re.compile(r"(?:encoded )?from seed \d{3}"), "from the source document"),
    (re.compile(r"planner/[\w/]+\.py"), "the model"),
    (re.compile(r"data/pay/[\w.]+\.yaml"), "the NHS Employers pay tables"),
    (re.compile(r"data/[\w/.-]+\.(?:ya?ml|csv|xlsx)"), "the reference data"),
)
_BACKTICKED = re.compile(r"`(\w+)`")


def readable(text: str | None) -> str:
    """A data file's explanation for a reader: file names and note references in words.

    ``"Placeholder (domain.md section 8); …"`` → ``"Placeholder (our research notes); …"``.
    """
    out = str(text or "")
    for pattern, words in _NAMES:
        out = pattern.sub(words, out)
    labels = _labels()
    out = _BACKTICKED.sub(lambda m: labels.get(m.group(1), m.group(1).replace("_", " ")), out)
    out = _names_pattern().sub(lambda m: labels[m.group(0)], out)
    return " ".join(out.split())


def readable_table(df: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell passed through :func:`readable` (numbers untouched)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = [readable(v) if isinstance(v, str) else v for v in out[col]]
    return out


@cache
def _labels() -> dict[str, str]:
    """Parameter name → its label in lower case, for a name quoted in a data file's explanation."""
    return {name: p.label[:1].lower() + p.label[1:] for name, p in load_defaults().items()}


@cache
def _names_pattern() -> re.Pattern[str]:
    """A parameter's name written bare in an explanation (``waiting_list_now``)."""
    names = sorted((n for n in _labels() if "_" in n), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")


#: Each data file's title in words, by its path in ``data/`` without the suffix.
DATA_TITLES = {
    "arrs_2025_26": "Additional Roles Reimbursement Scheme 2025/26",
    "frameworks/bts_pr": "BTS professional development framework for pulmonary rehabilitation",
    "frameworks/cross_cutting": "Cross-cutting requirements for all PR staff",
    "frameworks/homecare": "Clinical Homecare Career and Competence Framework",
    "frameworks/london_pr": "London Pulmonary Rehabilitation Competency Framework",
    "frameworks/primary_care": "New roles in Primary Care (ARRS) framework",
    "level_mapping": "Framework levels by band and function",
    "parameters/expansion": "Expansion model parameters",
    "pay/afc_2025_26": "Agenda for Change pay 2025/26",
    "pdp_evidence": "Evidence kinds for development plans",
    "renewal_overrides": "Local renewal periods",
    "samples/data_dictionary": "Roster data dictionary",
    "samples/data_dictionary_homecare": "Clinical homecare roster data dictionary",
    "samples/data_dictionary_pcn": "Primary care (PCN) roster data dictionary",
    "scenarios/long_term_plan": "Long Term Plan expansion scenario",
    "scenarios/status_quo": "Status quo scenario",
    "scenarios/support_worker_led": "Support-worker-led mix scenario",
    "service_types": "Service types and their words",
    "skill_mix_policy": "Skill-mix policy for pulmonary rehabilitation activities",
    "skillmix_optimiser": "Least-cost skill mix rules and their default limits",
    "sources": "Citations of sources",
    "targets/skill_mix": "Target skill mix",
}


def data_versions(directory: Path | None = None) -> list[tuple[str, str]]:
    """Each data file the model reads, by its title in words, with the first 12 hex digits of its SHA-256.

    Anyone rebuilding the pack can check that their data files are the same ones. A file not in
    :data:`DATA_TITLES` is named from its path in words.
    """
    root = Path(directory or DATA_DIR)
    files = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".csv") and p.is_file())
    out = []
    for p in files:
        stem = p.relative_to(root).with_suffix("").as_posix()
        fallback = stem.replace("_", " ").replace("/", ": ")
        out.append((DATA_TITLES.get(stem, fallback[:1].upper() + fallback[1:]), _digest(p)))
    return out


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
