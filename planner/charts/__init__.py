"""Charts: the Plotly figures for every screen, one module per screen, in one house style (:mod:`planner.style`).

- :mod:`planner.charts.coverage`: coverage heatmaps and status bars (Coverage screen and pack).
- :mod:`planner.charts.skillmix`: WTE by band and function, registered share (Skill mix screen and pack).
- :mod:`planner.charts.expansion`: the projection figures, and ``all_figures`` pairing each with its caption.
- :mod:`planner.charts.frameworks`: the levels × competencies heatmap and its statement table.

The sentence under each chart comes from :mod:`planner.captions`.
"""
