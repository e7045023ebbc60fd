"""Captions for the Frameworks browser: what the levels × competencies heatmap shows, and its source."""

from __future__ import annotations

import pandas as pd

from planner.reference.frameworks import Framework


def framework_caption(fw: Framework, table: pd.DataFrame) -> str:
    """One sentence describing what the heatmap shows.

    Args:
        fw: the framework, for its levels, statement count and source.
        table: the rows the heatmap shows (:func:`planner.charts.frameworks.statements`, filtered).
    """
    per_level = (table[list(fw.levels["label"])] != "").sum()
    busiest = per_level.idxmax() if len(table) else None
    where = f"; {busiest} has the most ({int(per_level.max())})" if busiest else ""
    return (
        f"{len(table)} of {len(fw.competencies)} statements shown across {len(fw.levels)} levels, most junior"
        " first; cells give the expectation on a common scale, hover for the source's own words"
        f"{where}. Source: {fw.source.get('publisher')}, {fw.source.get('version')} ({fw.source.get('date')})."
    )
