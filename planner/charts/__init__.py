"""Charts: the Plotly figures for every screen, in one house style (:mod:`planner.charts.style`)."""
