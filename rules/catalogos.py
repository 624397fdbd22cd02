"""CAT001–CAT003: catalog ids hold an id of their SEP catalog; descriptions agree with the ids.

Catalogs are data (mec_lint/data/catalogs.yaml) that users extend through the `catalogs`
configuration key; `ctx.catalogs` already holds the merged view.
"""

from __future__ import annotations

import unicodedata
import weakref
from collections.abc import Callable, Iterator
from typing import Any

from lxml import etree

from mec_lint import fastpass
from mec_lint import option_checks as checks
from mec_lint.catalogs import CATALOG_ATTRIBUTES, Catalogs
from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Option, Rule, Scope
from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML

CAT001 = Rule(
    code="CAT001",
    name="id-de-catalogo",
    severity=Severity.ERROR,
    summary={
        "es": "Cada atributo de catálogo lleva un id del catálogo de la SEP",
        "en": "Each catalog attribute holds an id of its SEP catalog",
    },
    messages={
        "unknown": {
            "es": '{attribute}="{value}" no está en el catálogo {catalog}. Valores válidos: {valid}.',
            "en": '{attribute}="{value}" is not in catalog {catalog}. Valid values: {valid}.',
        },
        "suggest": {
            "es": '{attribute}="{value}" no está en el catálogo {catalog}; los ids se comparan como texto '
            'exacto: ¿quiso decir "{expected}" ({description})? Valores válidos: {valid}.',
            "en": '{attribute}="{value}" is not in catalog {catalog}; ids are compared as exact text: '
            'did you mean "{expected}" ({description})? Valid values: {valid}.',
        },
        "empty": {
            "es": "{attribute} está vacío; se espera un id del catálogo {catalog}: {valid}.",
            "en": "{attribute} is empty; expected an id of catalog {catalog}: {valid}.",
        },
    },
    why="El MEC valida cada id contra los catálogos de la SEP; un id desconocido (o escrito distinto, "
    'como "9" en lugar de "09") hace que rechace el certificado. Los ids de estado conservan el cero '
    "inicial. Los catálogos son datos (catalogs.yaml), no código. La lista de idCargo (1 DIRECTOR, 2 "
    "SUBDIRECTOR, 3 RECTOR, 4 VICERRECTOR, 5 RESPONSABLE DE EXPEDICIÓN) está confirmada por la hoja de "
    "catálogo CARGOS de la plantilla de la propia SEP, así que un idCargo fuera de ella es un error con "
    "confianza alta. Si la SEP le asignó otro id de cualquier catálogo, agréguelo en la configuración y "
    "deja de ser un error.",
    fail_example='<Ipes … idEntidadFederativa="9" …/>   <Expedicion idTipoCertificacion="81" …/>',
    pass_example='<Ipes … idEntidadFederativa="09" …/>  <Expedicion idTipoCertificacion="79" …/>',
    spec="dec-3.0.md §2.1–§2.8 (catálogos); catalogs.yaml; idCargo 1–5: confirmado por la plantilla de la "
    "SEP (layout.md, «Spellings seen in SEP's own workbooks»: hoja CARGOS 1–5, ids iguales a "
    "catalogs.yaml), antes confianza media (dec-3.0.md §2.2)",
    fix="Use el id exacto del catálogo. Si la SEP le asignó un id que mec-lint aún no conoce, agréguelo "
    "en la configuración (clave `catalogs`, p. ej. `catalogs: {idCargo: {'6': 'COORDINADOR'}}`).",
)

