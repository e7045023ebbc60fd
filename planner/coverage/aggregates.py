"""Coverage totals: counts of each status and coverage by band, function, area or any keys, and holders.

Vectorised on integer codes (numpy ``bincount`` over categorical codes), so the same functions
aggregate a national-scale record in the benchmark. Coverage is weighted by headcount and by WTE.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from planner.coverage.records import STATUS_LABELS, STATUSES
from planner.coverage.status import COUNT_COLUMNS, NO_FUNCTION
from planner.vocab import band_label, function_label


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
