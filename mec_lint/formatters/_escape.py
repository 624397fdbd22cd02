"""Neutralise what a report's reader would interpret: names and values come from hostile inputs.

One place for every format (issue #13):

- a terminal or a CI log (`text`, `github`): control characters (C0, DEL, C1 such as U+009B CSI),
  bidirectional overrides (U+202E …) and line/paragraph separators are shown as `\\xNN`/`\\uNNNN`;
  a value never spans lines, so no value can start a line, and a line that would still start a
  GitHub workflow command (`::name …::`) or hold a legacy one (`##[name]`) is defused;
- JSON and SARIF: the same characters as `\\uNNNN` escapes (the same JSON values, so the contract
  holds);
- a spreadsheet (`csv`): cells that Excel or LibreOffice would run as a formula — also after a `;`
  or `,` that a Spanish-locale Excel takes as the separator — get a leading apostrophe (OWASP CSV
  injection);
- Markdown (`$GITHUB_STEP_SUMMARY`): the characters that start Markdown syntax are
  backslash-escaped and HTML's `& < > " '` become entities, so a value is shown, never rendered as
  a link, an image, a table break or HTML.
"""

from __future__ import annotations

import itertools
import operator
import re
from typing import TYPE_CHECKING, Any

from mec_lint.lazy_re import lazy

if TYPE_CHECKING:
    from mec_lint.engine import RunResult
    from mec_lint.findings import Finding

# Characters that change how the rest of a line is shown, in any format read by people.
_INVISIBLE = "\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff"
# In a whole report: C0 controls except tab and newline, plus the above.
_CONTROL = lazy(f"[\x00-\x08\x0b-\x1f{_INVISIBLE}]")
# In one value of a line-oriented report: every C0 control too (tab, CR and LF included).
_FIELD = lazy(f"[\x00-\x1f{_INVISIBLE}]")
_JSON_UNSAFE = lazy(f"[{_INVISIBLE}]")
_COMMAND_LINE = lazy(r"^([ \t]*):(?=:)", re.MULTILINE)  # `::cmd …::` (runners may trim blanks)
_LEGACY_COMMAND = "##["  # `##[cmd]data`, found anywhere in a line by the Actions runner


class Unchecked(Exception):
    """A format's fast path (one that skips `encodable`) met a text `encodable` must see first."""


def _shown(character: str) -> str:
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 in a file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """A whole report for a terminal: controls and bidi characters shown as escapes (tab and
    newline are the report's own layout and stay)."""
    return _CONTROL.sub(lambda match: _shown(match.group()), text)


def field(text: str) -> str:
    """One value inside a line of a text report: tab, CR and LF become spaces (a value stays on
    its row, as the bitácora always showed multi-line values), every other control is shown as an
    escape, and no workflow command remains: `::` is shown as `:\\x3a` (a wrapped table cell may
    start a line anywhere in a value) and `##[` as `#\x23[`."""
    shown = _FIELD.sub(lambda match: " " if match.group() in "\t\r\n" else _shown(match.group()), text)
    if "::" in shown:
        shown = shown.replace("::", ":\\x3a")
    return no_legacy_commands(shown)


def no_legacy_commands(text: str) -> str:
    """`##[name]…` is a workflow command wherever it sits in a line: shown as `#\x23[`."""
    return text.replace(_LEGACY_COMMAND, "#\\x23[") if _LEGACY_COMMAND in text else text


def no_commands(text: str) -> str:
    """Lines that a GitHub Actions runner would take as a workflow command are defused (the first
    colon shown as `\\x3a`). For text the formatter did not mean as a command."""
    return _COMMAND_LINE.sub(lambda match: match.group(1) + "\\x3a", text)


