"""The *Programa de Estudios* workbook ("layout"): reading, model, headers, template.

Workbooks are read with lxml (`xlsx.py`); openpyxl is imported only by `template.py` and
`samples.py`, inside the functions that write a workbook (start-up time of `mec-lint check`).
"""
