"""Competency coverage: each person's status on each competency their framework requires, and totals.

For every person and every competency required at their level (plus the cross-cutting requirements
of all staff) one status: **verified** (achieved and signed off), **self_assessed** (achieved, not
signed off), **expired** (a renewable competency past its renewal date, or past an explicit expiry),
**in_progress** or **missing**. Coverage is verified ÷ required; self-assessed is shown beside it and
never counted as verified.

Everything is vectorised on integer codes (numpy ``bincount`` over categorical codes), because the
same functions aggregate a national-scale synthetic record (8 million person-competency rows) in
the benchmark. All functions are pure: the ``as_of`` date is passed in.

The team-level questions (capability, single points of failure, expiring, development plans) live
in :mod:`planner.capability` and are re-exported here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from planner.coverage.capability import expiring, single_points_of_failure, team_capability, unassigned
from planner.coverage.pdp import development_plan
from planner.coverage.records import STATUS_LABELS, STATUSES, best_per_key, status_codes
from planner.reference import frameworks
from planner.reference.frameworks import EXPECTATION_CLASSES, Framework
from planner.reference.levels import people, person_levels
from planner.vocab import BANDS, FUNCTIONS, band_label, function_label

#: Function key used when the roster records no function for a person.
NO_FUNCTION = "not_recorded"
FUNCTION_KEYS: tuple[str, ...] = (*FUNCTIONS, NO_FUNCTION)
NO_AREA = "(none)"
NO_CLASS = "unspecified"
CLASS_KEYS: tuple[str, ...] = (*EXPECTATION_CLASSES, NO_CLASS)

COUNT_COLUMNS: tuple[str, ...] = ("required", *STATUSES)

__all__ = [
    "COUNT_COLUMNS",
    "STATUSES",
    "STATUS_LABELS",
    "aggregate",
    "by_band",
    "by_band_function_domain",
    "by_domain",
    "by_function",
    "cross_cutting_framework",
    "development_plan",
    "expiring",
    "holders",
    "key_label",
    "overall",
    "person_levels",
    "single_points_of_failure",
    "statuses",
    "team_capability",
    "unassigned",
]


def cross_cutting_framework() -> Framework | None:
    """The shipped cross-cutting framework, or ``None`` when it is not (yet) encoded."""
    try:
        return frameworks.get("cross_cutting")
    except (KeyError, frameworks.FrameworkError):
        return None


def _requirements(fw: Framework) -> pd.DataFrame:
    req = fw.requirements.merge(fw.competencies, on="competency_id", how="left")
    domains = dict(zip(fw.domains["domain_id"], fw.domains["label"], strict=True))
    areas = dict(zip(fw.areas["area_id"], fw.areas["label"], strict=True)) if len(fw.areas) else {}
    area_ids = req["area_id"].astype(object).where(req["area_id"].notna(), None)
    return pd.DataFrame(
        {
            "framework_id": fw.id,
            "level_id": req["level_id"].astype(str),
            "competency_id": req["competency_id"].astype(str),
            "text": req["text"].astype(str),
            "domain_id": req["domain_id"].astype(str),
            "domain": req["domain_id"].map(domains).astype(object).fillna(req["domain_id"]).astype(str),
            "area_id": area_ids.fillna(NO_AREA).astype(str),
            "area": area_ids.map(areas).astype(object).fillna(area_ids).fillna(NO_AREA).astype(str),
            "expectation": req["expectation"].astype(object).where(req["expectation"].notna(), None),
            "expectation_class": req["expectation_class"].fillna(NO_CLASS).astype(str),
            "renewal_months": pd.to_numeric(req["renewal_months"], errors="coerce"),
        }
    )


def _aligned(ids: pd.Series, labels: pd.Series) -> tuple[pd.Categorical, pd.Categorical]:
    """Two categoricals with the same codes: ids, and their labels (kept unique)."""
    pairs = pd.DataFrame({"i": ids, "l": labels}).drop_duplicates("i")
    lab = pairs["l"].where(~pairs["l"].duplicated(keep=False), pairs["l"] + " (" + pairs["i"] + ")")
    cat_i = pd.Categorical(ids, categories=pairs["i"].tolist())
    cat_l = pd.Categorical.from_codes(cat_i.codes, categories=lab.tolist())
    return cat_i, cat_l


def statuses(
    staff: pd.DataFrame,
    competencies: pd.DataFrame,
    fw: Framework,
    as_of: date,
    include_cross_cutting: bool = True,
    *,
    cross_cutting: Framework | None = None,
    mapping_path: Path | None = None,
) -> pd.DataFrame:
    """One row per person × competency required of them, with its status on ``as_of``.

    Args:
        staff: the roster's staff table (one row per post).
        competencies: the roster's competency records.
        fw: the framework to assess against.
        as_of: the date statuses (expiry) are judged on.
        include_cross_cutting: add the cross-cutting requirements of all staff (life support).
        cross_cutting: the cross-cutting framework; defaults to the shipped ``cross_cutting`` file.
        mapping_path: the level-mapping file; defaults to ``data/level_mapping.yaml``.

    Returns:
        Columns ``staff_id``, ``band``, ``function`` (the person's primary post), ``wte`` (all their
        posts), ``framework_id``, ``level_id``, ``competency_id``, ``text``, ``domain_id``, ``domain``,
        ``area_id``, ``area``, ``expectation``, ``expectation_class``, ``renewal_months``, ``status``,
        ``expires_on``. Keys are categoricals (bands in AfC order, all functions, all domains), so
        every aggregate lists empty groups as 0. Sorted by staff id, then framework order.
    """
    fws = [fw]
    if include_cross_cutting and fw.id != "cross_cutting":
        xc = cross_cutting if cross_cutting is not None else cross_cutting_framework()
        if xc is not None:
            fws.append(xc)
    req = pd.concat([_requirements(f) for f in fws], ignore_index=True)
    lv = pd.concat([person_levels(staff, f, mapping_path).assign(framework_id=f.id) for f in fws])
    lv = lv[lv["level_id"].notna()]
    ppl = people(staff)
    staff_codes = pd.Index(ppl["staff_id"].astype(str))

    # Expand each post to the requirement rows of its level without a per-person loop: requirement
    # rows are grouped by (framework, level); each post repeats its group's block of rows.
    req_key = req["framework_id"] + "\x1f" + req["level_id"]
    req = req.assign(_k=req_key).sort_values("_k", kind="stable").reset_index(drop=True)
    groups = pd.Index(req["_k"].unique())
    g_of_req = groups.get_indexer(req["_k"])
    g_start = np.searchsorted(g_of_req, np.arange(len(groups)))
    g_size = np.bincount(g_of_req, minlength=len(groups))
    post_g = groups.get_indexer(lv["framework_id"] + "\x1f" + lv["level_id"].astype(str))
    post_g_ok = post_g >= 0
    post_g, post_staff = post_g[post_g_ok], staff_codes.get_indexer(lv["staff_id"].astype(str))[post_g_ok]
    n = g_size[post_g]
    row_post = np.repeat(np.arange(len(post_g), dtype=np.int32), n)
    within = np.arange(n.sum(), dtype=np.int64) - np.repeat(np.cumsum(n) - n, n)
    row_req = (g_start[post_g][row_post] + within).astype(np.int32)
    row_staff = post_staff[row_post].astype(np.int32)
    del row_post, within

    comp_index = pd.Index(req["competency_id"].unique())
    req_comp = comp_index.get_indexer(req["competency_id"])
    key = row_staff.astype(np.int64) * len(comp_index) + req_comp[row_req]
    if len(staff) > len(ppl):
        # Someone with two posts may be asked for the same competency twice: keep the most
        # demanding expectation, then the most senior level.
        cls_rank = pd.Categorical(req["expectation_class"], categories=list(CLASS_KEYS)).codes
        cls_rank = np.where(cls_rank == len(EXPECTATION_CLASSES), -1, cls_rank)[row_req]
        order = np.lexsort((-row_req, -cls_rank, key))
        keep = order[np.r_[True, key[order][1:] != key[order][:-1]]]
        keep.sort()
        row_req, row_staff, key = row_req[keep], row_staff[keep], key[keep]
    # Sort by person then requirement order so that row order of the input never matters.
    order = np.lexsort((row_req, row_staff))
    row_req, row_staff, key = row_req[order], row_staff[order], key[order]
    del order

    status, expires = _match_records(competencies, req, staff_codes, comp_index, key, as_of)
    del key
    return _frame(req, ppl, staff_codes, comp_index, req_comp, row_req, row_staff, status, expires)


def _match_records(
    records: pd.DataFrame,
    req: pd.DataFrame,
    staff_codes: pd.Index,
    comp_index: pd.Index,
    key: np.ndarray,
    as_of: date,
) -> tuple[np.ndarray, np.ndarray]:
    """Each required row's status and expiry from the person's best record (``missing`` if none)."""
    missing = STATUSES.index("missing")
    status = np.full(len(key), missing, dtype=np.int8)
    expires = np.full(len(key), np.datetime64("NaT"), dtype="datetime64[ns]")
    if records is None or len(records) == 0 or "staff_id" not in records or "competency_id" not in records:
        return status, expires
    renewal = req.drop_duplicates("competency_id").set_index("competency_id")["renewal_months"]
    code, exp = status_codes(records, renewal, as_of)

    # Ids are matched once per distinct value, then carried to the records as integer codes.
    def codes_in(col: pd.Series, index: pd.Index) -> np.ndarray:
        c, uniques = pd.factorize(col)
        found = index.get_indexer(pd.Index([str(u).strip() for u in uniques], dtype=object))
        return np.append(found, -1)[c]

    r_staff = codes_in(records["staff_id"], staff_codes)
    r_comp = codes_in(records["competency_id"], comp_index)
    ok = (r_staff >= 0) & (r_comp >= 0)
    r_key = r_staff[ok].astype(np.int64) * len(comp_index) + r_comp[ok]
    code, exp = code[ok], exp[ok]
    best = best_per_key(r_key, code, exp)
    r_key, code, exp = r_key[best], code[best], exp[best]
    space = len(staff_codes) * len(comp_index)
    if space <= 64_000_000:
        # A direct lookup table beats hashing millions of keys; 64M int32 cells is 256 MB at most.
        table = np.full(space, -1, dtype=np.int32)
        table[r_key] = np.arange(len(r_key), dtype=np.int32)
        hit = table[key]
        del table
    else:
        hit = pd.Index(r_key).get_indexer(key)
    found = hit >= 0
    status[found] = code[hit[found]]
    expires[found] = exp[hit[found]]
    return status, expires


def _frame(
    req: pd.DataFrame,
    ppl: pd.DataFrame,
    staff_codes: pd.Index,
    comp_index: pd.Index,
    req_comp: np.ndarray,
    row_req: np.ndarray,
    row_staff: np.ndarray,
    status: np.ndarray,
    expires: np.ndarray,
) -> pd.DataFrame:
    """The statuses table: every text column a categorical built from small per-requirement codes."""

    def by_req(column: str, categories: list[Any] | None = None) -> pd.Categorical:
        cat = pd.Categorical(req[column], categories=categories)
        return pd.Categorical.from_codes(cat.codes[row_req], dtype=cat.dtype)

    def by_person(values: pd.Series, categories: list[str], ordered: bool = False) -> pd.Categorical:
        cat = pd.Categorical(values, categories=categories, ordered=ordered)
        return pd.Categorical.from_codes(cat.codes[row_staff], dtype=cat.dtype)

    functions = ppl["function"].where(ppl["function"].isin(FUNCTIONS), NO_FUNCTION)
    dom_id, dom = _aligned(req["domain_id"], req["domain"])
    area_id, area = _aligned(req["area_id"], req["area"])
    dom_codes, area_codes = dom_id.codes[row_req], area_id.codes[row_req]
    expectation = req["expectation"].astype(object).where(req["expectation"].notna(), None)
    return pd.DataFrame(
        {
            "staff_id": pd.Categorical.from_codes(row_staff, categories=staff_codes),
            "band": by_person(ppl["band"], list(BANDS), ordered=True),
            "function": by_person(functions, list(FUNCTION_KEYS)),
            "wte": ppl["wte"].to_numpy(dtype=float)[row_staff],
            "framework_id": by_req("framework_id"),
            "level_id": by_req("level_id"),
            "competency_id": pd.Categorical.from_codes(req_comp[row_req], categories=comp_index),
            "text": by_req("text"),
            "domain_id": pd.Categorical.from_codes(dom_codes, dtype=dom_id.dtype),
            "domain": pd.Categorical.from_codes(dom_codes, dtype=dom.dtype),
            "area_id": pd.Categorical.from_codes(area_codes, dtype=area_id.dtype),
            "area": pd.Categorical.from_codes(area_codes, dtype=area.dtype),
            "expectation": pd.Categorical.from_codes(
                pd.Categorical(expectation).codes[row_req], dtype=pd.Categorical(expectation).dtype
            ),
            "expectation_class": by_req("expectation_class", list(CLASS_KEYS)),
            "renewal_months": req["renewal_months"].to_numpy(dtype=np.float32)[row_req],
            "status": pd.Categorical.from_codes(status, categories=list(STATUSES)),
            "expires_on": expires,
        }
    )


def key_label(key: str, value: Any) -> str:
    """The display label of a group key's value (bands, functions, statuses; others unchanged)."""
    if key == "band":
        return band_label(str(value))
    if key == "function":
        return "Not recorded" if value == NO_FUNCTION else function_label(str(value))
    if key == "status":
        return STATUS_LABELS.get(str(value), str(value))
    return str(value)