CAT002 = Rule(
    code="CAT002",
    name="id-de-catalogo-dudoso",
    severity=Severity.WARNING,
    summary={
        "es": "El id de observaciones aparece en todas las fuentes públicas del catálogo",
        "en": "The observation id appears in every public source of the catalog",
    },
    messages={
        "m": {
            "es": '{attribute}="{value}" ({description}) sólo aparece en algunas fuentes públicas del catálogo '
            "{catalog}; confirme con la SEP que el MEC lo acepta o use un id confirmado ({expected}).",
            "en": '{attribute}="{value}" ({description}) appears only in some public sources of catalog '
            "{catalog}; confirm with SEP that the MEC accepts it or use a confirmed id ({expected}).",
        }
    },
    why="Los ids 103, 105, 106 y 107 de idObservaciones tienen una sola línea de fuentes públicas y no "
    "están verificados; el MEC podría rechazarlos.",
    fail_example='<Asignatura … idObservaciones="105" …/>',
    pass_example='<Asignatura … idObservaciones="100" …/>',
    spec="dec-3.0.md §2.7 (103 sólo en [LAMM]; 105–107 sólo en [WA2]/[IDEE]); catalogs.yaml "
    "idObservaciones_disputed",
    fix="Si la SEP le confirmó el id, agréguelo en la configuración (`catalogs: {idObservaciones: "
    "{'105': 'INTERCAMBIO ACADÉMICO'}}`) y la advertencia desaparece.",
)

# Description attribute -> (element, id attribute, catalog); cargo is left out by default: the
# position text is free in practice ("RESPONSABLE DE EXPEDICIÓN", "DIRECTOR GENERAL", …).
DESCRIPTIONS: dict[str, tuple[str, str, str]] = {
    "tipoPeriodo": ("Carrera", "idTipoPeriodo", "idTipoPeriodo"),
    "nivelEstudios": ("Carrera", "idNivelEstudios", "idNivelEstudios"),
    "tipoCertificacion": ("Expedicion", "idTipoCertificacion", "idTipoCertificacion"),
    "tipoAsignatura": ("Asignatura", "idTipoAsignatura", "idTipoAsignatura"),
    "entidadFederativa": ("Ipes", "idEntidadFederativa", "entidadFederativa"),
    "cargo": ("Responsable", "idCargo", "idCargo"),
}
DEFAULT_DESCRIPTIONS = [
    "tipoPeriodo",
    "nivelEstudios",
    "tipoCertificacion",
    "tipoAsignatura",
    "entidadFederativa",
]

# Spellings that name a catalog entry besides its own description (normalised text -> description).
ALIASES: dict[str, dict[str, str]] = {
    "idTipoPeriodo": {
        "SEMESTRAL": "SEMESTRE",
        "BIMESTRAL": "BIMESTRE",
        "CUATRIMESTRAL": "CUATRIMESTRE",
        "TETRAMESTRAL": "TETRAMESTRE",
        "TRIMESTRAL": "TRIMESTRE",
    },
}
# Ids whose texts are interchangeable (a four-month period is called either way).
EQUIVALENT: dict[str, tuple[frozenset[str], ...]] = {
    "idTipoPeriodo": (frozenset({"93", "94"}),),
}

CAT003 = Rule(
    code="CAT003",
    name="descripcion-de-catalogo",
    severity=Severity.WARNING,
    summary={
        "es": "El texto descriptivo corresponde al id de catálogo",
        "en": "The description text matches the catalog id",
    },
    messages={
        "m": {
            "es": '{attribute}="{value}" nombra otra entrada del catálogo {catalog} ("{other_id}" {other}), '
            'pero {id_attribute}="{id_value}" es "{expected}". Revise cuál de los dos es el correcto.',
            "en": '{attribute}="{value}" names another entry of catalog {catalog} ("{other_id}" {other}), '
            'but {id_attribute}="{id_value}" is "{expected}". Check which one is right.',
        }
    },
    why="El MEC sólo firma y valida el id; el texto se imprime en el certificado. Un texto que nombra otra "
    "entrada del catálogo (p. ej. nivelEstudios=MAESTRÍA con idNivelEstudios=81) delata un id o un texto "
    "equivocado.",
    fail_example='<Carrera … idNivelEstudios="81" nivelEstudios="MAESTRÍA" …/>',
    pass_example='<Carrera … idNivelEstudios="81" nivelEstudios="LICENCIATURA" …/>',
    spec="dec-3.0.md §1.6, §1.8, §1.10, §1.3 (textos opcionales del catálogo) y §2",
    options={
        "atributos": Option(
            list,
            DEFAULT_DESCRIPTIONS,
            "Textos que se comparan con su id. Posibles: tipoPeriodo, nivelEstudios, tipoCertificacion, "
            "tipoAsignatura, entidadFederativa, cargo (cargo no va por omisión: su texto es libre).",
            check=checks.subset_of(*DESCRIPTIONS),
        )
    },
    fix="Corrija el id o el texto para que coincidan. El texto no forma parte de la cadena original; el "
    "id sí (cambiarlo obliga a volver a firmar).",
)

