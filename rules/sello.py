"""SEL001–SEL011: the sello, the signer's e.firma certificate and its number, checked offline.

The steps follow CfdiUtils' SELLO01–08 (anchors.md §2.5) and the order of issue #3, each with its
own code so the user learns which step failed; a step that fails (an error as the run reports it)
skips the later ones, so a file shows its first seal problem, not a cascade:

1. SEL001 the certificate can be read.
2. SEL002 the certificate number.
3. SEL003 validity on the issue date, SEL004 validity around the upload date.
4. SEL005 the holder's CURP.
5. SEL006 the sello is base64 of the key's length; then SEL007 the sello verifies over the cadena
   original, or SEL008 instead when it verifies over the other idEntidad variant (§3.3).
6. SEL009 CSD-like certificate, SEL010 key size (warnings).
SEL011 (the campus's registered signer) is reported whenever the certificate can be read.

A document whose `certificadoResponsable` and `sello` are both empty or placeholders is "not
signed yet" (the two-step flow of dec-3.0.md §4.1): silent unless SEL001's `require_signature`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Iterator
from typing import Any

from mec_lint import cadena, fastpass
from mec_lint import option_checks as checks
from mec_lint.certificate import CertInfo, CertProblem, load_certificate, short, strict_b64, whitespace_detail
from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.lazy_re import lazy
from mec_lint.rule import Option, Rule, Scope
from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML
NEEDS_VALID_SCHEMA = True
ORDER = 200  # the most expensive checks run after the cheap ones

SPEC_CERT = "dec-3.0.md §1.1 y §4.2 (certificadoResponsable: Base64 del .cer DER en una línea)"
SPEC_NUMBER = "dec-3.0.md §4.3 (noCertificadoResponsable: el número de serie leído como 20 dígitos ASCII)"
SPEC_VALIDITY = "dec-3.0.md §4.2 (certificado vigente en la fecha de expedición)"
SPEC_UPLOAD = "mec-faq.txt (¿Qué debo hacer si venció la E.FIRMA…?); spec README regla 10"
SPEC_CURP = "dec-3.0.md §1.4, §4.2 y §5.6 (serialNumber del certificado = CURP del responsable)"
SPEC_SELLO = "dec-3.0.md §4.1 (RSA PKCS#1 v1.5, SHA-256, Base64 en una línea) y §1.1 (sello: 344 caracteres con RSA-2048)"
SPEC_VERIFY = "dec-3.0.md §3 (cadena original) y §4.1 (algoritmo del sello)"
SPEC_VARIANT = "dec-3.0.md §3.3 (¿ServicioFirmante/@idEntidad va en la cadena?)"
SPEC_CSD = "dec-3.0.md §4.2 (la llave es la e.firma del responsable, no un CSD)"
SPEC_SIGNERS = "mec-faq.txt (un firmante por campus; cambio de firmante); dec-3.0.md §1.4"

MEXICO_OFFSET = dt.timedelta(hours=-6)  # Mexico City, no daylight saving since 2022

SEL001 = Rule(
    code="SEL001",
    name="certificado-legible",
    severity=Severity.ERROR,
    summary={
        "es": "certificadoResponsable es el .cer (DER) en Base64 de una sola línea",
        "en": "certificadoResponsable is the .cer (DER) in single-line Base64",
    },
    messages={
        "unsigned": {
            "es": "El documento no está firmado: sello y certificadoResponsable están vacíos o tienen valores "
            "provisionales. Fírmelo con la e.firma del responsable antes de cargarlo.",
            "en": "The document is not signed: sello and certificadoResponsable are empty or hold placeholders. "
            "Sign it with the signer's e.firma before uploading.",
        },
        "placeholder": {
            "es": 'certificadoResponsable="{value}" es un valor provisional o recortado, no el certificado; '
            "se espera el Base64 completo del .cer de la e.firma (más de mil caracteres, empieza con «MII»).",
            "en": 'certificadoResponsable="{value}" is a placeholder or a cut value, not the certificate; '
            "expected the full Base64 of the e.firma .cer (over a thousand characters, starts with «MII»).",
        },
        "missing": {
            "es": "certificadoResponsable está vacío pero el documento tiene sello: sin el certificado no se "
            "puede verificar. Se espera el Base64 del archivo .cer de la e.firma (empieza con «MII»).",
            "en": "certificadoResponsable is empty but the document has a sello; expected the Base64 of "
            "the e.firma .cer file (it starts with «MII»).",
        },
        "pem": {
            "es": "certificadoResponsable trae el formato PEM («{value}»): quite las líneas -----BEGIN/END "
            "CERTIFICATE----- y los saltos de línea; se espera sólo el Base64 del .cer en una línea "
            "(empieza con «MII»).",
            "en": "certificadoResponsable is in PEM form («{value}»): remove the -----BEGIN/END "
            "CERTIFICATE----- lines and line breaks; expected only the single-line Base64 of the .cer (it "
            "starts with «MII»).",
        },
        "pem_text": {
            "es": "certificadoResponsable es el Base64 del TEXTO PEM (empieza con «{value}», que decodifica "
            "a «-----BEGIN…»), no del .cer binario: se codificó dos veces. Codifique en Base64 los bytes "
            "DER del .cer (el resultado empieza con «MII»).",
            "en": "certificadoResponsable is the Base64 of the PEM TEXT (it starts with «{value}», which decodes "
            "to «-----BEGIN…»), not of the binary .cer: it was encoded twice. Base64-encode the DER bytes of "
            "the .cer (the result starts with «MII»).",
        },
        "whitespace": {
            "es": "certificadoResponsable contiene espacios o saltos de línea ({detail}); se espera el Base64 "
            "en una sola línea, sin espacios.",
            "en": "certificadoResponsable contains spaces or line breaks ({detail}); expected single-line "
            "Base64 without spaces.",
        },
        "not_base64": {
            "es": "certificadoResponsable no es Base64 válido («{value}»: {detail}); se espera el Base64 del "
            "archivo .cer de la e.firma (empieza con «MII»).",
            "en": "certificadoResponsable is not valid Base64 («{value}»: {detail}); expected the Base64 "
            "of the e.firma .cer file (starts with «MII»).",
        },
        "not_certificate": {
            "es": "certificadoResponsable es Base64, pero lo decodificado ({detail}) no es un certificado "
            "X.509 (.cer en DER). Use el archivo .cer que entregó el SAT, no el .key ni otro archivo.",
            "en": "certificadoResponsable is Base64, but its content ({detail}) is not an X.509 "
            "certificate (DER .cer). Use the .cer file issued by the SAT, not the .key or another file.",
        },
        "not_rsa": {
            "es": "El certificado tiene una llave {detail}, no RSA; el sello del MEC es RSA con SHA-256 y la "
            "e.firma del SAT usa llaves RSA.",
            "en": "The certificate has a {detail} key, not RSA; the MEC sello is RSA with SHA-256 and SAT e.firma "
            "certificates use RSA keys.",
        },
    },
    why="Sin el certificado de la e.firma en el formato correcto el MEC no puede verificar el sello ni "
    "saber quién firmó; el certificado electrónico se rechaza.",
    fail_example='<Dec … certificadoResponsable="-----BEGIN CERTIFICATE-----&#10;MIIGQzCC…">',
    pass_example='<Dec … certificadoResponsable="MIIGQzCCBCugAwIBAgIUMDAwMDEw…">',
    spec=SPEC_CERT,
    options={
        "require_signature": Option(
            bool,
            False,
            "Si es true, un documento sin firmar (sello y certificadoResponsable vacíos) es un error.",
        )
    },
    fix="Lea el archivo .cer de la e.firma como bytes y codifíquelos en Base64 sin saltos de línea.",
)

SEL002 = Rule(
    code="SEL002",
    name="numero-certificado",
    severity=Severity.ERROR,
    summary={
        "es": "noCertificadoResponsable es el número de serie del certificado (20 dígitos)",
        "en": "noCertificadoResponsable is the certificate serial number (20 digits)",
    },
    messages={
        "mismatch": {
            "es": 'noCertificadoResponsable="{value}" no corresponde al certificado de certificadoResponsable, '
            "cuyo número es {expected}.",
            "en": 'noCertificadoResponsable="{value}" does not match the certificate in '
            "certificadoResponsable, whose number is {expected}.",
        },
        "spaces": {
            "es": 'noCertificadoResponsable="{value}" tiene espacios; se espera exactamente "{expected}".',
            "en": 'noCertificadoResponsable="{value}" has spaces; expected exactly "{expected}".',
        },
        "hex": {
            "es": 'noCertificadoResponsable="{value}" es el número de serie en hexadecimal; el MEC espera la '
            'lectura ASCII de esos bytes, 20 dígitos: "{expected}" (tome un carácter sí y uno no del '
            "hexadecimal: 3030303031… → 00001…).",
            "en": 'noCertificadoResponsable="{value}" is the hexadecimal serial; the MEC expects its ASCII '
            'reading, 20 digits: "{expected}" (take every other character of the hexadecimal: 3030303031… → '
            "00001…).",
        },
        "decimal": {
            "es": 'noCertificadoResponsable="{value}" es el número de serie como entero decimal; el MEC espera '
            'la lectura ASCII de sus bytes, 20 dígitos: "{expected}".',
            "en": 'noCertificadoResponsable="{value}" is the serial as a decimal integer; the MEC expects '
            'the ASCII reading of its bytes, 20 digits: "{expected}".',
        },
        "not_sat": {
            "es": "El número de serie del certificado ({detail} en hexadecimal) no son dígitos ASCII como en "
            'los certificados del SAT, así que no hay un noCertificadoResponsable válido para "{value}": '
            "¿es un certificado de la e.firma del SAT?",
            "en": "The certificate serial ({detail} in hex) is not ASCII digits as in SAT certificates, so "
            'no noCertificadoResponsable fits "{value}": is it a SAT e.firma certificate?',
        },
    },
    why="El MEC busca el certificado registrado del firmante por su número; un número que no corresponde "
    "al certificado incluido hace que se rechace el documento.",
    fail_example='noCertificadoResponsable="3030303031303030303030353132333435363738"',
    pass_example='noCertificadoResponsable="00001000000512345678"',
    spec=SPEC_NUMBER,
    fix="Tome el número de serie del .cer y decodifique sus bytes como texto ASCII (20 dígitos).",
)

SEL003 = Rule(
    code="SEL003",
    name="certificado-vigente-al-expedir",
    severity=Severity.ERROR,
    summary={
        "es": "El certificado estaba vigente en la fecha de expedición",
        "en": "The certificate was valid on the issue date",
    },
    messages={
        "expired": {
            "es": "La e.firma ya había vencido en la fecha de expedición {issued}: fue válida del {not_before} "
            "al {not_after}. Firme con la e.firma vigente (y registre su .CER en el MEC).",
            "en": "The e.firma had expired on the issue date {issued}: it was valid from {not_before} to "
            "{not_after}. Sign with the current e.firma (and register its .CER with the MEC).",
        },
        "not_yet": {
            "es": "La e.firma aún no era válida en la fecha de expedición {issued}: es válida desde el "
            "{not_before} (hasta el {not_after}). Revise Expedicion/@fecha o firme con la e.firma anterior.",
            "en": "The e.firma was not yet valid on the issue date {issued}: it is valid from {not_before} "
            "(to {not_after}). Check Expedicion/@fecha or sign with the previous e.firma.",
        },
    },
    why="Un documento firmado con una e.firma que no estaba vigente en su fecha de expedición no es válido.",
    fail_example='<Expedicion fecha="2024-08-20T00:00:00" …/> con una e.firma vencida el 2024-06-30',
    pass_example='<Expedicion fecha="2024-08-20T00:00:00" …/> con una e.firma vigente hasta 2027',
    spec=SPEC_VALIDITY,
    fix="Firme con la e.firma vigente del responsable.",
)

SEL004 = Rule(
    code="SEL004",
    name="certificado-vigente-al-cargar",
    severity=Severity.WARNING,
    summary={
        "es": "La e.firma sigue vigente en la fecha de carga (error si ya venció; advertencia si vence pronto)",
        "en": "The e.firma is still valid on the upload date (error if expired; warning if it expires soon)",
    },
    messages={
        "expired": {
            "es": "La e.firma del responsable venció el {not_after}, antes de la fecha de carga {upload}. "
            "Según la FAQ del MEC: envíe el .CER de la e.firma renovada a actualizacionesmec@nube.sep.gob.mx "
            "y no cargue XML hasta que le confirmen la actualización; luego vuelva a firmar con la nueva.",
            "en": "The signer's e.firma expired on {not_after}, before the upload date {upload}. Per the MEC "
            "FAQ: send the .CER of the renewed e.firma to actualizacionesmec@nube.sep.gob.mx and do not upload "
            "XML files until the update is confirmed; then sign again with the new one.",
        },
        "soon": {
            "es": "La e.firma del responsable vence el {not_after}, {days} {days|día|días} después de la fecha de carga "
            "{upload}. Renueve la e.firma y registre el nuevo .CER en el MEC a tiempo.",
            "en": "The signer's e.firma expires on {not_after}, {days} {days|day|days} after the upload date {upload}. "
            "Renew it and register the new .CER with the MEC in time.",
        },
    },
    why="La FAQ del MEC pide una e.firma vigente: si venció hay que registrar el .CER renovado antes de "
    "cargar. Una e.firma vencida en la fecha de carga es un error (el MEC no la acepta); una que vence "
    "pronto es una advertencia.",
    fail_example="e.firma que vence el 2024-09-15, carga el 2024-09-01",
    pass_example="e.firma que vence el 2027-01-01, carga el 2024-09-01",
    spec=SPEC_UPLOAD,
    options={
        "days": Option(
            int,
            30,
            "Avisar cuando la e.firma vence en este número de días o menos después de la carga.",
            check=checks.integer_at_least(0),
        )
    },
    fix="Renueve la e.firma en el SAT y envíe el nuevo .CER al MEC antes de cargar.",
)

SEL005 = Rule(
    code="SEL005",
    name="curp-del-certificado",
    severity=Severity.ERROR,
    summary={
        "es": "La CURP del certificado es la de Responsable/@curp",
        "en": "The certificate's CURP is Responsable/@curp",
    },
    messages={
        "mismatch": {
            "es": 'Responsable/@curp="{value}", pero la e.firma es de la CURP {expected} (serialNumber del '
            "certificado: «{serial}»). El certificado debe ser del responsable de expedición registrado.",
            "en": 'Responsable/@curp="{value}", but the e.firma belongs to CURP {expected} (certificate '
            "serialNumber «{serial}»). The certificate must belong to the registered signer (responsable de "
            "expedición).",
        },
        "no_curp": {
            "es": "El certificado no trae una CURP en su serialNumber («{serial}»), así que no se puede "
            'comparar con Responsable/@curp="{value}". La e.firma de una persona física lleva su CURP; '
            "¿es un certificado de empresa o de otro tipo?",
            "en": "The certificate has no CURP in its serialNumber («{serial}»), so it cannot match "
            'Responsable/@curp="{value}". An individual\'s e.firma carries the CURP; is it a company '
            "certificate or another kind?",
        },
    },
    why="El MEC verifica que la e.firma sea de la persona registrada como responsable: la CURP del "
    "certificado (serialNumber, OID 2.5.4.5) debe ser Responsable/@curp.",
    fail_example='<Responsable curp="ROLM750312HDFDPR01" …/> con la e.firma de SAVE680904MJCNRL02',
    pass_example='<Responsable curp="ROLM750312HDFDPR01" …/> con la e.firma de ROLM750312HDFDPR01',
    spec=SPEC_CURP,
    fix="Use la e.firma del responsable registrado o corrija Responsable/@curp y vuelva a firmar.",
)

SEL006 = Rule(
    code="SEL006",
    name="sello-base64",
    severity=Severity.ERROR,
    summary={
        "es": "El sello es Base64 de una línea con el largo de la llave",
        "en": "The sello is single-line Base64 of the key's length",
    },
    messages={
        "empty": {
            "es": "El atributo sello está vacío; se espera la firma en Base64 ({chars} caracteres con esta "
            "llave de {bits} bits).",
            "en": "The sello attribute is empty; expected the Base64 signature ({chars} characters with "
            "this {bits}-bit key).",
        },
        "placeholder": {
            "es": 'sello="{value}" es un marcador provisional (como el «x» de algunos sistemas que firman '
            "en un segundo paso): el documento no se firmó. Sustitúyalo por la firma en Base64 "
            "({chars} caracteres) antes de cargar.",
            "en": 'sello="{value}" is a placeholder (like the «x» of two-step signing systems): the document '
            "was not signed. Replace it with the Base64 signature ({chars} characters) before uploading.",
        },
        "whitespace": {
            "es": "El sello contiene espacios o saltos de línea ({detail}); se espera Base64 en una sola línea.",
            "en": "The sello contains spaces or line breaks ({detail}); expected single-line Base64.",
        },
        "not_base64": {
            "es": "El sello no es Base64 válido («{value}»: {detail}).",
            "en": "The sello is not valid Base64 («{value}»: {detail}).",
        },
        "length": {
            "es": "El sello decodifica a {found_bytes} bytes ({found_chars} caracteres); una firma con esta "
            "llave RSA de {bits} bits mide {bytes} bytes ({chars} caracteres en Base64). ¿Está truncado "
            "o se firmó con otra llave?",
            "en": "The sello decodes to {found_bytes} bytes ({found_chars} characters); a signature with "
            "this {bits}-bit RSA key is {bytes} bytes ({chars} Base64 characters). Is it truncated, or was "
            "it signed with another key?",
        },
    },
    why="El sello es la firma RSA en Base64: con una llave de 2048 bits mide 256 bytes, 344 caracteres. "
    "Otro largo o caracteres fuera de Base64 hacen imposible verificarlo.",
    fail_example='<Dec … sello="x">',
    pass_example='<Dec … sello="kX3d…==">  (344 caracteres)',
    spec=SPEC_SELLO,
    fix="Firme la cadena original y escriba el resultado en Base64 sin saltos de línea.",
)

SEL007 = Rule(
    code="SEL007",
    name="sello-valido",
    severity=Severity.ERROR,
    summary={
        "es": "El sello verifica con el certificado sobre la cadena original",
        "en": "The sello verifies with the certificate over the cadena original",
    },
    messages={
        "digest": {
            "es": "El sello no corresponde a la cadena original del documento: algún dato firmado cambió "
            "después de firmar, o su sistema arma la cadena de otra forma (orden, formato de números, "
            "espacios). Cadena verificada ({variant}, {fields} campos): «{head}…{tail}». Compárela con la "
            "de su sistema: mec-lint cadena {file}",
            "en": "The sello does not match the document's cadena original: a signed value changed after "
            "signing, or your system builds the cadena differently. Verified cadena ({variant}, {fields} "
            "fields): «{head}…{tail}». Compare with yours: mec-lint cadena {file}",
        },
        "key_mismatch": {
            "es": "El sello no se generó con la llave de este certificado (noCertificado {number}): se firmó "
            "con otra e.firma (.key de otro .cer) o el sello está dañado. Firme con el .key que corresponde "
            "al .cer de certificadoResponsable.",
            "en": "The sello was not made with this certificate's key (certificate {number}): it was "
            "signed with another e.firma (.key of another .cer) or it is damaged. Sign with the .key that "
            "matches the .cer in certificadoResponsable.",
        },
        "sha1": {
            "es": "El sello se generó con SHA-1 sobre la cadena ({variant}); el MEC usa SHA-256 "
            "(SHA256withRSA / OPENSSL_ALGO_SHA256). Vuelva a firmar con SHA-256.",
            "en": "The sello was made with SHA-1 over the cadena ({variant}); the MEC uses SHA-256 "
            "(SHA256withRSA / OPENSSL_ALGO_SHA256). Sign again with SHA-256.",
        },
        "sha1_other": {
            "es": "El sello se generó con SHA-1 y sobre otra cadena; el MEC usa SHA-256 (SHA256withRSA). "
            "Vuelva a firmar con SHA-256 y revise la cadena: mec-lint cadena {file}",
            "en": "The sello was made with SHA-1 and over another cadena; the MEC uses SHA-256 (SHA256withRSA). "
            "Sign again with SHA-256 and check the cadena: mec-lint cadena {file}",
        },
        "algorithm": {
            "es": "El sello no se generó con SHA-256 (el resumen firmado es de otro algoritmo: {detail}); el "
            "MEC usa RSA PKCS#1 v1.5 con SHA-256.",
            "en": "The sello was not made with SHA-256 (signed digest: {detail}); the MEC uses RSA PKCS#1 "
            "v1.5 with SHA-256.",
        },
    },
    why="El MEC recalcula la cadena original y verifica el sello con el certificado; si no coincide, el "
    "certificado electrónico se rechaza y se pierde un intento del folio.",
    fail_example='<Asignatura … calificacion="10" …/> cambiada de 9.00 después de firmar',
    pass_example="El documento tal como se firmó",
    spec=SPEC_VERIFY,
    fix="Vuelva a firmar después del último cambio, con la cadena de la especificación 3.0.",
)

SEL008 = Rule(
    code="SEL008",
    name="sello-otra-variante-id-entidad",
    severity=Severity.WARNING,
    summary={
        "es": "El sello usa la misma variante de cadena (con o sin idEntidad) que la configurada",
        "en": "The sello uses the configured cadena variant (with or without idEntidad)",
    },
    messages={
        "without": {
            "es": "El sello es válido sobre la cadena SIN ServicioFirmante/@idEntidad (32 + 5 por asignatura), "
            "no sobre la cadena con idEntidad que mec-lint usa por omisión. La especificación no es "
            "unánime (§3.3): la mayoría de las implementaciones incluyen idEntidad y el MEC podría rechazar "
            "este sello. Si su portal de pruebas del MEC lo acepta, use --cadena-sin-id-entidad.",
            "en": "The sello is valid over the cadena WITHOUT ServicioFirmante/@idEntidad (32 + 5 per "
            "subject), not over the cadena with idEntidad mec-lint uses by default. The spec is not "
            "unanimous (§3.3): most implementations include idEntidad and the MEC may reject this sello. "
            "If the MEC test portal accepts it, use --cadena-sin-id-entidad.",
        },
        "with": {
            "es": "El sello es válido sobre la cadena CON ServicioFirmante/@idEntidad (33 + 5 por asignatura), "
            "no sobre la cadena sin idEntidad configurada (--cadena-sin-id-entidad / cadena-id-entidad: "
            "false). La especificación no es unánime (§3.3) y el MEC podría rechazar una de las dos; "
            "confirme cuál acepta y ajuste la configuración.",
            "en": "The sello is valid over the cadena WITH ServicioFirmante/@idEntidad (33 + 5 per subject), "
            "not over the configured cadena without idEntidad. The spec is not unanimous (§3.3) and the MEC "
            "may reject one of them; confirm which one it accepts and adjust the configuration.",
        },
    },
    why="Las implementaciones públicas no coinciden en si idEntidad va en la cadena original; un sello "
    "hecho con la otra convención es válido criptográficamente pero el MEC podría rechazarlo.",
    fail_example="Sello calculado sin idEntidad, verificado con la variante con idEntidad",
    pass_example="Sello calculado con la misma variante que la configurada",
    spec=SPEC_VARIANT,
    fix="Confirme en el portal de pruebas del MEC qué variante acepta y firme (o configure) con esa.",
)

SEL009 = Rule(
    code="SEL009",
    name="certificado-parece-csd",
    severity=Severity.WARNING,
    summary={
        "es": "El certificado parece la e.firma de una persona física, no un CSD de empresa",
        "en": "The certificate looks like an individual's e.firma, not a company CSD",
    },
    messages={
        "m": {
            "es": "El certificado parece un CSD (certificado de sello digital para facturar) o la e.firma de "
            "una empresa, no la e.firma del responsable: {signals}. El MEC pide la e.firma (FIEL) de la "
            "persona física registrada como responsable de expedición.",
            "en": "The certificate looks like a CSD (invoicing seal certificate) or a company's e.firma, not "
            "the signer's e.firma: {signals}. The MEC requires the individual signer's e.firma (FIEL).",
        }
    },
    why="La llave del sello es la e.firma del responsable (persona física, con CURP), no un CSD ni la "
    "e.firma de la institución; el MEC sólo reconoce el .CER registrado del responsable. Es una "
    "heurística: un CSD suele traer organizationalUnitName (la sucursal) y una persona moral tiene un "
    "RFC de 12 caracteres.",
    fail_example="Subject con OU=SUCURSAL MATRIZ y x500UniqueIdentifier=EKU9003173C9 (RFC de 12)",
    pass_example="Subject con x500UniqueIdentifier=ROLM750312AB1 y serialNumber=ROLM750312HDFDPR01",
    spec=SPEC_CSD,
    fix="Firme con los archivos .cer/.key de la e.firma personal del responsable.",
)

SEL010 = Rule(
    code="SEL010",
    name="llave-rsa-2048",
    severity=Severity.WARNING,
    summary={
        "es": "La llave RSA del certificado es de al menos 2048 bits",
        "en": "The certificate's RSA key has at least 2048 bits",
    },
    messages={
        "m": {
            "es": "La llave RSA del certificado es de {value} bits; las e.firma vigentes del SAT son de "
            "{expected} bits o más. ¿Es un certificado antiguo o de pruebas?",
            "en": "The certificate's RSA key has {value} bits; current SAT e.firma keys have {expected} "
            "bits or more. Is it an old or a test certificate?",
        }
    },
    why="El sello de referencia mide 344 caracteres (RSA de 2048 bits); una llave más corta indica un "
    "certificado antiguo o que no es la e.firma vigente.",
    fail_example="Certificado con llave RSA de 1024 bits (sello de 172 caracteres)",
    pass_example="Certificado con llave RSA de 2048 bits (sello de 344 caracteres)",
    spec=SPEC_SELLO,
    fix="Use la e.firma vigente del responsable.",
)

SEL011 = Rule(
    code="SEL011",
    name="firmante-registrado",
    severity=Severity.ERROR,
    summary={
        "es": "El certificado es el del firmante registrado para el campus",
        "en": "The certificate is the one registered for the campus",
    },
    messages={
        "m": {
            "es": "El campus {campus} tiene registrado como firmante a {expected}, pero este documento está "
            "firmado con la e.firma de {value}. El MEC admite un firmante por campus: un cambio de "
            "firmante o una e.firma renovada se registran antes de cargar (FAQ del MEC). Si ya se "
            "registró, actualice `signers` en la configuración.",
            "en": "Campus {campus} has {expected} registered as signer, but this document is signed with "
            "the e.firma of {value}. The MEC allows one signer per campus: register a new signer or a "
            "renewed e.firma before uploading (MEC FAQ). If it is already registered, update `signers` in the "
            "configuration.",
        }
    },
    why="La FAQ del MEC: un responsable de firma por campus, cuyo .CER se registra con anticipación; un "
    "certificado firmado por otra persona o con otro .CER se rechaza.",
    fail_example="signers: [{campus: '090872', curp: ROLM750312HDFDPR01, noCertificado: '00001000000512345678'}]"
    " y un documento del campus 090872 firmado con el certificado 00001000000512349999",
    pass_example="El mismo campus firmado con el certificado 00001000000512345678",
    spec=SPEC_SIGNERS,
    fix="Firme con la e.firma registrada o registre el nuevo firmante/.CER en el MEC y en `signers`.",
)

SEL012 = Rule(
    code="SEL012",
    name="sello-pendiente",
    severity=Severity.INFO,
    summary={
        "es": "El certificado está firmado (si no, el sello no se pudo revisar)",
        "en": "The certificate is signed (otherwise the seal could not be checked)",
    },
    messages={
        "unsigned": {
            "es": "El certificado aún no está firmado (sello y certificadoResponsable vacíos o de relleno): "
            "las revisiones SEL001–SEL011 no se aplicaron. Fírmelo y vuelva a revisarlo antes de cargarlo; "
            "para exigir la firma use la opción require_signature de SEL001.",
            "en": "The certificate is not signed yet (sello and certificadoResponsable empty or placeholders): "
            "SEL001–SEL011 were not applied. Sign it and lint it again before uploading; to require the "
            "signature use the require_signature option of SEL001.",
        }
    },
    why="Muchos sistemas generan el XML y lo firman en un segundo paso (dec-3.0.md §4.1). Un documento sin "
    "firmar no se puede cargar, pero tampoco es un error del generador: mec-lint lo informa (nivel info, no "
    "cuenta como error) para que nadie confunda «sin hallazgos de sello» con «sello válido».",
    fail_example='<Dec … sello="" certificadoResponsable="" noCertificadoResponsable="…">',
    pass_example='<Dec … sello="kX3d…==" certificadoResponsable="MIIGQz…" noCertificadoResponsable="…">',
    spec="dec-3.0.md §4.1 (firma en dos pasos, marcador «x») y §1.1 (sello, certificadoResponsable obligatorios)",
    fix="Firme el certificado (sello, certificadoResponsable y noCertificadoResponsable) y revíselo de nuevo.",
)

RULES = (SEL001, SEL002, SEL003, SEL004, SEL005, SEL006, SEL007, SEL008, SEL009, SEL010, SEL011, SEL012)


# -- the checks -----------------------------------------------------------------------------------


def _placeholder(value: str) -> bool:
    """Empty, `x`, or a short value cut with an ellipsis (`MIIG…`): what stands in before signing."""
    text = value.strip()
    return not text or text.lower() == "x" or (len(text) < 200 and ("…" in text or "..." in text))


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    root = doc.root
    cert_text = root.get("certificadoResponsable") or ""
    sello = root.get("sello") or ""
    if _placeholder(cert_text) and _placeholder(sello):  # not signed yet (two-step signing)
        if ctx.options(SEL001)["require_signature"]:
            yield ctx.report(SEL001, "unsigned", root, attribute="sello", value=short(sello))
        else:
            yield ctx.report(SEL012, "unsigned", root, attribute="sello", value=short(sello))
        return
    if _placeholder(cert_text):
        message = "missing" if not cert_text.strip() else "placeholder"
        yield ctx.report(SEL001, message, root, attribute="certificadoResponsable", value=cert_text)
        return
    info = load_certificate(cert_text)
    if isinstance(info, CertProblem):
        yield ctx.report(
            SEL001,
            info.kind,
            root,
            attribute="certificadoResponsable",
            value=info.value or short(cert_text),
            expected="Base64 del .cer (DER) en una línea, «MII…»",
            detail=info.detail,
        )
        return
    yield from _registered(doc, ctx, info)  # SEL011: the registered signer, a fact of its own
    steps = (  # in the order of the checks: a step that fails skips the later ones (no cascade)
        _number,  # SEL002
        _validity,  # SEL003, SEL004
        _curp,  # SEL005
        _signature,  # SEL006, SEL007 or SEL008
        _certificate_kind,  # SEL009, SEL010 (warnings)
    )
    for step in steps:
        failed = False
        for finding in step(doc, ctx, info):
            failed = failed or ctx.is_error(finding)
            yield finding
        if failed:
            return


def passes(doc: XmlDocument, ctx: Context) -> bool:
    """The fast pass: the certificate-level steps (the certificate read, SEL011, SEL002, SEL003,
    SEL004, SEL005, SEL009, SEL010) are decided once per run for each signer's certificate and the
    few values they read (`mec_lint.fastpass.quiet`); the sello is verified here, per document,
    over the cadena. True only when each step is silent, so `check` would report nothing."""
    root = doc.root
    cert_text = root.get("certificadoResponsable") or ""
    sello = root.get("sello") or ""
    if _placeholder(cert_text) or _placeholder(sello):
        return False  # SEL001 or SEL012
    info = load_certificate(cert_text)
    if isinstance(info, CertProblem):
        return False
    key = (
        root.get("noCertificadoResponsable"),
        doc.attr("Expedicion", "fecha"),
        doc.attr("Responsable", "curp"),
        doc.attr("Ipes", "idCampus"),
    )
    token = _certificate_token(ctx, cert_text)
    if token is None:  # not remembered (a long or the 65th distinct certificate of the run)
        if not fastpass.silent(ctx, _certificate_steps, doc, info):
            return False
    elif not fastpass.quiet(ctx, "SEL.certificate", (token, *key), _certificate_steps, doc, info):
        return False
    signature = strict_b64(sello)  # SEL006: single-line Base64 of the key's length
    if isinstance(signature, str) or len(signature) != (info.key_bits + 7) // 8:
        return False
    data = cadena.build(doc, ctx.config.include_id_entidad).encode("utf-8")
    return info.verifies_sha256(signature, data)  # SEL007, SEL008


CERTIFICATES_KEPT = 64  # distinct certificates the run's memo names (a batch usually has one)
CERTIFICATE_CHARS = 16_384  # a longer certificadoResponsable is judged each time (real ones: < 4,000)


def _certificate_token(ctx: Context, cert_text: str) -> int | None:
    """A small number standing for `cert_text` in the run's memo keys (the text itself is too
    long to be a key), or None when it is not remembered."""
    shared = ctx.shared
    if shared is None or len(cert_text) > CERTIFICATE_CHARS:
        return None
    tokens: dict[str, int] | None = shared.get(("fastpass", "SEL.tokens"))
    if tokens is None:
        tokens = shared[("fastpass", "SEL.tokens")] = {}
    token = tokens.get(cert_text)
    if token is None and len(tokens) < CERTIFICATES_KEPT:
        token = tokens[cert_text] = len(tokens)
    return token


def _certificate_steps(ctx: Context, doc: XmlDocument, info: CertInfo) -> Iterator[Finding]:
    """Every step of `check` but the sello's: what they read of the document is the memo key of
    `passes` (noCertificadoResponsable, Expedicion/@fecha, Responsable/@curp, Ipes/@idCampus)."""
    yield from _registered(doc, ctx, info)
    yield from _number(doc, ctx, info)
    yield from _validity(doc, ctx, info)
    yield from _curp(doc, ctx, info)
    yield from _certificate_kind(doc, ctx, info)


def _signature(doc: XmlDocument, ctx: Context, info: CertInfo) -> Generator[Finding, None, None]:
    """SEL006 (the sello's shape), then SEL007 / SEL008 (the signature) when the shape is right."""
    signature = yield from _sello_bytes(doc, ctx, info, doc.root.get("sello") or "")
    if signature is not None:
        yield from _verify(doc, ctx, info, signature)


def _certificate_kind(doc: XmlDocument, ctx: Context, info: CertInfo) -> Iterator[Finding]:
    """SEL009 (a CSD or a company's e.firma, not an individual's) and SEL010 (key under 2048 bits)."""
    yield from _csd_like(doc, ctx, info)
    if info.key_bits < 2048:
        yield ctx.report(
            SEL010, "m", doc.root, attribute="certificadoResponsable", value=info.key_bits, expected=2048
        )


def _number(doc: XmlDocument, ctx: Context, info: CertInfo) -> Iterator[Finding]:
    value = doc.root.get("noCertificadoResponsable")
    if value is None:
        return  # the schema reports the missing attribute
    if info.number is None:
        yield ctx.report(
            SEL002,
            "not_sat",
            doc.root,
            attribute="noCertificadoResponsable",
            value=value,
            expected="20 dígitos ASCII",
            detail=info.serial_hex,
        )
        return
    if value == info.number:
        return
    candidate = value.strip()
    if candidate == info.number:
        message = "spaces"
    elif candidate.upper().lstrip("0") == info.serial_hex.lstrip("0") and candidate:
        message = "hex"
    elif candidate.lstrip("0") == str(info.serial).lstrip("0") and candidate:
        message = "decimal"
    else:
        message = "mismatch"
    yield ctx.report(
        SEL002, message, doc.root, attribute="noCertificadoResponsable", value=value, expected=info.number
    )


def _local_date(moment: dt.datetime) -> dt.date:
    """The calendar date in Mexico City (UTC−6) of a UTC instant."""
    return (moment + MEXICO_OFFSET).date()


_DATE = lazy(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def _issue_date(text: str | None) -> dt.date | None:
    match = _DATE.match(text or "")
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _validity(doc: XmlDocument, ctx: Context, info: CertInfo) -> Iterator[Finding]:
    first, last = _local_date(info.not_before), _local_date(info.not_after)
    expedicion = doc.first("Expedicion")
    issued = _issue_date(expedicion.get("fecha") if expedicion is not None else None)
    expired_at_issue = False
    if expedicion is not None and issued is not None:
        if issued > last:
            expired_at_issue = True
            yield ctx.report(
                SEL003,
                "expired",
                expedicion,
                attribute="fecha",
                value=expedicion.get("fecha"),
                expected=f"{first.isoformat()} … {last.isoformat()}",  # the e.firma's validity
                issued=issued.isoformat(),
                not_before=first.isoformat(),
                not_after=last.isoformat(),
            )
        elif issued < first:
            yield ctx.report(
                SEL003,
                "not_yet",
                expedicion,
                attribute="fecha",
                value=expedicion.get("fecha"),
                expected=f"{first.isoformat()} … {last.isoformat()}",
                issued=issued.isoformat(),
                not_before=first.isoformat(),
                not_after=last.isoformat(),
            )
    if expired_at_issue:
        return  # expired before the issue date means expired at upload: one finding is enough
    upload = ctx.upload_date
    days_left = (last - upload).days
    where: dict[str, Any] = {
        "attribute": "certificadoResponsable",
        "value": last.isoformat(),  # what the certificate says: valid until
        "upload": upload.isoformat(),
        "not_after": last.isoformat(),
    }
    if days_left < 0:
        expected = f"≥ {upload.isoformat()}"  # still valid on the upload date
        yield ctx.report(SEL004, "expired", doc.root, severity=Severity.ERROR, expected=expected, **where)
        return
    threshold = ctx.options(SEL004)["days"]
    if isinstance(threshold, int) and days_left <= threshold:
        expected = f"> {(upload + dt.timedelta(days=threshold)).isoformat()}"  # beyond the warning window
        yield ctx.report(SEL004, "soon", doc.root, days=days_left, expected=expected, **where)


def _curp(doc: XmlDocument, ctx: Context, info: CertInfo) -> Iterator[Finding]:
    responsable = doc.first("Responsable")
    value = responsable.get("curp") if responsable is not None else None
    if responsable is None or value is None:
        return
    if not info.curps:
        yield ctx.report(
            SEL005, "no_curp", responsable, attribute="curp", value=value, serial=info.subject_serial
        )
        return
    if value.strip().upper() in info.curps:
        return
    yield ctx.report(
        SEL005,
        "mismatch",
        responsable,
        attribute="curp",
        value=value,
        expected=info.curps[0],
        serial=info.subject_serial,
    )


SIGNALS = {
    "ou": {
        "es": "trae organizationalUnitName «{value}» (la sucursal de un CSD)",
        "en": "it has organizationalUnitName «{value}» (a CSD's branch)",
    },
    "moral": {
        "es": "su RFC {value} tiene 12 caracteres (persona moral; una persona física tiene 13)",
        "en": "its RFC {value} has 12 characters (a company; individuals have 13)",
    },
    "no_curp": {
        "es": "su serialNumber «{value}» no contiene una CURP",
        "en": "its serialNumber «{value}» holds no CURP",
    },
}


def _csd_like(doc: XmlDocument, ctx: Context, info: CertInfo) -> Iterator[Finding]:
    signals: list[tuple[str, str]] = [("ou", ou) for ou in info.org_units]
    if len(info.rfc) == 12:
        signals.append(("moral", info.rfc))
    if not signals:
        return  # "no CURP" alone is SEL005's finding, not a sign of a CSD
    if not info.curps:
        signals.append(("no_curp", info.subject_serial))
    lang = ctx.lang if ctx.lang in ("es", "en") else "es"
    text = "; ".join(SIGNALS[kind][lang].format(value=value) for kind, value in signals)
    yield ctx.report(
        SEL009,
        "m",
        doc.root,
        attribute="certificadoResponsable",
        value=", ".join(value for _, value in signals),
        expected="e.firma de persona física",
        signals=text,
    )


def _registered(doc: XmlDocument, ctx: Context, info: CertInfo) -> Iterator[Finding]:
    signers = ctx.config.signers
    if not signers:
        return
    campus = (doc.attr("Ipes", "idCampus") or "").strip()
    entries = [
        entry
        for entry in signers
        if isinstance(entry, dict) and str(entry.get("campus", "")).strip() == campus and campus
    ]
    entries = [e for e in entries if e.get("curp") or e.get("noCertificado")]
    if not entries:
        return  # this campus is not configured
    curp = info.curps[0] if info.curps else (doc.attr("Responsable", "curp") or "").strip().upper()
    for entry in entries:
        wanted_curp = str(entry.get("curp") or "").strip().upper()
        wanted_number = str(entry.get("noCertificado") or "").strip()
        if wanted_curp and wanted_curp not in (info.curps or (curp,)):
            continue
        if wanted_number and wanted_number != info.display_number:
            continue
        return
    expected = "; ".join(
        f"{entry.get('curp') or '?'} (certificado {entry.get('noCertificado') or '?'})" for entry in entries
    )
    yield ctx.report(
        SEL011,
        "m",
        doc.root,
        attribute="certificadoResponsable",
        value=f"{curp or '?'} (certificado {info.display_number})",
        expected=expected,
        campus=campus,
    )


def _sello_bytes(
    doc: XmlDocument, ctx: Context, info: CertInfo, sello: str
) -> Generator[Finding, None, bytes | None]:
    """Yield SEL006 findings; return the signature bytes when they can be verified."""
    size = (info.key_bits + 7) // 8
    chars = 4 * ((size + 2) // 3)
    where: dict[str, Any] = {
        "attribute": "sello",
        "expected": f"Base64 de {chars} caracteres",
        "chars": chars,
        "bits": info.key_bits,
    }
    if not sello.strip():
        yield ctx.report(SEL006, "empty", doc.root, value="", **where)
        return None
    if _placeholder(sello):
        yield ctx.report(SEL006, "placeholder", doc.root, value=sello, **where)
        return None
    compact = "".join(sello.split())
    decoded = strict_b64(compact)
    if isinstance(decoded, str):
        yield ctx.report(SEL006, "not_base64", doc.root, value=short(sello), detail=decoded, **where)
        return None
    if compact != sello:
        detail = whitespace_detail(sello)
        yield ctx.report(SEL006, "whitespace", doc.root, value=short(compact), detail=detail, **where)
        return None
    if len(decoded) != size:
        yield ctx.report(
            SEL006,
            "length",
            doc.root,
            value=short(sello),
            found_bytes=len(decoded),
            found_chars=len(sello),
            bytes=size,
            **where,
        )
        return None
    return decoded


# DigestInfo prefixes (RFC 8017 §9.2 note 1).
SHA256_PREFIX = bytes.fromhex("3031300d060960864801650304020105000420")
SHA1_PREFIX = bytes.fromhex("3021300906052b0e03021a05000414")
VARIANT_NAMES = {
    "es": {True: "con idEntidad", False: "sin idEntidad"},
    "en": {True: "with idEntidad", False: "without idEntidad"},
}


def _verify(doc: XmlDocument, ctx: Context, info: CertInfo, signature: bytes) -> Iterator[Finding]:
    configured = ctx.config.include_id_entidad
    names = VARIANT_NAMES.get(ctx.lang, VARIANT_NAMES["es"])
    text = cadena.build(doc, configured)
    data = text.encode("utf-8")
    if info.verifies_sha256(signature, data):
        return
    for alternative in cadena.whitespace_variants(doc, configured):  # extra blanks: trim-only signers
        if info.verifies_sha256(signature, alternative.encode("utf-8")):
            return
    # Diagnose: recover the signed DigestInfo to tell a wrong key from a different cadena.
    import hashlib

    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric import padding

    where: dict[str, Any] = {"attribute": "sello", "value": short(doc.root.get("sello") or "")}
    try:
        recovered = info.public_key.recover_data_from_signature(signature, padding.PKCS1v15(), None)
    except (InvalidSignature, ValueError):
        yield ctx.report(SEL007, "key_mismatch", doc.root, number=info.display_number, **where)
        return
    other = cadena.build(doc, not configured).encode("utf-8")
    others = [other, *(text.encode("utf-8") for text in cadena.whitespace_variants(doc, not configured))]
    if any(recovered == SHA256_PREFIX + hashlib.sha256(candidate).digest() for candidate in others):
        yield ctx.report(SEL008, "with" if not configured else "without", doc.root, **where)
        return
    if recovered.startswith(SHA1_PREFIX):
        for variant, candidate in ((configured, data), (not configured, other)):
            if recovered == SHA1_PREFIX + hashlib.sha1(candidate).digest():
                yield ctx.report(SEL007, "sha1", doc.root, variant=names[variant], **where)
                return
        yield ctx.report(SEL007, "sha1_other", doc.root, file=ctx.path, **where)
        return
    if not recovered.startswith(SHA256_PREFIX):
        yield ctx.report(SEL007, "algorithm", doc.root, detail=short(recovered.hex(), 40), **where)
        return
    yield ctx.report(
        SEL007,
        "digest",
        doc.root,
        expected="SHA-256 de la cadena original",
        variant=names[configured],
        fields=len(cadena.fields(doc, configured)),
        head=text[:60],
        tail=text[-40:],
        file=ctx.path,
        **where,
    )


# -- which cadena the sello was made over (CAD003 asks) -------------------------------------------
UNSIGNED = "unsigned"  # not signed yet (SEL012)
UNCHECKED = "unchecked"  # the certificate or the sello cannot be read (SEL001, SEL006)
NO_FORM = "none"  # the sello verifies over none of the forms (SEL007)


def signed_form(doc: XmlDocument, ctx: Context) -> tuple[str, ...]:
    """The forms of the cadena (`cadena.FORM_*`, grouped when they give the same cadena) that the
    sello verifies over, trying the configured idEntidad variant first and then the other; or
    (UNSIGNED,), (UNCHECKED,), (NO_FORM,). Worked out once per document, only when asked."""
    found: tuple[str, ...] | None = doc.cache.get("sello.form")
    if found is None:
        found = doc.cache["sello.form"] = _signed_form(doc, ctx)
    return found


def _signed_form(doc: XmlDocument, ctx: Context) -> tuple[str, ...]:
    root = doc.root
    cert_text = root.get("certificadoResponsable") or ""
    sello = root.get("sello") or ""
    if _placeholder(cert_text) and _placeholder(sello):
        return (UNSIGNED,)
    if _placeholder(cert_text) or _placeholder(sello):
        return (UNCHECKED,)
    info = load_certificate(cert_text)
    signature = strict_b64("".join(sello.split()))
    if isinstance(info, CertProblem) or isinstance(signature, str):
        return (UNCHECKED,)
    configured = ctx.config.include_id_entidad
    for variant in (configured, not configured):
        for names, text in cadena.forms(doc, variant):
            if info.verifies_sha256(signature, text.encode("utf-8")):
                return names
    return (NO_FORM,)