def _codes(col: pd.Series) -> tuple[np.ndarray, pd.Index]:
    cat = col if isinstance(col.dtype, pd.CategoricalDtype) else col.astype("category")
    return cat.cat.codes.to_numpy(), pd.Index(cat.cat.categories)


def aggregate(st: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Counts of each status and coverage for every combination of ``by`` keys, empty ones as 0.

    Weighted two ways: by headcount (each person × competency counts 1) and by WTE (each counts the
    person's WTE), so a part-time post weighs less in ``coverage_wte``.

    Args:
        st: the output of :func:`statuses`.
        by: categorical columns of ``st`` to group by, e.g. ``["band", "domain_id"]``.

    Returns:
        One row per combination of categories (the full product, in category order) with the keys,
        ``<key>_label`` for each key, ``people`` (distinct people), ``wte`` (their WTE),
        ``required``, one count per status, ``coverage`` (verified ÷ required; 0 where nothing is
        required), ``self_assessed_share``, ``wte_required``, ``wte_verified`` and ``coverage_wte``.
    """
    codes_list, cats_list = zip(*(_codes(st[k]) for k in by), strict=True) if by else ((), ())
    sizes = [len(c) for c in cats_list]
    n_groups = int(np.prod(sizes)) if by else 1
    group = np.zeros(len(st), dtype=np.int64)
    for codes, size in zip(codes_list, sizes, strict=True):
        group = group * size + codes
    valid = np.ones(len(st), dtype=bool)
    for codes in codes_list:
        valid &= codes >= 0
    group = group[valid]
    status = st["status"].cat.codes.to_numpy()[valid].astype(np.int64)
    wte = st["wte"].to_numpy(dtype=float)[valid]
    k = len(STATUSES)
    counts = np.bincount(group * k + status, minlength=n_groups * k).reshape(n_groups, k)
    wsum = np.bincount(group * k + status, weights=wte, minlength=n_groups * k).reshape(n_groups, k)
    staff_codes, staff_cats = _codes(st["staff_id"])
    pair = pd.unique(group * max(len(staff_cats), 1) + staff_codes[valid])
    pair_group = pair // max(len(staff_cats), 1)
    person_wte = np.zeros(len(staff_cats))
    person_wte[staff_codes[valid]] = wte
    heads = np.bincount(pair_group, minlength=n_groups)
    head_wte = np.bincount(pair_group, weights=person_wte[pair % max(len(staff_cats), 1)], minlength=n_groups)

    cols: dict[str, Any] = {}
    # Mixed-radix decoding of the group number gives each key's category, in product order.
    rest = np.arange(n_groups)
    digits = []
    for size in reversed(sizes):
        digits.append(rest % size)
        rest = rest // size
    for key, cats, codes in zip(by, cats_list, reversed(digits), strict=True):
        values = np.asarray(cats.astype(str), dtype=object)[codes]
        cols[key] = values
        twin = key.removesuffix("_id")
        if key != twin and isinstance(st.get(twin, pd.Series()).dtype, pd.CategoricalDtype):
            # Ids and labels are categoricals with the same codes (see ``_aligned``).
            cols[f"{key}_label"] = np.asarray(st[twin].cat.categories.astype(str), dtype=object)[codes]
        else:
            labels = np.array([key_label(key, v) for v in cats.astype(str)], dtype=object)
            cols[f"{key}_label"] = labels[codes]
    required = counts.sum(axis=1)
    w_req = wsum.sum(axis=1)
    cols.update(
        {
            "people": heads,
            "wte": np.round(head_wte, 6),
            "required": required,
            **{s: counts[:, i] for i, s in enumerate(STATUSES)},
            "coverage": np.divide(counts[:, 0], required, out=np.zeros(n_groups), where=required > 0),
            "self_assessed_share": np.divide(
                counts[:, 1], required, out=np.zeros(n_groups), where=required > 0
            ),
            "wte_required": w_req,
            "wte_verified": wsum[:, 0],
            "coverage_wte": np.divide(wsum[:, 0], w_req, out=np.zeros(n_groups), where=w_req > 0),
        }
    )
    return pd.DataFrame(cols)


def by_band(st: pd.DataFrame) -> pd.DataFrame:
    """Coverage by AfC band (all bands, empty ones as 0)."""
    return aggregate(st, ["band"])


def by_function(st: pd.DataFrame) -> pd.DataFrame:
    """Coverage by London function (all four, plus ``not_recorded``)."""
    return aggregate(st, ["function"])


def by_domain(st: pd.DataFrame) -> pd.DataFrame:
    """Coverage by framework domain (the BTS columns, plus the cross-cutting domains)."""
    return aggregate(st, ["domain_id"])


def by_band_function_domain(st: pd.DataFrame) -> pd.DataFrame:
    """Coverage by band × function × domain (the full product, empty cells as 0)."""
    return aggregate(st, ["band", "function", "domain_id"])


def overall(st: pd.DataFrame) -> dict[str, Any]:
    """The team's totals: ``required``, each status count, ``coverage`` and ``coverage_wte``."""
    row = aggregate(st, []).iloc[0]
    out: dict[str, Any] = {c: int(row[c]) for c in COUNT_COLUMNS}
    out["coverage"] = float(row["coverage"])
    out["coverage_wte"] = float(row["coverage_wte"])
    out["people"] = int(row["people"])
    out["wte"] = float(row["wte"])
    return out


def holders(st: pd.DataFrame) -> pd.DataFrame:
    """Per competency and expectation level: how many people it is required of and who holds it.

    Returns:
        One row per competency × expectation class that occurs, with ``text``, ``domain``,
        ``required`` (people asked for it at that expectation), each status count, ``verified_wte``
        and ``coverage``.
    """
    agg = aggregate(st, ["competency_id", "expectation_class"])
    agg = agg[agg["required"] > 0].reset_index(drop=True)
    meta = (
        st.drop_duplicates("competency_id")[["competency_id", "text", "domain"]]
        .astype(str)
        .set_index("competency_id")
    )
    agg = agg.join(meta, on="competency_id")
    cols = [
        "competency_id",
        "text",
        "domain",
        "expectation_class",
        *COUNT_COLUMNS,
        "wte_verified",
        "coverage",
    ]
    return agg[cols].rename(columns={"wte_verified": "verified_wte"})
