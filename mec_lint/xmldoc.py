"""Safe parsing of one certificate and the parsed-once document the rules read."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from lxml import etree

from mec_lint.lazy_re import lazy
from mec_lint.record import Record

NAMESPACE = "https://www.siged.sep.gob.mx/certificados/"
_IN_NAMESPACE = "{" + NAMESPACE + "}"  # how every tag in the certificate namespace starts

_ATTRIBUTE = lazy(r"""([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')""")
_DECLARED_ENCODING = lazy(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")

# "<!DOCTYPE" as it appears in every encoding libxml2 detects on its own (UTF-8/ASCII, UTF-16, UCS-4).
_DOCTYPE_FORMS: tuple[tuple[bytes, str], ...] = tuple(
    ("<!DOCTYPE".encode(codec), codec)
    for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)

# Formats that arrive renamed to .xml (e-mail attachments, exports): refused by their signature.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"PK\x03\x04", "es un archivo comprimido (zip/xlsx), no un XML", "it is a zip/xlsx archive, not XML"),
    (b"PK\x05\x06", "es un archivo comprimido (zip vacío), no un XML", "it is an empty zip archive, not XML"),
    (b"%PDF-", "es un documento PDF, no un XML", "it is a PDF document, not XML"),
    (b"\x89PNG\r\n\x1a\n", "es una imagen PNG, no un XML", "it is a PNG image, not XML"),
    (b"\xff\xd8\xff", "es una imagen JPEG, no un XML", "it is a JPEG image, not XML"),
    (b"GIF8", "es una imagen GIF, no un XML", "it is a GIF image, not XML"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "es un documento de Office 97-2003 (.doc/.xls) o cifrado, no un XML",
        "it is an Office 97-2003 (.doc/.xls) or encrypted document, not XML",
    ),
    (b"\x1f\x8b", "es un archivo comprimido gzip, no un XML", "it is a gzip archive, not XML"),
    (b"7z\xbc\xaf\x27\x1c", "es un archivo comprimido 7z, no un XML", "it is a 7z archive, not XML"),
    (b"Rar!\x1a\x07", "es un archivo comprimido RAR, no un XML", "it is a RAR archive, not XML"),
)


class RefusedResource(Exception):
    """libxml2 asked to open a file or URL (a DTD, an entity, an include): always refused."""


class RefuseEverything(etree.Resolver):
    """The resolver of every mec-lint parser: libxml2 never opens a file, a URL or a pipe.

    lxml consults resolvers before libxml2's own loader; raising here fails the parse instead of
    letting the loader open the resource (a named pipe there would block the run forever)."""

    def resolve(self, system_url: str | None, public_id: str | None, context: object) -> None:
        raise RefusedResource(system_url or public_id or "?")


def make_parser(target: object | None = None, schema: etree.XMLSchema | None = None) -> etree.XMLParser:
    """The only parser mec-lint uses: no network, no DTD, no entity expansion, no recovery, and a
    resolver that refuses every external resource. With `target`, events go to it (no tree); with
    `schema`, libxml2 validates while it parses.

    `collect_ids` keeps lxml's default: with `resolve_entities=False`, `collect_ids=False` makes
    libxml2 6.x/2.14 load external DTDs and parameter entities (found in issue #13)."""
    parser = etree.XMLParser(
        target=target,
        schema=schema,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=False,
        remove_blank_text=False,
        remove_comments=False,
    )
    parser.resolvers.add(RefuseEverything())
    return parser


class ParseProblem(Record):
    """Why a file could not be read as a certificate (turned into an XML00x finding)."""

    __slots__ = ("kind", "reason", "line", "column", "value", "reason_en")

    def __init__(
        self,
        kind: str,  # message id in rules/xml_wellformed.py
        reason: str,
        line: int | None = None,
        column: int | None = None,
        value: str | None = None,
        reason_en: str | None = None,  # the reason in English (--lang en); None: `reason` serves both
    ) -> None:
        self.kind = kind
        self.reason = reason
        self.line = line
        self.column = column
        self.value = value
        self.reason_en = reason_en


_ALL_ATTRIBUTES = etree.XPath("@*")


def attribute_items(element: etree._Element) -> list[tuple[str, str]]:
    """`element`'s attributes as (Clark name, value), in written order, in time linear in their
    number (lxml's `attrib.items()`/`get` look each value up by name: quadratic for 100,000)."""
    if len(element.attrib) <= 32:
        return list(element.attrib.items())
    return [(str(value.attrname), str(value)) for value in _ALL_ATTRIBUTES(element)]


def local_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


# Where each node of the certificate lives (dec-3.0.md §1): the name of its parent's place
# ("" for the root, whatever its name). A node of these names anywhere else is not read by rules.
PLACES: dict[str, str] = {
    "ServicioFirmante": "",
    "Ipes": "",
    "Rvoe": "",
    "Carrera": "",
    "Alumno": "",
    "Expedicion": "",
    "Asignaturas": "",
    "Dreoe": "",
    "SepIpes": "",
    "Responsable": "Ipes",
    "Asignatura": "Asignaturas",
    "Dec": "\0",  # only the root: a nested Dec is never at its place
}
CONTAINERS = frozenset(("Ipes", "Asignaturas"))
ROW_READ = frozenset(("Asignatura",))  # many elements, many attributes read: read row by row


class XmlDocument:
    """A parsed certificate: the tree, an index by local name and readable XPaths.

    The tree is walked once here; rules look elements up in the index instead of
    walking it again. XPaths are computed on demand (only findings and batch facts need
    them) and cached; `depth` too.
    """

    def __init__(self, path: str, root: etree._Element, raw: bytes, declared_encoding: str | None) -> None:
        self.path = path
        self.root = root
        self.raw = raw
        self.declared_encoding = declared_encoding
        self.schema_valid: bool | None = None
        self.index: dict[str, list[etree._Element]] = {}
        self._elements: list[etree._Element] = []
        self._xpaths: dict[etree._Element, str] = {}
        self._depth: int | None = None
        self._columns: dict[tuple[str, str], list[str | None]] = {}
        self._rows_read: set[str] = set()  # names whose elements were read in one pass (ROW_READ)
        self._uniform: set[str] = set()  # …and all carry the same attribute names
        self._keys: dict[str, list[tuple[str, ...]]] = {}
        self._attribute_lines: dict[etree._Element, dict[str, int]] = {}
        self._tag_lines: dict[etree._Element, tuple[int | None, bool]] = {}  # line_of, per element
        self.cache: dict[str, Any] = {}  # values derived once per document, shared by rules
        self.misplaced: list[etree._Element] = []  # the certificate's node names out of their place
        self.outside_namespace = 0  # how many elements are not in the certificate namespace
        self._walk()

    def _walk(self) -> None:
        """Index every element by local name, the certificate's own nodes only at their place.

        `Asignatura` counts only as a child of the `Asignaturas` that is a child of the root (and
        so on, `PLACES`): one hidden inside `Dreoe`/`SepIpes` (the schema accepts anything
        there) or anywhere else is not a subject for any rule; it is listed in `misplaced`."""
        index = self.index
        root = self.root
        elements = self._elements = list(root.iter(tag=etree.Element))  # document order
        containers: dict[etree._Element, str] = {root: ""}  # placed Ipes/Asignaturas -> their name
        misplaced = self.misplaced
        places = PLACES
        in_namespace = _IN_NAMESPACE
        outside = 0
        for element in elements:
            tag = element.tag
            if not tag.startswith(in_namespace):
                outside += 1
            name = tag.rpartition("}")[2]
            place = places.get(name)
            if place is not None and element is not root:
                if containers.get(element.getparent()) != place:
                    misplaced.append(element)
                    continue
                if name in CONTAINERS:
                    containers[element] = name
            bucket = index.get(name)
            if bucket is None:
                index[name] = [element]
            else:
                bucket.append(element)
        self.outside_namespace = outside

    @property
    def depth(self) -> int:
        """The deepest element level (the root is 1)."""
        if self._depth is None:
            self._depth = _depth_of(self.root)
        return self._depth

    def first(self, name: str) -> etree._Element | None:
        elements = self.index.get(name)
        return elements[0] if elements else None

    def all(self, name: str) -> list[etree._Element]:
        return self.index.get(name, [])

    def xpath_of(self, element: etree._Element) -> str:
        path = self._xpaths.get(element)
        if path is None:
            path = self._compute_xpath(element) or self.root.getroottree().getpath(element)
        return path

    def _compute_xpath(self, element: etree._Element) -> str | None:
        """`/Dec/Asignaturas/Asignatura[2]`: local names, a position only among same-name siblings."""
        if not isinstance(element.tag, str):
            return None  # comments and processing instructions: lxml's own path
        chain = [element]
        parent = element.getparent()
        while parent is not None and parent not in self._xpaths:
            chain.append(parent)
            parent = parent.getparent()
        if parent is None and chain[-1] is not self.root:
            return None  # not an element of this document
        xpaths = self._xpaths
        for node in reversed(chain):
            above = node.getparent()
            if above is None:
                xpaths[node] = "/" + node.tag.rpartition("}")[2]
                continue
            prefix = xpaths[above]
            siblings = [
                (child, child.tag.rpartition("}")[2]) for child in above.iterchildren(tag=etree.Element)
            ]
            counts: dict[str, int] = {}
            for _, name in siblings:
                counts[name] = counts.get(name, 0) + 1
            seen: dict[str, int] = {}
            for child, name in siblings:
                if counts[name] > 1:
                    position = seen[name] = seen.get(name, 0) + 1
                    xpaths[child] = f"{prefix}/{name}[{position}]"
                else:
                    xpaths[child] = f"{prefix}/{name}"
        return xpaths.get(element)

    def line_of(self, element: etree._Element, attribute: str | None = None) -> int | None:
        """The line a finding about `element` (and its `attribute`) points to.

        libxml2's `sourceline` is the line where the start tag *ends*; when a start tag spans
        several lines (one attribute per line, as many generators write), this is the line where
        it begins, or the line of `attribute` when it is written in the tag."""
        place = self._tag_lines.get(element)  # an element with several findings is read once
        if place is None:
            place = self._tag_lines[element] = self._tag_line(element)
        line, spans = place
        if attribute is None or not spans or line is None:
            return line
        return self._attribute_line(element, attribute, line)

    def _tag_line(self, element: etree._Element) -> tuple[int | None, bool]:
        """(the line where `element`'s start tag begins, whether the tag spans several lines)."""
        end = element.sourceline
        tag = element.tag
        if not isinstance(end, int) or end < 1 or not isinstance(tag, str):
            return (end if isinstance(end, int) and end >= 1 else None), False
        known = self._lines_to(end)
        if known is None:
            return end, False
        lines, complete = known
        if complete and end > len(lines):
            return end, False
        start = _start_line(lines, _qname(element, tag), end)
        if start is None or start == end:
            return start or end, False
        return start, True

    def _attribute_line(self, element: etree._Element, attribute: str, start: int) -> int:
        """The line of `attribute` in `element`'s start tag, which begins on line `start` and spans
        several lines (`start` when it is not written there)."""
        where = self._attribute_lines.get(element)
        if where is None:  # the start tag is read once, however many of its attributes are asked for
            end = element.sourceline
            known = self._lines_to(end)
            assert known is not None  # _tag_line read them
            lines = known[0]
            qname = _qname(element, element.tag)
            opening = _opening(qname)
            first = lines[start - 1]
            begin = list(opening.finditer(first))[-1].end()
            text = "\n".join([first[begin:], *lines[start:end]])
            where = self._attribute_lines[element] = {}
            line = start
            previous = 0
            for match in _ATTRIBUTE.finditer(text):
                line += text.count("\n", previous, match.start())
                previous = match.start()
                written = match.group(1)
                where.setdefault(written.rpartition(":")[2], line)  # `p:name` answers for `name`
                where.setdefault(written, line)
        return where.get(attribute.rpartition("}")[2], start)

    def _lines_to(self, end: int) -> tuple[list[str], bool] | None:
        """The document's lines (split at line feeds, as libxml2 counts lines), exact at least up
        to line `end`, and whether the list is complete (else its last item is the rest of the
        text); None when the text cannot be decoded. Split only as far as asked (the facts and
        most findings sit near the top), further on demand."""
        known: tuple[list[str], bool] | None = self.cache.get("_lines")
        if known is not None and (known[1] or len(known[0]) > end):
            return known
        text = self.cache.get("_text", False)
        if text is False:
            raw = self.raw[3:] if self.raw.startswith(b"\xef\xbb\xbf") else self.raw
            try:
                text = raw.decode(self.declared_encoding or "utf-8")
            except (UnicodeDecodeError, LookupError):
                text = None
            self.cache["_text"] = text
        if text is None:
            return None
        wanted = max(64, 2 * end)
        lines = text.split("\n", wanted)
        known = self.cache["_lines"] = (lines, len(lines) <= wanted)
        return known

    def attr(self, name: str, attribute: str) -> str | None:
        element = self.first(name)
        return None if element is None else element.get(attribute)

    def values(self, name: str, attribute: str) -> list[str | None]:
        """`attribute` of every `name` element (None where absent), in document order.

        Read once per document and shared by every rule that asks: do not modify the list. The
        subjects are read in one pass, every attribute at once (`attribute_keys`)."""
        key = (name, attribute)
        column = self._columns.get(key)
        if column is None:
            if name in ROW_READ and name not in self._rows_read:
                self._read_rows(name)
                column = self._columns.get(key)
            if column is None:
                elements = self.index.get(name, ())
                if name in self._uniform:  # every element has the same attributes, not this one
                    column = [None] * len(elements)
                else:
                    column = [element.get(attribute) for element in elements]
                self._columns[key] = column
        return column

    @property
    def element_list(self) -> list[etree._Element]:
        """Every element in document order (do not modify)."""
        return self._elements

    def attribute_keys(self, name: str) -> list[tuple[str, ...]] | None:
        """The attribute names (Clark notation, as written) of every `name` element in `ROW_READ`,
        read in the same pass as their values; None when an element has too many to read that way."""
        if name not in self._rows_read:
            self._read_rows(name)
        return self._keys.get(name)

    def _read_rows(self, name: str) -> None:
        """Every attribute of every `name` element in one pass (`keys()`/`values()` per element
        instead of one `get` per element and attribute), stored as columns."""
        self._rows_read.add(name)
        elements = self.index.get(name, ())
        keys = [tuple(element.keys()) for element in elements]  # names only: linear in their number
        if any(len(names) > 32 for names in keys):
            return  # hostile: lxml reads values by name (quadratic); columns are read one by one
        rows = [element.values() for element in elements]
        self._keys[name] = keys
        columns = self._columns
        if keys and keys.count(keys[0]) == len(keys):
            self._uniform.add(name)
            for attribute, values in zip(keys[0], zip(*rows)):
                columns.setdefault((name, attribute), list(values))
            return
        count = len(elements)
        found: dict[str, list[str | None]] = {}
        for position, (names, row) in enumerate(zip(keys, rows)):
            for attribute, value in zip(names, row):
                column = found.get(attribute)
                if column is None:
                    column = found[attribute] = [None] * count
                column[position] = value
        for attribute, found_column in found.items():
            columns.setdefault((name, attribute), found_column)
        if not elements:
            self._uniform.add(name)

    def elements(self) -> Iterator[etree._Element]:
        """Every element in document order."""
        return iter(self._elements)


def _qname(element: etree._Element, tag: str) -> str:
    """The start tag's name as written (`Asignatura`, `p:Asignatura`)."""
    name = tag.rpartition("}")[2]
    prefix = element.prefix
    return f"{prefix}:{name}" if prefix else name


@lru_cache(maxsize=256)
def _opening(qname: str) -> re.Pattern[str]:
    return re.compile(rf"<{re.escape(qname)}(?=[\s/>]|$)")


def _start_line(lines: list[str], qname: str, end: int) -> int | None:
    """The line (1-based, at most 1,000 above `end`) where the start tag `<qname` is written."""
    needle = "<" + qname
    after = len(needle)
    for number in range(end, max(0, end - 1000), -1):
        text = lines[number - 1]
        at = text.find(needle)
        while at >= 0:
            following = text[at + after : at + after + 1]
            if not following or following in "/>" or following.isspace():  # as re's (?=[\s/>]|$)
                return number
            at = text.find(needle, at + 1)
    return None


def _depth_of(root: etree._Element) -> int:
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end"), tag=etree.Element):
        if event == "start":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


@lru_cache(maxsize=8)
def _deeper_than(levels: int) -> etree.XPath:
    """True when some element sits below `levels` element levels (one libxml2 XPath, no Python walk)."""
    return etree.XPath("boolean(/" + "/".join(["*"] * (levels + 1)) + ")")


def too_deep(root: etree._Element, max_depth: int) -> bool:
    if max_depth < 0:
        return True
    if max_depth > 255:  # beyond libxml2's own limit: count exactly (never in practice)
        return _depth_of(root) > max_depth
    return bool(_deeper_than(max_depth)(root))


def declared_encoding(raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        return "UTF-16"
    match = _DECLARED_ENCODING.match(raw[:200])
    return match.group(1).decode("ascii").upper() if match else None


def parse(
    path: str,
    raw: bytes,
    max_depth: int = 64,
    max_value_chars: int = 100_000,
    max_elements: int = 10_000,
    max_attributes: int = 100_000,
) -> XmlDocument | ParseProblem:
    """Parse `raw` safely; never raises for bad input. libxml2 itself stops at 256 levels.

    Bounds (Config.limits): `max_depth` element levels, `max_value_chars` characters in one
    attribute value or text node (libxml2 itself refuses more than 10 MB without huge_tree),
    `max_elements` elements (comments, processing instructions) and `max_attributes` attributes
    (namespace declarations) in the document, counted before the tree is built.
    """
    if not raw or raw.isspace():  # like `not raw.strip()`, without copying the file
        return ParseProblem("empty", "el archivo está vacío", reason_en="the file is empty")
    for magic, what, what_en in _MAGIC:
        if raw.startswith(magic):
            return ParseProblem("binary", what, line=1, reason_en=what_en)
    doctype = find_doctype(raw)
    if doctype is not None:  # refused before libxml2 sees it: no DTD, no entity is ever processed
        offset, codec = doctype
        excerpt = raw[offset : offset + 80 * len("<".encode(codec))].decode(codec, "replace")
        excerpt = excerpt.split("[")[0].split("\n")[0].strip()
        return ParseProblem("doctype", excerpt, line=raw[:offset].count("\n".encode(codec)) + 1)
    refused = refused_encoding(raw)
    if refused is not None:  # libxml2 would decode it where the byte checks above cannot see
        return refused
    encoding = declared_encoding(raw)
    nul = raw.find(b"\x00") if encoding != "UTF-16" else -1
    if nul >= 0:  # never in an 8-bit XML: a binary file or a corrupted copy
        return ParseProblem(
            "binary",
            f"contiene bytes nulos (0x00), el primero en la posición {nul}",
            raw[:nul].count(b"\n") + 1,
            reason_en=f"it holds NUL bytes (0x00), the first at position {nul}",
        )
    problem = _check_encoding(raw, encoding)
    if problem is None:
        problem = too_many_nodes(raw, max_elements, max_attributes)
    if problem is not None:
        return problem
    try:
        root = etree.fromstring(raw, make_parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        original = " ".join((exc.msg or str(exc)).split())
        message = explain_syntax_error(original)
        said = f"{original} {message}".lower()
        kind = "encoding" if "encod" in said or "utf-8" in said else "syntax"
        if b"\x00" in raw[:1024] and encoding != "UTF-16":
            kind = "binary"
        return ParseProblem(kind, message, line=line or None, column=column or None, reason_en=original)
    except (ValueError, LookupError) as exc:  # unknown encoding names and the like
        return ParseProblem("encoding", str(exc), line=1)
    except RefusedResource as exc:  # second line: nothing reaches here past the checks above
        return ParseProblem("doctype", f"recurso externo {exc}", line=1)
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        return ParseProblem("doctype", tree.docinfo.doctype or "<!DOCTYPE …>", line=1)
    document = XmlDocument(path, root, raw, encoding)
    if too_deep(root, max_depth):
        return ParseProblem(
            "deep",
            f"{document.depth} niveles; el límite es {max_depth}",
            line=1,
            reason_en=f"{document.depth} levels; the limit is {max_depth}",
        )
    if len(raw) > max_value_chars:  # a smaller file cannot hold a longer value: no cost for real files
        problem = _oversized_value(document, max_value_chars)
        if problem is not None:
            return problem
    return document


class _NodeCounter:
    """A parser target that only counts: no tree is built, so memory stays flat."""

    def __init__(self) -> None:
        self.elements = 0
        self.attributes = 0

    def start(self, tag: object, attrib: dict[str, str]) -> None:
        self.elements += 1
        self.attributes += len(attrib)

    def start_ns(self, prefix: str | None, uri: str) -> None:
        self.attributes += 1  # written as an attribute (`xmlns:p="…"`); libxml2 keeps each one

    def comment(self, text: str) -> None:
        self.elements += 1

    def pi(self, target: str, data: str | None = None) -> None:
        self.elements += 1

    def close(self) -> None:
        return None


def count_nodes(raw: bytes) -> tuple[int, int]:
    """(elements + comments + processing instructions, attributes + namespace declarations) of
    `raw`, counted by a streaming pass that builds no tree. A malformed document is counted up to
    its first error (the real parse reports the error)."""
    counter = _NodeCounter()
    with contextlib.suppress(etree.XMLSyntaxError, ValueError, LookupError, RefusedResource):
        etree.fromstring(raw, make_parser(target=counter))
    return counter.elements, counter.attributes


def too_many_nodes(raw: bytes, max_elements: int, max_attributes: int) -> ParseProblem | None:
    """Whether `raw` holds more elements or attributes than the limits, checked before the tree is
    built (libxml2's tree costs about 250 bytes a node, and its schema validator builds the path of
    each error by walking the siblings of the node: quadratic in same-parent siblings).

    Every element, comment and processing instruction starts with a `<` byte and every attribute
    value sits between two quotes, so counting those bytes (in C, ~10 ms for 20 MB) bounds both
    from above, in UTF-8, UTF-16 and the single-byte encodings alike: only a document whose bytes
    pass a limit is counted exactly. Cheaper still, the length: an element takes at least 4 bytes
    (`<a/>`), a comment 7, a processing instruction 5 and an attribute 5 (` a=""`), none shared, so
    a file of at most 4 × `max_elements` and 5 × `max_attributes` bytes (every real certificate)
    is within both without reading it (a count is ≈ 1 ns a byte)."""
    size = len(raw)
    if size // 4 <= max_elements and size // 5 <= max_attributes:
        return None
    if raw.count(b"<") <= max_elements and (raw.count(b'"') + raw.count(b"'")) // 2 <= max_attributes:
        return None
    elements, attributes = count_nodes(raw)
    if elements > max_elements:
        return ParseProblem(
            "too_many_nodes",
            f"{elements} nodos; el límite es {max_elements} (limits.max-elements)",
            line=1,
            value=str(elements),
            reason_en=f"{elements} nodes; the limit is {max_elements} (limits.max-elements)",
        )
    if attributes > max_attributes:
        return ParseProblem(
            "too_many_nodes",
            f"{attributes} atributos; el límite es {max_attributes} (limits.max-attributes)",
            line=1,
            value=str(attributes),
            reason_en=f"{attributes} attributes; the limit is {max_attributes} (limits.max-attributes)",
        )
    return None


# Encodings mec-lint lets libxml2 decode. In all of them "<!DOCTYPE" is written with the bytes the
# checks above look for (ASCII bytes, or UTF-16 code units); any other encoding (UTF-7, UTF-32/UCS-4,
# EBCDIC, ISO-2022, Shift_JIS, …) could hide a DOCTYPE from them, so it is refused before parsing.
_UTF16_NAMES = frozenset({"UTF-16", "UTF16", "UTF-16LE", "UTF-16BE"})
_ASCII_NAMES = frozenset({"UTF-8", "UTF8", "US-ASCII", "ASCII", "LATIN1", "LATIN-1"})
_ASCII_PATTERN = lazy(r"(?:ISO[-_]?8859-(?:[1-9]|1[0-6])|WINDOWS-125[0-8]|CP125[0-8])")
_DECLARATION_SPAN = 4096  # bytes in which the XML declaration must end
_ENCODING_PSEUDO = lazy(r"""encoding\s*=\s*(["'])(.*?)\1""", re.DOTALL)
_FAMILIES: tuple[tuple[bytes, str | None], ...] = (
    (b"\x00\x00\xfe\xff", None),  # UTF-32 BE with BOM
    (b"\xff\xfe\x00\x00", None),  # UTF-32 LE with BOM
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\x00\x00\x00<", None),  # UCS-4 without BOM, every byte order
    (b"<\x00\x00\x00", None),
    (b"\x00\x00<\x00", None),
    (b"\x00<\x00\x00", None),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
    (b"\x4c\x6f\xa7\x94", None),  # "<?xm" in EBCDIC
)
_FAMILY_NAMES = {
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\x00<": "UTF-32/UCS-4",
    b"<\x00\x00\x00": "UTF-32/UCS-4",
    b"\x00\x00<\x00": "UCS-4",
    b"\x00<\x00\x00": "UCS-4",
    b"\x4c\x6f\xa7\x94": "EBCDIC",
}


def _allowed(name: str, utf16: bool) -> bool:
    if utf16:
        return name in _UTF16_NAMES
    return name in _ASCII_NAMES or _ASCII_PATTERN.fullmatch(name) is not None


def refused_encoding(raw: bytes) -> ParseProblem | None:
    """An encoding libxml2 would decode but mec-lint does not read (detected from the first bytes,
    or declared in the XML declaration in any byte order), or None."""
    codec = "latin-1"  # ASCII-compatible: the declaration reads the same in any of them
    for start, family in _FAMILIES:
        if raw.startswith(start):
            if family is None:
                return _encoding_refused(_FAMILY_NAMES[start])
            codec = family
            break
    prefix = raw[: _DECLARATION_SPAN * (2 if codec.startswith("utf-16") else 1)]
    text = prefix.decode(codec, "replace").lstrip("\ufeff")
    if not text.startswith("<?xml"):
        return None  # no declaration: UTF-8 (or the UTF-16 its bytes show)
    end = text.find("?>")
    if end < 0:
        if len(raw) > len(prefix):
            return ParseProblem(
                "syntax",
                f"la declaración <?xml …?> no termina en los primeros {_DECLARATION_SPAN} caracteres",
                line=1,
                reason_en=f"the <?xml …?> declaration does not end within {_DECLARATION_SPAN} characters",
            )
        return None  # a short unfinished declaration: libxml2 reports the syntax
    match = _ENCODING_PSEUDO.search(text, 0, end)
    if match is None:
        return None
    name = match.group(2).strip().upper()
    if _allowed(name, codec.startswith("utf-16")):
        return None
    return _encoding_refused(match.group(2).strip()[:40])


def _encoding_refused(name: str) -> ParseProblem:
    return ParseProblem(
        "encoding_refused",
        f"usa la codificación {name}",
        line=1,
        value=name,
        reason_en=f"it uses the encoding {name}",
    )


def find_doctype(raw: bytes) -> tuple[int, str] | None:
    """Where `<!DOCTYPE` starts and in which encoding, or None (checked in every encoding)."""
    form, codec = _DOCTYPE_FORMS[0]  # UTF-8/ASCII, checked first as always
    offset = raw.find(form)
    if offset >= 0:
        return offset, codec
    if b"\x00" not in raw:
        return None  # every other form holds NUL bytes: none can be there
    for form, codec in _DOCTYPE_FORMS[1:]:
        offset = raw.find(form)
        if offset >= 0:
            return offset, codec
    return None


def _oversized_value(document: XmlDocument, limit: int) -> ParseProblem | None:
    """The first attribute value or text longer than `limit` characters (rules never see it)."""
    root = document.root
    if not _long_attribute(root, limit=limit):  # libxml2 measures every attribute: only texts left
        for element in root.iter():
            for text in (element.text, element.tail):
                if text is not None and len(text) > limit:
                    break
            else:
                continue
            break
        else:
            return None
    for element in root.iter():  # there is one: the first, described as before
        name = local_name(element) or "#comment"
        for attribute, value in attribute_items(element) if isinstance(element.tag, str) else ():
            if len(value) > limit:
                where = f"{name}/@{attribute.rpartition('}')[2]}"
                return ParseProblem(
                    "big_value",
                    f"{where} mide {len(value)} caracteres; el límite es {limit}",
                    element.sourceline,
                    reason_en=f"{where} is {len(value)} characters long; the limit is {limit}",
                )
        for text in (element.text, element.tail):
            if text is not None and len(text) > limit:
                reason = f"un texto dentro de {name} mide {len(text)} caracteres; el límite es {limit}"
                reason_en = f"a text inside {name} is {len(text)} characters long; the limit is {limit}"
                return ParseProblem("big_value", reason, element.sourceline, reason_en=reason_en)
    return None


_long_attribute = etree.XPath("boolean(//@*[string-length() > $limit])")


def _check_encoding(raw: bytes, encoding: str | None) -> ParseProblem | None:
    """Catch a declaration that lies about the bytes before libxml2 misreads them."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with BOM: libxml2 reads it; a warning rule reports non-UTF-8
    if encoding in (None, "UTF-8", "UTF8"):
        body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = body[: exc.start].count(b"\n") + 1
            return ParseProblem(
                "invalid_utf8",
                f"byte 0x{body[exc.start]:02X} en la posición {exc.start} no es UTF-8 válido",
                line=line,
                value=encoding or "UTF-8 (sin declaración)",
                reason_en=f"byte 0x{body[exc.start]:02X} at position {exc.start} is not valid UTF-8",
            )
        return None
    if encoding in ("ISO-8859-1", "LATIN1", "LATIN-1", "WINDOWS-1252", "CP1252", "US-ASCII", "ASCII"):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if any(ord(ch) > 127 for ch in text):
            line = next(i for i, row in enumerate(text.splitlines(), 1) if any(ord(c) > 127 for c in row))
            return ParseProblem(
                "lying_encoding",
                f'declara encoding="{encoding}" pero el contenido está en UTF-8',
                line=line,
                value=encoding,
                reason_en=f'it declares encoding="{encoding}" but the content is UTF-8',
            )
    return None


# libxml2's most common well-formedness messages, explained in Spanish (the English message keeps libxml2's words).
_SYNTAX_HINTS: tuple[tuple[str, str], ...] = (
    (
        r"Opening and ending tag mismatch: ([^\s,]+) line (\d+) and ([^\s,]+)",
        "la etiqueta de cierre </{2}> no corresponde a <{0}> abierta en la línea {1}",
    ),
    (
        r"Premature end of data|EndTag: '</' not found|Extra content at the end|expected '>'",
        "el documento termina antes de cerrar todas las etiquetas o tiene contenido después de la raíz",
    ),
    (r"Excessive depth in document: (\d+)", "anidamiento excesivo (más de {0} niveles)"),
    (
        r"entity amplification|entity reference loop|Detected an entity",
        "expansión de entidades excesiva (posible bomba de entidades); no se expandió",
    ),
    (
        r"Resource limit exceeded|Buffer size limit|huge",
        "un texto o atributo excede el tamaño máximo permitido",
    ),
    (r"Document is empty|Start tag expected", "no se encontró ninguna etiqueta XML al inicio"),
    (r"xmlParseEntityRef: no name|EntityRef: expecting ';'", "un «&» sin escapar (escriba &amp;)"),
    (
        r"Unescaped '<' not allowed in attributes values",
        "un «<» sin escapar dentro de un atributo (escriba &lt;)",
    ),
    (
        r"AttValue: (?:\" or ')?['\"]? ?expected|attributes construct error|"
        r"Specification mandates value for attribute|String not closed",
        "un atributo sin valor entre comillas, o una comilla sin cerrar",
    ),
    (
        r"Couldn't find end of Start Tag (\S+)",
        "la etiqueta de apertura <{0}> no termina (falta «>» o «/>», o una comilla sin cerrar)",
    ),
    (
        r"StartTag: invalid element name|error parsing attribute name",
        "un nombre de nodo o de atributo inválido",
    ),
    (r"Comment not terminated|Comment must not contain '--'", "un comentario <!-- … --> mal cerrado"),
    (r"XML declaration allowed only at the start", "la declaración <?xml …?> debe ir al inicio del archivo"),
    (r"xmlParseCharRef: invalid xmlChar value", "una referencia de carácter (&#…;) inválida"),
    (r"Attribute (\S+) redefined", "el atributo {0} aparece dos veces en el mismo nodo"),
    (
        r"Char 0x0 out of allowed range|PCDATA invalid Char value",
        "caracteres no permitidos (bytes nulos o de control)",
    ),
    (r"Input is not proper UTF-8|Invalid bytes in character encoding", "bytes que no son UTF-8 válido"),
)


def explain_syntax_error(message: str) -> str:
    text = " ".join(message.split())
    for pattern, spanish in _SYNTAX_HINTS:
        match = re.search(pattern, text)
        if match:  # the Spanish says it all; libxml2's own words are the English message's
            return spanish.format(*match.groups())
    return f"{text} (mensaje de libxml2)"
