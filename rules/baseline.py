"""BAS001: every waiver in the baseline file still matches a finding (reported by the engine)."""

from mec_lint.findings import Severity
from mec_lint.rule import Rule, Scope

SCOPE = Scope.INTERNAL

BAS001 = Rule(
    code="BAS001",
    name="dispensa-sin-uso",
    severity=Severity.WARNING,
    summary={
        "es": "Cada dispensa del archivo baseline corresponde a un hallazgo actual",
        "en": "Every waiver in the baseline file matches a current finding",
    },
    messages={
        "stale": {
            "es": "La dispensa de {waived_code} para {waived_path} en {location} (valor «{value}») ya no "
            "corresponde a ningún hallazgo: el problema se corrigió o cambió. Quite la entrada del "
            "archivo baseline o regenérelo con `mec-lint baseline`.",
            "en": "The waiver of {waived_code} for {waived_path} at {location} (value «{value}») no longer "
            "matches any finding: the problem was fixed or changed. Remove the entry from the baseline "
            "file or regenerate it with `mec-lint baseline`.",
        },
    },
    why="Un certificado firmado no admite comentarios para silenciar reglas, así que las excepciones "
    "aceptadas viven en un archivo baseline aparte. Una dispensa que ya no corresponde a nada debe "
    "quitarse: si se deja, podría ocultar el mismo problema cuando vuelva a aparecer.",
    fail_example="waivers:\n- path: a.xml\n  code: DEC002\n  location: /Dec/@tipoCertificado\n"
    "  value: '9'\n  reason: lote histórico\n# … pero a.xml ya tiene tipoCertificado=\"5\"",
    pass_example="# la dispensa se quitó del baseline después de corregir a.xml",
    spec="regla propia de mec-lint (no del MEC): las dispensas viven fuera del archivo firmado, porque "
    "cambiar un byte de un certificado rompe el sello (referencia Dec 3.0 §3 y §4)",
    fix="Quite la entrada (o ejecute `mec-lint baseline … --output ARCHIVO` de nuevo; las razones ya "
    "escritas se conservan).",
)

RULES = (BAS001,)
