"""`--format html`: the bitácora as one self-contained HTML page (inline CSS and script, nothing
fetched from anywhere), the same report the local web page (`mec-lint serve`) shows.

Every value that comes from an input (file names, values, messages quoting them) is escaped:
HTML metacharacters, control characters (shown as \\xNN) and bidirectional controls (shown as
\\u202e…), so a file name can neither inject markup nor reorder what the reader sees.
"""

from __future__ import annotations

import hashlib
import html
import re
from base64 import b64encode
from collections import Counter

from mec_lint import __version__
from mec_lint.engine import RunResult
from mec_lint.findings import Finding, Severity
from mec_lint.formatters._escape import printable
from mec_lint.formatters._shared import (
    Shared,
    common_archive,
    only_shared_paths,
    shared_where,
    short_name,
    split_shared,
)
from mec_lint.formatters.text import _headers, _location, _node, file_statuses

VALUE_CHARS = 60  # a value longer than this is cut in the table (json/xlsx keep it whole)

WORDS = {
    "es": {
        "title": "Bitácora de errores",
        "upload_date": "Fecha de carga",
        "files": "Archivos revisados",
        "clean_files": "Archivos sin errores",
        "errors": "Errores",
        "warnings": "Advertencias",
        "error": "error",
        "warning": "advertencia",
        "info": "info",
        "verdict_ok": "Sin errores: los archivos revisados se pueden cargar.",
        "verdict_ok_warnings": "Sin errores; revise las advertencias antes de cargar.",
        "verdict_errors": "Hay errores: corríjalos antes de cargar.",
        "verdict_none": "No se revisó ningún archivo.",
        "by_code": "Hallazgos por código",
        "by_file": "Hallazgos por archivo",
        "code": "Código",
        "rule": "Regla",
        "severity": "Severidad",
        "count": "Hallazgos",
        "status": "Estado por archivo",
        "file": "Archivo",
        "state": "Estado",
        "clean_count": "Sin hallazgos: {n} {n|archivo|archivos}.",
        "no_findings": "No hay hallazgos.",
        "filter": "Filtrar",
        "all_codes": "Todos los códigos",
        "shown": "Se muestran {n} de {total} hallazgos.",
        "show_all": "Mostrar todo",
        "n_findings": "{n} {n|hallazgo|hallazgos}",
        "n_errors": "{n} {n|error|errores}",
        "n_warnings": "{n} {n|advertencia|advertencias}",
        "generated": "Generado por mec-lint {version}. Explicación de cada código: mec-lint explain CÓDIGO.",
        "cut": "Recortado: el valor completo está en el JSON y el Excel.",
        "shared": "Hallazgos repetidos en muchos archivos",
        "shared_note": "Cada uno se muestra una vez, con el número de archivos; el JSON, el CSV y el Excel "
        "tienen uno por archivo.",
        "members": "Ver los {n} archivos",
        "only_shared": "{n} {n|archivo|archivos} sólo con hallazgos repetidos (arriba)",
        "line": "línea",
    },
    "en": {
        "title": "Findings report",
        "upload_date": "Upload date",
        "files": "Files checked",
        "clean_files": "Files without errors",
        "errors": "Errors",
        "warnings": "Warnings",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "verdict_ok": "No errors: the files checked can be uploaded.",
        "verdict_ok_warnings": "No errors; review the warnings before uploading.",
        "verdict_errors": "There are errors: fix them before uploading.",
        "verdict_none": "No file was checked.",
        "by_code": "Findings per code",
        "by_file": "Findings per file",
        "code": "Code",
        "rule": "Rule",
        "severity": "Severity",
        "count": "Findings",
        "status": "Status per file",
        "file": "File",
        "state": "Status",
        "clean_count": "Clean: {n} {n|file|files}.",
        "no_findings": "No findings.",
        "filter": "Filter",
        "all_codes": "All codes",
        "shown": "Showing {n} of {total} findings.",
        "show_all": "Show all",
        "n_findings": "{n} {n|finding|findings}",
        "n_errors": "{n} {n|error|errors}",
        "n_warnings": "{n} {n|warning|warnings}",
        "generated": "Written by mec-lint {version}. What each code means: mec-lint explain CODE.",
        "cut": "Cut: the whole value is in the JSON and Excel reports.",
        "shared": "Findings repeated in many files",
        "shared_note": "Each is shown once, with the number of files; the JSON, CSV and Excel reports have "
        "one per file.",
        "members": "Show the {n} files",
        "only_shared": "{n} {n|file|files} with only repeated findings (above)",
        "line": "line",
    },
}

