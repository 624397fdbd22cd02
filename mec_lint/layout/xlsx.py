"""A streaming reader of the .xlsx parts a layout needs: sheets, shared strings, number formats.

Why not openpyxl's reader (docs/layout.md has the measurements): its cell parsing was 75% of the
time of a 50,000-row layout, and it loads the shared-strings table and the whole stylesheet as
objects before the first row (a 200 MB string table or a million styles took minutes and gigabytes).
This module reads each part through a capped reader (`read_part`), builds only what the layout
rules use (the text of each shared string; the number format of each cell style), and streams the
sheet rows with lxml, one `<row>` element at a time, freed as soon as it is read.

Every value is read as openpyxl's read-only, data-only mode read it (the differential test
`tests/test_layout_xlsx.py` compares both over every fixture workbook and tricky generated ones):
cached values of formulas, dates from date-formatted numbers (1900 and 1904 calendars), shared and
inline strings (rich text as its plain text, phonetic runs left out), booleans and error values.

Safety: every part is inflated through `read_part`, on mec-lint's one bounded member reader
(`mec_lint.archive.open_member`: bounded by `Limits.max_workbook_part_bytes` and the ratio limit,
whatever the zip headers say; only the methods Excel writes, Stored and Deflate, are accepted);
a part with a DOCTYPE, or declared in an encoding other than UTF-8/UTF-16, is refused before
lxml sees it; the parser loads no DTD, resolves no entity, opens no file or URL.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree

from mec_lint.config import Limits

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
ROW_TAG, CELL_TAG, VALUE_TAG, FORMULA_TAG = MAIN + "row", MAIN + "c", MAIN + "v", MAIN + "f"
INLINE_TAG, TEXT_TAG, RUN_TAG, SI_TAG = MAIN + "is", MAIN + "t", MAIN + "r", MAIN + "si"
DIMENSION_TAG = MAIN + "dimension"
WORKBOOK_TYPES = tuple(
    "application/vnd." + kind
    for kind in (
        "ms-excel.template.macroEnabled.main+xml",
        "openxmlformats-officedocument.spreadsheetml.template.main+xml",
        "ms-excel.sheet.macroEnabled.main+xml",
        "openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    )
)
SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
STYLES_PART = "xl/styles.xml"
CHUNK = 64 * 1024
MAX_CELL_FORMATS = 65_490  # Excel's own limit of distinct cell formats in a workbook

# A raw cell: (row, column, value, data type as openpyxl names it, style index, has a formula).
RawCell = tuple[int, int, Any, str, int, bool]


class WorkbookLimit(Exception):
    """A part passes a bound: (message id of LAY001, the part's name in the zip, the limit)."""

    def __init__(self, message_id: str, part: str, limit: str) -> None:
        super().__init__(f"{part}: {message_id} {limit}")
        self.message_id = message_id
        self.part = part
        self.limit = limit


def read_part(archive: zipfile.ZipFile, name: str, limits: Limits) -> Iterator[bytes]:
    """The inflated bytes of one part, in chunks, through mec-lint's one bounded member reader
    (`mec_lint.archive.open_member`: Stored/Deflate only, never more than
    `limits.max_workbook_part_bytes` whatever the zip headers claim), also stopping at the ratio
    limit on the bytes actually produced."""
    from mec_lint.archive import MemberRefused, open_member

    info = archive.getinfo(name)
    cap = limits.max_workbook_part_bytes
    ratio_cap = max(info.compress_size, 1) * limits.max_zip_ratio
    try:
        stream = open_member(archive, info, cap)
    except MemberRefused as refused:
        raise WorkbookLimit("part_method", name, str(refused.problem.value)) from None
    total = 0
    with stream:
        while True:
            try:
                chunk = stream.read(CHUNK)
            except MemberRefused:
                raise WorkbookLimit("part_size", name, str(cap)) from None
            if not chunk:
                return
            total += len(chunk)
            if total > limits.zip_ratio_min_bytes and total > ratio_cap:
                raise WorkbookLimit("part_ratio", name, f"{limits.max_zip_ratio:g}")
            yield chunk


_DECLARATION = re.compile(rb"""\A(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_PROLOG = re.compile(r"\A\ufeff?(?:<\?xml.*?\?>)?(?:\s+|<!--.*?-->|<\?.*?\?>)*<([A-Za-z_][\w.:-]*)", re.S)
_ACCEPTED_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf16"}
MAX_CHILDREN = 40_000  # of one open element (a string's runs): Excel writes at most 32,767 characters
MAX_SHEETS = 1_000


_WIDE_FORMS = (
    b"\x00\x00\xfe\xff",
    b"\xff\xfe\x00\x00",
    b"\x00\x00\x00<",
    b"<\x00\x00\x00",
    b"\x00\x00<\x00",
    b"\x00<\x00\x00",
)
_UTF16_FORMS = (
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)


def check_prolog(head: bytes, part: str) -> str:
    """The local name of the part's root element, after refusing a part in an encoding other than
    UTF-8/UTF-16 (UTF-32/UCS-4 and EBCDIC by their first bytes, anything else declared) or with a
    DOCTYPE (OOXML parts never have one): nothing of it reaches libxml2's DTD machinery."""
    if head.startswith(_WIDE_FORMS) or head.startswith(b"\x4c\x6f\xa7\x94"):
        raise ValueError(f"{part}: codificación no admitida (UTF-32, UCS-4 o EBCDIC; solo UTF-8 o UTF-16)")
    encoding = next((codec for start, codec in _UTF16_FORMS if head.startswith(start)), None)
    if encoding is None:
        declared = _DECLARATION.match(head)
        encoding = declared.group(1).decode("ascii", "replace").lower() if declared else "utf-8"
        if encoding not in _ACCEPTED_ENCODINGS:
            raise ValueError(f"{part}: codificación {encoding!r} no admitida (solo UTF-8 o UTF-16)")
    prolog = _PROLOG.match(head.decode(encoding, "replace"))
    if prolog is None:
        raise ValueError(f"{part}: declaración DOCTYPE o prólogo no válido (no se admite en un .xlsx)")
    return prolog.group(1).rpartition(":")[2]


class _RefuseEverything(etree.Resolver):
    """No DTD, entity or schema of a workbook part is ever opened."""

    def resolve(self, system_url: Any, public_id: Any, context: Any) -> Any:
        raise ValueError(f"recurso externo rechazado: {system_url!r}")


def iter_elements(
    archive: zipfile.ZipFile,
    name: str,
    limits: Limits,
    tags: tuple[str, ...],
    item: str = "",
    keep: int | None = None,
) -> Iterator[Any]:
    """End events of `tags` in one part, streamed in flat memory: after each chunk, every finished
    element is dropped from the tree (what the caller needs it has read by then). In an open
    `item` (a row) only its first `keep` children and the last are kept (cells beyond the column
    limit are not read); any other open element may have at most MAX_CHILDREN children."""
    parser: Any = None
    root: Any = None
    for chunk in read_part(archive, name, limits):
        if parser is None:
            local = check_prolog(chunk, name)
            options = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}
            parser = etree.XMLPullParser(events=("start", "end"), tag=(*tags, "{*}" + local), **options)
            parser.resolvers.add(_RefuseEverything())
        parser.feed(chunk)
        for event, element in parser.read_events():
            if root is None:
                root = element
            elif event == "end":
                yield element
        if root is not None:
            _prune(root, name, item, keep)
    if parser is None:
        raise ValueError(f"{name}: parte vacía")
    parser.close()
    for event, element in parser.read_events():
        if event == "end" and element is not root:
            yield element


def _prune(root: Any, name: str, item: str, keep: int | None) -> None:
    """Drop the finished elements: along the chain of open elements, every child but the last.
    Inside an open `item` nothing is dropped but cells beyond `keep`, and no element may grow
    past MAX_CHILDREN children (a string of a million runs)."""
    node = root
    inside = False
    while True:
        count = len(node)
        if count == 0:
            return
        if not inside and node.tag == item:
            inside = True
            if keep is not None and count > keep + 1:
                del node[keep : count - 1]
                count = keep + 1
        if inside:
            if count > MAX_CHILDREN:
                raise WorkbookLimit("part_shape", name, str(MAX_CHILDREN))
        elif count > 1:
            del node[: count - 1]
        node = node[-1]


# -- dates and numbers, exactly as openpyxl.utils.datetime reads them ------------------------------
WINDOWS_EPOCH = dt.datetime(1899, 12, 30)
MAC_EPOCH = dt.datetime(1904, 1, 1)
_ISO = re.compile(
    r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?"
    r"(?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2})(?P<microsecond>\.\d{1,3})?)?)?Z?"
)
_ISO_DURATION = re.compile(r"PT((?P<hours>\d+)H)?((?P<minutes>\d+)M)?((?P<seconds>\d+(\.\d{1,3})?)S)?")


def from_excel(value: float, epoch: dt.datetime, timedelta: bool) -> Any:
    """An Excel date serial as a datetime (a time below 1, a timedelta for [h]:mm formats)."""
    if timedelta:
        delta = dt.timedelta(days=value)
        if delta.microseconds:
            delta = dt.timedelta(
                seconds=delta.total_seconds() // 1, microseconds=round(delta.microseconds, -3)
            )
        return delta
    day, fraction = divmod(value, 1)
    diff = dt.timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= value < 1 and diff.days == 0:
        minutes, seconds = divmod(diff.seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return dt.time(hours, minutes, seconds, diff.microseconds)
    if 0 < value < 60 and epoch == WINDOWS_EPOCH:
        day += 1  # Excel's 29 February 1900
    return epoch + dt.timedelta(days=day) + diff


def from_iso8601(text: str) -> Any:
    """A `t="d"` cell (ISO 8601 date, time, date-time or duration)."""
    match = _ISO.match(text)
    if match and any(match.groups()):
        parts: dict[str, Any] = match.groupdict(0)
        for key in ("year", "month", "day", "hour", "minute", "second"):
            if parts[key]:
                parts[key] = int(parts[key])
        if parts["microsecond"]:
            parts["microsecond"] = int(float(parts["microsecond"]) * 1_000_000)
        if not parts["date"]:
            return dt.time(parts["hour"], parts["minute"], parts["second"], parts["microsecond"])
        if not parts["time"]:
            return dt.date(parts["year"], parts["month"], parts["day"])
        del parts["time"], parts["date"]
        return dt.datetime(**parts)
    match = _ISO_DURATION.match(text)
    if match and any(match.groups()):
        return dt.timedelta(**{k: float(v) for k, v in match.groupdict(0).items() if v})
    raise ValueError(f"Invalid datetime value {text}")


# -- number formats ------------------------------------------------------------------------------------
BUILTIN_FORMATS: dict[int, str] = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)", 41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("$"* #,##0.00_)_("$"* \\(#,##0.00\\)_("$"* "-"??_)_(@_)',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}  # fmt: skip
_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_CODE = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_TIMEDELTA = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)


