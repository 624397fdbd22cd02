"""EXA001: Dec/@folioControl starts with the institution's own prefix (a local convention).

A plugin rule module has the same contract as a built-in one (CONTRIBUTING.md): SCOPE, RULES
and check(). Its codes must not clash with built-in codes: use your own prefix.
"""

from __future__ import annotations

from collections.abc import Iterator

from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Option, Rule, Scope
from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML

EXA001 = Rule(
    code="EXA001",
    name="prefijo-folio-control",
    severity=Severity.WARNING,
    summary={
        "es": "folioControl empieza con el prefijo de la institución",
        "en": "folioControl starts with the institution's prefix",
    },
    messages={
        "prefix": {
            "es": 'folioControl="{value}" no empieza con el prefijo institucional «{expected}». '
            "Use la numeración de control escolar de la institución.",
            "en": 'folioControl="{value}" does not start with the institution prefix «{expected}».',
        }
    },
    why="Convención local de ejemplo: la institución numera sus certificados con un prefijo propio "
    "para encontrarlos en su sistema de control escolar. No es una regla de la SEP.",
    fail_example='<Dec … folioControl="2024-000123">',
    pass_example='<Dec … folioControl="UEC-2024-000123">',
    spec="convención institucional (ejemplo de complemento; no es regla del MEC)",
    options={"prefijo": Option(str, "UEC-", "Prefijo con que empieza todo folioControl.")},
    fix="Genere folioControl con el prefijo configurado en rules.EXA001.prefijo.",
)

RULES = (EXA001,)


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    folio = doc.root.get("folioControl")
    prefix = ctx.options(EXA001)["prefijo"]
    if folio is not None and prefix and not folio.startswith(prefix):
        yield ctx.report(EXA001, "prefix", doc.root, attribute="folioControl", value=folio, expected=prefix)
