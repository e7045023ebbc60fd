"""Reference data: the frameworks, levels, pay scales and policies in ``data/``, loaded and validated.

Everything here reads versioned files with their sources, checks them on load, and hands out typed,
immutable objects. Nothing here knows about rosters, pages or exports.
"""
