"""Ingest: an uploaded roster file, as bytes, to one validated staff table and its competency records.

File checks, sheets, header and column recognition, rows, records, normalising and the report of every
problem (sheet, row, column, value, expected, reason), plus the blank template. Start at
:func:`planner.ingest.read.read_roster`, which takes the competency catalogue it reads against
(:func:`planner.reference.catalogue.load_catalogue`, built by the caller), raises
:class:`planner.ingest.columns.MappingError` for a bad column mapping, and hands over a staff table
validated by :mod:`planner.ingest.contract`. Modules: ``read`` (entry), ``filecheck``, ``sheets``,
``columns``, ``plan``, ``known`` (catalogue look-ups), ``body`` and ``rows`` (staff sheets),
``record_sheet``, ``checks``, ``normalise`` and ``dates`` (cell parsers), ``professions``, ``contract``, ``suggest`` (did you mean).
"""
