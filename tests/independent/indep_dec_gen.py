"""An independent Dec 3.0 certificate generator, written from /work/shared/spec only.

It deliberately does NOT use ``mec_lint.testing`` or ``mec_lint.cadena``: it is a second, separate
reading of dec-3.0.md (element tree §1, catalogs §2, cadena original §3, sello §4, value rules §5),
used to find false positives and false negatives of the linter.

``Cert`` holds every attribute; ``Cert.xml()`` serialises it (declaration, line endings, pretty or
minified, attribute order, schemaLocation are all options), computes the totals when asked and signs
the cadena original with a self-signed e.firma-like certificate.
"""

from __future__ import annotations

import base64
import datetime as dt
import random
import re
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, Decimal
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import quoteattr

NS = "https://www.siged.sep.gob.mx/certificados/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CURP_DICT = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
UPLOAD = dt.date(2024, 9, 1)


# --------------------------------------------------------------------------- CURP


def curp_check_digit(first17: str) -> str:
    """RENAPO check digit: dictionary value * weights 18..2, digit = (10 - sum mod 10) mod 10."""
    total = sum(CURP_DICT.index(ch) * (18 - i) for i, ch in enumerate(first17))
    return str((10 - total % 10) % 10)


def make_curp(
    initials: str,
    birth: dt.date,
    sex: str,
    state: str = "DF",
    consonants: str = "RRN",
    homo: str | None = None,
) -> str:
    """Build a valid CURP. ``homo`` (position 17) defaults to a digit for births before 2000, a letter after."""
    if homo is None:
        homo = "0" if birth.year < 2000 else "A"
    body = f"{initials}{birth:%y%m%d}{sex}{state}{consonants}{homo}"
    assert len(body) == 17, body
    return body + curp_check_digit(body)


RESP_CURP = make_curp("ROLM", dt.date(1975, 3, 12), "H", "DF", "DPR", "0")


# --------------------------------------------------------------------------- signer


@dataclass(frozen=True)
class Signer:
    key: Any
    cert_der: bytes
    serial20: str
    curp: str


