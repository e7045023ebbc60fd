"""Skill mix: the team's WTE and headcount by band and function, registered shares, cost and substitution."""
