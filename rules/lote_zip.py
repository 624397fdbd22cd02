"""LOT001: the batch .zip can be read safely (reported by the engine while it reads the zip)."""

from mec_lint.findings import Severity
from mec_lint.rule import Rule, Scope

SCOPE = Scope.INTERNAL

LOT001 = Rule(
    code="LOT001",
    name="zip-legible",
    severity=Severity.ERROR,
    summary={
        "es": "El lote .zip se puede leer completo y sin riesgos",
        "en": "The batch .zip can be read completely and safely",
    },
    messages={
        "corrupt": {
            "es": "El archivo .zip está dañado o no es un .zip ({reason}); no se revisó ningún certificado. "
            "Vuelva a comprimir los XML.",
            "en": "The .zip file is damaged or not a zip ({reason}); no certificate was checked. Compress the XML "
            "files again.",
        },
        "zip_too_big": {
            "es": "El archivo .zip mide {value} bytes, más que el límite de {expected} bytes "
            "(limits.max-zip-file-bytes); no se revisó.",
            "en": "The .zip is {value} bytes, over the {expected}-byte limit (limits.max-zip-file-bytes); not "
            "checked.",
        },
        "too_many": {
            "es": "El .zip contiene {value} elementos, más que el límite de {expected} "
            "(limits.max-zip-members); no se revisó. Divida el lote por folio.",
            "en": "The .zip holds {value} entries, over the limit of {expected} (limits.max-zip-members); not "
            "checked. Split the batch by folio.",
        },
        "total_size": {
            "es": "El contenido descomprimido del .zip ({value} bytes) pasa del límite de {expected} bytes "
            "(limits.max-zip-total-bytes): posible bomba zip. Se detuvo la lectura en {member}.",
            "en": "The uncompressed content of the .zip ({value} bytes) exceeds the {expected}-byte limit "
            "(limits.max-zip-total-bytes): possible zip bomb. Reading stopped at {member}.",
        },
        "too_big": {
            "es": "{member}: el certificado descomprimido mide {value} bytes, más que el límite de {expected} "
            "bytes (limits.max-file-bytes); no se revisó.",
            "en": "{member}: the uncompressed certificate is {value} bytes, over the {expected}-byte limit "
            "(limits.max-file-bytes); not checked.",
        },
        "ratio_total": {
            "es": "El lote completo se descomprime más de {value} veces su tamaño comprimido al llegar a "
            "{member} (límite {expected}, limits.max-zip-ratio): posible bomba zip; se detuvo la lectura y "
            "los elementos restantes no se revisaron.",
            "en": "The whole batch expands more than {value} times its compressed size at {member} (limit "
            "{expected}, limits.max-zip-ratio): possible zip bomb; reading stopped and the remaining members were not checked.",
        },
        "ratio": {
            "es": "{member}: se descomprime {value} veces su tamaño comprimido (límite {expected}, "
            "limits.max-zip-ratio): posible bomba zip; no se revisó.",
            "en": "{member}: expands {value} times its compressed size (limit {expected}, limits.max-zip-ratio): "
            "possible zip bomb; not checked.",
        },
        "repeated_name": {
            "es": "{member}: el .zip tiene otra entrada con el mismo nombre; al descomprimirlo una reemplaza "
            "a la otra, así que el lote no contiene lo que parece (ni la cantidad del folio). Sólo se revisó "
            "la primera. Renombre o quite la repetida y vuelva a comprimir.",
            "en": "{member}: the .zip has another entry with the same name; unzipping keeps only one of them, "
            "so the batch does not hold what it seems to (nor the folio's count). Only the first was checked. "
            "Rename or remove the repeated one and compress again.",
        },
        "unsafe_name": {
            "es": "{member}: el nombre es una ruta absoluta o sube de carpeta («..»); mec-lint no la sigue "
            "ni la revisa. Comprima sólo los XML, directamente en la raíz del .zip.",
            "en": "{member}: the name is an absolute path or climbs folders («..»); mec-lint neither follows nor "
            "checks it. Compress only the XML files, directly at the root of the .zip.",
        },
        "encrypted": {
            "es": "{member}: el archivo está cifrado con contraseña; el MEC no puede leerlo y mec-lint no lo "
            "revisó. Comprima el lote sin contraseña.",
            "en": "{member}: the file is password-protected; the MEC cannot read it and mec-lint did not check "
            "it. Compress the batch without a password.",
        },
        "method": {
            "es": "{member}: método de compresión no soportado ({reason}); no se revisó. Use compresión "
            "estándar (Deflate).",
            "en": "{member}: unsupported compression method ({reason}); not checked. Use standard compression "
            "(Deflate).",
        },
        "corrupt_member": {
            "es": "{member}: el contenido comprimido está dañado ({reason}); no se revisó. Vuelva a comprimir "
            "el lote.",
            "en": "{member}: the compressed data is damaged ({reason}); not checked. Compress the batch again.",
        },
        "skipped": {
            "es": "{member}: no se revisó porque la lectura del lote se detuvo antes (límite de tamaño "
            "descomprimido limits.max-zip-total-bytes o de proporción limits.max-zip-ratio; vea el hallazgo "
            "anterior).",
            "en": "{member}: not checked because reading the batch stopped earlier (uncompressed size limit "
            "limits.max-zip-total-bytes or ratio limit limits.max-zip-ratio; see the previous finding).",
        },
    },
    why="El lote se carga como un .zip con los XML del folio. Un .zip dañado, cifrado o con nombres "
    "inseguros no se puede cargar; un .zip que se descomprime a un tamaño desproporcionado (bomba zip) "
    "se rechaza sin leerlo completo.",
    fail_example="lote.zip con un XML cifrado, o con ../../cert.xml como nombre",
    pass_example="lote.zip con cert_001.xml … cert_050.xml en la raíz, sin contraseña",
    spec="mec-faq.txt «¿Cómo puedo cargar varios certificados a la vez?»; spec README regla 9; "
    "límites de lectura de mec-lint contra archivos hostiles (clave `limits` de la configuración)",
    fix="Vuelva a comprimir sólo los XML del folio, sin contraseña ni carpetas, con una herramienta estándar.",
)

RULES = (LOT001,)