# Bidirectional controls (and invisible marks) would reorder or hide text: shown as \uXXXX.
_BIDI = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

CSS = """
:root{--ink:#1d2939;--muted:#5d6b82;--line:#e4e7ec;--bg:#f5f7fa;--card:#fff;--brand:#0b5c55;
--brand-2:#0e7a70;--err:#b42318;--err-bg:#fef3f2;--err-line:#fda29b;--warn:#93370d;--warn-bg:#fffaeb;
--warn-line:#fec84b;--info:#175cd3;--info-bg:#eff8ff;--info-line:#84caff;--ok:#067647;--ok-bg:#ecfdf3;
--ok-line:#75e0a7}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 "Segoe UI",system-ui,-apple-system,
Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--brand)}
.topbar{background:var(--brand);color:#fff}
.topbar .inner{display:flex;align-items:center;justify-content:space-between;gap:1rem;max-width:1200px;
margin:0 auto;padding:.75rem 1.5rem}
.brand{font-weight:600;font-size:1.05rem;letter-spacing:.01em}
.brand small{font-weight:400;opacity:.85;margin-left:.5rem}
.topbar a{color:#fff}
main{max-width:1200px;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:.2rem 0 .25rem}
h2{font-size:1.15rem;margin:2rem 0 .75rem}
h3{font-size:1rem;margin:0}
.meta{color:var(--muted);margin:0 0 1rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1.25rem 1.5rem;
box-shadow:0 1px 2px rgba(16,24,40,.05)}
.verdict{border-radius:10px;padding:.85rem 1.1rem;font-weight:600;border:1px solid;margin:1rem 0}
.verdict.error{background:var(--err-bg);color:var(--err);border-color:var(--err-line)}
.verdict.warning{background:var(--warn-bg);color:var(--warn);border-color:var(--warn-line)}
.verdict.ok{background:var(--ok-bg);color:var(--ok);border-color:var(--ok-line)}
.verdict.none{background:var(--card);color:var(--muted);border-color:var(--line)}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:.75rem;margin:0}
.stat{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.8rem 1rem;margin:0}
.stat dt{color:var(--muted);font-size:.85rem}
.stat dd{margin:0;font-size:1.6rem;font-weight:650}
.stat.err dd{color:var(--err)}.stat.warn dd{color:var(--warn)}.stat.ok dd{color:var(--ok)}
table{border-collapse:collapse;width:100%;background:var(--card)}
th,td{text-align:left;vertical-align:top;padding:.5rem .65rem;border-bottom:1px solid var(--line)}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);background:#f9fafb;
font-weight:600}
.tablewrap{border:1px solid var(--line);border-radius:10px;overflow:auto;background:var(--card)}
.tablewrap table tr:last-child td{border-bottom:0}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.codes td:first-child,.findings td:nth-child(5){white-space:nowrap}
code,.mono{font-family:ui-monospace,"Cascadia Mono",Consolas,"Liberation Mono",monospace;font-size:.88em}
td.value{min-width:13rem;max-width:18rem}
table.findings{min-width:50rem}
.findings td:last-child{overflow-wrap:anywhere}
@media (max-width:700px){main{padding:1rem .75rem}td.value{min-width:9rem}table.findings{min-width:48rem}}
.value code{white-space:pre-wrap;overflow-wrap:anywhere;background:#f2f4f7;border-radius:4px;padding:.05rem .3rem}
.badge{display:inline-block;border-radius:999px;padding:.05rem .55rem;font-size:.78rem;font-weight:600;
border:1px solid;white-space:nowrap;margin-right:.35rem}
.badge.error{color:var(--err);background:var(--err-bg);border-color:var(--err-line)}
.badge.warning{color:var(--warn);background:var(--warn-bg);border-color:var(--warn-line)}
.badge.info{color:var(--info);background:var(--info-bg);border-color:var(--info-line)}
.badge.clean{color:var(--ok);background:var(--ok-bg);border-color:var(--ok-line)}
tr.sev-error td:first-child{box-shadow:inset 4px 0 0 var(--err)}
tr.sev-warning td:first-child{box-shadow:inset 4px 0 0 #f79009}
tr.sev-info td:first-child{box-shadow:inset 4px 0 0 var(--info)}
.file{margin:0 0 1.25rem}
.filehead{display:flex;flex-wrap:wrap;align-items:baseline;gap:.5rem;margin:0 0 .5rem}
.filehead h3{font-family:ui-monospace,"Cascadia Mono",Consolas,"Liberation Mono",monospace;font-size:.95rem;
word-break:break-all}
.filehead .zip{color:var(--muted);font-weight:400}
.filter{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem 1.25rem;background:var(--card);
border:1px solid var(--line);border-radius:10px;padding:.7rem 1rem;margin:0 0 1rem;position:sticky;top:0;
z-index:2}
.filter label{display:inline-flex;align-items:center;gap:.35rem;cursor:pointer}
.filter select{font:inherit;padding:.3rem .5rem;border:1px solid #d0d5dd;border-radius:6px;background:#fff}
.filter .shown{color:var(--muted);margin-left:auto}
button.link{font:inherit;background:none;border:0;color:var(--brand);text-decoration:underline;
cursor:pointer;padding:0}
details.clean{margin:.75rem 0}
details.clean summary{cursor:pointer}
details.clean ul{margin:.5rem 0 0;padding-left:1.5rem;columns:2 22rem;font-size:.88rem}
.members{color:var(--muted);font-size:.88rem;margin-top:.35rem}
.members details summary{cursor:pointer;color:var(--brand)}
.members ol{margin:.35rem 0 0;padding-left:1.5rem;max-height:20rem;overflow:auto}
.note{color:var(--muted);margin:-.25rem 0 .75rem}
.footer{color:var(--muted);font-size:.85rem;margin:2rem 0 0}
@media print{.filter,.topbar,.actions{display:none!important}body{background:#fff}
.tablewrap{overflow:visible}}
"""

