"""The fast pass (issue #14): rules as cheap checks over facts extracted once per certificate.

A rule module may define ``passes(doc, ctx) -> bool`` next to its detailed ``check``: True only
when ``check`` would report nothing. The engine asks it first and runs ``check`` (which locates
every finding: line, element, attribute, XPath) only when it answers anything but True.

The facts a predicate reads are extracted once and shared: subject columns read row by row in
one pass (``XmlDocument.values``/``attribute_keys``), derived values in ``doc.cache``. Most of
a certificate's values repeat across a run (the institution, the career, the signer, the
handful of distinct grades and cycles): `quiet` decides once per run whether a part of a check
is silent for given values, by running that part of the detailed check itself on a throwaway
context, and remembers the answer under a key made of everything that part reads. A predicate
built that way cannot disagree with the detailed check for the same values; what it must get
right is the key (all values read), which `tests/test_fast_pass.py` checks on mutated documents.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mec_lint.context import Context
    from mec_lint.findings import Finding

Part = Callable[..., Iterable["Finding"]]  # part(ctx, *args): some of a check's findings
MEMO_LIMIT = 4096  # verdicts kept per memo; past it the memo starts again (memory stays flat)
KEY_CHARS = 256  # a key with a longer value is not remembered


def memo(ctx: Context, name: str) -> dict[Hashable, bool] | None:
    """The run's memo `name` (the same configuration for every file of a run), or None when the
    context does not belong to a run (a rule called directly): then nothing is remembered."""
    shared = ctx.shared
    if shared is None:
        return None
    found: dict[Hashable, bool] | None = shared.get(("fastpass", name))
    if found is None or len(found) >= MEMO_LIMIT:
        found = shared[("fastpass", name)] = {}
    return found


def quiet(ctx: Context, name: str, key: Hashable, part: Part, *args: Any) -> bool:
    """Whether the detailed `part(ctx, *args)` of a check reports nothing, decided once per run
    for `key`.

    `part` runs on a throwaway context (same configuration, catalogs and document; nothing is
    counted in `ctx`), so asking never changes what the detailed check reports afterwards.
    `key` must hold every value `part` reads from the document."""
    verdicts = memo(ctx, name)
    if verdicts is not None:
        verdict = verdicts.get(key)
        if verdict is not None:
            return verdict
    verdict = silent(ctx, part, *args)
    if verdicts is not None and _small(key):
        verdicts[key] = verdict  # a hostile file's long values are judged each time, never kept
    return verdict


def quiet_check(
    ctx: Context, name: str, key: Hashable, check: Callable[..., Iterable[Finding]], doc: Any
) -> bool:
    """`quiet` for a module's whole `check(doc, ctx)`, when `key` holds every value it reads."""
    return quiet(ctx, name, key, _whole, check, doc)


def _whole(ctx: Context, check: Callable[..., Iterable[Finding]], doc: Any) -> Iterable[Finding]:
    return check(doc, ctx)


def _small(key: object) -> bool:
    """Whether `key` holds only short strings (at most KEY_CHARS each), so a memo of MEMO_LIMIT
    verdicts stays small whatever a batch's files hold."""
    if isinstance(key, str):
        return len(key) <= KEY_CHARS
    if isinstance(key, tuple):
        return all(map(_small, key))
    return True


def silent(ctx: Context, part: Part, *args: Any) -> bool:
    """Whether `part(ctx, *args)` reports nothing when run on a throwaway copy of `ctx` (not
    remembered)."""
    for _finding in part(scratch(ctx), *args):
        return False
    return True


def scratch(ctx: Context) -> Context:
    """A context like `ctx` whose findings are thrown away (no per-code count, no limit)."""
    from mec_lint.context import Context

    copy = Context(ctx.config, ctx.catalogs, ctx.path, doc=ctx.doc, layout=ctx.layout, enabled=ctx.enabled)
    copy.shared = ctx.shared
    return copy


def values_key(element: Any, attributes: Iterable[str]) -> tuple[str | None, ...]:
    """`element`'s values of `attributes` (None where absent or no element): part of a memo key."""
    if element is None:
        return ()
    get = element.get
    return tuple(get(attribute) for attribute in attributes)
