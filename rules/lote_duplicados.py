"""LOT005–LOT006: no student twice for the same carrera, no repeated folioControl, within one batch."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from mec_lint.batch import Batch, BatchMember, others_text, report_at
from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope

SCOPE = Scope.BATCH
FOREIGN = "EXTRANJERO"

LOT005 = Rule(
    code="LOT005",
    name="alumno-repetido-en-lote",
    severity=Severity.ERROR,
    summary={
        "es": "Ningún alumno aparece dos veces en el lote para la misma carrera",
        "en": "No student appears twice in the batch for the same carrera",
    },
    messages={
        "curp": {
            "es": "El alumno {student} (CURP {value}) tiene otro certificado de la misma carrera "
            "(idCarrera {carrera}) en este lote: {others}. Cada certificado ocupa un lugar del folio; "
            "deje sólo uno.",
            "en": "Student {student} (CURP {value}) has another certificate for the same carrera "
            "(idCarrera {carrera}) in this batch: {others}. Each certificate takes one place of the folio; keep "
            "only one.",
        },
        "control": {
            "es": "El alumno extranjero {student} (numeroControl {value}) tiene otro certificado de la misma "
            "carrera (idCarrera {carrera}) en este lote: {others}. Deje sólo uno.",
            "en": "Foreign student {student} (numeroControl {value}) has another certificate for the same "
            "carrera (idCarrera {carrera}) in this batch: {others}. Keep only one.",
        },
    },
    why="El folio ampara una cantidad exacta de certificados y sólo se usa una vez: un alumno repetido "
    "ocupa el lugar de otro certificado y la carga se pierde o se cancela. Se identifica al alumno por su "
    "CURP o, si la CURP es EXTRANJERO, por su numeroControl.",
    fail_example="cert_001.xml y cert_002.xml con Alumno/@curp=GAPA010523MDFRRNA3 e idCarrera=101",
    pass_example="un solo certificado por alumno y carrera en el lote",
    spec="mec-faq.txt «¿Cómo puedo cargar varios certificados a la vez?» (cantidad exacta, el folio se usa "
    "una vez); spec README reglas 6 y 9; dec-3.0.md §1.6 (idCarrera) y §1.7 (curp, EXTRANJERO). Inferencia (medium): "
    "un certificado repetido no puede ser parte de la cantidad exacta del folio. Es un error porque el "
    "folio no admite certificados de más; `severity: {LOT005: warning}` lo baja a advertencia.",
    fix="Quite el certificado repetido del lote (o corrija la CURP si es de otro alumno).",
)

LOT006 = Rule(
    code="LOT006",
    name="folio-control-repetido",
    severity=Severity.WARNING,
    summary={
        "es": "Cada folioControl es único dentro del lote",
        "en": "Each folioControl is unique within the batch",
    },
    messages={
        "m": {
            "es": "El folioControl «{value}» se repite en este lote: {others}. Es el folio interno con el que "
            "la institución relaciona los XML autenticados que devuelve el MEC; use uno distinto por "
            "certificado.",
            "en": "folioControl «{value}» is repeated in this batch: {others}. It is the internal folio the "
            "institution uses to match the authenticated XML files the MEC returns; use a distinct one per "
            "certificate.",
        }
    },
    why="folioControl es opcional y de formato libre, pero sirve para relacionar los certificados "
    "autenticados que devuelve el MEC con el registro de la institución; repetido, no se sabe cuál es "
    "cuál (y suele delatar un certificado duplicado).",
    fail_example='cert_001.xml y cert_002.xml con folioControl="UEC-2024-000123"',
    pass_example='folioControl="UEC-2024-000123" y folioControl="UEC-2024-000124"',
    spec="dec-3.0.md §1.1 (folioControl) y §5.8 (único por institución, medium)",
    fix="Asigne un folioControl distinto a cada certificado.",
)

RULES = (LOT005, LOT006)


def check(batch: Batch, ctx: Context) -> Iterator[Finding]:
    yield from _students(batch, ctx)
    yield from _folios(batch, ctx)


def _student_key(member: BatchMember) -> tuple[str, str, str] | None:
    curp = member.value("curp")
    carrera = member.value("idCarrera")
    if not curp or not carrera:
        return None
    if curp.upper() == FOREIGN:
        control = member.value("numeroControl")
        return ("control", control, carrera) if control else None
    return ("curp", curp.upper(), carrera)


def _students(batch: Batch, ctx: Context) -> Iterator[Finding]:
    groups: dict[tuple[str, str, str], list[BatchMember]] = {}
    for member in batch.parsed:
        key = _student_key(member)
        if key is not None:
            groups.setdefault(key, []).append(member)
    for (kind, _value, carrera), members in groups.items():
        if len(members) < 2:
            continue
        others = _others(members, ctx.lang)
        for position, member in enumerate(members):
            fact = member.fact("curp" if kind == "curp" else "numeroControl")
            if fact is None:
                continue
            yield report_at(
                ctx,
                LOT005,
                kind,
                member,
                fact,
                student=member.student or "-",
                carrera=carrera,
                others=others(position),
            )


def _folios(batch: Batch, ctx: Context) -> Iterator[Finding]:
    groups: dict[str, list[BatchMember]] = {}
    for member in batch.parsed:
        folio = member.value("folioControl")
        if folio:
            groups.setdefault(folio, []).append(member)
    for members in groups.values():
        if len(members) < 2:
            continue
        others = _others(members, ctx.lang)
        for position, member in enumerate(members):
            fact = member.fact("folioControl")
            if fact is None:
                continue
            yield report_at(ctx, LOT006, "m", member, fact, others=others(position))


OTHERS_LISTED = 5  # others_text's default: the names a message lists before "y N más"


def _others(members: list[BatchMember], lang: str) -> Callable[[int], str]:
    """`position` -> `others_text(members, lang, excluding=members[position])`.

    From position OTHERS_LISTED on, every text lists the same first names and the same count,
    so a group of 10,000 duplicates builds that text once, not once per member."""
    shared: list[str] = []

    def text(position: int) -> str:
        if position < OTHERS_LISTED:  # among the names listed: its own text
            return others_text(members, lang, limit=OTHERS_LISTED, excluding=members[position])
        if not shared:
            shared.append(others_text(members, lang, limit=OTHERS_LISTED, excluding=members[position]))
        return shared[0]

    return text