FILTER_JS = """
(function(){
var box=document.getElementById('filter');if(!box)return;box.hidden=false;
var code=document.getElementById('f-code'),sev=box.querySelectorAll('input[name=sev]');
var shown=document.getElementById('f-shown'),tpl=shown.getAttribute('data-template');
var rows=document.querySelectorAll('section.file tbody tr'),total=0;
function count(t){return parseInt(t.getAttribute('data-count')||'1',10);}
for(var k=0;k<rows.length;k++){total+=count(rows[k]);}
function apply(){var c=code.value,on={},n=0;
for(var i=0;i<sev.length;i++){on[sev[i].value]=sev[i].checked;}
var files=document.querySelectorAll('section.file');
for(var f=0;f<files.length;f++){var any=0,trs=files[f].querySelectorAll('tbody tr');
for(var r=0;r<trs.length;r++){var t=trs[r],ok=(!c||t.getAttribute('data-code')===c)&&
on[t.getAttribute('data-severity')];t.hidden=!ok;if(ok){any++;n+=count(t);}}files[f].hidden=!any;}
shown.textContent=tpl.replace('{n}',n).replace('{total}',total);}
code.addEventListener('change',apply);
for(var i=0;i<sev.length;i++){sev[i].addEventListener('change',apply);}
document.getElementById('f-all').addEventListener('click',function(){code.value='';
for(var i=0;i<sev.length;i++){sev[i].checked=true;}apply();});
var links=document.querySelectorAll('[data-filter-code]');
for(var k=0;k<links.length;k++){links[k].addEventListener('click',function(e){e.preventDefault();
code.value=this.getAttribute('data-filter-code');apply();box.scrollIntoView();});}
apply();})();
"""


