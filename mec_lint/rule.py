"""The rule contract: declarative metadata beside a single check function.

A rule module (built-in under ``mec_lint.rules`` or a plugin) defines::

    RULES = (Rule(code="CUR004", ...),)   # one or more codes, each with its metadata
    SCOPE = Scope.XML                     # what `check` receives
    def check(doc, ctx): ...              # yields findings through ctx.report(...)
    def passes(doc, ctx): ...             # optional: True only when `check` would report nothing

`passes` is the fast pass (issue #14): a cheap predicate over facts the document extracts once
and shares (`XmlDocument.values`, `doc.cache`, `mec_lint.facts`). The engine asks it first and
runs the detailed `check` (which locates every finding: line, element, attribute) only when it
answers False, raises, or is absent (plug-ins without one always run `check`). A predicate may be
as strict as it likes (False costs only time) but must never answer True for a document on which
`check` would report something: `tests/test_fast_pass.py` compares both ways on mutated documents.

Everything else (documentation, `mec-lint explain`, SARIF rule tables, configuration
validation) is derived from the metadata.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from mec_lint.findings import Finding, Severity
from mec_lint.lazy_re import lazy
from mec_lint.record import Record

LANGS = ("es", "en")


class Scope(str, enum.Enum):
    XML = "xml"  # check(doc: XmlDocument, ctx: Context) once per certificate
    LAYOUT = "layout"  # check(layout: Layout, ctx: Context) once per workbook
    BATCH = "batch"  # check(batch: Batch, ctx: Context) once per zip / --batch folder
    INTERNAL = "internal"  # reported by the engine itself (parse errors, schema, I/O)


class Option(Record):
    """A rule option: its type, default, a Spanish description and, optionally, a value check
    (mec_lint.option_checks) that says what is wrong with a value of the right type."""

    __slots__ = ("type", "default", "description", "check")

    def __init__(
        self,
        type: type | tuple[type, ...],  # noqa: A002 - the option's field name
        default: Any,
        description: str,
        check: Callable[[Any], str | None] | None = None,
    ) -> None:
        self.type = type
        self.default = default
        self.description = description
        self.check = check

    def problem(self, value: Any) -> str | None:
        """For a value of the right type (`validate`): None if it makes sense, else what is wrong."""
        return None if self.check is None else self.check(value)

    def validate(self, value: Any) -> bool:
        types = self.type if isinstance(self.type, tuple) else (self.type,)
        if bool not in types and isinstance(value, bool):
            return False
        if float in types and isinstance(value, int) and not isinstance(value, bool):
            return True
        return isinstance(value, types)


class Rule(Record):
    __slots__ = (
        "code",
        "name",
        "severity",
        "summary",
        "messages",
        "why",
        "fail_example",
        "pass_example",
        "spec",
        "options",
        "fix",
        "aliases",
    )

    def __init__(
        self,
        code: str,  # stable forever, e.g. "CUR004"
        name: str,  # human slug, e.g. "curp-digito-verificador"
        severity: Severity,  # default severity; configuration may change it
        summary: dict[str, str],  # one affirmative line per language
        messages: dict[str, dict[str, str]],  # message id -> language -> str.format template
        why: str,  # Spanish: why the MEC cares
        fail_example: str,  # an example that triggers the rule
        pass_example: str,  # the same, fixed
        spec: str,  # the spec section(s) the rule rests on
        options: dict[str, Option] | None = None,
        fix: str = "",  # Spanish: how to fix it
        aliases: tuple[str, ...] = (),
    ) -> None:
        self.code = code
        self.name = name
        self.severity = severity
        self.summary = summary
        self.messages = messages
        self.why = why
        self.fail_example = fail_example
        self.pass_example = pass_example
        self.spec = spec
        self.options: dict[str, Option] = {} if options is None else options
        self.fix = fix
        self.aliases = aliases

    def summary_for(self, lang: str) -> str:
        return self.summary.get(lang) or self.summary["es"]

    def render(self, message_id: str, lang: str, data: dict[str, Any]) -> str:
        templates = self.messages[message_id]
        template = templates.get(lang) or templates["es"]
        if "|" in template:
            template = plural(template, data)
        try:  # a plain dict as it comes (Context.report's): copying it into Fields cost more
            return template.format_map(data)
        except KeyError:  # a placeholder `data` lacks renders as itself
            return template.format_map(data if isinstance(data, Fields) else Fields(data))


_PLURAL = lazy(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def plural(template: str, data: dict[str, Any]) -> str:
    """`{days|día|días}`: the singular when `data["days"]` is 1, else the plural (also when unknown)."""

    def choose(match: re.Match[str]) -> str:
        value = str(data.get(match[1], "")).strip()
        return match[2] if value in ("1", "-1") else match[3]

    return _PLURAL.sub(choose, template) if "|" in template else template


class Fields(dict[str, Any]):
    """A message's placeholders (str.format_map): a missing one renders as itself, never raises."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


CheckFn = Callable[..., Iterable[Finding]]
PassFn = Callable[..., bool]


class Checker(Record):
    """One rule module as the engine sees it."""

    __slots__ = (
        "module",
        "scope",
        "rules",
        "check",
        "needs_valid_schema",
        "needs_layout",
        "order",
        "source",
        "passes",
    )

    def __init__(
        self,
        module: str,
        scope: Scope,
        rules: tuple[Rule, ...],
        check: CheckFn,
        needs_valid_schema: bool = False,
        needs_layout: bool = False,
        order: int = 100,  # lower runs first (the schema check is 0)
        source: str = "builtin",  # or "plugin:<distribution>"
        passes: PassFn | None = None,  # the fast pass: True only when `check` would report nothing
    ) -> None:
        self.module = module
        self.scope = scope
        self.rules = rules
        self.check = check
        self.needs_valid_schema = needs_valid_schema
        self.needs_layout = needs_layout
        self.order = order
        self.source = source
        self.passes = passes

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(rule.code for rule in self.rules)


def iter_findings(result: Iterable[Finding] | None) -> Iterator[Finding]:
    if result is None:
        return iter(())
    return iter(result)
