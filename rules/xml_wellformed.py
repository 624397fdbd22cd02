"""XML001–XML003, IO001, MEC900: the file can be read as a certificate at all (reported by the engine)."""

from mec_lint.findings import Severity
from mec_lint.rule import Rule, Scope

SCOPE = Scope.INTERNAL

SPEC = (
    "el MEC recibe archivos XML (Preguntas frecuentes del MEC, «¿Qué es el XML?»); uno mal formado, "
    "vacío o binario no se puede leer"
)
SPEC_ENCODING = "dec-3.0.md §5.8 (serialización UTF-8) y §3.1 (la firma es sobre los bytes UTF-8); " + SPEC

XML001 = Rule(
    code="XML001",
    name="xml-bien-formado",
    severity=Severity.ERROR,
    summary={"es": "El archivo es un XML bien formado", "en": "The file is well-formed XML"},
    messages={
        "syntax": {
            "es": "El XML no está bien formado (línea {line}, columna {column}): {reason}. "
            "Corrija la sintaxis; el MEC rechaza el archivo completo.",
            "en": "The XML is not well-formed (line {line}, column {column}): {reason_en}. Fix the syntax; the MEC "
            "rejects the whole file.",
        },
        "empty": {
            "es": "El archivo está vacío: no contiene un certificado XML.",
            "en": "The file is empty: it holds no XML certificate.",
        },
        "deep": {
            "es": "El XML tiene un anidamiento excesivo ({reason}, limits.max-depth); un certificado Dec tiene "
            "3 niveles. No se revisó el contenido.",
            "en": "The XML nests too deeply ({reason_en}, limits.max-depth); a Dec certificate has 3 levels. The "
            "content was not checked.",
        },
        "binary": {
            "es": "El archivo no es un XML de texto ({reason}); se espera un certificado Dec en UTF-8.",
            "en": "The file is not a text XML file ({reason_en}); a Dec certificate in UTF-8 is expected.",
        },
        "big_value": {
            "es": "El XML contiene un valor desproporcionado: {reason} (limits.max-value-chars). Ningún dato "
            "de un certificado Dec mide tanto; no se revisó el contenido.",
            "en": "The XML holds an oversized value: {reason_en} (limits.max-value-chars). No value of a Dec "
            "certificate is that long; the content was not checked.",
        },
        "too_many_nodes": {
            "es": "El XML es desproporcionado: tiene {reason}. Un certificado Dec tiene una decena de nodos "
            "más uno por asignatura; no se revisó el contenido (el límite protege la memoria y el tiempo "
            "de la revisión y se puede subir en limits: de la configuración).",
            "en": "The XML is disproportionate: it has {reason_en}. A Dec certificate has about ten nodes "
            "plus one per subject; the content was not checked (the limit protects the memory and time of "
            "the check and can be raised under limits: in the configuration).",
        },
    },
    why="Un archivo que no es XML bien formado no se puede leer: el MEC rechaza el certificado y se "
    "pierde un intento del folio.",
    fail_example='<Dec version="3.0"><Alumno></Dec>',
    pass_example='<Dec version="3.0"><Alumno/></Dec>',
    spec=SPEC,
    fix="Genere el XML con una biblioteca XML (no concatenando texto) y revise la línea indicada.",
)

