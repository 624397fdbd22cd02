"""The pages `mec-lint serve` shows: the form, the bitácora with its downloads, and problem pages.

Everything is inline (the stylesheet and two small scripts whose hashes the Content-Security-
Policy names): the page loads nothing from anywhere, and it works without its scripts too (the
file picker and the Revisar button are a plain form; the scripts add dropping and filtering).
"""

from __future__ import annotations

import datetime as dt

from mec_lint.engine import RunResult
from mec_lint.formatters.html import CSS, FILTER_JS, csp_hash, document, report, text

WORDS = {
    "es": {
        "brand": "mec-lint",
        "tagline": "Revisión previa a la carga al MEC",
        "other_lang": "English",
        "heading": "Revise sus archivos antes de cargarlos al MEC",
        "intro": "Arrastre su lote (.zip), sus certificados (.xml) o su Programa de Estudios (.xlsx) y "
        "pulse Revisar. Los archivos se revisan en este equipo: no se envían a ningún otro lugar y "
        "se borran al terminar la revisión.",
        "drop": "Arrastre aquí sus archivos",
        "drop_or": "o elíjalos con el botón (.zip, .xml, .xlsx; puede elegir varios)",
        "files_label": "Archivos a revisar",
        "layout": "Programa de Estudios registrado (opcional)",
        "layout_help": "Libro .xlsx del layout: cada certificado se compara con él.",
        "date": "Fecha de carga",
        "date_help": "Hoy es {today}. La fecha de expedición debe estar entre 1 y 90 días antes de la "
        "fecha de carga.",
        "submit": "Revisar",
        "working": "Revisando…",
        "again": "Revisar otros archivos",
        "download": "Descargar esta bitácora:",
        "xlsx": "Excel (.xlsx)",
        "json": "JSON",
        "html": "Página HTML",
        "no_files": "Elija al menos un archivo (.zip, .xml o .xlsx).",
        "back": "Volver a la página de revisión",
        "problem": "No se pudo revisar",
        "too_large_file": "«{name}» pesa más de {limit}, el límite de mec-lint para ese tipo de archivo "
        "(el mismo que en la línea de órdenes). No se revisó nada.",
        "too_large": "El envío pesa más de {limit}, el máximo que acepta esta página. No se revisó nada.",
        "not_multipart": "La solicitud debe ser un formulario multipart/form-data con el campo «files».",
        "malformed": "El formulario llegó incompleto o dañado. Vuelva a enviarlo.",
        "too_many": "Demasiados archivos en una sola revisión (máximo {limit}).",
        "field_too_long": "El campo «{name}» es demasiado largo.",
        "bad_date": "Fecha de carga inválida: «{value}»; se espera AAAA-MM-DD, por ejemplo {today}.",
        "config": "Error de configuración: {reason}",
        "not_found": "Esa página no existe, o la bitácora ya no está disponible (se guardan las últimas "
        "revisiones durante una hora). Vuelva a revisar los archivos.",
        "not_allowed": "Esa dirección no acepta este método.",
        "internal": "Error interno de mec-lint; no se revisó nada. Detalle: {reason}",
    },
    "en": {
        "brand": "mec-lint",
        "tagline": "Pre-upload check for the MEC",
        "other_lang": "Español",
        "heading": "Check your files before uploading them to the MEC",
        "intro": "Drop your batch (.zip), certificates (.xml) or Programa de Estudios (.xlsx) and press "
        "Check. The files are checked on this computer: they are sent nowhere else and deleted when "
        "the check ends.",
        "drop": "Drop your files here",
        "drop_or": "or pick them with the button (.zip, .xml, .xlsx; several at once)",
        "files_label": "Files to check",
        "layout": "Registered Programa de Estudios (optional)",
        "layout_help": "The layout's .xlsx workbook: each certificate is compared with it.",
        "date": "Upload date",
        "date_help": "Today is {today}. The issue date must be 1 to 90 days before the upload date.",
        "submit": "Check",
        "working": "Checking…",
        "again": "Check other files",
        "download": "Download this report:",
        "xlsx": "Excel (.xlsx)",
        "json": "JSON",
        "html": "HTML page",
        "no_files": "Choose at least one file (.zip, .xml or .xlsx).",
        "back": "Back to the check page",
        "problem": "Could not check",
        "too_large_file": "«{name}» is larger than {limit}, mec-lint's limit for that kind of file (the "
        "same as on the command line). Nothing was checked.",
        "too_large": "The upload is larger than {limit}, the most this page accepts. Nothing was checked.",
        "not_multipart": "The request must be a multipart/form-data form with a «files» field.",
        "malformed": "The form arrived incomplete or damaged. Send it again.",
        "too_many": "Too many files in one check (at most {limit}).",
        "field_too_long": "Field «{name}» is too long.",
        "bad_date": "Invalid upload date: «{value}»; expected YYYY-MM-DD, for example {today}.",
        "config": "Configuration error: {reason}",
        "not_found": "That page does not exist, or the report is no longer available (the last checks "
        "are kept for one hour). Check the files again.",
        "not_allowed": "That address does not accept this method.",
        "internal": "mec-lint internal error; nothing was checked. Detail: {reason}",
    },
}

