"""`--format json`: the versioned contract (documented in the README).

`summary.upload_date` (added): the fecha de carga the date rules used, `AAAA-MM-DD` (null when
the run does not say, e.g. a RunResult built by hand)."""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import encode_basestring as _encode_string  # what ensure_ascii=False uses

from mec_lint import __version__
from mec_lint.engine import RunResult
from mec_lint.findings import Finding, Severity
from mec_lint.formatters._escape import Unchecked, has_surrogate, json_text

# json's C encoder (what `indent=None` uses) with the separators that indent=2 writes inside a
# finding object: the whole findings list is encoded in C, then its few fixed seams are rewritten.
_FINDINGS_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",\n      ", ": "))


def payload(run: RunResult) -> dict[str, object]:
    return {**_head(run), "findings": [f.to_dict() for f in run.findings]}


def _head(run: RunResult) -> dict[str, object]:
    """Everything but the findings, in the contract's key order."""
    return {
        "version": __version__,
        "summary": {
            "files": run.checked_files,
            "errors": run.count(Severity.ERROR),
            "warnings": run.count(Severity.WARNING),
            "upload_date": run.upload_date.isoformat() if run.upload_date else None,
        },
    }


def render(run: RunResult, *, color: bool = False, lang: str = "es") -> str:
    """The same text as `json_text(json.dumps(payload(run), ensure_ascii=False, indent=2)) + "\\n"`.

    indent=2 makes Python's json fall back to its pure-Python encoder (70% of a run with 100,000
    findings). Every finding is a flat object of strings, integers and nulls with the same keys,
    so each is written from one template with json's own C string encoder
    (tests/test_json_encoding.py compares both encodings)."""
    head, tail, texts = _pieces(run)
    return head + _SEAM.join(texts) + tail


def render_utf8(run: RunResult, *, color: bool = False, lang: str = "es") -> bytes:
    """`render(run)` encoded as UTF-8, built as bytes: 100,000 findings make a 56 MB report, and
    each copy of it as one string (UCS-2 for a single `≤`) costs more than encoding the pieces.

    For a run `_escape.encodable` has not seen: raises `Unchecked` when a value holds a lone
    surrogate or is not a string, an integer or null (`formatters.render_bytes` then takes the
    general path), so the usual report skips encodable's scan of every text."""
    head, tail, texts = _pieces(run, _checked_string)
    if not texts:
        return (head + tail).encode("utf-8")
    # encoded a few hundred findings at a time: one encode call per finding cost more, one string
    # of the whole report a copy of it
    parts = [_SEAM.join(texts[at : at + _CHUNK]).encode("utf-8") for at in range(0, len(texts), _CHUNK)]
    parts[0] = head.encode("utf-8") + parts[0]
    parts[-1] += tail.encode("utf-8")
    return _SEAM_UTF8.join(parts)


_CHUNK = 512  # findings encoded together


def _pieces(run: RunResult, string: Callable[[str], str] | None = None) -> tuple[str, str, list[str]]:
    """(the text before the first finding, the text after the last, each finding's members).

    `string` encodes one string value (`_string` unless given)."""
    head = json_text(json.dumps({**_head(run), "findings": []}, ensure_ascii=False, indent=2))
    findings = run.findings
    if not findings:
        return head, "\n", []
    assert head.endswith("[]\n}")
    try:
        texts = _finding_texts(findings, string or _string)
    except (_Unusual, TypeError):  # a value that is not a string, an integer or null (a plugin's)
        if string is not None:
            raise Unchecked from None  # the general path (formatters.render_bytes) decides
        texts = [json_text(_encode_general(findings))[len(_OPEN) : -len(_CLOSE)]]
    return head[:-4] + _OPEN, _CLOSE + "\n}\n", texts


class _Unusual(Exception):
    """A finding holds a value `_finding_texts` does not write (a float, a bool, a list…)."""


_GROUPS_LIMIT = 4096  # distinct repeated parts remembered per report (memory stays bounded)


def _finding_texts(findings: list[Finding], string: Callable[[str], str]) -> list[str]:
    """Each finding's members as indent=2 writes them, from `"path": …` to the message's value."""
    memo: dict[str, str] = {}  # paths, codes, names and values repeat: each is encoded once
    # What findings share (path, element, attribute, value, expected, sheet, cell, code, severity)
    # -> its encoded pieces: one lookup per finding instead of nine. Only keys of strings and
    # nulls are kept, so a key that merely compares equal (1 and True) never finds another's text.
    groups: dict[tuple[object, ...], tuple[str, str, str, str]] = {}

    def repeated(value: object) -> str:
        if value is None:
            return "null"
        encoded = memo.get(value)  # type: ignore[call-overload]
        if encoded is None:
            if not isinstance(value, str):
                return number(value)
            encoded = memo[value] = string(value)
        return encoded

    def fresh(value: object) -> str:
        return string(value) if type(value) is str else repeated(value)

    def number(value: object) -> str:
        if value is None:
            return "null"
        if type(value) is int:
            return int.__repr__(value)
        if isinstance(value, str):
            return repeated(value)
        raise _Unusual

    def pieces(key: tuple[object, ...]) -> tuple[str, str, str, str]:
        path, element, attribute, value, expected, sheet, cell, code, severity = key
        encoded = (
            repeated(path),
            repeated(element),
            f'{repeated(attribute)},\n      "value": {repeated(value)},\n      '
            f'"expected": {repeated(expected)},\n      "sheet": {repeated(sheet)}',
            f'{repeated(cell)},\n      "code": {repeated(code)},\n      "severity": {repeated(severity)}',
        )
        if len(groups) < _GROUPS_LIMIT and all(item is None or type(item) is str for item in key):
            groups[key] = encoded
        return encoded

    texts = []
    for f in findings:
        key = (f.path, f.element, f.attribute, f.value, f.expected, f.sheet, f.cell, f.code, f.severity.value)
        path, element, middle, tail = groups.get(key) or pieces(key)
        texts.append(
            f'"path": {path},\n      "line": {number(f.line)},\n      '
            f'"column": {number(f.column)},\n      "element": {element},\n      '
            f'"xpath": {fresh(f.xpath)},\n      "attribute": {middle},\n      '
            f'"row": {number(f.row)},\n      "cell": {tail},\n      "message": {fresh(f.message)}'
        )
    return texts


def _string(value: str) -> str:
    """`value` as a JSON string, as json writes it with ensure_ascii=False, then json_text's
    escapes (which only apply to characters that are not printable: most strings skip the scan)."""
    encoded = _encode_string(value)
    return encoded if encoded.isprintable() else json_text(encoded)


def _checked_string(value: str) -> str:
    """`_string` for a run that `_escape.encodable` has not seen: a lone surrogate (a file name
    that was not UTF-8) sends the whole report to the general path, which shows it as `\\xNN`."""
    encoded = _encode_string(value)
    if encoded.isprintable():
        return encoded
    if has_surrogate(encoded):
        raise Unchecked
    return json_text(encoded)


_OPEN = "[\n    {\n      "
_SEAM = "\n    },\n    {\n      "
_SEAM_UTF8 = _SEAM.encode("ascii")
_CLOSE = "\n    }\n  ]"


def _encode_general(findings: list[Finding]) -> str:
    """The same text by json's C encoder over dicts, the few fixed seams rewritten (slower)."""
    body = _FINDINGS_ENCODER.encode([f.to_dict() for f in findings])  # [{"path": …,\n      "line": …}, …]
    body = body[2:-2].replace("},\n      {", _SEAM)
    return _OPEN + body + _CLOSE