RULES = (CAT001, CAT002, CAT003)

_LIST_IN_FULL = 14  # catalogs up to this size are listed with their descriptions in messages


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    ids, texts = _plan(ctx)
    for element_name in {**ids, **texts}:
        id_checks = ids.get(element_name, [])
        text_checks = texts.get(element_name, [])
        if _all_clear(doc, element_name, id_checks, text_checks):
            continue
        elements = doc.all(element_name)
        if len(elements) >= 2:  # the subjects: values read from the document's columns
            yield from _column_findings(ctx, doc, element_name, id_checks, text_checks)
            continue
        for element in elements:  # one pass per element name, every check on each node
            yield from _element_findings(ctx, element, id_checks, text_checks)


def passes(doc: XmlDocument, ctx: Context) -> bool:
    """The fast pass: the subjects' distinct ids (`_all_clear`); the single elements (Ipes,
    Carrera, Alumno…) decided together, once per run for the values their checks read
    (mec_lint.fastpass)."""
    ids, texts = _plan(ctx)
    single: list[tuple[etree._Element, list[Any], list[Any]]] = []
    key: list[Any] = []
    for element_name in {**ids, **texts}:
        id_checks = ids.get(element_name, [])
        text_checks = texts.get(element_name, [])
        if _all_clear(doc, element_name, id_checks, text_checks):
            continue
        if _unknown_id(doc, element_name, id_checks):
            return False  # the detailed check reports it (no key over every subject's values)
        for element in doc.all(element_name):
            get = element.get
            single.append((element, id_checks, text_checks))
            key.append(element_name)
            key.extend(get(attribute) for attribute, _, _ in id_checks)
            key.extend(get(text) for text, _, _, _ in text_checks)
            key.extend(get(id_attribute) for _, id_attribute, _, _ in text_checks)
    return fastpass.quiet(ctx, "CAT.elements", tuple(key), _single_findings, single)


def _single_findings(
    ctx: Context, single: list[tuple[etree._Element, list[Any], list[Any]]]
) -> Iterator[Finding]:
    for element, id_checks, text_checks in single:
        yield from _element_findings(ctx, element, id_checks, text_checks)


def _element_findings(
    ctx: Context,
    element: etree._Element,
    id_checks: list[tuple[str, str, dict[str, str]]],
    text_checks: list[tuple[str, str, str, Names]],
    get: Callable[[str], str | None] | None = None,
) -> Iterator[Finding]:
    """The findings of one element; `get` reads its values (default: `element.get`)."""
    if get is None:
        get = element.get
    for attribute, catalog, entries in id_checks:
        value = get(attribute)
        if value is None or value in entries:
            continue  # absent: the schema's finding (XSD001); known: nothing to say
        yield _id_report(ctx, element, attribute, value, catalog, entries, ctx.catalogs.disputed(catalog))
    for text_attribute, id_attribute, catalog, names in text_checks:
        if get(text_attribute) is None:
            continue  # no description to compare
        finding = _text_finding(ctx, element, text_attribute, id_attribute, catalog, names)
        if finding is not None:
            yield finding


def _column_findings(
    ctx: Context,
    doc: XmlDocument,
    element_name: str,
    id_checks: list[tuple[str, str, dict[str, str]]],
    text_checks: list[tuple[str, str, str, Names]],
) -> Iterator[Finding]:
    """`_element_findings` of every `element_name` element, in the same order, each value read
    from the document's columns (`XmlDocument.values`, the same values as `element.get`)."""
    attributes = {attribute for attribute, _, _ in id_checks} | {check[0] for check in text_checks}
    columns = {attribute: doc.values(element_name, attribute) for attribute in attributes}
    for position, element in enumerate(doc.all(element_name)):
        row = {attribute: column[position] for attribute, column in columns.items()}
        yield from _element_findings(ctx, element, id_checks, text_checks, row.get)


