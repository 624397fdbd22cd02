"""Regular expressions compiled when first used, not when their module is imported.

A module-level `re.compile` costs start-up time in every run, also in the runs that never use it
(schema error messages, report escapes, usage errors): issue #14's cold start counted 60 ms of
compilation. `lazy(pattern, flags)` is a stand-in with the same methods; the first call compiles
the pattern and puts the compiled methods on the stand-in, so later calls cost what a plain
compiled pattern's do.
"""

from __future__ import annotations

import re
from typing import Any, cast

_METHODS = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer")


class _LazyPattern:
    def __init__(self, pattern: Any, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only for what is not yet on the instance
        if name == "_source":
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        self.__dict__["compiled"] = compiled
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r})"


def lazy(pattern: Any, flags: int = 0) -> re.Pattern[Any]:
    """`re.compile(pattern, flags)`, done the first time the pattern is used."""
    return cast("re.Pattern[Any]", _LazyPattern(pattern, flags))