def json_text(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with the characters above written as
    `\\uNNNN` escapes: the parsed values are unchanged. They only occur inside strings."""
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def visible(text: str) -> str:
    """C1 controls, bidi controls, line separators and stray surrogates shown as escapes (for
    formats whose syntax already escapes C0: XML reports)."""
    return _JSON_UNSAFE.sub(lambda match: _shown(match.group()), text)


def markdown(text: str) -> str:
    """A value inside Markdown (a table cell of the step summary): shown literally, on one line."""
    import html  # only for Markdown (its import loads html.entities)

    escaped = _MARKDOWN.sub(r"\\\g<0>", field(text))
    return html.escape(escaped, quote=True)


# Markdown that a value could start: emphasis, code, links and images (`[`), tables (`|`), strike
# (`~`), math (`$`), autolinks (`http://`, `user@host`, `www.`); HTML is left to entities.
_MARKDOWN = lazy(r"[\\`*_\[\]|~$:/@!]|(?<=[wW]{3})\.")

# CSV / spreadsheet formulas (OWASP "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# A separator a spreadsheet may split on (Excel in a Spanish locale splits on ";"), then a formula.
_SPLIT_FORMULA = lazy(r"([;,\t\r\n|])(\s*)(?=[=+\-@\uff1d\uff0b\uff0d\uff20])")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def spreadsheet_cell(value: object) -> str:
    """The cell text with every would-be formula neutralised by an apostrophe (numbers stay)."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, (int, float)) or _is_number(text):
        return text
    text = _SPLIT_FORMULA.sub(lambda match: match.group(1) + match.group(2) + "'", text)
    if text.startswith(_FORMULA_START) or text.lstrip().startswith(_FORMULA_START):  # " =1+1" too
        text = "'" + text
    return printable(text)  # `type report.csv` in a console is a terminal too


# -- a whole run ------------------------------------------------------------------------------------
_SURROGATE = lazy("[\ud800-\udfff]")


def has_surrogate(text: str) -> bool:
    """Whether `text` holds a lone surrogate (a byte of a name that was not UTF-8)."""
    return _SURROGATE.search(text) is not None


def _unpaired(value: object) -> bool:
    return isinstance(value, str) and _SURROGATE.search(value) is not None


def _encodable_text(value: str) -> str:
    return _SURROGATE.sub(lambda match: _shown(match.group()), value)


def encodable(run: RunResult) -> RunResult:
    """Every format writes UTF-8: a name that was not valid UTF-8 on disk (Python keeps its bytes
    as lone surrogates) is shown with those bytes as `\\xNN`, never a UnicodeEncodeError."""

    def fix(finding: Finding) -> Finding:
        changes: dict[str, Any] = {
            name: _encodable_text(value)
            for name in _TEXT_FIELDS
            if _unpaired(value := getattr(finding, name))
        }
        return finding.replace(**changes) if changes else finding

    try:  # one C-level pass: UTF-8 cannot encode a lone surrogate, so the usual case costs little
        _all_text(run).encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return run
    files = [
        result.replace(path=_encodable_text(result.path), findings=[fix(f) for f in result.findings])
        for result in run.files
    ]
    return run.replace(
        files=files,
        extra=[fix(f) for f in run.extra],
        usage_findings=[fix(f) for f in run.usage_findings],
    )


# -- a whole run, for the line-oriented formats ----------------------------------------------------
_TEXT_FIELDS = ("path", "message", "element", "xpath", "attribute", "value", "expected", "sheet", "cell")


def _finding_for_terminal(finding: Finding) -> Finding:
    changes: dict[str, Any] = {
        name: field(value)
        for name in _TEXT_FIELDS
        if isinstance(value := getattr(finding, name), str) and _needs(value)
    }
    return finding.replace(**changes) if changes else finding


def _needs(value: str) -> bool:
    return _FIELD.search(value) is not None or _LEGACY_COMMAND in value or "::" in value


def for_terminal(run: RunResult) -> RunResult:
    """The run with every name and value made safe for one line of a text report (a copy; the
    run itself, which other formats read, is unchanged). Costs nothing when nothing needs it."""
    every = _all_text(run)
    if _FIELD.search(every) is None and _LEGACY_COMMAND not in every and "::" not in every:
        return run  # one C-level scan: the usual case costs little
    files = [
        result.replace(
            path=field(result.path) if _needs(result.path) else result.path,
            findings=[_finding_for_terminal(f) for f in result.findings],
        )
        for result in run.files
    ]
    return run.replace(
        files=files,
        extra=[_finding_for_terminal(f) for f in run.extra],
        usage_findings=[_finding_for_terminal(f) for f in run.usage_findings],
    )


def _all_text(run: RunResult) -> str:
    """Every name and value of the run in one string (joined by U+FFFF, which no pattern above
    matches and which cannot join two halves into `::` or `##[`)."""
    fields = operator.attrgetter(*_TEXT_FIELDS)
    findings = [f for result in run.files for f in result.findings] + run.extra + run.usage_findings
    values = filter(None, itertools.chain.from_iterable(map(fields, findings)))  # the non-empty ones
    return "\uffff".join(itertools.chain([result.path for result in run.files], values))