def _all_clear(
    doc: XmlDocument,
    element_name: str,
    id_checks: list[tuple[str, str, dict[str, str]]],
    text_checks: list[tuple[str, str, str, Names]],
) -> bool:
    """True when no `element_name` element can have a finding: every id present and known, no text.

    Decided on the distinct values of each attribute (the 60 subjects share two or three)."""
    if len(doc.all(element_name)) < 2:
        return False  # one element: the plain loop is as cheap
    for attribute, _, entries in id_checks:
        if not entries.keys() >= set(doc.values(element_name, attribute)):  # None is never a key
            return False
    for text_attribute, *_ in text_checks:
        if any(value is not None for value in doc.values(element_name, text_attribute)):
            return False
    return True


def _unknown_id(
    doc: XmlDocument, element_name: str, id_checks: list[tuple[str, str, dict[str, str]]]
) -> bool:
    """True when some `element_name` element (of two or more) holds an id that is not in its
    catalog: CAT001 or CAT002 certainly reports it (decided on the distinct values)."""
    if len(doc.all(element_name)) < 2:
        return False  # one element: its values are part of the memo key
    for attribute, _, entries in id_checks:
        values = set(doc.values(element_name, attribute))
        values.discard(None)
        if not entries.keys() >= values:
            return True
    return False


Names = dict[str, set[str]]  # normalised description (or alias) -> the ids it names
IdChecks = dict[str, list[tuple[str, str, dict[str, str]]]]
TextChecks = dict[str, list[tuple[str, str, str, Names]]]

# Plans depend only on the catalogs (fixed per run) and CAT003's option: built once, not per file.
_PLANS: weakref.WeakKeyDictionary[Catalogs, dict[Any, tuple[IdChecks, TextChecks]]] = (
    weakref.WeakKeyDictionary()
)


def _plan(ctx: Context) -> tuple[IdChecks, TextChecks]:
    """Element name -> (attribute, catalog, entries) id checks and (text, id, catalog) description checks."""
    chosen = ctx.options(CAT003).get("atributos") or []
    key = tuple(str(item) for item in chosen) if isinstance(chosen, (list, tuple)) else None
    plans = _PLANS.get(ctx.catalogs)
    if plans is None:
        plans = _PLANS[ctx.catalogs] = {}
    plan = plans.get(key)
    if plan is None:
        plan = plans[key] = _build_plan(ctx.catalogs, key or ())
    return plan


def _build_plan(catalogs: Catalogs, chosen: tuple[str, ...]) -> tuple[IdChecks, TextChecks]:
    ids: IdChecks = {}
    for catalog, places in CATALOG_ATTRIBUTES.items():
        if catalog == "tipoCertificado" or not catalogs.get(catalog):
            continue  # tipoCertificado is DEC002's; an unshipped catalog has nothing to compare with
        for element_name, attribute in places:
            ids.setdefault(element_name, []).append((attribute, catalog, catalogs.get(catalog)))
    texts: TextChecks = {}
    for text_attribute in chosen:
        target = DESCRIPTIONS.get(text_attribute)
        if target is not None and catalogs.get(target[2]):
            element_name, id_attribute, catalog = target
            names = _names(catalog, catalogs.get(catalog))
            texts.setdefault(element_name, []).append((text_attribute, id_attribute, catalog, names))
    return ids, texts


def _id_report(
    ctx: Context,
    element: etree._Element,
    attribute: str,
    value: str,
    catalog: str,
    entries: dict[str, str],
    disputed: dict[str, str],
) -> Finding:
    """The finding on `value`, not an id of `catalog`: disputed (CAT002) or unknown (CAT001)."""
    if value in disputed:
        return ctx.report(
            CAT002,
            "m",
            element,
            attribute=attribute,
            value=value,
            expected=", ".join(entries),
            catalog=catalog,
            description=disputed[value],
        )
    return _unknown(ctx, element, attribute, value, catalog, entries)


def _unknown(
    ctx: Context, element: etree._Element, attribute: str, value: str, catalog: str, entries: dict[str, str]
) -> Finding:
    message_id, expected, details = _explained(value, entries)
    return ctx.report(
        CAT001,
        message_id,
        element,
        attribute=attribute,
        value=value,
        expected=expected,
        catalog=catalog,
        **details,
    )


