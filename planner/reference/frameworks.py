"""Competency frameworks: load the YAML files in ``data/frameworks``, validate them, serve them as tables.

Every framework file names its source document, version and date, and lists levels (most junior
first), domains, areas and competencies. A competency carries the source's own wording, the domain
(column or pillar) it sits under, an area that groups statements recurring across levels, and the
levels at which it is expected, with the source's expectation verb where it gives one.

A framework may be *derived* from another (``derives_from``): the London PR functions reuse the BTS
statements and say which functions each belongs to. The loader builds the derived framework's
competency table from the parent's, so both are served by the same engine.

Validation reports every problem at once, each naming the file, the entry and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from planner.paths import DATA_DIR, load_yaml
from planner.reference.errors import ReferenceDataError
from planner.reference.framework_schema import problems_for

FRAMEWORK_DIR = DATA_DIR / "frameworks"
RENEWAL_OVERRIDES_FILE = DATA_DIR / "renewal_overrides.yaml"

#: Normalised expectation classes, least to most demanding. The source's own verb is kept verbatim;
#: this scale lets the model ask "does anyone *lead on* this?" across differently worded sources.
EXPECTATION_CLASSES: tuple[str, ...] = (
    "aware",
    "understands",
    "assists",
    "demonstrates",
    "conducts",
    "leads",
)

_VERB_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"\blead", "leads"),
    (
        r"\bassist|with assistance|with guidance|\bpartial|\bonly\b|\bexcluding\b|^some\b|in consultation with",
        "assists",
    ),
    (r"\bconduct|\bdeliver", "conducts"),
    (r"\bdemonstrat|\bensures?\b|\bapplies\b|\bable to\b|\bcan\b|\bexpected\b|\byes\b", "demonstrates"),
    (r"\bunderstand|knowledge", "understands"),
    (r"\baware", "aware"),
)


@dataclass(frozen=True)
class Framework:
    """One competency framework, validated, with its tables.

    Attributes:
        id: stable identifier, e.g. ``"bts"``.
        title: the framework's title.
        source: source document details (title, publisher, document, version, date, url).
        level_basis: what a level is: ``band``, ``function``, ``career_level``, ``role`` or ``all_staff``.
        levels: one row per level, most junior first: ``level_id``, ``label``, ``rank`` and any
            ``afc_bands`` the level is associated with.
        domains: ``domain_id``, ``label``.
        areas: ``area_id``, ``label``.
        competencies: ``competency_id``, ``text``, ``domain_id``, ``area_id``, ``renewal_months``.
        requirements: one row per competency and level it is expected at: ``competency_id``,
            ``level_id``, ``expectation`` (source verb or ``None``), ``expectation_class``.
        interpretation: where the file records our own interpretation, the text of it; else ``None``.
        raw: the parsed file, for framework-specific sections (functions, roles, task matrices).
        alternatives: "one of" groups (our interpretation, e.g. registration routes): ``group_id``,
            ``competency_id``, ``label``, ``interpretation``; a group is met when any member is.
    """

    id: str
    title: str
    source: dict[str, Any]
    level_basis: str
    levels: pd.DataFrame
    domains: pd.DataFrame
    areas: pd.DataFrame
    competencies: pd.DataFrame
    requirements: pd.DataFrame
    interpretation: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False, hash=False)
    alternatives: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(ALTERNATIVE_COLUMNS)), repr=False, compare=False
    )

    def __hash__(self) -> int:
        return hash(self.id)

    def level_label(self, level_id: str) -> str:
        """The display label of a level id."""
        row = self.levels.loc[self.levels["level_id"] == level_id, "label"]
        return str(row.iloc[0]) if len(row) else level_id

    def to_dict(self) -> dict[str, Any]:
        """The framework as plain JSON-ready data (the CLI's ``framework show --json``)."""
        req = self.requirements
        comps = []
        for c in self.competencies.itertuples(index=False):
            mine = req[req["competency_id"] == c.competency_id]
            comps.append(
                {
                    "id": c.competency_id,
                    "text": c.text,
                    "domain": c.domain_id,
                    "area": c.area_id,
                    "required_at": mine["level_id"].tolist(),
                    "expectation": {
                        lv: (verb if isinstance(verb, str) else None)
                        for lv, verb in zip(mine["level_id"], mine["expectation"], strict=True)
                    },
                    **({"renewal_months": int(c.renewal_months)} if pd.notna(c.renewal_months) else {}),
                }
            )
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "version": self.source.get("version"),
            "date": str(self.source.get("date")),
            "level_basis": self.level_basis,
            "interpretation": self.interpretation,
            "levels": [{"id": r.level_id, "label": r.label} for r in self.levels.itertuples(index=False)],
            "domains": [{"id": r.domain_id, "label": r.label} for r in self.domains.itertuples(index=False)],
            "areas": [{"id": r.area_id, "label": r.label} for r in self.areas.itertuples(index=False)],
            "competencies": comps,
        }


