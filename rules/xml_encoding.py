"""XML004: the certificate is declared and stored as UTF-8."""

from __future__ import annotations

from collections.abc import Iterator

from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope
from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML

XML004 = Rule(
    code="XML004",
    name="xml-codificacion-utf8",
    severity=Severity.WARNING,
    summary={"es": "El certificado está codificado en UTF-8", "en": "The certificate is encoded in UTF-8"},
    messages={
        "not_utf8": {
            "es": "El archivo usa la codificación {value}; los certificados se generan en UTF-8 "
            "(la cadena original se firma sobre bytes UTF-8). Guárdelo en UTF-8.",
            "en": "The file uses the encoding {value}; certificates are generated in UTF-8 (the cadena original "
            "is signed over UTF-8 bytes). Save it as UTF-8.",
        },
    },
    why="Todas las implementaciones conocidas serializan el Dec en UTF-8 y la cadena original se firma "
    "en UTF-8; otra codificación arriesga que el MEC lea otros caracteres.",
    fail_example='<?xml version="1.0" encoding="ISO-8859-1"?>',
    pass_example='<?xml version="1.0" encoding="UTF-8"?>',
    spec="dec-3.0.md §3.1 y §5.8",
    fix='Guarde el archivo en UTF-8 (declare encoding="UTF-8") y vuelva a generar la cadena y el sello.',
)

RULES = (XML004,)

UTF8_NAMES = {"UTF-8", "UTF8"}


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    encoding = doc.declared_encoding
    if encoding is not None and encoding not in UTF8_NAMES:
        yield ctx.report(XML004, "not_utf8", doc.root, value=encoding, expected="UTF-8", line=1)
