"""Coverage: each person's status on each competency on a date, and what follows from it.

Statuses and their aggregates by band, function and area, team capability, single points of failure,
expiry, development plans and the drill-down behind a heatmap cell.
"""