def is_date_format(fmt: str | None) -> bool:
    if fmt is None:
        return False
    return _DATE_CODE.search(_STRIP.sub("", fmt.split(";")[0])) is not None


def is_timedelta_format(fmt: str | None) -> bool:
    return fmt is not None and _TIMEDELTA.search(fmt.split(";")[0]) is not None


class Styles:
    """The number format of each cell style (`s` attribute), and which of them show dates."""

    def __init__(self) -> None:
        self.formats: list[str] = []
        self.dates: set[int] = set()
        self.timedeltas: set[int] = set()

    def number_format(self, style: int) -> str:
        return self.formats[style] if 0 <= style < len(self.formats) else "General"


def load_styles(archive: zipfile.ZipFile, limits: Limits) -> Styles:
    styles = Styles()
    if STYLES_PART not in archive.NameToInfo:
        return styles
    custom: dict[int, str] = {}
    ids: list[int] = []
    cell_xfs = MAIN + "cellXfs"  # only its xf are cell styles (cellStyleXfs' are not)
    for element in iter_elements(archive, STYLES_PART, limits, (MAIN + "numFmt", MAIN + "xf")):
        if element.tag == MAIN + "numFmt":
            custom[int(element.get("numFmtId"))] = element.get("formatCode")
            if len(custom) > MAX_CELL_FORMATS:
                raise WorkbookLimit("styles_count", STYLES_PART, f"{MAX_CELL_FORMATS}")
        elif element.getparent() is not None and element.getparent().tag == cell_xfs:
            ids.append(int(element.get("numFmtId", 0)))
            if len(ids) > MAX_CELL_FORMATS:
                raise WorkbookLimit("styles_count", STYLES_PART, f"{MAX_CELL_FORMATS}")
    for index, fmt_id in enumerate(ids):
        code = custom[fmt_id] if fmt_id in custom else BUILTIN_FORMATS.get(fmt_id)
        styles.formats.append(code if code is not None else "General")
        if is_date_format(code):
            styles.dates.add(index)
        if is_timedelta_format(code):
            styles.timedeltas.add(index)
    return styles


