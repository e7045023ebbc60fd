"""Captions: every sentence planner writes under a chart or table, from the figures it describes.

One naming scheme throughout: ``<thing>_caption`` returns the sentence for ``<thing>``.

- :mod:`planner.captions.words`: shared formatting: percentages, money, WTE, counted nouns, dates.
- :mod:`planner.captions.coverage`: coverage totals, bands, heatmaps, capability, expiry, plans.
- :mod:`planner.captions.skillmix`: WTE by band, registered share, supervision, cost, substitutions.
- :mod:`planner.captions.expansion`: the sentence under each projection chart.
- :mod:`planner.captions.frameworks`: what the framework heatmap shows, and its source.
"""
