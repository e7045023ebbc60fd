"""Who can do what: the primary care nursing task matrix as a view of a team.

The "Nursing workforce at a glance" table of the New roles in Primary Care booklet (seed 003,
``task_matrix`` in ``data/frameworks/primary_care.yaml``) says, per task, whether a health care
assistant, a nursing associate and a practice nurse do it: yes, no, or partly (a restriction or a
condition, kept as the booklet words it). Here each person is placed in a column by their role
(``role``: ``hca``, ``nursing_associate``, ``practice_nurse``), so each task lists who in the team
may do it by role, and where only one person can. It reads roles, not competency records: a person's
own sign-off is the coverage pages' business.
"""

from __future__ import annotations

import pandas as pd

from planner.reference.frameworks import Framework

TASK_COLUMNS = ("competency_id", "task", "can", "partly", "people", "only_one", "nobody", "conditions")


def task_rows(fw: Framework) -> pd.DataFrame:
    """The matrix's task rows as the file encodes them.

    Columns: ``competency_id``, ``task``, and per column (``hca``, ``nursing_associate``, ``practice_nurse``) the class (``yes``/``partial``/``no``) and text.
    """
    matrix = fw.raw.get("task_matrix") or {}
    out = []
    for row in matrix.get("rows", []):
        if "competency" not in row:
            continue  # the role-summary row describes roles; it is no task
        item = {"competency_id": row["competency"], "task": row["task"]["text"]}
        for col in matrix["columns"]:
            item[f"{col}_class"] = row["cells"][col]["class"]
            item[f"{col}_text"] = row["cells"][col]["text"]
        out.append(item)
    return pd.DataFrame(out)


def who_can_do_what(
    staff: pd.DataFrame, fw: Framework, *, names: bool = True, aggregate: bool = False
) -> pd.DataFrame:
    """Per task: who in the team may do it by role, who only partly, and where only one person can.

    Args:
        staff: the roster's staff table (``staff_id``, ``name``, ``role``); other roles are ignored.
        fw: the primary care framework (its ``task_matrix``).
        names: write people by name (in the session) or by staff id.
        aggregate: write each role and how many hold it ("Practice Nurse × 3"): nobody named or
            identified, for packs and exports.

    Returns:
        One row a task: ``competency_id``, ``task``, ``can`` (people, fully), ``partly`` (people,
        with a condition), ``people`` (how many can at all), ``only_one``, ``nobody``, ``conditions``
        (the booklet's words for the partial cells, by role).
    """
    tasks = task_rows(fw)
    people = staff.drop_duplicates("staff_id")
    who = people["name"].fillna(people["staff_id"]) if names else people["staff_id"]
    by_level = {
        lvl: sorted(who[people["role"] == lvl].astype(str)) for lvl in people["role"].dropna().unique()
    }
    if aggregate:
        by_level = {lvl: [f"{fw.level_label(lvl)} × {len(p)}"] for lvl, p in by_level.items()}
    columns = (fw.raw.get("task_matrix") or {}).get("columns", [])
    by_level_n = people["role"].value_counts().to_dict()
    rows = []
    for t in tasks.itertuples(index=False):
        cls = {c: getattr(t, f"{c}_class") for c in columns}
        can = [p for c in columns if cls[c] == "yes" for p in by_level.get(c, [])]
        partly = [p for c in columns if cls[c] == "partial" for p in by_level.get(c, [])]
        cond = "; ".join(
            f"{fw.level_label(c)}: {getattr(t, f'{c}_text')}" for c in columns if cls[c] == "partial"
        )
        n = sum(by_level_n.get(c, 0) for c in columns if cls[c] in ("yes", "partial"))
        rows.append((t.competency_id, t.task, ", ".join(can), ", ".join(partly), n, n == 1, n == 0, cond))
    return pd.DataFrame(rows, columns=list(TASK_COLUMNS))
