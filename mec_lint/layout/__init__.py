"""The *Programa de Estudios* workbook ("layout"): reading, model, headers, template.

Nothing here imports openpyxl at module level except `reader.py` and `template.py`, which are only
imported when a workbook is actually read or written (start-up time of `mec-lint check`).
"""
