"""Waivers outside the signed file: `mec-lint baseline` writes them, `check --baseline` applies them.

A waiver matches findings by fingerprint: (path, code, location, value), where path is relative
to the baseline file's folder, location is the XPath (with `/@attribute` when the finding names
an attribute) or `Hoja!C7` for a workbook, and value the value found. Waived findings are dropped
from the counts and the output. A waiver for a file that was checked in this run, with a code that
ran on it, that matched nothing is stale and reported as BAS001.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mec_lint.config import ConfigError
from mec_lint.findings import Finding, Severity

if TYPE_CHECKING:
    from mec_lint.engine import Linter
    from mec_lint.results import RunResult

VERSION = 1
NOT_WAIVABLE = ("MEC900", "BAS001")  # internal errors and the audit of the baseline itself
HEADER = (
    "# mec-lint baseline: hallazgos aceptados a propósito (dispensas), fuera del archivo firmado.\n"
    "# Escriba en `reason` por qué se acepta cada uno. Regenerar con `mec-lint baseline` conserva\n"
    "# las razones ya escritas. Una dispensa que ya no corresponde a nada se informa como BAS001.\n"
)
Fingerprint = tuple[str, str, str, str]


def location_of(finding: Finding) -> str:
    if finding.sheet:
        return f"{finding.sheet}!{finding.cell}" if finding.cell else finding.sheet
    if finding.xpath:
        return f"{finding.xpath}/@{finding.attribute}" if finding.attribute else finding.xpath
    return ""


def relative_path(path: str, base: str) -> str:
    """`path` (a file, or `lote.zip!miembro.xml`) relative to the folder `base`, with slashes."""
    outer, bang, inner = path.partition("!")
    try:
        rel = os.path.relpath(os.path.abspath(outer), base)
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(outer)
    return rel.replace(os.sep, "/") + bang + inner


def fingerprint(finding: Finding, base: str) -> Fingerprint:
    return (relative_path(finding.path, base), finding.code, location_of(finding), finding.value or "")


@dataclass(frozen=True)
class Waiver:
    path: str
    code: str
    location: str
    value: str
    reason: str
    line: int | None = None

    @property
    def key(self) -> Fingerprint:
        return (self.path, self.code, self.location, self.value)


@dataclass
class Baseline:
    file: str
    waivers: list[Waiver]

    @property
    def base(self) -> str:
        return os.path.dirname(os.path.abspath(self.file))

    def apply(self, run: RunResult, linter: Linter) -> None:
        """Drop waived findings from `run`; add BAS001 for stale waivers of files checked now."""
        keys = {waiver.key for waiver in self.waivers}
        used: set[Fingerprint] = set()

        def keep(finding: Finding) -> bool:
            if finding.code in NOT_WAIVABLE:
                return True
            key = fingerprint(finding, self.base)
            if key in keys:
                used.add(key)
                return False
            return True

        for result in run.files:
            result.findings = [f for f in result.findings if keep(f)]
        run.extra = [f for f in run.extra if keep(f)]
        ran: dict[str, set[str]] = {}
        for result in run.files:
            if result.checked:
                codes = set(result.codes_ran) or set(linter.enabled)
                ran.setdefault(relative_path(result.path, self.base), set()).update(codes)
        if "BAS001" not in linter.enabled:
            return
        stale = [w for w in self.waivers if w.key not in used and w.code in ran.get(w.path, set())]
        if stale:
            run.extra.extend(linter.finish(self.file, [self._stale_finding(w, linter) for w in stale]))

    def _stale_finding(self, waiver: Waiver, linter: Linter) -> Finding:
        from mec_lint.context import Context
        from mec_lint.rules.baseline import BAS001

        ctx = Context(linter.config, linter.catalogs, self.file)
        return ctx.report(
            BAS001,
            "stale",
            line=waiver.line,
            value=waiver.value,
            waived_code=waiver.code,
            waived_path=waiver.path,
            location=waiver.location or "-",
        )


def load_baseline(path: str) -> Baseline:
    """Read and validate a baseline file; any problem is a ConfigError (exit 2)."""
    import yaml

    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except FileNotFoundError:
        raise ConfigError(f"no existe el archivo baseline {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"no se pudo leer el archivo baseline {path}: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else path
        raise ConfigError(
            f"{where}: baseline con YAML inválido: {getattr(exc, 'problem', None) or exc}"
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("waivers", []), list):
        raise ConfigError(f"{path}: el baseline debe ser un mapeo con la lista `waivers`")
    unknown = set(data) - {"version", "waivers"}
    if unknown:
        raise ConfigError(
            f"{path}: claves desconocidas en el baseline: {', '.join(sorted(map(str, unknown)))}"
        )
    if data.get("version", VERSION) != VERSION:
        raise ConfigError(
            f"{path}: versión de baseline {data.get('version')!r} no soportada; se espera {VERSION}"
        )
    lines = _entry_lines(node)
    waivers: list[Waiver] = []
    for index, entry in enumerate(data.get("waivers") or []):
        line = lines[index] if index < len(lines) else None
        where = f"{path}:{line}" if line else path
        if not isinstance(entry, dict):
            raise ConfigError(
                f"{where}: waivers[{index}] debe ser un mapeo (path, code, location, value, reason)"
            )
        extra = set(entry) - {"path", "code", "location", "value", "reason"}
        if extra:
            raise ConfigError(
                f"{where}: waivers[{index}]: claves desconocidas {', '.join(sorted(map(str, extra)))}"
            )
        for key in ("path", "code"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise ConfigError(f"{where}: waivers[{index}]: falta `{key}` (texto)")
        for key in ("location", "value", "reason"):
            if entry.get(key) is not None and not isinstance(entry[key], (str, int, float)):
                raise ConfigError(f"{where}: waivers[{index}]: `{key}` debe ser texto")
        waivers.append(
            Waiver(
                path=entry["path"].replace("\\", "/"),
                code=entry["code"].strip().upper(),
                location=_text(entry.get("location")),
                value=_text(entry.get("value")),
                reason=_text(entry.get("reason")),
                line=line,
            )
        )
    return Baseline(path, waivers)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _entry_lines(node: Any) -> list[int]:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return []
    for key_node, value_node in node.value:
        if key_node.value == "waivers" and isinstance(value_node, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value_node.value]
    return []


def baseline_text(run: RunResult, output: str) -> str:
    """The baseline file for the findings of `run`, keeping reasons already written in `output`."""
    import yaml

    base = os.path.dirname(os.path.abspath(output))
    reasons: dict[Fingerprint, str] = {}
    if os.path.exists(output):
        try:
            reasons = {w.key: w.reason for w in load_baseline(output).waivers}
        except ConfigError:
            reasons = {}
    keys = sorted(
        {
            fingerprint(f, base)
            for f in run.findings
            if f.code not in NOT_WAIVABLE and f.severity is not Severity.INFO  # notes need no waiver
        }
    )
    entries = [
        {"path": p, "code": c, "location": loc, "value": v, "reason": reasons.get((p, c, loc, v), "")}
        for p, c, loc, v in keys
    ]
    body = yaml.safe_dump(
        {"version": VERSION, "waivers": entries}, allow_unicode=True, sort_keys=False, width=1000
    )
    return HEADER + body