def rich_text(element: Any) -> str:
    """The plain text of a string item (`si` or `is`): its `t`, then each run's `t`; phonetic
    runs (`rPh`) are left out, as Excel shows them only as furigana."""
    plain: str | None = None
    runs: list[str] = []
    for child in element:
        tag = child.tag
        if tag == TEXT_TAG:
            plain = child.text
        elif tag == RUN_TAG:
            text = None
            for part in child:
                if part.tag == TEXT_TAG:
                    text = part.text
            if text is not None:
                runs.append(text)
    if plain is not None:
        runs.insert(0, plain)
    return "".join(runs)


def load_shared_strings(archive: zipfile.ZipFile, name: str | None, limits: Limits) -> list[str]:
    if name is None:
        return []
    strings: list[str] = []
    cap = limits.max_workbook_cells  # more strings than cells that may be read is not a layout
    for element in iter_elements(archive, name, limits, (SI_TAG,), item=SI_TAG):
        strings.append(rich_text(element).replace("x005F_", ""))
        if len(strings) > cap:
            raise WorkbookLimit("strings_count", name, str(cap))
    return strings


# -- the package -------------------------------------------------------------------------------------
class Sheet:
    def __init__(self, title: str, part: str, worksheet: bool) -> None:
        self.title = title
        self.part = part
        self.worksheet = worksheet  # False for chart sheets (titles only)