XML002 = Rule(
    code="XML002",
    name="xml-codificacion",
    severity=Severity.ERROR,
    summary={
        "es": "El contenido coincide con la codificación declarada",
        "en": "The bytes match the declared encoding",
    },
    messages={
        "encoding": {
            "es": "Problema de codificación (línea {line}): {reason}. Guarde el archivo en UTF-8 y declare "
            'encoding="UTF-8".',
            "en": 'Encoding problem (line {line}): {reason_en}. Save the file as UTF-8 and declare encoding="UTF-8".',
        },
        "invalid_utf8": {
            "es": "El archivo se lee como {value} pero contiene bytes que no son UTF-8 (línea {line}): {reason}. "
            "Probablemente se guardó en Latin-1/Windows-1252; vuelva a guardarlo en UTF-8.",
            "en": "The file is read as {value} but holds bytes that are not UTF-8 (line {line}): {reason_en}. It "
            "was probably saved as Latin-1/Windows-1252; save it again as UTF-8.",
        },
        "encoding_refused": {
            "es": "El archivo {reason}; mec-lint solo lee certificados en UTF-8 (o UTF-16, con advertencia) y "
            "no revisó el contenido: otra codificación puede ocultar declaraciones (DOCTYPE, entidades) "
            'a las revisiones de seguridad. Guarde el archivo en UTF-8 y declare encoding="UTF-8".',
            "en": "The file {reason_en}; mec-lint reads certificates only in UTF-8 (or UTF-16, with a warning) "
            "and did not check the content: another encoding can hide declarations (DOCTYPE, entities) from "
            'the security checks. Save the file as UTF-8 and declare encoding="UTF-8".',
        },
        "lying_encoding": {
            "es": "La declaración de codificación es incorrecta: {reason} (primer carácter afectado en la línea "
            "{line}). Los acentos se leerían mal y el sello no "
            'verificaría; declare encoding="UTF-8".',
            "en": "The encoding declaration is wrong: {reason_en} (first affected character on line {line}). "
            "Accented letters would be misread "
            'and the sello would not verify; declare encoding="UTF-8".',
        },
    },
    why="El MEC lee el certificado y calcula la cadena original en UTF-8; bytes en otra codificación "
    "alteran nombres con acentos y rompen el sello.",
    fail_example='<?xml version="1.0" encoding="ISO-8859-1"?> (con el texto guardado en UTF-8)',
    pass_example='<?xml version="1.0" encoding="UTF-8"?>',
    spec=SPEC_ENCODING,
    fix='Guarde el archivo en UTF-8 y declare encoding="UTF-8" (o quite la declaración); en Excel o el '
    "Bloc de notas: «Guardar como» con codificación UTF-8.",
)

XML003 = Rule(
    code="XML003",
    name="xml-sin-doctype",
    severity=Severity.ERROR,
    summary={"es": "El XML no declara DOCTYPE ni entidades", "en": "The XML declares no DOCTYPE or entities"},
    messages={
        "doctype": {
            "es": "El XML declara un DOCTYPE ({reason}). Un certificado Dec no lleva DTD ni entidades; "
            "mec-lint no las carga ni las expande por seguridad. Elimine la declaración.",
            "en": "The XML declares a DOCTYPE ({reason}). A Dec certificate has no DTD or entities; mec-lint "
            "neither loads nor expands them, for security. Remove the declaration.",
        },
    },
    why="Las DTD y entidades permiten ataques (XXE, bombas de expansión) y ningún certificado Dec las usa.",
    fail_example='<!DOCTYPE Dec [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    pass_example='<?xml version="1.0" encoding="UTF-8"?><Dec …/>',
    spec="regla propia de mec-lint (no del MEC): el árbol del Dec 3.0 (referencia Dec 3.0 §1) no declara "
    "DTD ni entidades, y mec-lint no las carga por seguridad",
    fix="Quite la declaración <!DOCTYPE …> del archivo: un certificado Dec no lleva DTD ni entidades.",
)

