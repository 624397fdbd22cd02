"""mec-lint: pre-upload linter for SEP MEC electronic certificates (Dec 3.0) and layouts."""

import os as _os

__version__ = "0.1.0"

# Installed, the rule modules of the repository's top-level `rules/` folder live in
# `mec_lint/rules/` (pyproject maps them). Run straight from a source checkout (python -m,
# a REPL in the repository root), let `mec_lint.rules` resolve to that folder instead.
_here = _os.path.dirname(_os.path.abspath(__file__))
_checkout = _os.path.dirname(_here)
if not _os.path.isdir(_os.path.join(_here, "rules")) and _os.path.isfile(
    _os.path.join(_checkout, "rules", "__init__.py")
):
    __path__.append(_checkout)
