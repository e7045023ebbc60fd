"""Text read back from a PDF, compared without whitespace so that no test depends on the fonts.

Line wrapping depends on the fonts a machine has: with a fresh machine's fonts a table cell may break
"=SUM(A1:A9)" after the "A". What a test cares about is the characters and their order, so the text
is kept with all whitespace removed, and ``needle in text`` removes the needle's whitespace too.
"""

from __future__ import annotations

import re


class Squashed(str):
    """Text with all whitespace removed; ``needle in text`` ignores the needle's whitespace as well."""

    def __contains__(self, needle: object) -> bool:
        return re.sub(r"\s+", "", str(needle)) in str(self)


def squash(text: str) -> Squashed:
    """The text without any whitespace, as a :class:`Squashed`."""
    return Squashed(re.sub(r"\s+", "", text))
