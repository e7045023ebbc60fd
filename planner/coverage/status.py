"""Competency coverage: each person's status on each competency their framework requires, and totals.

For every person and every competency required at their level (plus the cross-cutting requirements
of all staff) one status: **verified** (achieved and signed off), **self_assessed** (achieved, not
signed off), **expired** (a renewable competency past its renewal date, or past an explicit expiry),
**in_progress** or **missing**. Coverage is verified ÷ required; self-assessed is shown beside it and
never counted as verified.

Everything is vectorised on integer codes (numpy ``bincount`` over categorical codes), because the
same functions aggregate a national-scale synthetic record (8 million person-competency rows) in
the benchmark. All functions are pure: the ``as_of`` date is passed in.

The totals by band, function and area are in :mod:`planner.coverage.aggregates`; the team-level
questions (capability, single points of failure, expiring, development plans) in
:mod:`planner.coverage.capability` and :mod:`planner.coverage.pdp`. ``planner.coverage`` hands all of
them on.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from planner.coverage import credit
from planner.coverage.records import STATUSES, best_per_key, status_codes
from planner.reference import frameworks, service_types
from planner.reference.frameworks import EXPECTATION_CLASSES, Framework
from planner.reference.levels import people, person_levels
from planner.vocab import BANDS, FUNCTIONS

#: Function key used when the roster records no function for a person.
NO_FUNCTION = "not_recorded"
FUNCTION_KEYS: tuple[str, ...] = (*FUNCTIONS, NO_FUNCTION)
NO_AREA = "(none)"
NO_CLASS = "unspecified"
CLASS_KEYS: tuple[str, ...] = (*EXPECTATION_CLASSES, NO_CLASS)

COUNT_COLUMNS: tuple[str, ...] = ("required", *STATUSES)


def cross_cutting_framework() -> Framework | None:
    """The shipped cross-cutting framework, or ``None`` when it is not (yet) encoded."""
    try:
        return frameworks.get("cross_cutting")
    except KeyError:  # not encoded; a broken file raises its ReferenceDataError for the user to see
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
    credit_areas: bool = True,
) -> pd.DataFrame:
    """One row per person × competency required of them, with its status on ``as_of``.

    Records count by skill, not by id (:mod:`planner.coverage.credit`, our interpretation): the same
    wording is one skill, a fully verified area at the person's level credits that area's lower-level
    statements (unless ``credit_areas`` is false), a "one of" group is one requirement, and a skill
    is asked of a person once.

    Args:
        staff: the roster's staff table (one row per post).
        competencies: the roster's competency records.
        fw: the framework to assess against.
        as_of: the date statuses (expiry) are judged on.
        include_cross_cutting: add the cross-cutting requirements of all staff (life support); never
            for a homecare or PCN framework (they are PR requirements, ``data/service_types.yaml``).
        cross_cutting: the cross-cutting framework; defaults to the shipped ``cross_cutting`` file.
        mapping_path: the level-mapping file; defaults to ``data/level_mapping.yaml``.
        credit_areas: credit lower-level statements from a fully verified area at the person's level.

    Returns:
        Columns ``staff_id``, ``band``, ``function`` (the person's primary post), ``wte`` (all their
        posts), ``framework_id``, ``level_id``, ``competency_id``, ``text``, ``domain_id``, ``domain``,
        ``area_id``, ``area``, ``expectation``, ``expectation_class``, ``renewal_months``, ``status``,
        ``expires_on``, ``skill`` (the skill key), ``level_rank`` (the statement's level in its home
        framework), ``credited_from`` (the id of the record that met it, where another) and
        ``one_of`` (the "one of" group's label, where one). Keys are categoricals (bands in AfC order, all functions, all domains), so
        every aggregate lists empty groups as 0. Sorted by staff id, then framework order.
    """
    fws = [fw]
    if include_cross_cutting and fw.id != "cross_cutting" and service_types.cross_cutting_applies(fw.id):
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

    del key
    cat = credit.catalogue(fws)
    cat_index = pd.Index(cat["competency_id"])
    skill_index = pd.Index(cat["skill"].unique())
    cat_skill = skill_index.get_indexer(cat["skill"])
    req_cat = cat_index.get_indexer(req["competency_id"])
    lookup = _record_lookup(competencies, cat, cat_index, cat_skill, staff_codes, as_of)
    status, expires, src = lookup(row_staff, cat_skill[req_cat][row_req])
    credited = np.full(len(row_req), None, dtype=object)
    other = (src >= 0) & (src != req_cat[row_req])
    credited[other] = cat_index.to_numpy(dtype=object)[src[other]]

    home = credit.home_framework(fw)
    hl = person_levels(staff, home, mapping_path)
    rank = hl.assign(r=hl["level_rank"].astype("Float64").fillna(-1)).groupby("staff_id")["r"].max()
    person_rank = rank.reindex(staff_codes).fillna(-1).to_numpy(dtype=float)
    main = (req["framework_id"].to_numpy() == fw.id)[row_req]
    rows, exp_c, src_c = (credit.area_credit if credit_areas else credit.no_credit)(
        person_rank=person_rank,
        cat=cat,
        skill_index=skill_index,
        lookup=lookup,
        row_staff=row_staff,
        row_comp_cat=np.where(main, req_cat[row_req], -1),
        status=status,
    )
    status[rows], expires[rows], credited[rows] = 0, exp_c, src_c

    st = _frame(req, ppl, staff_codes, comp_index, req_comp, row_req, row_staff, status, expires)
    skills = pd.Categorical.from_codes(cat_skill[req_cat][row_req], categories=skill_index)
    st = st.assign(
        skill=skills,
        level_rank=cat["min_rank"].to_numpy(dtype=float)[req_cat][row_req],
        credited_from=credited,
    )
    # One skill is asked of a person once (life support appears in BTS and twice in cross-cutting).
    once = ~pd.DataFrame({"s": row_staff, "k": skills.codes}).duplicated().to_numpy()
    st = st[once].reset_index(drop=True)
    return credit.collapse_alternatives(st, fws)


def _record_lookup(
    records: pd.DataFrame,
    cat: pd.DataFrame,
    cat_index: pd.Index,
    cat_skill: np.ndarray,
    staff_codes: pd.Index,
    as_of: date,
) -> credit.Lookup:
    """A function giving the best record's status, expiry and statement for (person, skill) codes."""
    n_skill = max(int(cat_skill.max()) + 1 if len(cat_skill) else 1, 1)
    missing = STATUSES.index("missing")

    def nothing(staff: np.ndarray, skill: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        n = len(staff)
        return (
            np.full(n, missing, dtype=np.int8),
            np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"),
            np.full(n, -1, dtype=np.int64),
        )

    if records is None or len(records) == 0 or "staff_id" not in records or "competency_id" not in records:
        return nothing
    # One renewal per skill: the shortest period any of its statements states.
    skill_renewal = cat.groupby("skill")["renewal_months"].min()
    renewal = pd.Series(cat["skill"].map(skill_renewal).to_numpy(), index=cat["competency_id"])
    code, exp = status_codes(records, renewal, as_of)

    # Ids are matched once per distinct value, then carried to the records as integer codes.
    def codes_in(col: pd.Series, index: pd.Index) -> np.ndarray:
        c, uniques = pd.factorize(col)
        found = index.get_indexer(pd.Index([str(u).strip() for u in uniques], dtype=object))
        return np.append(found, -1)[c]

    r_staff = codes_in(records["staff_id"], staff_codes)
    r_cat = codes_in(records["competency_id"], cat_index)
    ok = (r_staff >= 0) & (r_cat >= 0)
    r_key = r_staff[ok].astype(np.int64) * n_skill + cat_skill[r_cat[ok]]
    code, exp, r_cat = code[ok], exp[ok], r_cat[ok]
    best = best_per_key(r_key, code, exp)
    r_key, code, exp, r_cat = r_key[best], code[best], exp[best], r_cat[best]
    space = len(staff_codes) * n_skill
    table = None
    if space <= 64_000_000:
        # A direct lookup table beats hashing millions of keys; 64M int32 cells is 256 MB at most.
        table = np.full(space, -1, dtype=np.int32)
        table[r_key] = np.arange(len(r_key), dtype=np.int32)
    index = None if table is not None else pd.Index(r_key)

    def lookup(staff: np.ndarray, skill: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        status, expires, src = nothing(staff, skill)
        valid = (np.asarray(skill) >= 0) & (np.asarray(staff) >= 0)
        key = np.asarray(staff, dtype=np.int64)[valid] * n_skill + np.asarray(skill, dtype=np.int64)[valid]
        hit = table[key] if table is not None else index.get_indexer(key)
        pos = np.flatnonzero(valid)[hit >= 0]
        status[pos] = code[hit[hit >= 0]]
        expires[pos] = exp[hit[hit >= 0]]
        src[pos] = r_cat[hit[hit >= 0]]
        return status, expires, src

    return lookup


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