ALTERNATIVE_COLUMNS: tuple[str, ...] = ("group_id", "competency_id", "label", "interpretation")


def _alternatives(groups: list[dict[str, Any]] | None, used: set[str]) -> pd.DataFrame:
    """The "one of" groups as rows, keeping only members in ``used`` and groups of two or more."""
    rows = []
    for g in groups or []:
        members = [str(c) for c in g.get("one_of") or [] if str(c) in used]
        if len(members) < 2:
            continue
        label = str(g.get("label") or " or ".join(members))
        interp = " ".join(str(g.get("interpretation", "")).split())
        rows += [(g["id"], c, label, interp) for c in members]
    return pd.DataFrame(rows, columns=list(ALTERNATIVE_COLUMNS))


def expectation_class(verb: str | None) -> str | None:
    """Map a source's expectation verb onto the normalised scale in :data:`EXPECTATION_CLASSES`.

    Args:
        verb: the source's wording, e.g. ``"Is aware of and understands"`` or ``"Leads on"``.

    Returns:
        The class name, or ``None`` when the source gives no verb (a bare matrix mark).
    """
    if verb is None or (isinstance(verb, float) and pd.isna(verb)) or not str(verb).strip():
        return None
    text = str(verb).lower()
    for pattern, cls in _VERB_PATTERNS:
        if re.search(pattern, text):
            return cls
    return "demonstrates"


