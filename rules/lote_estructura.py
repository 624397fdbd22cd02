"""LOT002–LOT004: the batch holds exactly the folio's certificates, directly at the root of the .zip."""

from __future__ import annotations

from collections.abc import Iterator

from mec_lint.batch import Batch, BatchMember
from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope

SCOPE = Scope.BATCH
SPEC_ZIP = "mec-faq.txt «¿Cómo puedo cargar varios certificados a la vez?» (comprimir directamente en .zip); spec README regla 9"

LOT002 = Rule(
    code="LOT002",
    name="xml-en-la-raiz-del-zip",
    severity=Severity.ERROR,
    summary={
        "es": "Los XML están directamente en la raíz del .zip, sin carpetas",
        "en": "The XML files sit directly at the root of the .zip, without folders",
    },
    messages={
        "in_folder": {
            "es": "El certificado está dentro de la carpeta «{folder}» del .zip; el MEC pide los XML "
            "comprimidos directamente en el .zip. Comprima los archivos, no la carpeta.",
            "en": "The certificate is inside the folder «{folder}» of the .zip; the MEC wants the XML files "
            "compressed directly. Compress the files, not the folder.",
        },
        "empty_folder": {
            "es": "El .zip contiene la carpeta «{value}»; el lote sólo debe contener los XML en la raíz.",
            "en": "The .zip holds the folder «{value}»; the batch should hold only the XML files at its root.",
        },
    },
    why="La FAQ del MEC indica que los certificados XML se comprimen directamente en el .zip; los XML "
    "dentro de carpetas pueden no leerse y el intento del folio se pierde.",
    fail_example="lote.zip: certificados/cert_001.xml, certificados/cert_002.xml",
    pass_example="lote.zip: cert_001.xml, cert_002.xml",
    spec=SPEC_ZIP,
    fix="Seleccione los XML (no la carpeta que los contiene) y comprímalos en un .zip nuevo.",
)

LOT003 = Rule(
    code="LOT003",
    name="solo-certificados-en-el-zip",
    severity=Severity.ERROR,
    summary={
        "es": "El .zip contiene sólo certificados XML",
        "en": "The .zip contains only XML certificates",
    },
    messages={
        "other": {
            "es": "El .zip contiene «{value}», que no es un certificado XML; el lote debe contener sólo los XML "
            "del folio. Quítelo y vuelva a comprimir.",
            "en": "The .zip holds «{value}», which is not an XML certificate; the batch must hold only the "
            "folio's XML files. Remove it and compress again.",
        },
        "os": {
            "es": "El .zip contiene el archivo oculto del sistema «{value}»{more} (lo agregan macOS o Windows al "
            "comprimir); el lote debe contener sólo los XML del folio. Vuelva a comprimir sin él.",
            "en": "The .zip holds the hidden system file «{value}»{more} (added by macOS or Windows when "
            "compressing); the batch must hold only the folio's XML files. Compress again without it.",
        },
    },
    why="El folio ampara una cantidad exacta de certificados y el .zip debe contener sólo esos XML; otros "
    "archivos (PDF, notas, __MACOSX/, .DS_Store, Thumbs.db) no son certificados y alteran el lote.",
    fail_example="lote.zip: cert_001.xml, __MACOSX/._cert_001.xml, .DS_Store, notas.txt",
    pass_example="lote.zip: cert_001.xml",
    spec=SPEC_ZIP,
    fix="En macOS use «zip -X lote.zip *.xml» o quite __MACOSX y .DS_Store; comprima sólo los XML.",
)

LOT004 = Rule(
    code="LOT004",
    name="cantidad-exacta-de-certificados",
    severity=Severity.ERROR,
    summary={
        "es": "El lote contiene exactamente la cantidad de certificados del folio (--expected-count)",
        "en": "The batch holds exactly the folio's number of certificates (--expected-count)",
    },
    messages={
        "m": {
            "es": "El lote contiene {value} {value|certificado|certificados} XML y el folio ampara {expected} "
            "(--expected-count). El folio sólo se usa una vez: cargue la cantidad exacta.",
            "en": "The batch holds {value} XML {value|certificate|certificates} and the folio covers {expected} "
            "(--expected-count). A folio is used once: upload the exact number.",
        },
        "empty": {
            "es": "El .zip no contiene ningún certificado XML; el lote debe contener los XML del folio, "
            "comprimidos directamente en el .zip.",
            "en": "The .zip holds no XML certificate; the batch must hold the folio's XML files, compressed "
            "directly into the .zip.",
        },
    },
    why="El MEC exige cargar siempre la cantidad exacta de certificados correspondiente al folio, porque el "
    "folio sólo se puede utilizar una vez (y hay 3 intentos por folio).",
    fail_example="mec-lint check --expected-count 50 lote.zip   (el .zip tiene 49 XML)",
    pass_example="mec-lint check --expected-count 50 lote.zip   (el .zip tiene 50 XML)",
    spec="mec-faq.txt «¿Cómo puedo cargar varios certificados a la vez?»; spec README regla 9",
    fix="Agregue o quite certificados hasta que el lote tenga la cantidad del folio.",
)

RULES = (LOT002, LOT003, LOT004)


def check(batch: Batch, ctx: Context) -> Iterator[Finding]:
    if batch.kind == "zip":
        yield from _structure(batch, ctx)
    expected = ctx.config.expected_count
    found = len(batch.certificates)
    if expected is not None:
        if found != expected:
            yield ctx.report(LOT004, "m", value=found, expected=expected, path=batch.path)
    elif found == 0 and batch.kind == "zip":  # no folio covers zero certificates
        yield ctx.report(LOT004, "empty", value=0, path=batch.path)


def _structure(batch: Batch, ctx: Context) -> Iterator[Finding]:
    folders_with_xml: set[str] = set()
    os_groups: dict[str, list[BatchMember]] = {}
    for member in batch.members:
        parts = [p for p in member.name.replace("\\", "/").split("/") if p]
        if member.kind == "xml" and len(parts) > 1:
            folder = "/".join(parts[:-1]) + "/"
            for depth in range(1, len(parts)):
                folders_with_xml.add("/".join(parts[:depth]) + "/")
            yield ctx.report(LOT002, "in_folder", value=member.name, path=member.path, folder=folder)
        elif member.kind == "os":
            key = parts[0] + "/" if len(parts) > 1 else member.name
            os_groups.setdefault(key, []).append(member)
        elif member.kind == "other":
            yield ctx.report(LOT003, "other", value=member.name, path=member.path)
    for member in batch.members:
        if member.kind == "dir":
            name = member.name.replace("\\", "/")
            if name not in folders_with_xml:
                yield ctx.report(LOT002, "empty_folder", value=member.name, path=member.path)
    for key, members in sorted(os_groups.items()):
        more = ""
        files = [m for m in members if not m.name.replace("\\", "/").endswith("/")]  # not the folder entries
        if len(files) > 1:
            more = f" ({len(files)} archivos)" if ctx.lang != "en" else f" ({len(files)} files)"
        yield ctx.report(LOT003, "os", value=key, path=_group_path(batch, members), more=more)


def _group_path(batch: Batch, members: list[BatchMember]) -> str:
    """The path of a member of the group (`lote.zip!__MACOSX/._a.xml`), as findings name members;
    the message names the whole folder and how many files it holds."""
    return min(members, key=lambda member: member.name).path if members else batch.path