@lru_cache(maxsize=8)
def make_signer(
    curp: str = RESP_CURP,
    serial20: str = "00001000000512345678",
    not_before: dt.date = dt.date(2022, 1, 10),
    not_after: dt.date = dt.date(2026, 1, 10),
    rfc: str = "ROLM750312AB1",
    key_bits: int = 2048,
    name: str = "MARIO RODRIGUEZ LOPEZ",
    not_before_at: dt.datetime | None = None,
    org_unit: str | None = None,
) -> Signer:
    """A self-signed certificate shaped like a SAT e.firma of an individual (§4.2, §4.3)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import Encoding
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=key_bits)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "MX"),
            x509.NameAttribute(NameOID.X500_UNIQUE_IDENTIFIER, rfc),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, curp),
        ]
        + ([x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, org_unit)] if org_unit else [])
    )
    issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "AC INDEPENDIENTE DE PRUEBAS")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(int.from_bytes(serial20.encode("ascii"), "big"))
        .not_valid_before(
            not_before_at or dt.datetime.combine(not_before, dt.time(0, 0), tzinfo=dt.timezone.utc)
        )
        .not_valid_after(dt.datetime.combine(not_after, dt.time(23, 59, 59), tzinfo=dt.timezone.utc))
        .sign(key, hashes.SHA256())
    )
    return Signer(key=key, cert_der=cert.public_bytes(Encoding.DER), serial20=serial20, curp=curp)


def sign(signer: Signer, cadena: str, hash_name: str = "sha256") -> str:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    algorithm = {"sha256": hashes.SHA256(), "sha1": hashes.SHA1(), "sha512": hashes.SHA512()}[hash_name]
    raw = signer.key.sign(cadena.encode("utf-8"), padding.PKCS1v15(), algorithm)
    return base64.b64encode(raw).decode("ascii")


# --------------------------------------------------------------------------- model


@dataclass
class Subject:
    id: str
    ciclo: str
    calificacion: str = "9.00"
    tipo: str = "263"
    creditos: str = "7.00"
    obs: str | None = "100"
    clave: str | None = None
    nombre: str | None = None
    obs_text: str | None = None
    tipo_text: str | None = None


def _dtm(d: dt.date) -> str:
    return f"{d:%Y-%m-%d}T00:00:00"


def fmt_grade(value: Decimal) -> str:
    """§5.2: two decimals, except a perfect 10 written `10`."""
    if value == 10:
        return "10"
    return f"{value:.2f}"


def fmt2(value: Decimal) -> str:
    return f"{value:.2f}"


def default_subjects(
    n: int = 6, per_year: int = 3, start_year: int = 2019, per_cycle: int = 2
) -> list[Subject]:
    out = []
    grades = ["9.00", "10", "8.00", "7.50", "9.60", "6.00", "8.70"]
    for i in range(n):
        c = i // per_cycle
        year, period = start_year + c // per_year, c % per_year + 1
        out.append(
            Subject(id=str(1010101 + i), ciclo=f"{year}-{period}", calificacion=grades[i % len(grades)])
        )
    return out


@dataclass
class Cert:
    # Dec
    version: str = "3.0"
    tipo_certificado: str = "5"
    folio_control: str | None = "UEC-2024-000123"
    # ServicioFirmante / Ipes
    id_entidad: str | None = None  # None: same as id_institucion
    servicio_firmante: bool = True
    id_institucion: str = "20871"
    nombre_institucion: str | None = "UNIVERSIDAD EJEMPLO DEL CENTRO"
    id_campus: str = "090872"
    campus: str | None = "ÚNICO"
    id_entidad_federativa: str = "09"
    entidad_federativa: str | None = "CIUDAD DE MÉXICO"
    # Responsable
    resp_curp: str = field(default_factory=lambda: RESP_CURP)
    resp_nombre: str = "MARIO"
    resp_ap1: str = "RODRÍGUEZ"
    resp_ap2: str | None = "LÓPEZ"
    id_cargo: str = "3"
    cargo: str | None = "RECTOR"
    # Rvoe
    rvoe_numero: str = "20181234"
    rvoe_fecha: str = "2018-06-15T00:00:00"
    # Carrera
    id_carrera: str = "101"
    clave_carrera: str | None = "LAE-18"
    nombre_carrera: str | None = "LICENCIATURA EN ADMINISTRACIÓN"
    id_tipo_periodo: str = "93"
    tipo_periodo: str | None = "CUATRIMESTRE"
    clave_plan: str = "2018"
    id_nivel: str = "81"
    nivel: str | None = "LICENCIATURA"
    cal_min: str = "5"
    cal_max: str = "10"
    cal_min_aprob: str = "6.00"
    # Alumno
    numero_control: str = "A2019-0457"
    alumno_curp: str | None = None  # None: computed from the fields below
    alumno_nombre: str = "ANA"
    alumno_ap1: str = "GARCÍA"
    alumno_ap2: str | None = "PÉREZ"
    id_genero: str = "250"
    nacimiento: dt.date = dt.date(2001, 5, 23)
    curp_state: str = "DF"
    fecha_nacimiento: str | None = None  # None: from ``nacimiento``
    # Expedicion
    id_tipo_certificacion: str = "79"
    tipo_certificacion: str | None = "TOTAL"
    fecha: dt.date = dt.date(2024, 8, 20)
    fecha_text: str | None = None
    id_lugar: str = "09"
    lugar: str | None = "CIUDAD DE MÉXICO"
    # Asignaturas (None: computed from the subjects)
    subjects: list[Subject] = field(default_factory=default_subjects)
    total: str | None = None
    asignadas: str | None = None
    promedio: str | None = None
    promedio_round: bool = False  # True: rounded instead of truncated (also accepted)
    total_creditos: str | None = None
    creditos_obtenidos: str | None = None
    numero_ciclos: str | None = None
    extra_plan_subjects: int = 0  # partial certificates: subjects/credits of the plan not yet passed
    extra_plan_credits: Decimal = Decimal("0")
    # descriptive texts of subjects
    subject_texts: bool = True
    # extra attributes {element: {attr: value}} to inject (mutations)
    extra: dict[str, dict[str, str]] = field(default_factory=dict)
    drop: dict[str, set[str]] = field(default_factory=dict)
    # serialisation
    decl: str = "standalone"  # standalone | plain | none | single
    newline: str = "\n"
    pretty: bool = True
    shuffle_seed: int | None = None
    schema_location: bool = False
    comment: str | None = None  # an XML comment between the declaration and the root
    bom: bool = False
    indent: str = "  "
    close_tags: bool = False  # <X ...></X> instead of <X .../>
    attr_per_line: bool = False  # each attribute on its own line
    quote: str = '"'  # or "'"
    prefix: str | None = None  # e.g. "cert": <cert:Dec xmlns:cert="...">
    charrefs: bool = False  # non-ASCII characters written as &#NNN;
    include_id_entidad_in_cadena: bool = True
    cadena_mode: str = "trim"  # trim (most sources) | normalize (XPath normalize-space, [IDEE]) | raw
    # signing
    signer: Signer | None = None  # None: default signer
    sign_override: str | None = None
    hash_name: str = "sha256"
    cert_override: str | None = None
    no_cert_override: str | None = None
    cadena_override: str | None = None

    def copy(self, **changes: Any) -> Cert:
        return replace(self, **changes)

    # ------------------------------------------------------------------ derived values
    def curp_alumno(self) -> str:
        if self.alumno_curp is not None:
            return self.alumno_curp
        sex = "M" if self.id_genero == "250" else "H"
        return make_curp("GAPA", self.nacimiento, sex, self.curp_state)

    def counted(self) -> list[Subject]:
        return [s for s in self.subjects if s.tipo != "266"]

    def totals(self) -> dict[str, str]:
        counted = self.counted()
        numeric = [Decimal(s.calificacion) for s in counted if _is_number(s.calificacion)]
        if numeric:
            mean = sum(numeric) / len(numeric)
            if self.promedio_round:
                from decimal import ROUND_HALF_UP

                avg = mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            else:
                avg = mean.quantize(Decimal("0.01"), rounding=ROUND_DOWN)
            prom = "10" if avg == 10 else f"{avg:.2f}"
        else:
            prom = "0.00"
        credits = sum((Decimal(s.creditos) for s in counted), Decimal("0"))
        return {
            "total": self.total or str(len(counted) + self.extra_plan_subjects),
            "asignadas": self.asignadas or str(len(counted)),
            "promedio": self.promedio or prom,
            "totalCreditos": self.total_creditos or fmt2(credits + self.extra_plan_credits),
            "creditosObtenidos": self.creditos_obtenidos or fmt2(credits),
            "numeroCiclos": self.numero_ciclos or str(len({s.ciclo for s in self.subjects})),
        }

    # ------------------------------------------------------------------ tree
    def elements(self) -> list[tuple[str, list[tuple[str, str]], list[Any]]]:
        """(name, attributes, children) with optional attributes left out when None."""

        def attrs(name: str, pairs: list[tuple[str, str | None]]) -> list[tuple[str, str]]:
            dropped = self.drop.get(name, set())
            out = [(k, v) for k, v in pairs if v is not None and k not in dropped]
            out += list(self.extra.get(name, {}).items())
            return out

        t = self.totals()
        resp = (
            "Responsable",
            attrs(
                "Responsable",
                [
                    ("curp", self.resp_curp),
                    ("nombre", self.resp_nombre),
                    ("primerApellido", self.resp_ap1),
                    ("segundoApellido", self.resp_ap2),
                    ("idCargo", self.id_cargo),
                    ("cargo", self.cargo),
                ],
            ),
            [],
        )
        subjects = []
        for s in self.subjects:
            texts = self.subject_texts
            subjects.append(
                (
                    "Asignatura",
                    attrs(
                        "Asignatura",
                        [
                            ("idAsignatura", s.id),
                            ("claveAsignatura", s.clave if texts else None),
                            ("nombre", s.nombre if texts else None),
                            ("ciclo", s.ciclo),
                            ("calificacion", s.calificacion),
                            ("idObservaciones", s.obs),
                            ("observaciones", s.obs_text if texts else None),
                            ("idTipoAsignatura", s.tipo),
                            ("tipoAsignatura", s.tipo_text if texts else None),
                            ("creditos", s.creditos),
                        ],
                    ),
                    [],
                )
            )
        children: list[Any] = []
        if self.servicio_firmante:
            children.append(
                (
                    "ServicioFirmante",
                    attrs("ServicioFirmante", [("idEntidad", self.id_entidad or self.id_institucion)]),
                    [],
                )
            )
        children += [
            (
                "Ipes",
                attrs(
                    "Ipes",
                    [
                        ("idNombreInstitucion", self.id_institucion),
                        ("nombreInstitucion", self.nombre_institucion),
                        ("idCampus", self.id_campus),
                        ("campus", self.campus),
                        ("idEntidadFederativa", self.id_entidad_federativa),
                        ("entidadFederativa", self.entidad_federativa),
                    ],
                ),
                [resp],
            ),
            ("Rvoe", attrs("Rvoe", [("numero", self.rvoe_numero), ("fechaExpedicion", self.rvoe_fecha)]), []),
            (
                "Carrera",
                attrs(
                    "Carrera",
                    [
                        ("idCarrera", self.id_carrera),
                        ("claveCarrera", self.clave_carrera),
                        ("nombreCarrera", self.nombre_carrera),
                        ("idTipoPeriodo", self.id_tipo_periodo),
                        ("tipoPeriodo", self.tipo_periodo),
                        ("clavePlan", self.clave_plan),
                        ("idNivelEstudios", self.id_nivel),
                        ("nivelEstudios", self.nivel),
                        ("calificacionMinima", self.cal_min),
                        ("calificacionMaxima", self.cal_max),
                        ("calificacionMinimaAprobatoria", self.cal_min_aprob),
                    ],
                ),
                [],
            ),
            (
                "Alumno",
                attrs(
                    "Alumno",
                    [
                        ("numeroControl", self.numero_control),
                        ("curp", self.curp_alumno()),
                        ("nombre", self.alumno_nombre),
                        ("primerApellido", self.alumno_ap1),
                        ("segundoApellido", self.alumno_ap2),
                        ("idGenero", self.id_genero),
                        ("fechaNacimiento", self.fecha_nacimiento or _dtm(self.nacimiento)),
                    ],
                ),
                [],
            ),
            (
                "Expedicion",
                attrs(
                    "Expedicion",
                    [
                        ("idTipoCertificacion", self.id_tipo_certificacion),
                        ("tipoCertificacion", self.tipo_certificacion),
                        ("fecha", self.fecha_text or _dtm(self.fecha)),
                        ("idLugarExpedicion", self.id_lugar),
                        ("lugarExpedicion", self.lugar),
                    ],
                ),
                [],
            ),
            (
                "Asignaturas",
                attrs(
                    "Asignaturas",
                    [
                        ("total", t["total"]),
                        ("asignadas", t["asignadas"]),
                        ("promedio", t["promedio"]),
                        ("totalCreditos", t["totalCreditos"]),
                        ("creditosObtenidos", t["creditosObtenidos"]),
                        ("numeroCiclos", t["numeroCiclos"]),
                    ],
                ),
                subjects,
            ),
        ]
        return children

    # ------------------------------------------------------------------ cadena (§3)
    def cadena(self) -> str:
        if self.cadena_override is not None:
            return self.cadena_override
        values: dict[str, dict[str, str]] = {}
        for name, attributes, kids in self.elements():
            values[name] = dict(attributes)
            for kid_name, kid_attrs, _ in kids:
                if kid_name == "Responsable":
                    values[kid_name] = dict(kid_attrs)
        ipes, resp, rvoe, car, alu, exp, asg = (
            values["Ipes"],
            values["Responsable"],
            values["Rvoe"],
            values["Carrera"],
            values["Alumno"],
            values["Expedicion"],
            values["Asignaturas"],
        )
        fields = [self.version, self.tipo_certificado]
        if self.include_id_entidad_in_cadena:
            fields.append(values.get("ServicioFirmante", {}).get("idEntidad", ""))
        fields += [
            ipes.get("idNombreInstitucion", ""),
            ipes.get("idCampus", ""),
            ipes.get("idEntidadFederativa", ""),
        ]
        fields += [resp.get("curp", ""), resp.get("idCargo", "")]
        fields += [rvoe.get("numero", ""), rvoe.get("fechaExpedicion", "")]
        fields += [
            car.get(k, "")
            for k in (
                "idCarrera",
                "idTipoPeriodo",
                "clavePlan",
                "idNivelEstudios",
                "calificacionMinima",
                "calificacionMaxima",
                "calificacionMinimaAprobatoria",
            )
        ]
        fields += [
            alu.get(k, "")
            for k in (
                "numeroControl",
                "curp",
                "nombre",
                "primerApellido",
                "segundoApellido",
                "idGenero",
                "fechaNacimiento",
            )
        ]
        fields += [exp.get(k, "") for k in ("idTipoCertificacion", "fecha", "idLugarExpedicion")]
        fields += [
            asg.get(k, "")
            for k in ("total", "asignadas", "promedio", "totalCreditos", "creditosObtenidos", "numeroCiclos")
        ]
        fixed = len(fields)
        assert fixed == (33 if self.include_id_entidad_in_cadena else 32), fixed
        for _name, attributes, _ in self.elements()[-1][2]:
            a = dict(attributes)
            fields += [
                a.get(k, "")
                for k in ("idAsignatura", "ciclo", "calificacion", "idTipoAsignatura", "creditos")
            ]
        if self.cadena_mode == "normalize":
            fields = [re.sub(r"[ \t\r\n]+", " ", f).strip() for f in fields]
        elif self.cadena_mode == "trim":
            fields = [f.strip(" \t\r\n") for f in fields]
        return "||" + "|".join(fields) + "||"

    # ------------------------------------------------------------------ XML
    def xml(self) -> bytes:
        signer = self.signer if self.signer is not None else make_signer(curp=self.resp_curp)
        sello = (
            self.sign_override
            if self.sign_override is not None
            else sign(signer, self.cadena(), self.hash_name)
        )
        cert = (
            self.cert_override
            if self.cert_override is not None
            else base64.b64encode(signer.cert_der).decode()
        )
        no_cert = self.no_cert_override if self.no_cert_override is not None else signer.serial20
        root_attrs: list[tuple[str, str]] = [(f"xmlns:{self.prefix}" if self.prefix else "xmlns", NS)]
        if self.schema_location:
            root_attrs += [("xmlns:xsi", XSI), ("xsi:schemaLocation", f"{NS} IPESCertificado3_0.xsd")]
        dec_pairs: list[tuple[str, str | None]] = [
            ("version", self.version),
            ("tipoCertificado", self.tipo_certificado),
            ("folioControl", self.folio_control),
            ("sello", sello),
            ("certificadoResponsable", cert),
            ("noCertificadoResponsable", no_cert),
        ]
        dropped = self.drop.get("Dec", set())
        root_attrs += [(k, v) for k, v in dec_pairs if v is not None and k not in dropped]
        root_attrs += list(self.extra.get("Dec", {}).items())
        rng = random.Random(self.shuffle_seed) if self.shuffle_seed is not None else None
        nl = self.newline if self.pretty else ""

        def value(v: str) -> str:
            if self.quote == "'":
                out = v.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;")
                out = f"'{out}'"
            else:
                out = quoteattr(v)
            if self.charrefs:
                out = "".join(ch if ord(ch) < 128 else f"&#{ord(ch)};" for ch in out)
            return out

        def render_attrs(pairs: list[tuple[str, str]], depth: int = 0) -> str:
            pairs = list(pairs)
            if rng is not None:
                rng.shuffle(pairs)
            if self.attr_per_line and self.pretty:
                pad = self.newline + self.indent * (depth + 2)
                return "".join(f"{pad}{k}={value(v)}" for k, v in pairs)
            return "".join(f" {k}={value(v)}" for k, v in pairs)

        pre = f"{self.prefix}:" if self.prefix else ""

        def render(node: Any, depth: int) -> str:
            name, attributes, kids = node
            indent = self.indent * depth if self.pretty else ""
            if not kids:
                if self.close_tags:
                    return f"{indent}<{pre}{name}{render_attrs(attributes, depth)}></{pre}{name}>{nl}"
                return f"{indent}<{pre}{name}{render_attrs(attributes, depth)}/>{nl}"
            inner = "".join(render(k, depth + 1) for k in kids)
            return (
                f"{indent}<{pre}{name}{render_attrs(attributes, depth)}>{nl}{inner}{indent}</{pre}{name}>{nl}"
            )

        body = f"<!--{self.comment}-->{nl}" if self.comment is not None else ""
        body += f"<{pre}Dec{render_attrs(root_attrs)}>{nl}"
        body += "".join(render(c, 1) for c in self.elements())
        body += f"</{pre}Dec>" + (self.newline if self.pretty else "")
        decl = {
            "standalone": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
            "plain": '<?xml version="1.0" encoding="UTF-8"?>',
            "single": "<?xml version='1.0' encoding='utf-8'?>",
            "none": "",
        }[self.decl]
        sep = self.newline if decl and (self.pretty or self.newline) else ""
        text = (decl + sep if decl else "") + body
        if self.newline != "\n":
            text = text.replace("\r\n", "\n").replace("\n", self.newline)
        return (b"\xef\xbb\xbf" if self.bom else b"") + text.encode("utf-8")


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except Exception:
        return False
    return text.replace(".", "", 1).isdigit()


def seq_cycles(n: int, per_year: int, start_year: int = 2019, per_cycle: int = 1) -> list[str]:
    out = []
    for i in range(n):
        c = i // per_cycle
        out.append(f"{start_year + c // per_year}-{c % per_year + 1}")
    return out
