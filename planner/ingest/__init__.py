"""Ingest: an uploaded roster file, as bytes, to one validated staff table and its competency records.

File checks, sheets, header and column recognition, rows, records, normalising and the report of every
problem (sheet, row, column, value, expected, reason), plus the blank template. Start at
:func:`planner.ingest.read.read_roster`.
"""
