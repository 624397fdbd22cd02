"""XSD validation with libxml2, each error turned into data for a Spanish finding."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from lxml import etree

from mec_lint.config import ConfigError
from mec_lint.lazy_re import lazy
from mec_lint.record import Record
from mec_lint.xmldoc import RefusedResource, make_parser

_CLARK = lazy(r"\{[^}]*\}")
_ELEMENT = lazy(r"^Element '([^']*)'(?:, attribute '([^']*)')?: (.*)$", re.S)


class SchemaError(Record):
    __slots__ = ("kind", "line", "path", "element", "attribute", "value", "expected", "detail")

    def __init__(
        self,
        kind: str,  # message id in rules/xsd.py
        line: int | None,
        path: str | None,  # libxml2 positional path, e.g. /*/*[3]
        element: str | None,  # local name
        attribute: str | None,
        value: str | None,
        expected: str | None,
        detail: str,  # libxml2's text without Clark notation
    ) -> None:
        self.kind = kind
        self.line = line
        self.path = path
        self.element = element
        self.attribute = attribute
        self.value = value
        self.expected = expected
        self.detail = detail


def bundled_schema_path() -> str:
    import os

    import mec_lint.data  # a folder of the installed package (what importlib.resources gives, cheaper)

    return os.path.join(os.path.dirname(mec_lint.data.__file__), "dec-3.0.xsd")


@lru_cache(maxsize=4)
def load_schema(path: str | None = None) -> etree.XMLSchema:
    """Compile an XSD once per process. A broken schema file is a configuration error."""
    source = path or bundled_schema_path()
    try:
        with open(source, "rb") as handle:  # read here: the parser's resolver refuses every path
            document = etree.parse(handle, make_parser(), base_url=source)
        return etree.XMLSchema(document)
    except OSError as exc:
        raise ConfigError(f"no se pudo leer el esquema {source}: {exc}") from exc
    except (etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
        raise ConfigError(f"el esquema {source} no es un XSD válido: {exc}") from exc
    except RefusedResource as exc:  # xs:include / xs:import / a DTD: libxml2 never opens anything
        raise ConfigError(
            f"el esquema {source} pide abrir {exc}; mec-lint no abre archivos ni direcciones desde un XML "
            "(reúna el esquema en un solo archivo .xsd)"
        ) from exc


def validate(schema: etree.XMLSchema, root: etree._Element) -> list[SchemaError]:
    if schema.validate(root):
        return []
    return [_classify(entry) for entry in schema.error_log]


# libxml2 validating a tree hands lxml each error's node, and lxml writes the node's path
# (`xmlGetNodePath`), which walks every earlier sibling of the node and of each ancestor: the
# errors of n siblings cost O(n²) (20,000 empty <Asignatura/>: 100,000 errors, ~8 s). Validating
# while parsing (libxml2's streaming validator) gives the same errors in the same order without a
# node: linear, but unlocated. So a document with many nodes is validated streaming first, and its
# tree only when the path walks stay within `PATH_BUDGET` sibling steps.
STREAM_ABOVE = 500  # `<` bytes (elements, comments, end tags…): a real certificate has ~20–250
PATH_BUDGET = 20_000_000  # errors × nodes: at most a few tenths of a second inside libxml2


def validate_document(schema: etree.XMLSchema, root: etree._Element, raw: bytes) -> list[SchemaError]:
    """The schema errors of a parsed certificate (`raw` is what `root` was parsed from), located
    (libxml2's path and line) whenever that costs little; see `STREAM_ABOVE`."""
    nodes = raw.count(b"<")
    if nodes <= STREAM_ABOVE:
        return validate(schema, root)
    entries = streaming_errors(schema, raw)
    if entries is None:  # the streaming parse failed on something the tree parse accepted
        return validate(schema, root)
    if not entries:
        return []
    if len(entries) * nodes <= PATH_BUDGET:
        return validate(schema, root)
    return [_classify(entry) for entry in entries]


def streaming_errors(schema: etree.XMLSchema, raw: bytes) -> list[etree._LogEntry] | None:
    """The schema errors libxml2 finds while parsing `raw` (no node, no path, no line), or None
    when the parse itself fails. The parser is mec-lint's safe one (`make_parser`)."""
    parser = make_parser(schema=schema)
    try:
        etree.fromstring(raw, parser)
    except etree.XMLSyntaxError:
        pass  # an invalid document ends in a syntax error naming the first schema error
    except (ValueError, LookupError, RefusedResource):
        return None
    entries = list(parser.error_log)
    if any(entry.domain != etree.ErrorDomains.SCHEMASV for entry in entries):
        return None  # a parse error: let the tree validation speak
    return entries


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
        attribute=strip_clark(attribute) if attribute else _quoted_attribute(rest, kind),
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
        return "facet", facet.group(2), facet.group(1)
    if "Character content" in rest or "Element content is not allowed" in rest:
        return "content_not_allowed", None, None
    return "other", None, None


# -- xmlschema: the readable second opinion -------------------------------------------------------
# libxml2 stops checking a parent's content after its first content-model error (a node out of
# order, a missing child), so later attribute problems go unreported. For documents libxml2 has
# already rejected that way, the pure-Python xmlschema validator (slow, never on the hot path)
# lists every error with readable reasons; those libxml2 did not report are added.

_XS_MISSING = lazy(r"missing required attribute '([^']+)'")
_XS_VALUE = lazy(r"attribute ([\w:{}./-]+)='((?:[^']|'(?!:))*)'")
_XS_NOT_ALLOWED = lazy(r"'([^']+)' attribute not allowed|attribute '?([\w:{}./-]+)'? (?:is )?not allowed")


@lru_cache(maxsize=4)
def _xmlschema(path: str | None) -> object | None:
    try:
        import xmlschema

        return xmlschema.XMLSchema(path or bundled_schema_path())
    except Exception:  # a schema xmlschema cannot compile: libxml2's findings stand alone
        return None


# xmlschema builds each content-model error of a parent in time linear in the parent's children
# (`len(elem)`, `elem[index]`), all of them before it yields the first: thousands of unexpected
# siblings make it quadratic (4,900 unknown nodes between subjects: 2 s). A real certificate has
# 20–250 `<`; a document with more than this many gets libxml2's findings only.
SECOND_OPINION_NODES = 2_000


def needs_second_opinion(errors: list[SchemaError], raw: bytes | None = None) -> bool:
    """Whether libxml2 stopped at a content-model error, in a document small enough (`raw`'s `<`
    bytes at most `SECOND_OPINION_NODES`) for xmlschema to list what it skipped."""
    if not any(error.kind in ("unexpected_element", "missing_child") for error in errors):
        return False  # the usual case, decided without counting `raw`'s bytes
    return raw is None or raw.count(b"<") <= SECOND_OPINION_NODES


def second_opinion(
    path: str | None, root: etree._Element, max_errors: int | None = None
) -> list[tuple[etree._Element | None, SchemaError]]:
    """xmlschema's errors as (element, SchemaError), content-model errors left out (libxml2 has them).

    At most `max_errors` of xmlschema's errors are read (None: all): each content-model error costs
    xmlschema time linear in the parent's children (`len(elem)`, `elem[index]`), so thousands of
    unexpected siblings would make the second opinion quadratic."""
    schema = _xmlschema(path)
    if schema is None:
        return []
    found: list[tuple[etree._Element | None, SchemaError]] = []
    try:
        errors = list(islice(schema.iter_errors(root), max_errors))  # type: ignore[attr-defined]
    except Exception:
        return []
    for error in errors:
        if type(error).__name__ == "XMLSchemaChildrenValidationError":
            continue
        element = error.elem if isinstance(getattr(error, "elem", None), etree._Element) else None
        reason = str(getattr(error, "reason", "") or "")
        kind, attribute, value, expected = "other", None, None, None
        if match := _XS_MISSING.search(reason):
            kind, attribute = "missing_attribute", match.group(1)
        elif match := _XS_NOT_ALLOWED.search(reason):
            kind, attribute = "attribute_not_allowed", match.group(1) or match.group(2)
        elif match := _XS_VALUE.search(reason):
            kind, attribute, value = "invalid_type", match.group(1), match.group(2)
            validator = getattr(error, "validator", None)
            name = getattr(validator, "prefixed_name", None) or getattr(validator, "name", None)
            expected = strip_clark(str(name)) if name else None
            if expected and not expected.startswith("xs:"):
                expected = "xs:" + expected
        found.append(
            (
                element,
                SchemaError(
                    kind=kind,
                    line=getattr(error, "sourceline", None),
                    path=None,
                    element=strip_clark(element.tag) if element is not None else None,
                    attribute=attribute,
                    value=value,
                    expected=expected,
                    detail=strip_clark(reason),
                ),
            )
        )
    return found


# libxml2's schema messages that fall outside XSD001–XSD007 (XSD008), in Spanish; the original
# English text stays in the English message.
_DETAILS_ES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        lazy(r"Character content is not allowed, because the content type is empty"),
        "el nodo no admite texto dentro: en el Dec todos los nodos van vacíos y los datos en atributos",
    ),
    (
        lazy(r"Element content is not allowed, because the content type is empty"),
        "el nodo no admite nodos hijos: va vacío (los datos van en sus atributos)",
    ),
    (
        lazy(r"Element content is not allowed, because the content type is a simple type"),
        "el nodo no admite nodos hijos: su contenido es un valor simple",
    ),
    (
        lazy(r"Character content other than whitespace is not allowed because the content type is"),
        "el nodo no admite texto entre sus nodos hijos",
    ),
    (
        lazy(r"No matching global declaration available for the validation root"),
        "la raíz no es un nodo que declare el esquema",
    ),
    (lazy(r"is not a valid value of the atomic type"), "el valor no es del tipo que pide el esquema"),
    (lazy(r"Missing child element"), "falta un nodo hijo obligatorio"),
    (lazy(r"This element is not expected"), "este nodo no va aquí"),
)


def spanish_detail(detail: str | None) -> str:
    """`detail` (libxml2's English) in Spanish when known; else the original, marked as such."""
    text = (detail or "").strip()
    for pattern, spanish in _DETAILS_ES:
        if pattern.search(text):
            return spanish + "."
    return f"{text} (mensaje de libxml2)" if text else "el documento no cumple el esquema."