class Workbook:
    """An opened .xlsx: its sheets in order, shared strings, number formats and calendar."""

    def __init__(self, raw: bytes, limits: Limits) -> None:
        self.limits = limits
        self.archive = zipfile.ZipFile(io.BytesIO(raw))
        names = set(self.archive.NameToInfo)
        found: dict[str, str] = {}  # content type -> first part of that type
        defaults: set[str] = set()
        wanted = {*WORKBOOK_TYPES, SHARED_STRINGS_TYPE}
        tags = (CONTENT_TYPES + "Override", CONTENT_TYPES + "Default")
        for element in iter_elements(self.archive, "[Content_Types].xml", limits, tags):
            kind = element.get("ContentType") or ""
            if kind in wanted:
                if element.tag == tags[1]:
                    defaults.add(kind)
                else:
                    found.setdefault(kind, element.get("PartName") or "")
        part = next((found[kind] for kind in WORKBOOK_TYPES if kind in found), None)
        if part is None and defaults & set(WORKBOOK_TYPES):
            part = "/xl/workbook.xml"
        if part is None:
            raise OSError("File contains no valid workbook part")
        part = part[1:]
        strings = found[SHARED_STRINGS_TYPE][1:] if SHARED_STRINGS_TYPE in found else None
        self.epoch = WINDOWS_EPOCH
        entries: list[tuple[str, str]] = []  # (title, relationship id)
        for element in iter_elements(self.archive, part, limits, (MAIN + "workbookPr", MAIN + "sheet")):
            if element.tag == MAIN + "workbookPr":
                if element.get("date1904") in ("1", "true"):
                    self.epoch = MAC_EPOCH
                continue
            rid = element.get(DOC_REL + "id")
            if rid:  # openpyxl drops sheet entries without one too
                entries.append((element.get("name") or "", rid))
                if len(entries) > MAX_SHEETS:
                    raise WorkbookLimit("part_shape", part, str(MAX_SHEETS))
        rels = self._relationships(part, {rid for _title, rid in entries})
        self.sheets: list[Sheet] = []
        for title, rid in entries:
            target, kind = rels[rid]
            if target in names:
                self.sheets.append(Sheet(title, target, "chartsheet" not in kind))
        self.shared_strings = load_shared_strings(self.archive, strings, limits)
        self.styles = load_styles(self.archive, limits)

    def _relationships(self, part: str, wanted: set[str]) -> dict[str, tuple[str, str]]:
        """Relationship id -> (part it points to, type), for the ids of `wanted`."""
        folder, file = posixpath.split(part)
        rels_path = posixpath.join(folder, "_rels", file + ".rels")
        parent = posixpath.split(posixpath.dirname(rels_path))[0]
        found: dict[str, tuple[str, str]] = {}
        for rel in iter_elements(self.archive, rels_path, self.limits, (PKG_REL + "Relationship",)):
            rid = rel.get("Id") or ""
            if rid not in wanted or rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            target = (
                target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(parent, target))
            )
            found[rid] = (target, rel.get("Type") or "")
        return found

    @property
    def titles(self) -> list[str]:
        return [sheet.title for sheet in self.sheets]

    @property
    def worksheets(self) -> list[Sheet]:
        return [sheet for sheet in self.sheets if sheet.worksheet]

    def close(self) -> None:
        self.archive.close()