def csp_hash(source: str) -> str:
    """The Content-Security-Policy source expression that allows exactly this inline block."""
    return "'sha256-" + b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def text(value: object) -> str:
    """Any value from an input, safe inside HTML text or a quoted attribute."""
    shown = _BIDI.sub(lambda match: f"\\u{ord(match.group()):04x}", printable(str(value)))
    return html.escape(shown, quote=True)


def words_for(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["es"])


def count_phrase(template: str, n: int) -> str:
    from mec_lint.rule import plural

    return plural(template, {"n": n}).format(n=n)


def render(run: RunResult, *, color: bool = False, lang: str = "es") -> str:
    """The whole self-contained document (the `--format html` file and the page's html download)."""
    words = words_for(lang)
    return document(words["title"], report(run, lang), lang)


def document(
    title: str, body: str, lang: str, *, topbar: str = "", css: str = CSS, scripts: tuple[str, ...] = ()
) -> str:
    tags = "".join(f"<script>{source}</script>" for source in (*scripts, FILTER_JS))
    return (
        f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "es"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n<link rel="icon" href="data:,">\n'
        f"<title>{text(title)} · mec-lint</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f"{topbar}<main>\n{body}\n</main>\n{tags}\n</body>\n</html>\n"
    )


def report(run: RunResult, lang: str, *, heading: bool = True) -> str:
    """The bitácora: verdict, counts, findings per code, a filter, the tables per file, statuses."""
    words = words_for(lang)
    findings = run.findings
    checked = [r for r in run.files if r.checked]
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    statuses, _ = file_statuses(run)
    with_findings = {path for _, path, _, _ in statuses}
    clean_paths = sorted({r.path for r in checked} - with_findings)
    clean_files = sum(1 for r in checked if r.status != "error")
    parts = ['<section class="report" id="bitacora">']
    if heading:
        parts.append(f"<h1>{text(words['title'])}</h1>")
    meta = f"mec-lint {text(__version__)}"
    if run.upload_date is not None:
        meta = f"{text(words['upload_date'])}: <strong>{run.upload_date.isoformat()}</strong> · " + meta
    parts.append(f'<p class="meta">{meta}</p>')
    if errors:
        verdict, kind = words["verdict_errors"], "error"
    elif not checked and not findings:
        verdict, kind = words["verdict_none"], "none"
    elif warnings:
        verdict, kind = words["verdict_ok_warnings"], "warning"
    else:
        verdict, kind = words["verdict_ok"], "ok"
    parts.append(f'<div class="verdict {kind}" role="status">{text(verdict)}</div>')
    parts.append('<dl class="stats">')
    for label, number, style in (
        (words["files"], len(checked), ""),
        (words["clean_files"], clean_files, "ok"),
        (words["errors"], errors, "err" if errors else "ok"),
        (words["warnings"], warnings, "warn" if warnings else "ok"),
    ):
        parts.append(f'<div class="stat {style}"><dt>{text(label)}</dt><dd>{number}</dd></div>')
    parts.append("</dl>")
    shared, rest = split_shared(findings)
    if findings:
        parts.append(_codes_table(findings, words, lang))
        parts.append(_filter(findings, words))
        if shared:
            parts.append(_shared_section(shared, words, lang))
        parts.append(f'<h2 id="archivos">{text(words["by_file"])}</h2>')
        parts.extend(_file_section(path, group, words, lang) for path, group in _groups(rest))
    if statuses or clean_paths:
        parts.append(_status_table(statuses, clean_paths, words, only_shared_paths(shared, rest)))
    parts.append(f'<p class="footer">{text(words["generated"].format(version=__version__))}</p></section>')
    return "\n".join(parts)


