"""`mec-lint serve`: a local web page for staff who do not use a terminal.

Starlette, uvicorn and python-multipart are imported only here (and only by `serve`), so the
start-up of `mec-lint check` does not grow.
"""