# (id of the catalog's entries, value) -> (entries, the finding's message id, expected, details):
# a certificate repeats the same unknown id, so the valid list and the suggestion are built once.
_EXPLAINED: dict[tuple[int, str], tuple[dict[str, str], str, str, dict[str, Any]]] = {}


def _explained(value: str, entries: dict[str, str]) -> tuple[str, str, dict[str, Any]]:
    key = (id(entries), value)
    known = _EXPLAINED.get(key)
    if known is not None and known[0] is entries:
        return known[1], known[2], known[3]
    valid = _valid_list(entries)
    suggestion = _suggest(value, entries)
    if suggestion is not None:
        explained = ("suggest", suggestion, {"valid": valid, "description": entries[suggestion]})
    else:
        explained = ("empty" if not value.strip() else "unknown", ", ".join(entries), {"valid": valid})
    if len(value) <= 64:  # a catalog id is a few digits: a long value is explained, not kept
        if len(_EXPLAINED) >= 4096:
            _EXPLAINED.clear()
        _EXPLAINED[key] = (entries, *explained)
    return explained


def _suggest(value: str, entries: dict[str, str]) -> str | None:
    """The catalog id `value` most likely means: same text trimmed, or same number (9 → 09)."""
    stripped = value.strip()
    if stripped in entries:
        return stripped
    if stripped.isdigit() and len(stripped) <= 18:
        number = int(stripped)
        for key in entries:
            if key.isdigit() and int(key) == number:
                return key
    return None


def _valid_list(entries: dict[str, str]) -> str:
    if len(entries) <= _LIST_IN_FULL:
        return ", ".join(f"{key} {text}" for key, text in entries.items())
    keys = list(entries)
    return f"{keys[0]} ({entries[keys[0]]}) … {keys[-1]} ({entries[keys[-1]]})" + (
        "" if _contiguous(keys) else ": " + ", ".join(keys)
    )


def _contiguous(keys: list[str]) -> bool:
    if not all(key.isdigit() for key in keys):
        return False
    numbers = [int(key) for key in keys]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def normalise(text: str) -> str:
    """Upper case, accents stripped, punctuation as spaces, whitespace collapsed."""
    try:
        return _NORMALISED[text]
    except KeyError:
        pass
    if len(_NORMALISED) >= 4096:
        _NORMALISED.clear()
    result = _NORMALISED[text] = _normalise(text)
    return result


_NORMALISED: dict[str, str] = {}


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in bare).split())


def _text_finding(
    ctx: Context,
    element: etree._Element,
    text_attribute: str,
    id_attribute: str,
    catalog: str,
    names: Names,
) -> Finding | None:
    text = element.get(text_attribute)
    id_value = element.get(id_attribute)
    entries = ctx.catalogs.get(catalog)
    if text is None or id_value is None or id_value not in entries:
        return None  # an unknown id is CAT001's finding
    named = names.get(normalise(text))
    if not named or id_value in named or _equivalent(catalog, id_value, named):
        return None
    other_id = sorted(named)[0]
    return ctx.report(
        CAT003,
        "m",
        element,
        attribute=text_attribute,
        value=text,
        expected=entries[id_value],
        catalog=catalog,
        id_attribute=id_attribute,
        id_value=id_value,
        other_id=other_id,
        other=entries[other_id],
    )


def _names(catalog: str, entries: dict[str, str]) -> Names:
    """Normalised description (and alias) -> the ids it names."""
    names: dict[str, set[str]] = {}
    by_description: dict[str, set[str]] = {}
    for key, description in entries.items():
        normalised = normalise(description)
        names.setdefault(normalised, set()).add(key)
        by_description.setdefault(normalised, set()).add(key)
    for alias, description in ALIASES.get(catalog, {}).items():
        ids = by_description.get(normalise(description))
        if ids:
            names.setdefault(normalise(alias), set()).update(ids)
    return names


def _equivalent(catalog: str, id_value: str, named: set[str]) -> bool:
    return any(id_value in group and named & group for group in EQUIVALENT.get(catalog, ()))
