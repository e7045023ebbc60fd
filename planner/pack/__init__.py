"""The business-case pack: charts, an Excel workbook with native charts and a Word report, in one ZIP.

Built from the same views the pages show (:mod:`planner.views`), through the export layer.
"""
