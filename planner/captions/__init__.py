"""Captions: every sentence planner writes under a chart or table, from the figures it describes."""
