"""XSD validation with libxml2, each error turned into data for a Spanish finding."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from lxml import etree

from mec_lint.config import ConfigError
from mec_lint.xmldoc import make_parser

_CLARK = re.compile(r"\{[^}]*\}")
_ELEMENT = re.compile(r"^Element '([^']*)'(?:, attribute '([^']*)')?: (.*)$", re.S)


@dataclass(frozen=True)
class SchemaError:
    kind: str  # message id in rules/xsd.py
    line: int | None
    path: str | None  # libxml2 positional path, e.g. /*/*[3]
    element: str | None  # local name
    attribute: str | None
    value: str | None
    expected: str | None
    detail: str  # libxml2's text without Clark notation


def bundled_schema_path() -> str:
    return str(resources.files("mec_lint.data").joinpath("dec-3.0.xsd"))


@lru_cache(maxsize=4)
def load_schema(path: str | None = None) -> etree.XMLSchema:
    """Compile an XSD once per process. A broken schema file is a configuration error."""
    source = path or bundled_schema_path()
    try:
        return etree.XMLSchema(etree.parse(source, make_parser()))
    except OSError as exc:
        raise ConfigError(f"no se pudo leer el esquema {source}: {exc}") from exc
    except (etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
        raise ConfigError(f"el esquema {source} no es un XSD válido: {exc}") from exc


def validate(schema: etree.XMLSchema, root: etree._Element) -> list[SchemaError]:
    if schema.validate(root):
        return []
    return [_classify(entry) for entry in schema.error_log]


def strip_clark(text: str) -> str:
    return _CLARK.sub("", text)


def _classify(entry: etree._LogEntry) -> SchemaError:
    message = entry.message or ""
    match = _ELEMENT.match(message)
    element = attribute = None
    rest = message
    if match:
        element = strip_clark(match.group(1))
        attribute = match.group(2)
        rest = match.group(3)
    detail = strip_clark(rest).strip()
    kind, value, expected = _kind(entry.type_name, rest)
    return SchemaError(
        kind=kind,
        line=entry.line or None,
        path=entry.path or None,
        element=element,
        attribute=attribute or _quoted_attribute(rest, kind),
        value=value,
        expected=expected,
        detail=detail,
    )


def _quoted_attribute(rest: str, kind: str) -> str | None:
    if kind in ("missing_attribute", "attribute_not_allowed"):
        found = re.search(r"The attribute '([^']*)'", rest)
        return found.group(1) if found else None
    return None


def _expected_names(rest: str) -> str | None:
    found = re.search(r"Expected is (?:one of )?\( ?(.*?) ?\)", rest)
    if not found:
        return None
    return ", ".join(name.strip() for name in strip_clark(found.group(1)).split(",") if name.strip())


def _kind(type_name: str, rest: str) -> tuple[str, str | None, str | None]:
    if "is required but missing" in rest:
        return "missing_attribute", None, None
    if "is not allowed" in rest and "attribute" in rest:
        return "attribute_not_allowed", None, None
    if "Missing child element" in rest:
        return "missing_child", None, _expected_names(rest)
    if "This element is not expected" in rest:
        return "unexpected_element", None, _expected_names(rest)
    if "No matching global declaration" in rest:
        return "unknown_root", None, "Dec"
    fixed = re.search(r"The value '([^']*)' does not match the fixed value constraint '([^']*)'", rest)
    if fixed:
        return "fixed_value", fixed.group(1), fixed.group(2)
    datatype = re.search(r"'([^']*)' is not a valid value of the (?:atomic|list|union) type '([^']*)'", rest)
    if datatype:
        return "invalid_type", datatype.group(1), datatype.group(2)
    facet = re.search(r"\[facet '([^']*)'\] The value '([^']*)'", rest)
    if facet:
        return "facet", facet.group(2), None
    if "Character content" in rest or "Element content is not allowed" in rest:
        return "content_not_allowed", None, None
    return "other", None, None