PAGE_CSS = """
.topbar .lang{font-size:.9rem}
.intro{color:var(--muted);max-width:60rem;margin:.25rem 0 1.25rem}
form.check{display:grid;gap:1.25rem}
.drop{display:flex;flex-direction:column;align-items:center;justify-content:center;gap:.4rem;
border:2px dashed #98a2b3;border-radius:12px;background:#fcfcfd;padding:2rem 1rem;text-align:center;
cursor:pointer;transition:background .15s,border-color .15s}
.drop:hover,.drop.over{border-color:var(--brand-2);background:#f0fdf9}
.drop strong{font-size:1.15rem}
.drop .hint{color:var(--muted)}
.drop input{margin-top:.5rem;font:inherit;max-width:100%}
.picked{margin:0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:.4rem}
.picked li{background:#f2f4f7;border:1px solid var(--line);border-radius:6px;padding:.15rem .55rem;
font-size:.88rem}
.row{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:1.25rem}
.field label{display:block;font-weight:600;margin-bottom:.35rem}
.field input{font:inherit;max-width:100%}
.field input[type=date]{padding:.4rem .55rem;border:1px solid #d0d5dd;border-radius:6px}
.help{color:var(--muted);font-size:.88rem;margin:.35rem 0 0}
.submit{display:flex;align-items:center;gap:1rem}
button.primary{font:inherit;font-weight:600;background:var(--brand);color:#fff;border:0;border-radius:8px;
padding:.65rem 2rem;cursor:pointer}
button.primary:hover{background:var(--brand-2)}
button.primary:disabled{opacity:.7;cursor:progress}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:.6rem 1rem;margin:0 0 1.25rem}
.actions .spacer{flex:1}
a.button{display:inline-block;text-decoration:none;border:1px solid #d0d5dd;border-radius:8px;
padding:.4rem .9rem;background:#fff;color:var(--ink);font-weight:600;font-size:.9rem}
a.button:hover{border-color:var(--brand-2);color:var(--brand)}
a.button.main{background:var(--brand);border-color:var(--brand);color:#fff}
.problem h1{color:var(--err)}
"""

