"""LOT007–LOT008: one signer per campus and one institution throughout the batch."""

from __future__ import annotations

from collections.abc import Iterator

from mec_lint.batch import Batch, BatchMember, majority, others_text, report_at
from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope

SCOPE = Scope.BATCH

LOT007 = Rule(
    code="LOT007",
    name="un-firmante-por-campus",
    severity=Severity.ERROR,
    summary={
        "es": "Todos los certificados de un campus llevan el mismo firmante y el mismo certificado de e.firma",
        "en": "All certificates of a campus carry the same signer and the same e.firma certificate",
    },
    messages={
        "curp": {
            "es": "El campus {campus} tiene un solo firmante registrado en el MEC, pero este certificado lo "
            "firma el responsable con CURP {value} y {count} {count|certificado|certificados} del lote usan {expected} "
            "(p. ej. {others}). Firme todo el campus con el responsable registrado.",
            "en": "Campus {campus} has one registered signer, but this certificate is signed by CURP {value} "
            "while {count} {count|certificate|certificates} in the batch use {expected} (e.g. {others}). Sign the whole campus "
            "with the registered signer.",
        },
        "certificate": {
            "es": "El campus {campus} tiene un solo firmante, pero este certificado usa la e.firma número "
            "{value} y {count} {count|certificado|certificados} del lote usan {expected} (p. ej. {others}). Use la e.firma "
            "vigente registrada en el MEC para todo el campus.",
            "en": "Campus {campus} has one signer, but this certificate uses e.firma number {value} while "
            "{count} {count|certificate|certificates} in the batch use {expected} (e.g. {others}). Use the current e.firma "
            "registered with the MEC for the whole campus.",
        },
    },
    why="El MEC registra un solo firmante (responsable de expedición) por campus, con su .CER; un "
    "certificado firmado por otra persona o con otra e.firma no coincide con el firmante registrado.",
    fail_example="cert_001.xml: Responsable/@curp=ROLM750312HDFDPR01; cert_002.xml (mismo idCampus): "
    "Responsable/@curp=SAHJ800101HDFNRN06",
    pass_example="todos los certificados del idCampus 090872 con el mismo Responsable/@curp y "
    "noCertificadoResponsable",
    spec="mec-faq.txt «¿Cuántas firmas electrónicas puedo registrar?» y «¿Cuántos firmantes se autorizan "
    "en el MEC?» (1 firmante por campus); spec README regla 10",
    fix="Vuelva a firmar los certificados señalados con la e.firma del responsable registrado del campus.",
)

LOT008 = Rule(
    code="LOT008",
    name="misma-institucion-en-lote",
    severity=Severity.ERROR,
    summary={
        "es": "Todos los certificados del lote son de la misma institución",
        "en": "All certificates in the batch belong to the same institution",
    },
    messages={
        "institution": {
            "es": "Este certificado es de la institución {value} (Ipes/@idNombreInstitucion) y {count} "
            "{count|certificado del lote es|certificados del lote son} de {expected} (p. ej. {others}). Un lote se carga con la cuenta de "
            "una sola institución; sepárelo o corrija el identificador.",
            "en": "This certificate belongs to institution {value} (Ipes/@idNombreInstitucion) while {count} "
            "{count|certificate in the batch belongs|certificates in the batch belong} to {expected} (e.g. {others}). A batch is uploaded with one "
            "institution's account; split it or fix the identifier.",
        },
        "entity": {
            "es": "ServicioFirmante/@idEntidad vale {value} en este certificado y {expected} en {count} "
            "{count|certificado|certificados} del lote (p. ej. {others}). Es el ID_INSTITUCION del firmante y debe ser el "
            "mismo en todo el lote.",
            "en": "ServicioFirmante/@idEntidad is {value} here and {expected} in {count} {count|certificate|certificates} of "
            "the batch (e.g. {others}). It is the signer's ID_INSTITUCION and must be the same throughout the "
            "batch.",
        },
    },
    why="Los folios y el firmante se asignan a una institución (ID_MEC / ID_INSTITUCION): un lote con "
    "certificados de otra institución no corresponde al folio ni al firmante registrado.",
    fail_example="cert_001.xml con idNombreInstitucion=20871 y cert_002.xml con idNombreInstitucion=20499",
    pass_example="todos los certificados con idNombreInstitucion=20871 e idEntidad=20871",
    spec="spec README reglas 9, 10 y 13; mec-faq.txt «ServicioFirmante / idEntidad» (ID_INSTITUCION); "
    "dec-3.0.md §1.2 y §1.3. Inferencia (medium): un folio y un firmante pertenecen a una sola institución. Es un "
    "error porque el MEC rechazaría el lote completo; `severity: {LOT008: warning}` lo baja a "
    "advertencia.",
    fix="Separe los certificados de cada institución en su propio lote, o corrija el identificador.",
)

RULES = (LOT007, LOT008)


def check(batch: Batch, ctx: Context) -> Iterator[Finding]:
    campuses: dict[str, list[BatchMember]] = {}
    for member in batch.parsed:
        campus = member.value("idCampus")
        if campus:
            campuses.setdefault(campus, []).append(member)
    for campus, members in campuses.items():
        yield from _consistent(ctx, LOT007, "curp", members, "responsableCurp", campus=campus)
        yield from _consistent(ctx, LOT007, "certificate", members, "noCertificadoResponsable", campus=campus)
    everyone = batch.parsed
    yield from _consistent(ctx, LOT008, "institution", everyone, "idNombreInstitucion")
    yield from _consistent(ctx, LOT008, "entity", everyone, "idEntidad")


def _consistent(
    ctx: Context, rule: Rule, message_id: str, members: list[BatchMember], key: str, **data: str
) -> Iterator[Finding]:
    """Report every certificate whose `key` differs from the value most of `members` carry."""
    reference = majority(members, key)
    if reference is None:
        return
    holders = [m for m in members if m.value(key) == reference]
    for member in members:
        value = member.value(key)
        if not value or value == reference:
            continue
        fact = member.fact(key)
        if fact is None:
            continue
        yield report_at(
            ctx,
            rule,
            message_id,
            member,
            fact,
            expected=reference,
            count=len(holders),
            others=others_text(holders, ctx.lang, limit=3),
            **data,
        )