IO001 = Rule(
    code="IO001",
    name="archivo-legible",
    severity=Severity.ERROR,
    summary={
        "es": "El archivo indicado existe y se puede leer",
        "en": "The given file exists and is readable",
    },
    messages={
        "missing": {
            "es": "No existe el archivo o carpeta: {value}.",
            "en": "No such file or folder: {value}.",
        },
        "unreadable": {
            "es": "No se pudo leer el archivo: {reason}.",
            "en": "Could not read the file: {reason}.",
        },
        "too_big": {
            "es": "El archivo mide {value} bytes, más que el límite de {expected} bytes (limits.max-file-size); "
            "no se revisó.",
            "en": "The file is {value} bytes, over the {expected}-byte limit (limits.max-file-size); not checked.",
        },
        "empty_folder": {
            "es": "La carpeta {value} no contiene certificados (.xml), lotes (.zip) ni layouts (.xlsx): no se "
            "revisó nada. Verifique la ruta.",
            "en": "Folder {value} holds no certificates (.xml), batches (.zip) or layouts (.xlsx): nothing was "
            "checked. Check the path.",
        },
        "unsupported": {
            "es": "Tipo de archivo no soportado: {value}. mec-lint revisa .xml, .zip y .xlsx.",
            "en": "Unsupported file type: {value}. mec-lint checks .xml, .zip and .xlsx.",
        },
        "not_regular": {
            "es": "{value} no es un archivo regular (tubería, socket o dispositivo); no se leyó.",
            "en": "{value} is not a regular file (pipe, socket or device); not read.",
        },
        "symlink": {
            "es": "Se omitió el enlace simbólico {value} dentro de la carpeta (no se siguen enlaces).",
            "en": "Skipped the symbolic link {value} inside the folder (links are not followed).",
        },
    },
    why="Cada archivo entregado debe revisarse; uno que no se pudo leer se informa en lugar de omitirse "
    "en silencio.",
    fail_example="mec-lint check no-existe.xml",
    pass_example="mec-lint check certificado.xml",
    spec="regla propia de mec-lint (no del MEC): cada archivo indicado debe existir y poder leerse",
    fix="Verifique la ruta y los permisos del archivo, o indique una carpeta que contenga los certificados.",
)

MEC900 = Rule(
    code="MEC900",
    name="error-interno",
    severity=Severity.ERROR,
    summary={
        "es": "Las reglas se ejecutaron sin errores internos",
        "en": "Rules ran without internal errors",
    },
    messages={
        "crash": {
            "es": "Error interno de mec-lint en la regla {codes} ({reason}). El resto del archivo sí se revisó. "
            "Por favor repórtelo con el archivo (sin datos personales) en el repositorio de mec-lint.",
            "en": "mec-lint internal error in rule {codes} ({reason}). The rest of the file was checked. Please "
            "report it with the file (without personal data) in the mec-lint repository.",
        },
        "plugin": {
            "es": "Un complemento de reglas no se cargó y se omitió: {reason}.",
            "en": "A rule plugin failed to load and was skipped: {reason}.",
        },
        "file_crash": {
            "es": "Error interno de mec-lint al revisar este archivo ({reason}); el archivo no se revisó "
            "completo, los demás sí. Por favor repórtelo con el archivo (sin datos personales).",
            "en": "mec-lint internal error while checking this file ({reason}); the file was not fully "
            "checked, the others were. Please report it with the file (without personal data).",
        },
        "worker_died": {
            "es": "El proceso que revisaba este archivo terminó de forma inesperada ({reason}); el archivo no "
            "se revisó, los demás sí. Revíselo por separado (mec-lint check --jobs 1 …) y repórtelo.",
            "en": "The process checking this file ended unexpectedly ({reason}); the file was not checked, "
            "the others were. Check it on its own (mec-lint check --jobs 1 …) and report it.",
        },
    },
    why="Un fallo de mec-lint no debe ocultar los demás hallazgos ni detener la revisión del lote.",
    fail_example="(una regla lanza una excepción inesperada)",
    pass_example="(todas las reglas terminan)",
    spec="regla propia de mec-lint (no del MEC): un fallo interno se informa sin detener la revisión",
    fix="Reporte el error con el archivo (sin datos personales); mientras tanto, los demás hallazgos del "
    "archivo siguen siendo válidos.",
)

RULES = (XML001, XML002, XML003, IO001, MEC900)
