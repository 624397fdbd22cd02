"""What a check function receives besides the document: settings and `report`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from lxml import etree

from mec_lint.catalogs import Catalogs
from mec_lint.config import Config
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule

if TYPE_CHECKING:
    from mec_lint.xmldoc import XmlDocument


class Context:
    def __init__(
        self,
        config: Config,
        catalogs: Catalogs,
        path: str,
        doc: XmlDocument | None = None,
        layout: Any = None,
        enabled: frozenset[str] | None = None,
    ) -> None:
        self.config = config
        self.catalogs = catalogs
        self.path = path
        self.enabled = enabled  # the codes this run reports (None: all)
        self.doc = doc
        self.layout = layout
        # Findings per code in one file: past the limit, `report` returns a cheap placeholder
        # (no message, line or XPath) that the engine counts into one summary finding.
        self.per_code_limit: int | None = None
        self._reported: dict[str, int] = {}
        # What the files of one run share (same configuration): options, fast-pass verdicts
        # (mec_lint.fastpass). None outside a run: nothing is remembered.
        self.shared: dict[Any, Any] | None = None

    @property
    def lang(self) -> str:
        return self.config.lang

    @property
    def upload_date(self) -> dt.date:
        return self.config.upload_date

    def is_error(self, finding: Finding) -> bool:
        """Whether `finding` will be reported as an error: its code is enabled and its severity,
        after the configuration's overrides, is error (a step that fails stops later steps)."""
        if self.enabled is not None and finding.code not in self.enabled:
            return False
        return self.config.severity.get(finding.code, finding.severity) is Severity.ERROR

    def saturated(self, rule: Rule) -> bool:
        """Whether the next finding of `rule` in this file will be omitted (past the limit): a
        rule may then skip the work of locating it (`report` still has to be called to count it)."""
        limit = self.per_code_limit
        return limit is not None and self._reported.get(rule.code, 0) >= limit

    def options(self, rule: Rule) -> dict[str, Any]:
        """`rule`'s options (defaults, then the configuration's values): a fresh dict each call."""
        shared = self.shared
        values = None if shared is None else shared.get(("options", rule.code))
        if values is None:
            values = {name: option.default for name, option in rule.options.items()}
            values.update(self.config.rule_options.get(rule.code, {}))
            if shared is not None:
                shared[("options", rule.code)] = values
        return dict(values)

    def report(
        self,
        rule: Rule,
        message_id: str,
        element: etree._Element | None = None,
        attribute: str | None = None,
        value: Any = None,
        expected: Any = None,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        xpath: str | None = None,
        element_name: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        cell: str | None = None,
        severity: Severity | None = None,
        generic: bool = False,
        **data: Any,
    ) -> Finding:
        """Build a finding of `rule` with the rendered message `message_id`."""
        code = rule.code
        limit = self.per_code_limit
        if limit is not None:
            reported = self._reported
            count = reported[code] = reported.get(code, 0) + 1
            if count > limit:
                return Finding(
                    path=path or self.path,
                    code=code,
                    severity=severity or rule.severity,
                    message="",
                    generic=generic,
                    omitted=True,
                )
        doc = self.doc
        if element is not None:
            if not element_name:
                tag = element.tag
                element_name = tag.rpartition("}")[2] if isinstance(tag, str) else ""
            if not line:
                if doc is not None and element.getroottree().getroot() is doc.root:
                    line = doc.line_of(element, attribute)  # where the start tag or attribute begins
                else:
                    line = element.sourceline
            if xpath is None and doc is not None:
                xpath = doc.xpath_of(element)
        value_text = None if value is None else str(value)
        expected_text = None if expected is None else str(expected)
        fields = {  # the message's placeholders (Rule.render: a missing one renders as itself)
            "value": value_text if value_text is not None else "",
            "expected": expected_text if expected_text is not None else "",
            "attribute": attribute or "",
            "element": element_name or "",
            "sheet": sheet or "",
            "cell": cell or "",
            "row": row or "",
            "line": line if line else "?",
            "column": column if column else "?",
            **data,
        }
        return Finding(
            path or self.path,
            code,
            severity or rule.severity,
            rule.render(message_id, self.config.lang, fields),
            line if line and line >= 1 else None,
            column if column and column >= 1 else None,
            element_name,
            xpath,
            attribute,
            value_text,
            expected_text,
            sheet,
            row,
            cell,
            generic,
        )