def _frame(items: list[dict[str, Any]], key: str, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    cols = [f"{key}_id", "label", *extra]
    rows = [{f"{key}_id": it["id"], "label": it["label"], **{e: it.get(e) for e in extra}} for it in items]
    return pd.DataFrame(rows, columns=cols)


def _build(doc: dict[str, Any], parent: Framework | None) -> Framework:
    levels = _frame(doc["levels"], "level", ("afc_bands",))
    levels["rank"] = range(len(levels))
    if parent is not None:
        mapped = pd.DataFrame(
            [(m["competency"], lv) for m in doc["mapping"] for lv in m.get("levels") or []],
            columns=["competency_id", "level_id"],
        )
        verbs = parent.requirements.groupby("competency_id", sort=False)["expectation"].first()
        mapped["expectation"] = mapped["competency_id"].map(verbs)
        used = mapped["competency_id"].unique()
        competencies = parent.competencies[parent.competencies["competency_id"].isin(used)]
        requirements = mapped
        domains, areas = parent.domains, parent.areas
    else:
        competencies = pd.DataFrame(
            [
                {
                    "competency_id": c["id"],
                    "text": " ".join(str(c["text"]).split()),
                    "domain_id": c["domain"],
                    "area_id": c.get("area"),
                    "renewal_months": c.get("renewal_months"),
                    "same_skill": c.get("same_skill"),
                }
                for c in doc["competencies"]
            ]
        )
        requirements = pd.DataFrame(
            [
                (c["id"], lv, (c.get("expectation") or {}).get(lv))
                for c in doc["competencies"]
                for lv in c["required_at"]
            ],
            columns=["competency_id", "level_id", "expectation"],
        )
        domains = _frame(doc["domains"], "domain")
        areas = _frame(doc.get("areas") or [], "area")
    requirements["expectation_class"] = requirements["expectation"].map(expectation_class)
    requirements = requirements.merge(levels[["level_id", "rank"]], on="level_id").sort_values(
        ["competency_id", "rank"], kind="stable"
    )
    order = {cid: i for i, cid in enumerate(competencies["competency_id"])}
    requirements = (
        requirements.assign(_o=requirements["competency_id"].map(order))
        .sort_values(["_o", "rank"], kind="stable")
        .drop(columns=["_o", "rank"])
        .reset_index(drop=True)
    )
    groups = (parent.raw.get("alternatives") if parent is not None else None) or doc.get("alternatives")
    alternatives = _alternatives(groups, set(competencies["competency_id"]))
    return Framework(
        id=doc["id"],
        title=doc["title"],
        source=dict(doc["source"]),
        level_basis=doc.get("level_basis", "band"),
        levels=levels,
        domains=domains.reset_index(drop=True),
        areas=areas.reset_index(drop=True),
        competencies=competencies.reset_index(drop=True),
        requirements=requirements,
        interpretation=doc.get("interpretation"),
        raw=doc,
        alternatives=alternatives,
    )


def load_file(path: Path, parent: Framework | None = None) -> Framework:
    """Load and validate one framework file.

    Args:
        path: the YAML file.
        parent: the framework a derived file maps onto (``derives_from``); ``None`` otherwise.

    Returns:
        The validated :class:`Framework`.

    Raises:
        ReferenceDataError: naming the file, entry and field of every problem found.
    """
    try:
        doc = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ReferenceDataError("Framework data", [f"{path.name}: (file): (parse): {exc}"]) from exc
    problems = problems_for(path, doc)
    if not problems and doc.get("derives_from"):
        if parent is None or parent.id != doc["derives_from"]:
            problems.append(
                f"{path.name}: (file): derives_from: framework {doc['derives_from']!r} not loaded"
            )
        else:
            known = set(parent.competencies["competency_id"])
            problems += [
                f"{path.name}: mapping[{i}] ({m['competency']}): competency: not in {parent.id}"
                for i, m in enumerate(doc["mapping"])
                if m["competency"] not in known
            ]
    if problems:
        raise ReferenceDataError("Framework data", problems)
    return _build(doc, parent)


def load_dir(directory: Path) -> dict[str, Framework]:
    """Load every ``*.yaml`` framework in a folder, parents before the frameworks derived from them.

    Raises:
        ReferenceDataError: with the problems of every file that failed.
    """
    docs: dict[Path, dict[str, Any]] = {}
    problems: list[str] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            docs[path] = load_yaml(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            problems.append(f"{path.name}: (file): (parse): {exc}")
    loaded: dict[str, Framework] = {}
    pending = [p for p in docs if isinstance(docs[p], dict)]
    for _ in range(len(pending) + 1):
        still: list[Path] = []
        for path in pending:
            parent_id = docs[path].get("derives_from")
            if parent_id and parent_id not in loaded:
                still.append(path)
                continue
            try:
                fw = load_file(path, loaded.get(parent_id) if parent_id else None)
            except ReferenceDataError as exc:
                problems += exc.problems
                continue
            if fw.id in loaded:
                problems.append(f"{path.name}: (file): id: {fw.id!r} is used by another framework file")
            loaded[fw.id] = fw
        if not still or len(still) == len(pending):
            problems += [f"{p.name}: (file): derives_from: parent not found or invalid" for p in still]
            break
        pending = still
    if problems:
        raise ReferenceDataError("Framework data", problems)
    return loaded


def apply_renewal_overrides(loaded: dict[str, Framework], path: Path) -> dict[str, Framework]:
    """Replace renewal periods with a trust's own (``overrides: {competency id: months}``).

    Raises:
        ReferenceDataError: for an unknown competency id or a period that is not a positive whole number.
    """
    if not path.exists():
        return loaded
    try:
        doc = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ReferenceDataError("Renewal overrides", [f"{path.name}: (file): (parse): {exc}"]) from exc
    overrides = doc.get("overrides") or {}
    known = {cid for fw in loaded.values() for cid in fw.competencies["competency_id"]}
    problems = [
        f"{path.name}: overrides: {cid}: "
        + (
            "not a competency in any framework"
            if cid not in known
            else "expected a positive whole number of months"
        )
        for cid, months in overrides.items()
        if cid not in known or not isinstance(months, int) or isinstance(months, bool) or months <= 0
    ]
    if problems:
        raise ReferenceDataError("Renewal overrides", problems)
    if not overrides:
        return loaded
    out = {}
    for key, fw in loaded.items():
        hit = fw.competencies["competency_id"].isin(list(overrides))
        if not hit.any():
            out[key] = fw
            continue
        comps = fw.competencies.copy()
        months = pd.to_numeric(comps["renewal_months"], errors="coerce").astype(float)
        comps["renewal_months"] = months.where(~hit, comps["competency_id"].map(overrides).astype(float))
        out[key] = replace(fw, competencies=comps)
    return out


@cache
def load_all() -> dict[str, Framework]:
    """Every framework shipped in ``data/frameworks``, keyed by id, with the trust's renewal overrides."""
    return apply_renewal_overrides(load_dir(FRAMEWORK_DIR), RENEWAL_OVERRIDES_FILE)


def get(framework_id: str) -> Framework:
    """One shipped framework by id.

    Raises:
        KeyError: with the known ids when the id is unknown.
    """
    frameworks = load_all()
    if framework_id not in frameworks:
        known = ", ".join(sorted(frameworks))
        raise KeyError(f"No framework {framework_id!r}. Known frameworks: {known}.")
    return frameworks[framework_id]


def level_matrix(fw: Framework) -> pd.DataFrame:
    """Competencies × levels, each cell the expectation verb (or ``"✓"`` for a bare mark), else ``""``.

    Rows keep the framework's order and carry ``competency_id``, ``domain`` and ``area`` labels;
    columns are level labels, most junior first.
    """
    req = fw.requirements.assign(cell=fw.requirements["expectation"].fillna("✓"))
    wide = req.pivot_table(index="competency_id", columns="level_id", values="cell", aggfunc="first")
    wide = wide.reindex(index=fw.competencies["competency_id"], columns=fw.levels["level_id"]).fillna("")
    wide.columns = [fw.level_label(c) for c in wide.columns]
    meta = fw.competencies.set_index("competency_id")[["text", "domain_id", "area_id"]]
    meta = meta.assign(
        domain=meta["domain_id"].map(fw.domains.set_index("domain_id")["label"]),
        area=meta["area_id"].map(fw.areas.set_index("area_id")["label"]) if len(fw.areas) else None,
    )[["text", "domain", "area"]]
    return meta.join(wide).reset_index()
