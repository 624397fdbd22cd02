"""The linting engine: read each source once, run the enabled checkers, collect findings."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Mapping
from typing import Any

from mec_lint.catalogs import Catalogs
from mec_lint.config import Config, ConfigError
from mec_lint.context import Context
from mec_lint.findings import Finding, Severity, dedupe_generic, summarise_omitted
from mec_lint.gc_pause import paused
from mec_lint.inputs import Source, expand
from mec_lint.os_errors import describe as describe_os_error
from mec_lint.registry import Registry, load_registry
from mec_lint.results import FileResult, RunResult, shared_codes
from mec_lint.rule import Checker, Scope
from mec_lint.xmldoc import ParseProblem, XmlDocument, parse

__all__ = ["FileResult", "Linter", "RunResult", "is_regular_file"]  # results re-exported (formatters)


class Linter:
    """Holds what every file shares: configuration, registry, catalogs, enabled codes."""

    def __init__(self, config: Config, registry: Registry | None = None) -> None:
        self.config = config
        self.registry = registry or load_registry()
        self.catalogs = Catalogs(config.catalogs)
        self.enabled = self.registry.enabled_codes(config.select, config.ignore)
        self._codes_cache: dict[int, tuple[str, ...]] = {}  # id(checker) -> its enabled codes
        # The fast pass (issue #14): a checker's `passes` predicate is asked first and its detailed
        # `check` runs only when the predicate does not answer True. False: every detailed check
        # runs unconditionally (tests compare both; the findings must be identical).
        self.fast_pass = True
        self.shared: dict[Any, Any] = {}  # options and fast-pass verdicts shared by the run's files
        self._xml_codes_ran: dict[tuple[bool, bool], Any] = {}  # (schema failed, no layout) -> codes
        for code in config.severity:
            self.registry.rule(code)  # unknown codes are configuration errors
        self.waivers: Any = None  # the baseline (mec_lint.baseline), read before any file
        if config.baseline:
            from mec_lint.baseline import load_baseline

            self.waivers = load_baseline(config.baseline)
        active = [c for c in self.registry.checkers if set(c.codes) & self.enabled]
        self.xml_checkers = sorted((c for c in active if c.scope is Scope.XML), key=lambda c: c.order)
        self.layout_checkers = sorted((c for c in active if c.scope is Scope.LAYOUT), key=lambda c: c.order)
        self.batch_checkers = sorted((c for c in active if c.scope is Scope.BATCH), key=lambda c: c.order)
        self.layout: Any = None  # a parsed layout for certificate-against-layout rules
        self.layout_problem: Any = None  # why --layout cannot be used (reported once per run)
        if config.layout_path and any(c.needs_layout for c in self.xml_checkers):
            from mec_lint.layout.index import load_index  # cached per file: cheap for workers

            self.layout, self.layout_problem = load_index(config)

    # -- one certificate ---------------------------------------------------------------
    def lint_xml(self, path: str, raw: bytes) -> FileResult:
        with paused():  # a file's checks build many acyclic objects (mec_lint.gc_pause)
            return self._lint_xml(path, raw)

    def _lint_xml(self, path: str, raw: bytes) -> FileResult:
        limits = self.config.limits
        parsed = parse(
            path,
            raw,
            limits.max_depth,
            limits.max_value_chars,
            limits.max_elements,
            limits.max_attributes,
        )
        ctx = Context(self.config, self.catalogs, path, layout=self.layout, enabled=self.enabled)
        ctx.per_code_limit = limits.max_findings_per_code
        ctx.shared = self.shared
        if isinstance(parsed, ParseProblem):
            found = [f for f in [self.parse_finding(ctx, parsed)] if f.code in self.enabled]
            return FileResult(path, self.finish(path, found), codes_ran=self.parse_codes())
        ctx.doc = parsed
        findings = self.run_checkers(self.xml_checkers, parsed, ctx)
        result = FileResult(path, self.finish(path, findings), facts=self.facts_of(parsed))
        # one tuple shared by every certificate that ran the same codes (memory flat per batch)
        # which checkers ran depends only on whether the schema failed and a layout is loaded
        key = (parsed.schema_valid is False, ctx.layout is None)
        codes = self._xml_codes_ran.get(key)
        if codes is None:
            codes = self._xml_codes_ran[key] = shared_codes(
                ",".join(self.parse_codes() + self.codes_ran_on(self.xml_checkers, parsed, ctx))
            )
        result.codes_ran = codes
        return result

    def parse_codes(self) -> tuple[str, ...]:
        """The enabled codes of reading a file as XML (they ran on every XML file)."""
        return tuple(code for code in ("XML001", "XML002", "XML003") if code in self.enabled)

    def codes_ran_on(self, checkers: Iterable[Checker], target: Any, ctx: Context) -> tuple[str, ...]:
        """The enabled codes of the checkers that ran on `target` (after run_checkers)."""
        ran: list[str] = []
        for checker in checkers:
            if self._applies(checker, target, ctx):
                ran.extend(self._enabled_codes_of(checker))
        return tuple(ran)

    @staticmethod
    def _applies(checker: Checker, target: Any, ctx: Context) -> bool:
        """Whether `checker` runs on `target`: layout rules need a layout, the seal a valid schema."""
        if checker.needs_layout and ctx.layout is None:
            return False
        return not (checker.needs_valid_schema and getattr(target, "schema_valid", None) is False)

    def _enabled_codes_of(self, checker: Checker) -> tuple[str, ...]:
        """`checker`'s enabled codes, computed once per checker (`self.enabled` never changes)."""
        codes = self._codes_cache.get(id(checker))
        if codes is None:
            codes = self._codes_cache[id(checker)] = tuple(c for c in checker.codes if c in self.enabled)
        return codes

    def facts_of(self, doc: XmlDocument) -> Mapping[str, Any] | None:
        """The few values batch rules compare, with lines and XPaths (see mec_lint.batch)."""
        if not self.batch_checkers:
            return None
        from mec_lint.batch import extract_facts

        return extract_facts(doc)

    def run_checkers(self, checkers: Iterable[Checker], target: Any, ctx: Context) -> list[Finding]:
        findings: list[Finding] = []
        fast = self.fast_pass
        for checker in checkers:
            if not self._applies(checker, target, ctx):
                continue
            if fast and checker.passes is not None:
                try:
                    if checker.passes(target, ctx) is True:
                        continue  # certainly nothing to report: the detailed check is not needed
                except Exception:  # noqa: S110 - the detailed check decides (and reports a crash)
                    pass
            try:
                for finding in checker.check(target, ctx):
                    if finding.code in self.enabled:
                        findings.append(finding)
            except Exception as exc:  # crash isolation: one rule never stops the others
                findings.append(self.internal_finding(ctx, checker, exc))
        return findings

    def finish(self, path: str, findings: list[Finding]) -> list[Finding]:
        """Severity overrides, per-file ignores and de-duplication, then stable order."""
        ignored = self._ignored_for(path)
        result = []
        if any(f.omitted for f in findings):
            findings = summarise_omitted(findings, self.config.limits.max_findings_per_code, self.config.lang)
        for finding in dedupe_generic(findings):
            if finding.code in ignored:
                continue
            override = self.config.severity.get(finding.code)
            if override is not None and override is not finding.severity:
                finding = finding.with_severity(override)
            result.append(finding)
        return sorted(result, key=Finding.sort_key)

    def _ignored_for(self, path: str) -> set[str]:
        codes: set[str] = set()
        if not self.config.per_file_ignores:
            return codes
        normalised = path.replace(os.sep, "/")
        candidates = {normalised, normalised.split("!")[-1], os.path.basename(normalised.split("!")[-1])}
        # Every tail of the absolute path, so "historicos/*.xml" matches ./certs/historicos/a.xml
        # whichever folder mec-lint was run from (and the path relative to the config file).
        outer, bang, member = path.partition("!")
        parts = (os.path.abspath(outer).replace(os.sep, "/") + bang + member).split("/")
        candidates.update("/".join(parts[index:]) for index in range(1, len(parts)))
        for pattern, selectors in self.config.per_file_ignores.items():
            if any(fnmatch.fnmatch(candidate, pattern) for candidate in candidates):
                codes |= self.registry.expand(selectors)
        return codes

    # -- findings the engine itself produces ---------------------------------------------
    def parse_finding(self, ctx: Context, problem: ParseProblem) -> Finding:
        from mec_lint.rules import xml_wellformed as wf

        rule = {
            "syntax": wf.XML001,
            "empty": wf.XML001,
            "binary": wf.XML001,
            "deep": wf.XML001,
            "big_value": wf.XML001,
            "too_many_nodes": wf.XML001,
            "doctype": wf.XML003,
        }.get(problem.kind, wf.XML002)
        return ctx.report(
            rule,
            problem.kind,
            line=problem.line,
            column=problem.column,
            value=problem.value,
            reason=problem.reason,
            reason_en=problem.reason_en or problem.reason,
            line_text=problem.line or "?",
        )

    def internal_finding(self, ctx: Context, checker: Checker, exc: BaseException) -> Finding:
        import traceback

        from mec_lint.rules import xml_wellformed as wf

        where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        reason = f"{type(exc).__name__}: {exc}"
        if where is not None:
            reason += f" en {os.path.basename(where.filename)}:{where.lineno}"
        return ctx.report(wf.MEC900, "crash", codes=",".join(checker.codes), reason=reason)

    def io_finding(
        self, path: str, message_id: str, severity: Severity | None = None, **data: Any
    ) -> Finding:
        from mec_lint.rules import xml_wellformed as wf

        ctx = Context(self.config, self.catalogs, path)
        return ctx.report(wf.IO001, message_id, severity=severity, **data)

    # -- sources -------------------------------------------------------------------------
    def lint_source(self, source: Source) -> list[FileResult]:
        if source.kind == "missing":
            return [
                FileResult(
                    source.display,
                    [self.io_finding(source.display, "missing", value=source.display)],
                    checked=False,
                )
            ]
        if source.kind == "empty_folder":
            finding = self.io_finding(source.display, "empty_folder", value=source.display)
            return [FileResult(source.display, [finding], checked=False)]
        if source.kind == "symlink":
            finding = self.io_finding(source.display, "symlink", Severity.WARNING, value=source.display)
            return [FileResult(source.display, [finding], checked=False)]
        if source.kind == "zip":  # streamed member by member, never read whole (mec_lint.runner)
            from mec_lint.runner import run_sources

            return run_sources(self, [source])
        raw_or_finding = self.read(source)
        if isinstance(raw_or_finding, Finding):
            return [FileResult(source.display, [raw_or_finding])]
        if source.kind == "xml":
            return [self.lint_xml(source.display, raw_or_finding)]
        if source.kind == "xlsx":
            return [self.lint_workbook(source.display, raw_or_finding)]
        return [
            FileResult(source.display, [self.io_finding(source.display, "unsupported", value=source.display)])
        ]

    def read(self, source: Source) -> bytes | Finding:
        """Open first, then check what was opened (mec_lint.safe_open): a file swapped for a pipe
        or a link after the folder was listed is reported, never read through or waited on."""
        from mec_lint.safe_open import InputRefused, open_input

        limit = self.config.limits.max_file_bytes
        walked = source.folder is not None  # found in a folder: links are not followed
        try:
            handle, size = open_input(source.fs_path, follow=not walked, beneath=source.folder)
            with handle:
                if size > limit:
                    return self.io_finding(source.display, "too_big", value=size, expected=limit)
                return handle.read(limit + 1)
        except InputRefused as exc:
            severity = Severity.WARNING if exc.kind == "symlink" else None
            return self.io_finding(source.display, exc.kind, severity, value=source.display)
        except OSError as exc:
            return self.io_finding(source.display, "unreadable", reason=describe_os_error(exc))

    def lint_workbook(self, path: str, raw: bytes) -> FileResult:
        """A Programa de Estudios workbook: read once, then the LAYOUT-scope rules."""
        from mec_lint.layout.reader import read_layout

        layout = read_layout(raw, path, self.config)
        ctx = Context(self.config, self.catalogs, path, layout=layout)
        ctx.per_code_limit = self.config.limits.max_findings_per_code
        result = FileResult(path, self.finish(path, self.run_checkers(self.layout_checkers, layout, ctx)))
        result.codes_ran = self.codes_ran_on(self.layout_checkers, layout, ctx)
        return result

    def lint_zip(self, path: str, raw: bytes) -> list[FileResult]:
        """A batch .zip held in memory: every member linted (serially), then the batch rules."""
        from mec_lint.runner import lint_zip_bytes

        return lint_zip_bytes(self, path, raw)

    # -- a whole run ---------------------------------------------------------------------
    def run(self, paths: Iterable[str]) -> RunResult:
        return self.run_inputs(list(expand(paths)))

    def run_inputs(self, sources: list[Source]) -> RunResult:
        """A run over sources already made (the web page names its uploads as the user's files)."""
        from mec_lint.runner import run_sources  # workers, zip streaming, batch rules

        run = RunResult(upload_date=self.config.upload_date)
        batches = self.config.batch_folders or any(source.kind == "zip" for source in sources)
        if self.config.expected_count is not None and not batches:  # a count nobody checks is no check
            raise ConfigError(
                "--expected-count cuenta los certificados de un lote: indique un .zip, o carpetas con --batch"
            )
        special = [s for s in sources if s.kind in ("xml", "xlsx", "zip") and not is_regular_file(s.fs_path)]
        for source in special:  # pipes, sockets, devices: reported, never opened (opening may block)
            finding = self.io_finding(source.display, "not_regular", value=source.display)
            run.files.append(FileResult(source.display, [finding], checked=False))
        sources = [s for s in sources if s not in special]
        run.files.extend(run_sources(self, sources))
        usage_paths = {source.display for source in sources if source.kind in ("missing", "empty_folder")}
        run.usage_findings = [
            f
            for result in run.files
            if result.path in usage_paths
            for f in result.findings
            if f.code == "IO001"
        ]
        run.usage_error = bool(usage_paths)
        run.files.sort(key=lambda r: r.path)
        if self.layout_problem is not None:  # --layout unusable or partly usable: said once per run
            from mec_lint.rules.xlayout_source import layout_problem_finding

            run.extra.extend(self.finish(self.layout_problem.path, [layout_problem_finding(self)]))
        if self.waivers is not None:
            self.waivers.apply(run, self)  # drops waived findings, reports stale waivers (BAS001)
        run.internal_error = any(
            f.code == "MEC900" for findings in (*(r.findings for r in run.files), run.extra) for f in findings
        )
        return run


def is_regular_file(path: str) -> bool:
    """True for a regular file (after links): never a pipe, socket or device."""
    import stat

    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # missing or unreadable: the reader reports it as such