def _groups(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    return sorted(by_path.items())


def _codes_table(findings: list[Finding], words: dict[str, str], lang: str) -> str:
    from mec_lint.registry import load_registry

    rules = load_registry().rules
    counts = Counter(f.code for f in findings)
    worst: dict[str, Severity] = {}
    for finding in findings:
        if finding.code not in worst or finding.severity.rank > worst[finding.code].rank:
            worst[finding.code] = finding.severity
    rows = []
    for code, count in sorted(counts.items(), key=lambda item: (-worst[item[0]].rank, -item[1], item[0])):
        rule = rules.get(code)
        summary = rule.summary_for(lang) if rule is not None else ""
        severity = worst[code].value
        rows.append(
            f'<tr><td><a href="#archivos" data-filter-code="{text(code)}"><code>{text(code)}</code></a></td>'
            f"<td>{text(summary)}</td>"
            f'<td><span class="badge {severity}">{text(words[severity])}</span></td>'
            f'<td class="num">{count}</td></tr>'
        )
    return (
        f'<h2>{text(words["by_code"])}</h2><div class="tablewrap"><table class="codes"><thead><tr>'
        f"<th>{text(words['code'])}</th><th>{text(words['rule'])}</th><th>{text(words['severity'])}</th>"
        f'<th class="num">{text(words["count"])}</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def _filter(findings: list[Finding], words: dict[str, str]) -> str:
    """Hidden until the page's own script shows it (without scripts every finding stays visible)."""
    counts = Counter(f.code for f in findings)
    options = "".join(
        f'<option value="{text(code)}">{text(code)} ({count})</option>'
        for code, count in sorted(counts.items())
    )
    present = {f.severity for f in findings}
    boxes = "".join(
        f'<label><input type="checkbox" name="sev" value="{severity.value}" checked>'
        f'<span class="badge {severity.value}">{text(words[severity.value])}</span></label>'
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if severity in present
    )
    template = text(words["shown"])
    return (
        f'<div class="filter" id="filter" hidden><strong>{text(words["filter"])}</strong>'
        f'<label><select id="f-code" aria-label="{text(words["code"])}"><option value="">'
        f"{text(words['all_codes'])}</option>{options}</select></label>{boxes}"
        f'<button type="button" class="link" id="f-all">{text(words["show_all"])}</button>'
        f'<span class="shown" id="f-shown" data-template="{template}"></span></div>'
    )


def _file_section(path: str, findings: list[Finding], words: dict[str, str], lang: str) -> str:
    outer, bang, member = path.partition("!")
    title = f'<span class="zip">{text(outer)}!</span>{text(member)}' if bang else text(path)
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    badges = ""
    if errors:
        badges += f'<span class="badge error">{text(count_phrase(words["n_errors"], errors))}</span>'
    if warnings:
        badges += f'<span class="badge warning">{text(count_phrase(words["n_warnings"], warnings))}</span>'
    others = len(findings) - errors - warnings
    if others:
        badges += f'<span class="badge info">{text(count_phrase(words["n_findings"], others))}</span>'
    head = "".join(f"<th>{text(h)}</th>" for h in _headers(findings, lang))
    rows = "".join(_row(f, words) for f in findings)
    return (
        f'<section class="file"><div class="filehead"><h3>{title}</h3>{badges}</div>'
        f'<div class="tablewrap"><table class="findings"><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div></section>"
    )


def _shared_section(shared: list[Shared], words: dict[str, str], lang: str) -> str:
    """Each finding shared by many files once: the count and the first names, and every file (with its
    line) in a <details> list."""
    head = "".join(f"<th>{text(h)}</th>" for h in _headers([group.finding for group in shared], lang))
    rows = []
    for group in shared:
        archive = common_archive(group.paths)
        members = "".join(
            f'<li class="mono">{text(short_name(f.path, archive))}'
            + (f" · {text(words['line'])} {f.line}" if f.line else "")
            + "</li>"
            for f in group.findings
        )
        extra = (
            f'<div class="members">{text(shared_where(group, lang))}<details><summary>'
            f"{text(words['members'].format(n=len(group.paths)))}</summary><ol>{members}</ol></details></div>"
        )
        rows.append(_row(group.finding, words, extra=extra, count=len(group.findings)))
    return (
        f'<h2 id="repetidos">{text(words["shared"])}</h2><p class="note">{text(words["shared_note"])}</p>'
        f'<section class="file shared"><div class="tablewrap"><table class="findings"><thead><tr>{head}'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _row(f: Finding, words: dict[str, str], *, extra: str = "", count: int = 1) -> str:
    if f.value is None:
        value = "-"
    else:
        cut = len(f.value) > VALUE_CHARS
        value = f"<code>{text(f.value[:VALUE_CHARS])}{'…' if cut else ''}</code>"
        if cut:
            value = f'<span title="{text(words["cut"])}">{value}</span>'
    severity = f.severity.value
    counted = f' data-count="{count}"' if count != 1 else ""
    return (
        f'<tr class="sev-{severity}" data-code="{text(f.code)}" data-severity="{severity}"{counted}>'
        f'<td class="mono">{text(_location(f))}</td><td>{text(_node(f))}</td>'
        f'<td>{text(f.attribute or "-")}</td><td class="value">{value}</td>'
        f"<td><code>{text(f.code)}</code></td>"
        f'<td><span class="badge {severity}">{text(words[severity])}</span>{text(f.message)}{extra}</td></tr>'
    )


def _status_table(
    statuses: list[tuple[str, str, int, int]],
    clean_paths: list[str],
    words: dict[str, str],
    only_shared: set[str] | frozenset[str] = frozenset(),
) -> str:
    """A row per file with errors or warnings; the files whose only findings are the shared ones
    (above) folded per status, like the clean files (a folio may hold thousands)."""
    rows = "".join(
        f'<tr><td><span class="badge {status}">{text(words[status])}</span></td>'
        f'<td class="mono">{text(path)}</td><td class="num">{errors}</td><td class="num">{warnings}</td></tr>'
        for status, path, errors, warnings in statuses
        if path not in only_shared
    )
    folded = ""
    for kind in ("error", "warning"):
        hidden = [row for row in statuses if row[0] == kind and row[1] in only_shared]
        if not hidden:
            continue
        names = "".join(
            f'<li class="mono">{text(path)} ({text(_counts(words, errors, warnings))})</li>'
            for _, path, errors, warnings in hidden
        )
        phrase = text(count_phrase(words["only_shared"], len(hidden)))
        folded += (
            f'<details class="clean shared-only"><summary><span class="badge {kind}">{text(words[kind])}'
            f"</span>{phrase}</summary><ul>{names}</ul></details>"
        )
    table = ""
    if rows:
        table = (
            f'<div class="tablewrap"><table><thead><tr><th>{text(words["state"])}</th>'
            f'<th>{text(words["file"])}</th><th class="num">{text(words["errors"])}</th>'
            f'<th class="num">{text(words["warnings"])}</th></tr></thead><tbody>{rows}</tbody></table></div>'
        )
    clean = ""
    if clean_paths:  # which files passed, for the clerk who must say so (folded: a folio may hold thousands)
        names = "".join(f'<li class="mono">{text(path)}</li>' for path in clean_paths)
        phrase = text(count_phrase(words["clean_count"], len(clean_paths)))
        clean = (
            f'<details class="clean"><summary><span class="badge clean">✓</span>{phrase}</summary>'
            f"<ul>{names}</ul></details>"
        )
    return f"<h2>{text(words['status'])}</h2>{table}{folded}{clean}"


def _counts(words: dict[str, str], errors: int, warnings: int) -> str:
    parts = [count_phrase(words["n_errors"], errors)] if errors else []
    if warnings:
        parts.append(count_phrase(words["n_warnings"], warnings))
    return ", ".join(parts)