PAGE_JS = """
(function(){
var form=document.getElementById('check-form');if(!form)return;
var zone=document.getElementById('drop'),input=document.getElementById('files'),
list=document.getElementById('picked');
function size(n){return n<1024?n+' B':n<1048576?(n/1024).toFixed(1)+' KB':(n/1048576).toFixed(1)+' MB';}
function show(){list.textContent='';for(var i=0;i<input.files.length;i++){var f=input.files[i],
li=document.createElement('li');li.textContent=f.name+' · '+size(f.size);list.appendChild(li);}}
['dragenter','dragover'].forEach(function(t){document.addEventListener(t,function(e){e.preventDefault();
zone.classList.add('over');});});
document.addEventListener('dragleave',function(e){if(!e.relatedTarget){zone.classList.remove('over');}});
document.addEventListener('drop',function(e){e.preventDefault();zone.classList.remove('over');
if(!e.dataTransfer||!e.dataTransfer.files.length)return;
var all=new DataTransfer(),i;for(i=0;i<input.files.length;i++){all.items.add(input.files[i]);}
for(i=0;i<e.dataTransfer.files.length;i++){all.items.add(e.dataTransfer.files[i]);}
input.files=all.files;show();});
input.addEventListener('change',show);
form.addEventListener('submit',function(e){if(!input.files.length){e.preventDefault();
input.setCustomValidity(form.getAttribute('data-empty'));input.reportValidity();return;}
var b=document.getElementById('submit');b.disabled=true;b.textContent=b.getAttribute('data-working');});
input.addEventListener('input',function(){input.setCustomValidity('');});
show();})();
"""

STYLE = CSS + PAGE_CSS
CSP = (
    f"default-src 'none'; style-src {csp_hash(STYLE)}; script-src {csp_hash(PAGE_JS)} {csp_hash(FILTER_JS)}; "
    "img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def words_for(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["es"])


def _page(title: str, body: str, lang: str, here: str) -> str:
    words = words_for(lang)
    other = "en" if lang != "en" else "es"
    topbar = (
        f'<header class="topbar"><div class="inner"><div class="brand">{text(words["brand"])}'
        f"<small>{text(words['tagline'])}</small></div>"
        f'<a class="lang" href="{here}?lang={other}" lang="{other}">{text(words["other_lang"])}</a>'
        "</div></header>\n"
    )
    return document(title, body, lang, topbar=topbar, css=STYLE, scripts=(PAGE_JS,))


def form_page(lang: str, today: dt.date) -> str:
    words = words_for(lang)
    body = f"""<h1>{text(words["heading"])}</h1>
<p class="intro">{text(words["intro"])}</p>
<form class="check card" id="check-form" method="post" action="check?lang={lang}" enctype="multipart/form-data"
 data-empty="{text(words["no_files"])}">
<label class="drop" id="drop" for="files"><strong>{text(words["drop"])}</strong>
<span class="hint">{text(words["drop_or"])}</span>
<input type="file" id="files" name="files" multiple accept=".zip,.xml,.xlsx,.xlsm"
 aria-label="{text(words["files_label"])}"></label>
<ul class="picked" id="picked" aria-live="polite"></ul>
<div class="row">
<div class="field"><label for="layout">{text(words["layout"])}</label>
<input type="file" id="layout" name="layout" accept=".xlsx,.xlsm">
<p class="help">{text(words["layout_help"])}</p></div>
<div class="field"><label for="upload_date">{text(words["date"])}</label>
<input type="date" id="upload_date" name="upload_date" value="{today.isoformat()}" required>
<p class="help">{text(words["date_help"].format(today=today.isoformat()))}</p></div>
</div>
<div class="submit"><button class="primary" id="submit" type="submit"
 data-working="{text(words["working"])}">{text(words["submit"])}</button></div>
</form>"""
    return _page(words["heading"], body, lang, "./")


def result_page(run: RunResult, lang: str, token: str) -> str:
    words = words_for(lang)
    links = "".join(
        f'<a class="button" href="download/{token}/bitacora.{kind}" download>{text(words[kind])}</a>'
        for kind in ("xlsx", "json", "html")
    )
    body = (
        f'<div class="actions"><a class="button main" href="./?lang={lang}">← {text(words["again"])}</a>'
        f'<span class="spacer"></span><span>{text(words["download"])}</span>{links}</div>\n'
        + report(run, lang)
    )
    from mec_lint.formatters.html import words_for as report_words

    return _page(report_words(lang)["title"], body, lang, "./")


def problem_page(lang: str, message: str) -> str:
    words = words_for(lang)
    body = (
        f'<section class="problem card"><h1>{text(words["problem"])}</h1><p>{text(message)}</p>'
        f'<p><a class="button main" href="/?lang={lang}">{text(words["back"])}</a></p></section>'
    )
    return _page(words["problem"], body, lang, "/")