_FIRST_DIGIT = re.compile(r"[0-9]")
_LETTERS = re.compile(r"[A-Za-z]{1,3}")
_COLUMNS: dict[str, int] = {}  # column letters ("C", "c", "AB") -> index, filled as they are met


def column_index(letters: str) -> int:
    """ "AB" -> 28; up to three letters, as openpyxl accepts them."""
    found = _COLUMNS.get(letters)
    if found is None:
        if not _LETTERS.fullmatch(letters):
            raise ValueError(f"'{letters}' is not a valid column name")
        found = 0
        for letter in letters.upper():
            found = found * 26 + ord(letter) - 64
        if len(_COLUMNS) < 100_000:
            _COLUMNS[letters] = found
    return found


def coordinate(text: str) -> tuple[int, int]:
    """ "C7" -> (7, 3), as openpyxl reads a cell reference."""
    digit = _FIRST_DIGIT.search(text)
    if digit is None:
        raise ValueError(f"Invalid cell coordinates ({text})")
    return int(text[digit.start() :]), column_index(text[: digit.start()])


class SheetRows:
    """The rows of one worksheet, streamed: (row number, its cells with a value or a formula).

    Cells beyond `limits.max_workbook_columns` are not read (`wide` says the last column seen or
    declared there); a row's cells are read up to that many, so a row of 16,384 empty cells costs
    no more than a layout row."""

    def __init__(self, workbook: Workbook, sheet: Sheet) -> None:
        self.workbook = workbook
        self.sheet = sheet
        self.wide = 0  # the farthest column beyond the limit (declared in <dimension> or found)

    def __iter__(self) -> Iterator[tuple[int, list[RawCell]]]:
        workbook = self.workbook
        max_columns = workbook.limits.max_workbook_columns
        strings = workbook.shared_strings
        styles = workbook.styles
        dates, timedeltas, epoch = styles.dates, styles.timedeltas, workbook.epoch
        columns = _COLUMNS
        row_counter = 0
        tags = (ROW_TAG, DIMENSION_TAG)
        part = self.sheet.part
        for element in iter_elements(workbook.archive, part, workbook.limits, tags, ROW_TAG, max_columns):
            if element.tag == DIMENSION_TAG:
                self._dimension(element.get("ref") or "", max_columns)
                continue
            number = element.get("r")
            if number is not None:
                try:
                    row_counter = int(number)
                except ValueError:
                    as_float = float(number)
                    if not as_float.is_integer():
                        raise ValueError(f"{number} is not a valid row number") from None
                    row_counter = int(as_float)
            else:
                row_counter += 1
            column_counter = 0
            cells: list[RawCell] = []
            row_text = str(row_counter)
            cut = -len(row_text)
            position = 0
            for cell in element:
                position += 1
                if position > max_columns:  # the rest lie beyond the column limit
                    last = element[-1].get("r")
                    farthest = coordinate(last)[1] if last else column_counter + len(element) - position + 1
                    self.wide = max(self.wide, farthest)
                    break
                get = cell.get
                where = get("r")
                if where:
                    # "C7" in row 7: the letters alone, from the cache of valid column names
                    column = columns.get(where[:cut]) if where.endswith(row_text) else None
                    if column is None:
                        row, column = coordinate(where)
                    else:
                        row = row_counter
                    column_counter = column
                else:
                    column_counter += 1
                    row, column = row_counter, column_counter
                if column > max_columns:
                    self.wide = max(self.wide, column)
                    continue
                data_type = get("t", "n")
                value: Any = None
                formula = False
                inline = None
                children = len(cell)
                if children == 1:  # the usual cell: one <v>, or one <is>
                    child = cell[0]
                    tag = child.tag
                    if tag == VALUE_TAG:
                        value = child.text or None
                    elif tag == FORMULA_TAG:
                        formula = True
                    elif tag == INLINE_TAG:
                        inline = child
                elif children:
                    value = cell.findtext(VALUE_TAG) or None
                    formula = cell.find(FORMULA_TAG) is not None
                    inline = cell.find(INLINE_TAG)
                style_text = get("s")
                style = int(style_text) if style_text else (0 if style_text is None else -1)
                if value is not None and data_type != "inlineStr":
                    if data_type == "n":
                        value = float(value) if ("." in value or "E" in value or "e" in value) else int(value)
                        if style in dates:
                            data_type = "d"
                            try:
                                value = from_excel(value, epoch, style in timedeltas)
                            except (OverflowError, ValueError):
                                data_type, value = "e", "#VALUE!"
                    elif data_type == "s":
                        value = strings[int(value)]
                    elif data_type == "b":
                        value = bool(int(value))
                    elif data_type == "str":
                        data_type = "s"
                    elif data_type == "d":
                        value = from_iso8601(value)
                elif data_type == "inlineStr":
                    value = None
                    if inline is not None:
                        data_type = "s"
                        first = inline[0] if len(inline) == 1 else None
                        value = (
                            (first.text or "")
                            if first is not None and first.tag == TEXT_TAG
                            else rich_text(inline)
                        )
                if formula or not (value is None or (value.__class__ is str and not value.strip())):
                    cells.append((row, column, value, data_type, style if style > 0 else 0, formula))
            yield row_counter, cells

    def _dimension(self, ref: str, max_columns: int) -> None:
        """A declared range wider than the limit is said before any row is read."""
        try:
            column = coordinate(ref.rsplit(":", 1)[-1].replace("$", ""))[1]
        except ValueError:
            return  # only a hint: a wrong one changes nothing
        if column > max_columns:
            self.wide = max(self.wide, column)
