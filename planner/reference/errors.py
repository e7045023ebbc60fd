"""The one error for reference data: a file in ``data/`` that is missing, malformed or breaks its schema.

Every loader in :mod:`planner.reference` checks the whole file, collects every problem, and raises
one :class:`ReferenceDataError` listing them all, each as ``"<file>: <entry>: <field>: <what is wrong>"``,
so a maintainer fixes the file once, not once per problem.
"""

from __future__ import annotations


class ReferenceDataError(ValueError):
    """A reference data file is missing, malformed, or breaks its schema.

    Attributes:
        what: what the file holds, for the message ("Framework data", "Pay data", …).
        problems: every problem found.
    """

    def __init__(self, what: str, problems: list[str]):
        self.what = what
        self.problems = list(problems)
        super().__init__(f"{what} is invalid:\n  " + "\n  ".join(self.problems))


class Problems(list[str]):
    """A list of problems that raises them together: ``problems.raise_if_any("Pay data")``."""

    def raise_if_any(self, what: str) -> None:
        """Raise :class:`ReferenceDataError` when any problem was collected."""
        if self:
            raise ReferenceDataError(what, self)
