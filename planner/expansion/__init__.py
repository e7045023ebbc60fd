"""Expansion: referrals to capacity to the workforce, waiting list, trajectory, cost and uncertainty.

Parameters and scenarios, demand, capacity, the waiting-list queue, the year-by-year trajectory, the
Monte Carlo, and :func:`planner.expansion.projection.project`, which puts them together.
"""
