"""English documentation of the built-in rules (`mec-lint explain CODE --lang en`, `rules --lang en`).

The rules' own metadata (rules/*.py) is written in Spanish, the users' language; this module holds
the English of each built-in rule's `why`, `fix`, `spec` (the citation, same sections), option
descriptions and, where an example carries words and not only XML, its English wording. It is read
only by `explain`, `rules` and the SARIF rule table in English, never by `check`'s start-up.

Entry keys: why, fix, spec (required); options {name: description} (every option of the rule);
fail, pass (optional: only where the Spanish example has prose).
"""

from __future__ import annotations

from typing import Any

DOCS: dict[str, dict[str, Any]] = {
    # -- baseline, cadena values -----------------------------------------------------------------
    "BAS001": {
        "why": "A signed certificate cannot hold comments that silence rules, so accepted exceptions live "
        "in a separate baseline file. A waiver that no longer matches anything must be removed: left "
        "there, it could hide the same problem when it comes back.",
        "fix": "Remove the entry (or run `mec-lint baseline … --output FILE` again; the reasons already "
        "written are kept).",
        "spec": "mec-lint's own rule (not the MEC's): waivers live outside the signed file, because "
        "changing one byte of a certificate breaks the seal (dec-3.0.md §3 and §4)",
        "fail": "waivers:\n- path: a.xml\n  code: DEC002\n  location: /Dec/@tipoCertificado\n  value: '9'\n"
        '  reason: lote histórico\n# … but a.xml already has tipoCertificado="5"',
        "pass": "# the waiver was removed from the baseline after fixing a.xml",
    },
    "CAD001": {
        "why": "The cadena original separates its fields with «|»; the specification says a value cannot "
        "contain it. Each implementation handles it differently (some replace it with a space), so a "
        "value with «|» produces different cadenas depending on who builds it, and the seal no longer "
        "matches.",
        "fix": "Remove the «|» from the value in your school system, generate the XML again and sign it again.",
        "spec": "dec-3.0.md §3.1 («A value must not contain `|`»)",
    },
    "CAD002": {
        "why": "The required attributes of Dec 3.0 are unrestricted text in the schema, so an empty value "
        "passes XSD validation; but the specification allows only one empty field in the cadena original "
        "(segundoApellido) and the MEC compares these values with its catalog and with the Programa de "
        "Estudios. An empty name, control number or campus makes an incomplete certificate.",
        "fix": "Enter the missing value in your school system and generate the certificate again.",
        "spec": "dec-3.0.md §3.1 (an empty optional field keeps its place; «in 3.0 only "
        "`Alumno/@segundoApellido`»), §1.3–§1.10 (required attributes)",
        "options": {
            "vacios_permitidos": "Fields of the cadena that may be empty, as «Element/@attribute» "
            "(dec-3.0.md §3.1: in 3.0 only segundoApellido).",
        },
    },
    "CAD003": {
        "why": "The specification says values are copied to the cadena exactly as they are in the XML, but "
        "one implementation applies normalize-space (trims and collapses blanks) and most only trim. "
        'With a value like nombre="  MARIA  DEL CARMEN " each generator signs a different cadena and it '
        "is not known which one the MEC builds: the seal may be valid for mec-lint and rejected by the "
        "MEC. mec-lint accepts the seal over any of the three forms; this warning says which one it "
        "verified (or that it was not checked, if the document is not signed). If another rule already "
        "reports the same attribute (e.g. a CURP or an id with blanks), that finding replaces this one.",
        "fix": "Remove the extra blanks in your school system (leading, trailing and doubled), generate the "
        "XML again and sign it again.",
        "spec": "dec-3.0.md §3.1 (values are copied as they appear; [IDEE] applies normalize-space, most "
        "trim) and §4.1 (the seal is computed over the cadena's UTF-8 bytes)",
    },
    # -- grades ------------------------------------------------------------------------------------
    "CAL001": {
        "why": "The grading scale (Carrera/@calificacionMinima and @calificacionMaxima) bounds every grade "
        "in the certificate; a value outside it is a data-entry or scale error.",
        "fix": "Correct the grade or the scale declared in Carrera (and sign again: both are in the cadena "
        "original).",
        "spec": "dec-3.0.md §1.6 and §5.2 (the grade lies between calificacionMinima and calificacionMaxima)",
    },
    "CAL002": {
        "why": "The certificate of studies lists accredited subjects; a failing grade shows that a subject "
        "not accredited, or an earlier attempt, was included (the one that counts is the accredited one, "
        "with its cycle and its observation, e.g. 71 EXAMEN EXTRAORDINARIO).",
        "fix": "Remove the subject that was not accredited, or enter the grade it was accredited with, with "
        "the matching cycle and observation.",
        "spec": "dec-3.0.md §5.2 (a certificate lists accredited subjects); mec-faq.txt (cycle and "
        "observation of a subject accredited in another cycle)",
    },
    "CAL003": {
        "why": "calificacionMinima, calificacionMaxima and calificacionMinimaAprobatoria describe the "
        "program's scale and are signed in the cadena original; if they are not numbers, are negative or "
        "contradict each other, no grade can be validated (the schema defines them as text and does not "
        "prevent a «-5»).",
        "fix": "Write the scale registered for the plan, e.g. 5 / 10 / 6.00 (and sign again).",
        "spec": "dec-3.0.md §1.6 (scale: minimum, maximum, minimum passing) and §6 (sample values); "
        "layout.md «Cell rules» (CALIF_MINIMA < CALIF_APROBATORIA <= CALIF_MAXIMA, the plan's same scale)",
        "options": {
            "permitir_minima_igual": "Accept calificacionMinima equal to calificacionMinimaAprobatoria "
            "(scales that start at the passing grade).",
        },
    },
    "CAL004": {
        "why": "Six independent implementations (two with real cadenas) write grades with 2 decimals except "
        "a perfect 10 («9.00», «10»), the minimum passing grade with 2 decimals, the scale as integers "
        "and credits and average with 2 decimals. The value in the XML and in the cadena original must be "
        "identical, so a different format is not an error in itself, but correcting it means signing "
        "again.",
        "fix": "Generate the XML with the conventional format and build the cadena original and the seal "
        "again: the signed value must be identical to the XML's.",
        "spec": "dec-3.0.md §5.2 (grade), §5.3 (average), §5.4 (credits), §1.6 (scale), §3.1 (identical "
        "values in the XML and the cadena)",
        "options": {
            "decimales_creditos": "Decimals of creditos, totalCreditos and creditosObtenidos ([DGS] sets "
            "it per program).",
            "maxima_entera": "The perfect maximum grade is written as an integer («10»); False: «10.00».",
        },
    },
    "CAL005": {
        "why": "Grades are numbers; [BAN] and [DGS] also accept «AC»/«ACREDITADA» for subjects accredited "
        "without a numeric grade (they are left out of the average). Any other text is not a grade.",
        "fix": "Write the numeric grade with a decimal point, or an accepted letter grade.",
        "spec": "dec-3.0.md §1.10 and §5.2 (letter grades AC / ACREDITADA)",
        "options": {
            "letras": "Accepted letter grades (case-insensitive); they are left out of the average (TOT003 "
            "uses this same list).",
        },
    },
    # -- catalogs ----------------------------------------------------------------------------------
    "CAT001": {
        "why": "The MEC validates every id against the SEP catalogs; an unknown id (or one written "
        'differently, like "9" instead of "09") makes it reject the certificate. State ids keep their '
        "leading zero. The catalogs are data (catalogs.yaml), not code. The idCargo list (1 DIRECTOR, 2 "
        "SUBDIRECTOR, 3 RECTOR, 4 VICERRECTOR, 5 RESPONSABLE DE EXPEDICIÓN) is confirmed by the CARGOS "
        "catalog sheet of the SEP's own template, so an idCargo outside it is an error with high "
        "confidence. If the SEP assigned you another id of any catalog, add it in the configuration and "
        "it stops being an error.",
        "fix": "Use the catalog's exact id. If the SEP assigned you an id mec-lint does not know yet, add it "
        "in the configuration (key `catalogs`, e.g. `catalogs: {idCargo: {'6': 'COORDINADOR'}}`).",
        "spec": "dec-3.0.md §2.1–§2.8 (catalogs); catalogs.yaml; idCargo 1–5: confirmed by the SEP's "
        "template (layout.md, «Spellings seen in SEP's own workbooks»: sheet CARGOS 1–5, ids equal to "
        "catalogs.yaml), previously medium confidence (dec-3.0.md §2.2)",
    },
    "CAT002": {
        "why": "Ids 103, 105, 106 and 107 of idObservaciones come from a single line of public sources and "
        "are not verified; the MEC could reject them.",
        "fix": "If the SEP confirmed the id to you, add it in the configuration (`catalogs: "
        "{idObservaciones: {'105': 'INTERCAMBIO ACADÉMICO'}}`) and the warning goes away.",
        "spec": "dec-3.0.md §2.7 (103 only in [LAMM]; 105–107 only in [WA2]/[IDEE]); catalogs.yaml "
        "idObservaciones_disputed",
    },
    "CAT003": {
        "why": "The MEC signs and validates only the id; the text is printed on the certificate. A text that "
        "names another catalog entry (e.g. nivelEstudios=MAESTRÍA with idNivelEstudios=81) gives away a "
        "wrong id or a wrong text.",
        "fix": "Correct the id or the text so that they match. The text is not part of the cadena original; "
        "the id is (changing it means signing again).",
        "spec": "dec-3.0.md §1.6, §1.8, §1.10, §1.3 (optional catalog texts) and §2",
        "options": {
            "atributos": "Texts compared with their id. Possible: tipoPeriodo, nivelEstudios, "
            "tipoCertificacion, tipoAsignatura, entidadFederativa, cargo (cargo is not included by "
            "default: its text is free).",
        },
    },
    "CAT004": {
        "why": "The place of issue uses the same catalog of states as the campus, and almost every "
        "implementation takes it from the campus's state (Ipes/@idEntidadFederativa, the campus's state "
        "according to dec-3.0.md §1.3). A different value is legal —the schema does not forbid it— but it "
        "is usually a data-entry error (another state of the catalog, a campus copied from another "
        "certificate). That is why it is only a note (info): it counts neither as an error nor as a "
        "warning.",
        "fix": "If the certificate was issued in the campus's state, write in idLugarExpedicion the same id "
        "as Ipes/@idEntidadFederativa and sign again; if it really was issued in another state, change "
        "nothing.",
        "spec": "dec-3.0.md §1.8 (idLugarExpedicion: «Nearly every implementation sets it to the campus "
        "state (Ipes/@idEntidadFederativa)»), §1.3 (idEntidadFederativa: the campus's state) and §2.8",
    },
    # -- cycles ------------------------------------------------------------------------------------
    "CIC001": {
        "why": "The MEC FAQ sets the nomenclature AAAA-CICLO (example 2019-1) for the cycle in which each "
        "subject was taken; the cycle is part of the cadena original. A 2-digit year (19-1), another "
        "separator (2019/1), a period with letters (2019-A), period 0 or blanks do not follow that "
        "nomenclature. A leading zero in the period (2019-01) is reported separately, as a warning "
        "(CIC004).",
        "fix": "Write the full year (4 digits), a hyphen and the period number without zeros: 2019-1, 2020-3.",
        "spec": "mec-faq.txt (nomenclature of the cycles «AAAA-CICLO, ejemplo: 2019-1»); spec README rule 5; "
        "dec-3.0.md §1.10 and §5.1",
    },
    "CIC002": {
        "why": "A cycle 2019-3 in a semester program (idTipoPeriodo 91) shows a badly entered cycle or an "
        "idTipoPeriodo that does not match the plan. The number of periods per year of each type (91 "
        "semester: 2, 92 two-month period: 6, 93 four-month period (cuatrimestre): 3, 94 four-month period "
        "(tetramestre): 3, 260 quarter: 4, 262 yearly: 1; 261 modular: not checked) is an observation of "
        "public implementations and real samples, NOT a rule published by the SEP: that is why it is a "
        "warning and the table is the option periods_per_year, which the configuration can change.",
        "fix": "Correct the cycle (e.g. 2019-3 → 2020-1 if the period belongs to the next year) or the "
        "program's idTipoPeriodo; if your institution numbers its periods another way, adjust CIC002's "
        "option periods_per_year in the configuration.",
        "spec": "dec-3.0.md §2.4 (column «cycles per year», medium confidence: reading of [IDEE] and of "
        "samples, not an SEP rule) and §5.1; catalogs.yaml idTipoPeriodo",
        "options": {
            "periods_per_year": "Periods per year of each idTipoPeriodo ({id: number}); a type that is not "
            "listed (e.g. 261 MODULAR) is not checked. It is an observation, not an SEP rule: adjust it to "
            "your plan.",
        },
    },
    "CIC003": {
        "why": "The MEC FAQ asks for the subjects to be entered in the order of the authorized plan; in "
        "plans with a fixed order the year-cycle sequence can only break if the subject was accredited in "
        "another cycle (extraordinary exam, título de suficiencia, retaking…), and then it carries the "
        "cycle in which it was passed and the catalog's observation. That is why ordinary subjects (without "
        "idObservaciones or with 100) must have non-decreasing cycles in document order. The rule points "
        "at the fewest ordinary subjects that break the sequence (those left out of the longest "
        "non-decreasing subsequence); subjects with another observation are never pointed at. Flexible "
        "plans (without blocks of subjects per period) are not bound to this sequence: turn it off with "
        "--ignore CIC003 or with ignore/per-file-ignores in the configuration.",
        "fix": "Add the matching observation to the subject (71 EXAMEN EXTRAORDINARIO, 72 EXAMEN A TÍTULO "
        "DE SUFICIENCIA, 73 CURSO DE VERANO, 74 RECURSAMIENTO, …) or correct its cycle or order; for "
        "flexible plans use --ignore CIC003.",
        "spec": "mec-faq.txt (nomenclature of the cycles: the plan's order, broken only with the matching "
        "observation); spec README rule 5; dec-3.0.md §2.7 (idObservaciones catalog)",
        "options": {
            "exempt_types": "idTipoAsignatura whose subjects are not checked, e.g. [264] if the plan lists "
            "the electives in a separate block, outside the sequence of periods. By default all are "
            "checked.",
        },
    },
    "CIC004": {
        "why": "The MEC FAQ gives the nomenclature AAAA-CICLO with the example 2019-1, and every known real "
        "value writes the period without a zero (2015-2, 2019-3). No source says the MEC rejects 2019-01: "
        "an implementation in production ([DGS]) accepts 1- or 2-digit suffixes. That is why it is a "
        "warning and not an error: the value goes into the cadena original as it is and differs from what "
        "the other systems write.",
        "fix": "Remove the leading zero of the period: 2019-01 → 2019-1.",
        "spec": "mec-faq.txt («AAAA-CICLO, ejemplo: 2019-1»); dec-3.0.md §5.1 ([DGS] accepts a 1–2 digit "
        "suffix; real values without a zero)",
    },
    "CIC005": {
        "why": "The MEC FAQ asks that each subject show the year-cycle in which it was passed. A cycle in a "
        "year after the issue date, or before the student's birth, cannot be that year: it is usually a "
        "data-entry error (2030 for 2020) or a date error. It is an inference from that rule, not an "
        "explicit SEP text: that is why it is a warning.",
        "fix": "Correct the year of the subject's cycle (or the issue date or the birth date if those are "
        "the wrong ones).",
        "spec": "mec-faq.txt («cada asignatura debe reflejar el año-ciclo en que fue aprobada»); dec-3.0.md "
        "§1.7, §1.8 and §5.1",
    },
    # -- CURP --------------------------------------------------------------------------------------
    "CUR001": {
        "why": "The CURP is in the cadena original and the MEC validates it; besides, the responsible "
        "person's CURP must match their e.firma's. A CURP with lowercase letters, blanks or a character out "
        "of place (O for 0, Ñ, accents) is not a RENAPO CURP.",
        "fix": "Copy the CURP from the RENAPO record (gob.mx/curp), in uppercase and without blanks.",
        "spec": "spec README rule 6; dec-3.0.md §1.4, §1.7 (18 uppercase characters) and §5.6 (RENAPO "
        "form ^[A-Z]{4}\\d{6}[HM][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z\\d]\\d$)",
        "options": {
            "letras-sexo": "Letters accepted in position 11 (sex). The RENAPO form of the specification "
            "(§5.6) accepts H and M.",
        },
    },
    "CUR002": {
        "why": "Positions 5–10 of the CURP are the birth date (YYMMDD); a date that does not exist gives "
        "away a badly entered CURP.",
        "fix": "Correct the CURP with the RENAPO record.",
        "spec": "dec-3.0.md §5.6 (RENAPO form: positions 5–10 = YYMMDD) and §1.7 ([DGS] derives the birth "
        "date from positions 5–10); century from position 17: RENAPO's convention",
        "fail": '<Alumno … curp="GAPA011323MDFRRNA3"/> (month 13)',
    },
    "CUR003": {
        "why": "Positions 12–13 of the CURP are the state of birth, with RENAPO's keys (DF, JC, NL, …, NE "
        "for those born abroad); another key gives away a badly entered CURP.",
        "fix": "Correct the CURP with the RENAPO record.",
        "spec": "catalogs.yaml curpEntidad; dec-3.0.md §5.6",
    },
    "CUR004": {
        "why": "The last digit of every CURP is computed from the 17 positions before it (dictionary 0–9, "
        "A–N, Ñ, O–Z; weights 18 to 2; digit = (10 − sum mod 10) mod 10). If it does not add up, the CURP "
        "has a data-entry error and does not belong to the person. It rests on RENAPO's published "
        "algorithm, not on the MEC's specification (which only gives the CURP's form, §5.6, and whose "
        "sample CURPs do not satisfy it): it is an error because a CURP with the wrong digit is not the "
        "student's; whoever prefers only a warning can configure it (`severity: {CUR004: warning}`).",
        "fix": "Copy the CURP from the RENAPO record (gob.mx/curp).",
        "spec": "RENAPO's check-digit algorithm (outside the MEC's specification); spec README rule 6 (the "
        "student's CURP) and dec-3.0.md §5.6 (18-character form, the last one a digit)",
    },
    "CUR005": {
        "why": "The MEC FAQ (question 9) says to enter the description «EXTRANJERO» for foreign students "
        "without a CURP; any other form is neither a CURP nor that literal. The responsible person signs "
        "with their e.firma, whose certificate carries their CURP.",
        "fix": "Student: «EXTRANJERO» exactly. Responsible person: their 18-character CURP.",
        "spec": "mec-faq.txt question 9; spec README rule 6; dec-3.0.md §1.7, §5.6 (EXTRANJERO) and §1.4, "
        "§4.2 (the responsible person's CURP = e.firma)",
    },
    "CUR006": {
        "why": "The CURP holds the birth date (positions 5–10, century from position 17) and the sex "
        "(position 11: H/M). If they do not match fechaNacimiento or idGenero (250 MUJER, 251 HOMBRE), one "
        "of the values was entered wrong and is signed in the cadena original.",
        "fix": "Compare the CURP, the birth date and the gender with the RENAPO record and correct the one "
        "that is wrong; then seal again.",
        "spec": "dec-3.0.md §1.7 and §2.3 (idGenero 250/251; [SASS] derives it from position 11; [DGS] "
        "derives the date from positions 5–10); catalogs.yaml idGenero; century from position 17: "
        "RENAPO's convention",
    },
    # -- dates, version ----------------------------------------------------------------------------
    "DAT001": {
        "why": "Rvoe/@fechaExpedicion, Alumno/@fechaNacimiento and Expedicion/@fecha are xs:dateTime and "
        "part of the cadena original: every implementation writes them AAAA-MM-DDT00:00:00, without a time "
        "zone or fractions of a second. A 12-hour format (hh) produces T12:00:00 at midnight; a date like "
        "2023-02-30 does not exist. Any of these values makes the MEC reject the certificate or sign a date "
        "other than the one meant to be issued.",
        "fix": "Generate the dates with a fixed 24-hour pattern, e.g. yyyy-MM-dd'T'00:00:00 (Java/C#: "
        "\"yyyy-MM-dd'T'HH:mm:ss\" with uppercase HH; PHP: 'Y-m-d\\TH:i:s' or 'Y-m-d\\T00:00:00'), without a "
        "time zone. Then seal again: the three dates are in the cadena original.",
        "spec": "dec-3.0.md §1.5, §1.7, §1.8 (xs:dateTime types) and §5.7 (format AAAA-MM-DDT00:00:00, "
        "12-hour error)",
    },
    "DAT002": {
        "why": "A certificate is issued to a student already born: a birth date equal to or after the issue "
        "date is a data-entry error (another date, a wrong year) that stays signed in the cadena original.",
        "fix": "Enter the birth date from the student's birth certificate or CURP and seal the certificate "
        "again.",
        "spec": "dec-3.0.md §1.7 (Alumno/@fechaNacimiento) and §1.8 (Expedicion/@fecha)",
    },
    "DAT003": {
        "why": "Rvoe/@fechaExpedicion is the date the RVOE was granted; the studies are certified under that "
        "agreement, so the certificate cannot be issued before it exists.",
        "fix": "Enter the date of the RVOE agreement as it appears in the agreement and seal the certificate "
        "again.",
        "spec": "dec-3.0.md §1.5 (Rvoe/@fechaExpedicion: the date the RVOE was granted) and §1.8 "
        "(Expedicion/@fecha)",
    },
    "DEC001": {
        "why": "The production MEC accepts only specification 3.0 since 14 March 2022 (FAQ); until 11 March "
        '2022 it accepted 2.0. That is why version="2.0" is an error only if the upload date '
        "(--upload-date, today by default) is 14 March 2022 or later; for an earlier upload (e.g. when "
        "checking again a certificate of those dates) DEC001 does not report it. mec-lint's other rules "
        "follow specification 3.0.",
        "fix": 'Generate the XML with specification 3.0: version="3.0", with ServicioFirmante and '
        "numeroCiclos, without foto or firmaAutografa; then seal again.",
        "spec": "mec-faq.txt (specification 3.0 since 14/03/2022; 2.0 until 11/03/2022); spec README rule "
        "11; dec-3.0.md §1.1 and §1.12",
    },
    "DEC002": {
        "why": 'The schema fixes tipoCertificado="5" for IPES documents.',
        "fix": 'Write tipoCertificado="5" and seal again (the value is in the cadena original).',
        "spec": "dec-3.0.md §1.1 and §2.9; catalogs.yaml tipoCertificado",
    },
    "DEC003": {
        "why": 'With elementFormDefault="qualified", Dec and all its nodes must be in the namespace '
        "https://www.siged.sep.gob.mx/certificados/; otherwise the MEC recognizes none of the nodes.",
        "fix": 'Declare on Dec xmlns="https://www.siged.sep.gob.mx/certificados/" exactly (https and a '
        "trailing slash).",
        "spec": "dec-3.0.md §1 (namespace, elementFormDefault=qualified)",
    },
    "DEC004": {
        "why": "The 3.0 schema admits no additional attributes: an unknown one (or one from 2.0 like foto or "
        "firmaAutografa) makes the MEC reject the document.",
        "fix": "Remove the attribute or correct its name (upper and lower case count) according to "
        "specification 3.0.",
        "spec": "dec-3.0.md §1.1–§1.10 (attributes per node) and §1.12 (differences 2.0 → 3.0)",
    },
    "DEC005": {
        "why": "The 3.0 schema declares the content of Dreoe and SepIpes as xs:any (lax) and does not "
        "validate it, but the specification defines only attributes on them and every node of the Dec is "
        "empty. A node hidden there (for example an Asignatura) is not part of the certificate: mec-lint "
        "counts it neither in the totals nor in the cadena original, and neither does the MEC.",
        "fix": "Remove the nodes inside Dreoe or SepIpes; subjects go inside Asignaturas (and the institution "
        "sends neither Dreoe nor SepIpes: the SEP adds them).",
        "spec": "dec-3.0.md §1 (the Dec tree: every node is empty, the data are in attributes) and §1.11 "
        "(Dreoe and SepIpes: lax xs:any, attributes added by the SEP after authentication)",
        "pass": '(no Dreoe or SepIpes: the institution does not send them) or <Dreoe fechaDreoe="…" …/>',
    },
    # -- issue date, signer node ------------------------------------------------------------------
    "FEC001": {
        "why": "The MEC FAQ (question 12) says the issue date must be 1 to 90 days before the authentication "
        "date (the upload to the system) and never after it. Outside that window the MEC rejects the "
        "certificate and one of the folio's 3 attempts is spent.",
        "fix": "Give with --upload-date AAAA-MM-DD the day you will really upload the batch (today by "
        "default). If the date falls outside the window, reissue with a date 1 to 90 days before the "
        "upload and seal again (the date is in the cadena original).",
        "spec": "mec-faq.txt question 12 («Qué fecha de expedición debo capturar»); spec README rule 8; "
        "dec-3.0.md §1.8",
        "fail": '--upload-date 2024-09-01 with <Expedicion … fecha="2024-09-01T00:00:00"/> (0 days) or '
        'fecha="2024-06-02T00:00:00" (91 days)',
        "pass": '--upload-date 2024-09-01 with <Expedicion … fecha="2024-08-20T00:00:00"/> (12 days)',
    },
    "FEC002": {
        "why": "The issue date expires 90 days later: a certificate uploaded in the last days of the window "
        "leaves no margin to correct a rejection (3 attempts per folio) or for a cancellation (48 hours).",
        "fix": "Upload the batch as soon as possible, or reissue with a more recent date and seal again.",
        "spec": "mec-faq.txt questions 12 (1 to 90 days), 13 (cancellation within 48 hours) and 15 (3 "
        "attempts per folio)",
        "fail": '--upload-date 2024-09-01 with <Expedicion … fecha="2024-06-05T00:00:00"/> (the window '
        "closes on 03/09/2024)",
        "pass": '--upload-date 2024-09-01 with <Expedicion … fecha="2024-08-20T00:00:00"/> (the window '
        "closes on 18/11/2024)",
        "options": {
            "dias-aviso": "Warn when this many days or fewer are left until the last upload day (issue "
            "date + 90 days).",
        },
    },
    "FIR001": {
        "why": "The MEC FAQ says idEntidad holds the «ID_INSTITUCION», and the schema describes it as the "
        "institution that issues the document: the same value as Ipes/@idNombreInstitucion (7 independent "
        "implementations do so). Putting the state's key (09, 30) there is a known error that comes from "
        "other families of SEP certificates.",
        "fix": "Copy into ServicioFirmante/@idEntidad the same ID_INSTITUCION that goes in "
        "Ipes/@idNombreInstitucion.",
        "spec": "mec-faq.txt (node «ServicioFirmante»: idEntidad is the «ID_INSTITUCION»); spec README rule "
        "13; dec-3.0.md §1.2 and §2.9",
    },
    "FIR002": {
        "why": "Specification 3.0 added the required node ServicioFirmante, which identifies the institution "
        "of the person responsible for issuing. Generators made for 2.0 do not write it and the MEC rejects "
        "the document.",
        "fix": 'Add <ServicioFirmante idEntidad="ID_INSTITUCION"/> as the first child of Dec.',
        "spec": "mec-faq.txt (new node «ServicioFirmante»); spec README rule 13; dec-3.0.md §1 (tree), §1.2 "
        "and §1.12",
    },
    # -- ids ----------------------------------------------------------------------------------------
    "IDS001": {
        "why": "The MEC FAQ asks for program and subject IDs to be numeric (Integer), never repeated and "
        "without leading zeros; the MEC compares them with those of the registered Programa de Estudios "
        "(layout), so «0101», «101.0» or « 101» do not match the ID 101. idCampus, idEntidadFederativa and "
        "idLugarExpedicion are not the institution's IDs and do keep their zeros (090872, 09): this rule "
        "does not check them.",
        "fix": "Remove leading zeros, decimals, signs and blanks, and check that the resulting ID is the "
        "same as in the registered layout (if the layout registered another ID, use that one).",
        "spec": "spec README rule 1; mec-faq.txt («IDs … numéricos (Integer) e irrepetibles … No incluir "
        "ceros a la izquierda»); dec-3.0.md §1.6, §1.10, §2.9",
    },
    "IDS002": {
        "why": "Subject IDs are never repeated (MEC FAQ): a repeated ID means a subject entered twice or "
        "another subject's ID, and the certificate does not match the registered plan.",
        "fix": "Use on each subject the ID it has in the layout; an accredited subject is listed only once, "
        "with the cycle in which it was passed.",
        "spec": "dec-3.0.md §5.2 («a certificate lists accredited subjects») and mec-faq.txt («cada "
        "asignatura debe reflejar el año-ciclo en que fue aprobada»: one subject, one row); mec-faq.txt "
        "(IDs never repeated: an id never names two subjects). Inference: the same subject is not listed "
        "twice.",
    },
    "IDS003": {
        "why": "Unlike idCarrera and idAsignatura, idCampus is not an integer: it is the campus key (DGP "
        "key) and keeps its leading zeros, like the state (09). A system that stores it as a number writes "
        "90872 instead of 090872 and the certificate no longer matches the registered campus. That the key "
        "has 6 digits is seen in every sample (medium confidence): configurable, and a key that is not "
        "made of digits or has more digits only gets a warning.",
        "fix": "Write idCampus as text with all its digits (090872), as in the Programa de Estudios; if your "
        "system stores it as a number, change the field to text.",
        "spec": "spec README rule 1 (note: idCampus and the state keep their zeros); dec-3.0.md §1.3, §2.9 "
        "and §5.8 (6 digits with the state's prefix; keep zeros)",
        "options": {
            "campus_digits": "Digits of idCampus (dec-3.0.md §5.8: 6 in every sample); a shorter key of "
            "digits lost leading zeros.",
        },
    },
    "IO001": {
        "why": "Every file given must be checked; one that could not be read is reported instead of being "
        "left out silently.",
        "fix": "Check the file's path and permissions, or give a folder that holds the certificates.",
        "spec": "mec-lint's own rule (not the MEC's): every file given must exist and be readable",
    },
    # -- layout (Programa de Estudios) -------------------------------------------------------------
    "LAY001": {
        "why": "The MEC receives the Programa de Estudios as an Excel file. mec-lint reads .xlsx workbooks; "
        "one that cannot be opened (encrypted, damaged, a renamed CSV) or an .xls from Excel 97-2003 "
        "cannot be checked: save it as «Libro de Excel (.xlsx)» (Excel Workbook) without a password.",
        "fix": "Save the file as «Libro de Excel (.xlsx)» (Excel Workbook), without a password.",
        "spec": "layout.md «The layout mec-lint reads»; mec-faq.txt «Programa de Estudios o Layout»",
        "fail": "programa.xlsx protected with a password, or an .xls renamed to .xlsx",
        "pass": "programa.xlsx saved as «Libro de Excel (.xlsx)» without a password",
    },
    "LAY002": {
        "why": "The layout registers institution, campuses, programs (current plans) and subjects; without "
        "one of those sheets the certificates cannot be related to the plan. The sheet names are those of "
        "the layout mec-lint reads (layout.md: the official template is not public); if your workbook uses "
        "others, declare them in `header-aliases`. Two sheets with the same name (a copy like «CARRERAS "
        "(2)») are a warning: the one with the exact name is checked. A sheet whose title is only a variant "
        "(INSTITUCIONES, ASIGNATURA) or carries a remark (CAMPUS (catálogo)) next to the sheet with the "
        "proper name is not a copy but another sheet —that is how the SEP's template titles its catalog "
        "sheets— and is ignored without a warning.",
        "fix": "Add the missing sheet (or declare the name you use in `header-aliases`); remove or rename "
        "the copies of a sheet.",
        "spec": "layout.md «The layout mec-lint reads»; mec-faq.txt «Programa de Estudios o Layout»; "
        "layout.md «Spellings seen in SEP's own workbooks» (catalog sheets of the template)",
        "fail": "Workbook with sheets INSTRUCCIONES, INSTITUCION, CAMPUS, CARRERAS (no ASIGNATURAS)",
        "pass": "Workbook with sheets INSTRUCCIONES, INSTITUCION, CAMPUS, CARRERAS, ASIGNATURAS",
    },
    "LAY003": {
        "why": "mec-lint reads columns by their name, never by their position; without a required column "
        "(for example ID_CARRERA or NO_RVOE) the certificates cannot be compared with the plan. The names "
        "are those of the layout mec-lint reads (layout.md: the official list of columns is not public) "
        "with the known variants; other names are declared in `header-aliases`.",
        "fix": "Add the column with its header (e.g. FECHA_RVOE) in the header row, or declare the name you "
        "use in `header-aliases`.",
        "spec": "layout.md «The layout mec-lint reads»; mec-faq.txt «Programa de Estudios o Layout»; table "
        "of sheets and columns (required ones in bold)",
        "fail": "Sheet CARRERAS without the column FECHA_RVOE",
        "pass": "Sheet CARRERAS with ID_CARRERA, ID_CAMPUS, NO_RVOE, FECHA_RVOE, CLAVE_PLAN, …",
    },
    "LAY004": {
        "why": "The SEP defines ID_CARRERA and ID_ASIGNATURA as integers chosen by the institution, without "
        "leading zeros; the certificates must carry exactly the same id (idCarrera, idAsignatura).",
        "fix": "Write the id as an integer with the General format, without leading zeros or blanks.",
        "spec": "mec-faq.txt «¿Cómo genero el ID_ASIGNATURA y el ID_CARRERA?» (numeric, Integer, never "
        "repeated, without leading zeros); layout.md «Cell rules»",
        "fail": "ID_CARRERA = «0101» (text) or 101 with cell format 0000",
    },
    "LAY005": {
        "why": "A repeated id makes the certificate ambiguous: the MEC would not know which plan or subject "
        "idCarrera or idAsignatura refers to (FAQ: «irrepetibles», never repeated).",
        "fix": "Give each program and each subject its own ID; if a row is repeated, remove it.",
        "spec": "mec-faq.txt «¿Cómo genero el ID_ASIGNATURA y el ID_CARRERA?» (numeric, Integer, never "
        "repeated, without leading zeros); layout.md «Cell rules»; layout.md: «ID_CARRERA unique in the "
        "workbook; ID_ASIGNATURA unique in the workbook»",
        "fail": "CARRERAS: two rows with ID_CARRERA 101 (plan 2010 and plan 2018)",
        "pass": "CARRERAS: ID_CARRERA 101 (plan 2010) and 102 (plan 2018)",
        "options": {
            "asignatura_scope": "Scope of ID_ASIGNATURA's uniqueness: «workbook» (the whole workbook, what "
            "the FAQ says) or «carrera» (the same id may repeat in different programs).",
        },
    },
    "LAY006": {
        "why": "The layout's required data (RVOE, plan, level, grading scale, credits…) are what the MEC "
        "compares with each certificate.",
        "fix": "Enter the missing value in the cell shown.",
        "spec": "layout.md table of sheets (required columns in bold)",
        "fail": "CARRERAS row 5: NO_RVOE empty",
        "pass": "CARRERAS row 5: NO_RVOE 20181234",
    },
    "LAY007": {
        "why": "idCampus (090872) and idEntidadFederativa (09) keep their zeros in the certificates; if "
        "Excel stores 9 as a number, the layout no longer matches the XML.",
        "fix": "Give the column the Text format and write the key with its zeros (090872, 09).",
        "spec": "layout.md «Cell rules»; spec README rule 1 (idCampus and the state keep zeros); dec-3.0.md "
        "§5.8 (6-digit idCampus)",
        "fail": "ID_ENTIDAD_FEDERATIVA = 9 (number)",
        "pass": "ID_ENTIDAD_FEDERATIVA = «09» (text)",
        "options": {
            "campus_digits": "Digits of ID_CAMPUS: a number with fewer digits lost zeros (dec-3.0.md §5.8: "
            "6 digits).",
        },
    },
    "LAY008": {
        "why": "The SEP's FAQ: the RVOE is entered as its number; if it is by decree or agreement, the word "
        "DECRETO or ACUERDO in uppercase and its number, for example ACUERDO 1980.",
        "fix": "Write only the RVOE number, or DECRETO / ACUERDO in uppercase and, if it has one, a space and "
        "its number (ACUERDO 1980).",
        "spec": "mec-faq.txt «¿Cómo capturo el RVOE en el campo NO_RVOE si es por DECRETO o ACUERDO?»; "
        "layout.md «Cell rules»",
        "fail": "NO_RVOE = «Acuerdo 1980» or «RVOE-20181234»",
        "pass": "NO_RVOE = «ACUERDO 1980» or 20181234",
    },
    "LAY009": {
        "why": "The certificate's clavePlan must be identical to CLAVE_PLAN; plans before 1998 carry the "
        "printed key (DGES 123456789123). Excel often turns keys into dates or numbers.",
        "fix": "Give the cell the Text format and write CLAVE_PLAN as it appears in the authorized plan.",
        "spec": "mec-faq.txt «¿Cómo requisitar el campo CLAVE_PLAN si es anterior a 1998?»; layout.md «Cell "
        "rules»",
        "fail": "CLAVE_PLAN = 2018-1 turned by Excel into the date 01/01/2018",
        "pass": "CLAVE_PLAN = «2018» or «DGES 123456789123»",
    },
    "LAY010": {
        "why": "The RVOE date is compared with each certificate's Rvoe/@fechaExpedicion; it must be the real "
        "date of the agreement.",
        "fix": "Write the date of the RVOE agreement as an Excel date (or dd/mm/yyyy); it cannot be after "
        "the upload date.",
        "spec": "layout.md «Cell rules»",
        "fail": "FECHA_RVOE = «15-jun-18» (text) or 31/02/2018",
        "pass": "FECHA_RVOE = 15/06/2018 (date cell)",
    },
    "LAY011": {
        "why": "The level of studies, the type of period, the type of subject and the state are entered with "
        "the ids of the SEP catalogs, the same as in the certificate.",
        "fix": "Use an id from the SEP catalogs (see `mec-lint explain CAT001` and catalogs.yaml).",
        "spec": "layout.md «Cell rules»; catalogs.yaml",
        "fail": "ID_NIVEL_ESTUDIOS = 1 (LICENCIATURA is 81)",
    },
    "LAY012": {
        "why": "The plan's scale (minimum, maximum, minimum passing) is copied to each certificate; an "
        "inverted scale (for example passing 60 with maximum 10) or one with a negative grade is a "
        "data-entry error.",
        "fix": "Correct the program's scale: CALIF_MINIMA less than CALIF_APROBATORIA, and this one not "
        "greater than CALIF_MAXIMA.",
        "spec": "layout.md «Cell rules»",
    },
    "LAY013": {
        "why": "The plan's total of subjects and of credits is used in each certificate's "
        "Asignaturas/@total and @totalCreditos; complementary subjects (266) count in neither. A negative "
        "CREDITOS, TOTAL_CREDITOS or TOTAL_ASIGNATURAS is reported in its own cell (and that sum is not "
        "compared).",
        "fix": "Correct TOTAL_ASIGNATURAS / TOTAL_CREDITOS, or the program's subjects in the ASIGNATURAS "
        "sheet.",
        "spec": "layout.md «Cell rules» (TOTAL_ASIGNATURAS / TOTAL_CREDITOS); dec-3.0.md §1.10 (type 266)",
        "fail": "TOTAL_ASIGNATURAS 40 with 39 required and elective subjects in ASIGNATURAS",
        "pass": "TOTAL_ASIGNATURAS 40 with 40 subjects that count (plus the complementary ones)",
    },
    "LAY014": {
        "why": "The layout is hierarchical (INSTITUCION 1—N CAMPUS 1—N CARRERAS 1—N ASIGNATURAS); a broken "
        "reference leaves subjects without a plan or plans without a campus.",
        "fix": "Correct the id so that it exists in the sheet above (CARRERAS, CAMPUS or INSTITUCION), or add "
        "the missing row there.",
        "spec": "layout.md «Cell rules» (references) and «Relations»",
        "fail": "ASIGNATURAS: ID_CARRERA 105 without a row 105 in CARRERAS",
        "pass": "ASIGNATURAS: ID_CARRERA 101 with its row 101 in CARRERAS",
    },
    "LAY015": {
        "why": "mec-lint (like any reader that is not Excel) sees only the last computed value of a formula; "
        "without it the cell looks empty and cannot be checked.",
        "fix": "Open the workbook in Excel and save it (Excel stores each formula's computed value), or write "
        "the values instead of the formulas.",
        "spec": "layout.md «Cell rules» (formula cells)",
        "fail": "TOTAL_CREDITOS = =SUMA(...) written by a script, without a computed value",
        "pass": "TOTAL_CREDITOS = 315 (or the formula, saved from Excel)",
    },
    "LAY016": {
        "why": "In the subjects sheet, CICLO is the subject's period number within the plan, from 1 to its "
        "program's NUMERO_CICLOS; a period outside that range, or a number of cycles that is not an "
        "integer, is a data-entry error that the MEC compares with the certificates' number of cycles. "
        "Both columns are optional and the rule is deduced from their definition, not from an explicit "
        "cell rule: that is why it is a warning.",
        "fix": "Correct the subject's CICLO or the program's NUMERO_CICLOS according to the authorized plan.",
        "spec": "layout.md table of sheets (CARRERAS: NUMERO_CICLOS; ASIGNATURAS: «CICLO (period number "
        "within the plan, 1..NUMERO_CICLOS)»)",
        "fail": "CARRERAS: NUMERO_CICLOS 9; ASIGNATURAS: CICLO 12 on a subject of that program",
    },
    # -- batches (lotes) ---------------------------------------------------------------------------
    "LOT001": {
        "why": "The batch is uploaded as a .zip with the folio's XML files. A damaged or encrypted .zip, or "
        "one with unsafe names, cannot be uploaded; a .zip that unpacks to a disproportionate size (a zip "
        "bomb) is refused without reading it whole.",
        "fix": "Compress again only the folio's XML files, without a password or folders, with a standard "
        "tool.",
        "spec": "mec-faq.txt «¿Cómo puedo cargar varios certificados a la vez?»; spec README rule 9; "
        "mec-lint's reading limits against hostile files (key `limits` of the configuration)",
        "fail": "lote.zip with an encrypted XML, or with ../../cert.xml as a name",
        "pass": "lote.zip with cert_001.xml … cert_050.xml at the top level, without a password",
    },
    "LOT002": {
        "why": "The MEC FAQ says the XML certificates are compressed directly into the .zip; XML files "
        "inside folders may not be read and the folio's attempt is lost.",
        "fix": "Select the XML files (not the folder that holds them) and compress them into a new .zip.",
        "spec": "mec-faq.txt «¿Cómo puedo cargar varios certificados a la vez?» (compress directly into a "
        ".zip); spec README rule 9",
    },
    "LOT003": {
        "why": "The folio covers an exact number of certificates and the .zip must contain only those XML "
        "files; other files (PDF, notes, __MACOSX/, .DS_Store, Thumbs.db) are not certificates and alter "
        "the batch.",
        "fix": "On macOS use «zip -X lote.zip *.xml» or remove __MACOSX and .DS_Store; compress only the XML "
        "files.",
        "spec": "mec-faq.txt «¿Cómo puedo cargar varios certificados a la vez?» (compress directly into a "
        ".zip); spec README rule 9",
    },
    "LOT004": {
        "why": "The MEC requires always uploading the exact number of certificates of the folio, because a "
        "folio can be used only once (and there are 3 attempts per folio).",
        "fix": "Add or remove certificates until the batch has the folio's number.",
        "spec": "mec-faq.txt «¿Cómo puedo cargar varios certificados a la vez?»; spec README rule 9",
        "fail": "mec-lint check --expected-count 50 lote.zip   (the .zip has 49 XML files)",
        "pass": "mec-lint check --expected-count 50 lote.zip   (the .zip has 50 XML files)",
    },
    "LOT005": {
        "why": "The folio covers an exact number of certificates and is used only once: a repeated student "
        "takes the place of another certificate and the upload is lost or cancelled. The student is "
        "identified by their CURP or, if the CURP is EXTRANJERO, by their numeroControl.",
        "fix": "Remove the repeated certificate from the batch (or correct the CURP if it belongs to another "
        "student).",
        "spec": "mec-faq.txt «¿Cómo puedo cargar varios certificados a la vez?» (exact number, the folio is "
        "used once); spec README rules 6 and 9; dec-3.0.md §1.6 (idCarrera) and §1.7 (curp, EXTRANJERO). "
        "Inference (medium): a repeated certificate cannot be part of the folio's exact number. It is an "
        "error because the folio admits no extra certificates; `severity: {LOT005: warning}` lowers it to "
        "a warning.",
        "fail": "cert_001.xml and cert_002.xml with Alumno/@curp=GAPA010523MDFRRNA3 and idCarrera=101",
        "pass": "a single certificate per student and program in the batch",
    },
    "LOT006": {
        "why": "folioControl is optional and free-form, but it serves to relate the authenticated "
        "certificates the MEC returns to the institution's records; repeated, nobody knows which is which "
        "(and it often gives away a duplicated certificate).",
        "fix": "Give each certificate a different folioControl.",
        "spec": "dec-3.0.md §1.1 (folioControl) and §5.8 (unique per institution, medium)",
        "fail": 'cert_001.xml and cert_002.xml with folioControl="UEC-2024-000123"',
        "pass": 'folioControl="UEC-2024-000123" and folioControl="UEC-2024-000124"',
    },
    "LOT007": {
        "why": "The MEC registers a single signer (the person responsible for issuing) per campus, with "
        "their .CER; a certificate signed by another person or with another e.firma does not match the "
        "registered signer.",
        "fix": "Sign the certificates shown again with the e.firma of the campus's registered responsible "
        "person.",
        "spec": "mec-faq.txt «¿Cuántas firmas electrónicas puedo registrar?» and «¿Cuántos firmantes se "
        "autorizan en el MEC?» (1 signer per campus); spec README rule 10",
        "fail": "cert_001.xml: Responsable/@curp=ROLM750312HDFDPR01; cert_002.xml (same idCampus): "
        "Responsable/@curp=SAHJ800101HDFNRN06",
        "pass": "every certificate of idCampus 090872 with the same Responsable/@curp and "
        "noCertificadoResponsable",
    },
    "LOT008": {
        "why": "Folios and the signer are assigned to one institution (ID_MEC / ID_INSTITUCION): a batch "
        "with certificates of another institution does not match the folio or the registered signer.",
        "fix": "Put each institution's certificates in their own batch, or correct the identifier.",
        "spec": "spec README rules 9, 10 and 13; mec-faq.txt «ServicioFirmante / idEntidad» "
        "(ID_INSTITUCION); dec-3.0.md §1.2 and §1.3. Inference (medium): a folio and a signer belong to a "
        "single institution. It is an error because the MEC would reject the whole batch; `severity: "
        "{LOT008: warning}` lowers it to a warning.",
        "fail": "cert_001.xml with idNombreInstitucion=20871 and cert_002.xml with idNombreInstitucion=20499",
        "pass": "every certificate with idNombreInstitucion=20871 and idEntidad=20871",
    },
    "MEC900": {
        "why": "A failure of mec-lint must neither hide the other findings nor stop the check of the batch.",
        "fix": "Report the error with the file (without personal data); meanwhile, the file's other findings "
        "are still valid.",
        "spec": "mec-lint's own rule (not the MEC's): an internal failure is reported without stopping the "
        "check",
        "fail": "(a rule raises an unexpected exception)",
        "pass": "(every rule finishes)",
    },
    # -- numeroCiclos, plan, RVOE -----------------------------------------------------------------
    "NCI001": {
        "why": "numeroCiclos (new in 3.0, in the cadena original) is «la cantidad de ciclos que comprende el "
        "certificado» (the number of cycles the certificate covers) and the MEC FAQ says it «debe ser un "
        "dato entero, ejemplo 1, 10, 18, 25» (must be an integer). A certificate covers at least one cycle. "
        "The schema (xs:integer) accepts «+9», «09» or «-1», but those values are not what the MEC asks "
        "for and their text goes into the cadena as it is.",
        "fix": "Write the number of cycles as an integer without decimals, sign, blanks or leading zeros.",
        "spec": "mec-faq.txt (attribute «numeroCiclos»: an integer, example 1, 10, 18, 25); spec README rule "
        "12; dec-3.0.md §1.9 and §5.5",
    },
    "NCI002": {
        "why": "The most common computation of numeroCiclos in the implementations is the number of distinct "
        "cycle values among the certificate's subjects (a real cadena with cycles 2019-1 to 2021-3 carries "
        "9). The MEC FAQ asks for the value to match the plan, the regulations and the student's record "
        "(and to count the cycles of subjects accredited by equivalence), so there may be legitimate "
        "differences: that is why it is only a warning.",
        "fix": "Count the distinct cycles in which the student took subjects (including those by "
        "equivalence) or check the cycle of some subject; turn the warning off (--ignore NCI002) if your "
        "computation differs for a real reason.",
        "spec": "dec-3.0.md §5.5 (most common computation: distinct cycles; medium confidence); mec-faq.txt "
        "(attribute «numeroCiclos»: must match the plan, the regulations and the record); spec README rule "
        "12",
        "fail": '<Asignaturas … numeroCiclos="9"> with subjects in 2019-3 and 2020-1 (2 cycles)',
        "pass": '<Asignaturas … numeroCiclos="2"> with subjects in 2019-3 and 2020-1',
    },
    "PLN001": {
        "why": "clavePlan is required, goes into the cadena original and the MEC compares it with the "
        "CLAVE_PLAN of the registered Programa de Estudios; an empty value, or one of blanks only, never "
        "matches.",
        "fix": "Copy the CLAVE_PLAN exactly as it was registered in the MEC's layout.",
        "spec": "mec-faq.txt (field «CLAVE_PLAN» before 1998); spec README rule 3; dec-3.0.md §1.6 and §5.8",
    },
    "PLN002": {
        "why": "The plan key is copied as registered (e.g. «DGES 123456789123», with a single space) and goes "
        "into the cadena original; extra blanks at the start, at the end or in the middle make it differ "
        "from the layout. It is a warning because mec-lint does not know the registered key.",
        "fix": "Remove the extra blanks and compare the key with the one registered in the layout.",
        "spec": "mec-faq.txt (field «CLAVE_PLAN» before 1998: as it appears in the authorized plan); spec "
        "README rule 3; dec-3.0.md §1.6 and §5.8",
    },
    "RVO001": {
        "why": "The RVOE number goes into the cadena original and the MEC compares it with the RVOE "
        "registered in the Programa de Estudios. For RVOEs granted by decree or agreement the MEC FAQ asks "
        "for the word DECRETO or ACUERDO in uppercase plus its number if it has one (ACUERDO 1980); modern "
        "federal RVOEs are 8-digit numbers (year + sequence number). Prefixes like «RVOE-», blanks inside "
        "the number or lowercase letters do not match the record.",
        "fix": "Copy the number as it is in the RVOE agreement, without prefixes or blanks; for a decree or "
        "agreement write DECRETO or ACUERDO in uppercase and, if there is one, a space and the number.",
        "spec": "mec-faq.txt (entering «NO_RVOE» for a DECRETO or ACUERDO); spec README rule 4; dec-3.0.md "
        "§1.5 and §5.8",
        "options": {
            "pattern": "Regular expression (full match) that Rvoe/@numero must satisfy. By default: digits "
            "only, or DECRETO/ACUERDO in uppercase with an optional number. Widen it if your registered RVOE "
            "has another format; an invalid expression is ignored and the default is used.",
        },
    },
    # -- seal (sello) and e.firma ------------------------------------------------------------------
    "SEL001": {
        "why": "Without the e.firma certificate in the right format the MEC can neither verify the seal nor "
        "know who signed; the electronic certificate is rejected.",
        "fix": "Read the e.firma's .cer file as bytes and encode them in Base64 without line breaks.",
        "spec": "dec-3.0.md §1.1 and §4.2 (certificadoResponsable: Base64 of the DER .cer on one line)",
        "options": {
            "require_signature": "If true, an unsigned document (sello and certificadoResponsable empty) is "
            "an error.",
        },
    },
    "SEL002": {
        "why": "The MEC looks up the signer's registered certificate by its number; a number that does not "
        "match the enclosed certificate makes it reject the document.",
        "fix": "Take the .cer's serial number and decode its bytes as ASCII text (20 digits).",
        "spec": "dec-3.0.md §4.3 (noCertificadoResponsable: the serial number read as 20 ASCII digits)",
    },
    "SEL003": {
        "why": "A document signed with an e.firma that was not valid on its issue date is not valid.",
        "fix": "Sign with the responsible person's valid e.firma.",
        "spec": "dec-3.0.md §4.2 (certificate valid on the issue date)",
        "fail": '<Expedicion fecha="2024-08-20T00:00:00" …/> with an e.firma expired on 2024-06-30',
        "pass": '<Expedicion fecha="2024-08-20T00:00:00" …/> with an e.firma valid until 2027',
    },
    "SEL004": {
        "why": "The MEC FAQ asks for a valid e.firma: if it expired, the renewed .CER must be registered "
        "before uploading. An e.firma expired on the upload date is an error (the MEC does not accept it); "
        "one that expires soon is a warning.",
        "fix": "Renew the e.firma at the SAT and send the new .CER to the MEC before uploading.",
        "spec": "mec-faq.txt («¿Qué debo hacer si venció la E.FIRMA…?»); spec README rule 10",
        "fail": "e.firma that expires on 2024-09-15, upload on 2024-09-01",
        "pass": "e.firma that expires on 2027-01-01, upload on 2024-09-01",
        "options": {
            "days": "Warn when the e.firma expires this many days or fewer after the upload.",
        },
    },
    "SEL005": {
        "why": "The MEC checks that the e.firma belongs to the person registered as responsible: the "
        "certificate's CURP (serialNumber, OID 2.5.4.5) must be Responsable/@curp.",
        "fix": "Use the registered responsible person's e.firma, or correct Responsable/@curp and sign again.",
        "spec": "dec-3.0.md §1.4, §4.2 and §5.6 (the certificate's serialNumber = the responsible person's "
        "CURP)",
        "fail": '<Responsable curp="ROLM750312HDFDPR01" …/> with the e.firma of SAVE680904MJCNRL02',
        "pass": '<Responsable curp="ROLM750312HDFDPR01" …/> with the e.firma of ROLM750312HDFDPR01',
    },
    "SEL006": {
        "why": "The seal is the RSA signature in Base64: with a 2048-bit key it is 256 bytes, 344 characters. "
        "Another length, or characters outside Base64, make it impossible to verify.",
        "fix": "Sign the cadena original and write the result in Base64 without line breaks.",
        "spec": "dec-3.0.md §4.1 (RSA PKCS#1 v1.5, SHA-256, Base64 on one line) and §1.1 (sello: 344 "
        "characters with RSA-2048)",
        "pass": '<Dec … sello="kX3d…==">  (344 characters)',
    },
    "SEL007": {
        "why": "The MEC computes the cadena original again and verifies the seal with the certificate; if it "
        "does not match, the electronic certificate is rejected and one of the folio's attempts is lost.",
        "fix": "Sign again after the last change, with the cadena of specification 3.0.",
        "spec": "dec-3.0.md §3 (cadena original) and §4.1 (the seal's algorithm)",
        "fail": '<Asignatura … calificacion="10" …/> changed from 9.00 after signing',
        "pass": "The document as it was signed",
    },
    "SEL008": {
        "why": "Public implementations disagree on whether idEntidad goes into the cadena original; a seal "
        "made with the other convention is cryptographically valid but the MEC could reject it.",
        "fix": "Confirm on the MEC's test portal which variant it accepts and sign (or configure) with that "
        "one.",
        "spec": "dec-3.0.md §3.3 (does ServicioFirmante/@idEntidad go into the cadena?)",
        "fail": "Seal computed without idEntidad, verified with the variant with idEntidad",
        "pass": "Seal computed with the same variant as the one configured",
    },
    "SEL009": {
        "why": "The seal's key is the responsible person's e.firma (an individual, with a CURP), not a CSD "
        "nor the institution's e.firma; the MEC recognizes only the responsible person's registered .CER. "
        "It is a heuristic: a CSD usually carries organizationalUnitName (the branch) and a legal entity "
        "has a 12-character RFC.",
        "fix": "Sign with the .cer/.key files of the responsible person's personal e.firma.",
        "spec": "dec-3.0.md §4.2 (the key is the responsible person's e.firma, not a CSD)",
        "fail": "Subject with OU=SUCURSAL MATRIZ and x500UniqueIdentifier=EKU9003173C9 (12-character RFC)",
        "pass": "Subject with x500UniqueIdentifier=ROLM750312AB1 and serialNumber=ROLM750312HDFDPR01",
    },
    "SEL010": {
        "why": "The reference seal is 344 characters long (2048-bit RSA); a shorter key shows an old "
        "certificate, or one that is not the current e.firma.",
        "fix": "Use the responsible person's current e.firma.",
        "spec": "dec-3.0.md §4.1 (RSA PKCS#1 v1.5, SHA-256, Base64 on one line) and §1.1 (sello: 344 "
        "characters with RSA-2048)",
        "fail": "Certificate with a 1024-bit RSA key (172-character seal)",
        "pass": "Certificate with a 2048-bit RSA key (344-character seal)",
    },
    "SEL011": {
        "why": "The MEC FAQ: one signer per campus, whose .CER is registered in advance; a certificate signed "
        "by another person or with another .CER is rejected.",
        "fix": "Sign with the registered e.firma, or register the new signer/.CER in the MEC and in `signers`.",
        "spec": "mec-faq.txt (one signer per campus; change of signer); dec-3.0.md §1.4",
        "fail": "signers: [{campus: '090872', curp: ROLM750312HDFDPR01, noCertificado: "
        "'00001000000512345678'}] and a document of campus 090872 signed with certificate "
        "00001000000512349999",
        "pass": "The same campus signed with certificate 00001000000512345678",
    },
    "SEL012": {
        "why": "Many systems generate the XML and sign it in a second step (dec-3.0.md §4.1). An unsigned "
        "document cannot be uploaded, but it is not a generator error either: mec-lint reports it (info "
        "level, it does not count as an error) so that nobody mistakes «no seal findings» for «valid "
        "seal».",
        "fix": "Sign the certificate (sello, certificadoResponsable and noCertificadoResponsable) and check "
        "it again.",
        "spec": "dec-3.0.md §4.1 (signing in two steps, placeholder «x») and §1.1 (sello, "
        "certificadoResponsable required)",
    },
    # -- totals --------------------------------------------------------------------------------------
    "TOT001": {
        "why": "asignadas is the number of accredited subjects the certificate lists; complementary subjects "
        "(idTipoAsignatura 266) do not count. A different count gives away missing or extra subjects.",
        "fix": "Write in asignadas the number of subjects of the certificate without counting the "
        "complementary ones (and sign again: it goes into the cadena original).",
        "spec": "dec-3.0.md §1.9 (asignadas) and §1.10 (counting rule of tipoAsignatura: 266 does not count)",
        "fail": '<Asignaturas total="3" asignadas="4" …> with 3 <Asignatura idTipoAsignatura="263" …/>',
        "pass": '<Asignaturas total="3" asignadas="3" …> with 3 <Asignatura idTipoAsignatura="263" …/>',
        "options": {
            "tipos_no_contables": "idTipoAsignatura that do not count for asignadas, credits or average "
            "(TOT003 and TOT004 use this same list).",
        },
    },
    "TOT002": {
        "why": "total is the number of the plan's subjects that count and asignadas the accredited ones; in "
        "a full certificate (79) they are equal. Real cadenas with 79 have total = asignadas.",
        "fix": "Correct total, or the type of certification if the student has not finished the plan.",
        "spec": "dec-3.0.md §1.9 (total, asignadas) and §2.6 (79 TOTAL, 80 PARCIAL)",
    },
    "TOT003": {
        "why": "The average is the mean of the numeric grades of the subjects that count (without "
        "complementary subjects or letter grades). The two systems in production truncate it to 2 "
        "decimals; other implementations round, so both values are accepted. An average with more than 2 "
        "decimals (8.666) is neither of the two, and one that is not a number (8,66, abc) is caught by no "
        "other check: the schema defines it as text.",
        "fix": "Compute the mean of the numeric grades that count and truncate it to 2 decimals (and sign "
        "again: the average goes into the cadena original).",
        "spec": "dec-3.0.md §5.3 (truncated average: [BAN], [DGS]; rounded: [IDEE], [LAMM]) and §1.10 "
        "(counting)",
        "fail": 'grades 9.00, 8.00, 9.00 (mean 8.666…) with promedio="8.65" or "8.666"',
        "pass": 'grades 9.00, 8.00, 9.00 with promedio="8.66" (truncated) or "8.67" (rounded)',
        "options": {
            "tolerancia": 'Largest accepted difference from the truncated or rounded value, e.g. "0.01" for '
            "systems that compute in floating point (9.35 → 9.3499… → 9.34).",
        },
    },
    "TOT004": {
        "why": "creditosObtenidos is the sum of the credits of the accredited subjects, without complementary "
        "ones.",
        "fix": "Write the sum of the credits of the subjects that count (and sign again).",
        "spec": "dec-3.0.md §5.4 (credits) and §1.10 (counting: 266 does not count)",
        "fail": '3 subjects with creditos="7.00" and creditosObtenidos="20.00"',
        "pass": '3 subjects with creditos="7.00" and creditosObtenidos="21.00"',
    },
    "TOT005": {
        "why": "totalCreditos are the plan's credits and creditosObtenidos the accredited ones; in a full "
        "certificate (79) they are equal.",
        "fix": "Correct totalCreditos, or the type of certification if the student has not finished the plan.",
        "spec": "dec-3.0.md §5.4 (totalCreditos is the plan's total; equal in a full certificate)",
    },
    # -- certificates against the layout -----------------------------------------------------------
    "XLY001": {
        "why": "Without a readable layout it cannot be verified that the certificates' ids, RVOE and subjects "
        "match the registered Programa de Estudios.",
        "fix": "Give the registered .xlsx with --layout and correct its errors first (mec-lint check "
        "layout.xlsx).",
        "spec": "layout.md «Certificate against layout»",
        "fail": "mec-lint check lote/ --layout programa.xls (97-2003 format)",
    },
    "XLY002": {
        "why": "The certificate is issued by the institution registered in the Programa de Estudios; "
        "ServicioFirmante/@idEntidad carries the signer's ID_INSTITUCION (FAQ).",
        "fix": "Use in the certificate the registered ID_INSTITUCION (Ipes/@idNombreInstitucion and "
        "ServicioFirmante/@idEntidad).",
        "spec": "layout.md «Certificate against layout»; mec-faq.txt («ServicioFirmante»: idEntidad = "
        "ID_INSTITUCION; «¿Cómo genero el ID_ASIGNATURA y el ID_CARRERA?»)",
        "fail": '<Ipes idNombreInstitucion="20872" …> with ID_INSTITUCION 20871 in the layout',
    },
    "XLY003": {
        "why": "The certificate's campus and its state must be those registered in the Programa de Estudios "
        "for that institution.",
        "fix": "Use the ID_CAMPUS registered in the CAMPUS sheet, with that campus's state.",
        "spec": "layout.md «Certificate against layout»; mec-faq.txt («ServicioFirmante»: idEntidad = "
        "ID_INSTITUCION; «¿Cómo genero el ID_ASIGNATURA y el ID_CARRERA?»)",
        "fail": '<Ipes idCampus="090872" idEntidadFederativa="15" …> with state 09 in the layout',
    },
    "XLY004": {
        "why": "idCarrera is the layout's ID_CARRERA: the RVOE, the plan and the subjects the MEC compares "
        "depend on it.",
        "fix": "Use the ID_CARRERA registered for that campus (or register the program in the layout before "
        "uploading).",
        "spec": "layout.md «Certificate against layout»; mec-faq.txt («ServicioFirmante»: idEntidad = "
        "ID_INSTITUCION; «¿Cómo genero el ID_ASIGNATURA y el ID_CARRERA?»)",
        "fail": '<Carrera idCarrera="0101" …> with ID_CARRERA 101',
    },
    "XLY005": {
        "why": "The certificate's RVOE is the registered plan's; a different number or date causes the "
        "certificate's rejection or cancellation.",
        "fix": "Copy into Rvoe/@numero and Rvoe/@fechaExpedicion the NO_RVOE and FECHA_RVOE of the registered "
        "plan.",
        "spec": "layout.md «Certificate against layout» (numbers compared as numbers, dates as dates)",
        "fail": '<Rvoe numero="20181243" …> with NO_RVOE 20181234',
    },
    "XLY006": {
        "why": "The plan's data (key, level, period, scale) are copied from the registered Programa de "
        "Estudios; the MEC compares each certificate with them.",
        "fix": "Copy clavePlan, level, type of period and grading scale from the plan registered in the "
        "layout.",
        "spec": "layout.md «Certificate against layout» (numbers compared as numbers, dates as dates)",
        "fail": '<Carrera clavePlan="2019" …> with CLAVE_PLAN 2018',
        "pass": '<Carrera clavePlan="2018" calificacionMinimaAprobatoria="6.00" …> with CALIF_APROBATORIA 6',
    },
    "XLY007": {
        "why": "idAsignatura is the layout's ID_ASIGNATURA; a subject that is not registered cannot be "
        "authenticated. If a row of the program has the same id without leading zeros, the same "
        "CLAVE_ASIGNATURA as @claveAsignatura or the same NOMBRE_ASIGNATURA as @nombre, the finding points "
        "at that row and its ID_ASIGNATURA; otherwise it points at the sheet and the program's rows (never "
        "the header).",
        "fix": "Use the ID_ASIGNATURA registered in the ASIGNATURAS sheet (or register the subject before "
        "uploading).",
        "spec": "layout.md «Certificate against layout»",
        "fail": '<Asignatura idAsignatura="9999999" …/> without a row in ASIGNATURAS',
    },
    "XLY008": {
        "why": "A certificate carries only subjects of its program's plan; a subject of another plan usually "
        "comes from a table of equivalences or from a data-entry error.",
        "fix": "Use the subject's id in the certificate's program, or check that the certificate belongs to "
        "that program.",
        "spec": "layout.md «Certificate against layout»",
        "fail": 'Program 101 with <Asignatura idAsignatura="2020101" …/> registered in program 202',
        "pass": 'Program 101 with <Asignatura idAsignatura="1010101" …/> registered in program 101',
    },
    "XLY009": {
        "why": "Each subject's type and credits are set by the registered plan.",
        "fix": "Copy idTipoAsignatura and creditos from the subject's row in the layout.",
        "spec": "layout.md «Certificate against layout»",
        "fail": '<Asignatura idAsignatura="1010101" creditos="8.00" …/> with CREDITOS 7',
        "pass": '<Asignatura idAsignatura="1010101" creditos="7.00" …/> with CREDITOS 7',
    },
    "XLY010": {
        "why": "total is the number of the plan's subjects that count (without complementary ones); a full "
        "certificate covers all of them. The finding points at TOTAL_ASIGNATURAS of the program's row when "
        "the layout has it; otherwise at the ID_CARRERA cell of that row, and the message says in which "
        "ASIGNATURAS rows the counted subjects are.",
        "fix": "Correct Asignaturas/@total with the number of the plan's subjects that count (without "
        "complementary ones).",
        "spec": "layout.md «Certificate against layout»; dec-3.0.md §1.9 (total)",
        "fail": '<Asignaturas total="41" …> with 40 subjects in the plan',
        "pass": '<Asignaturas total="40" …> with 40 subjects in the plan',
        "options": {
            "equal_for_total": "In a full certificate (79), total must equal the number of the plan's "
            "subjects.",
        },
    },
    "XLY011": {
        "why": "totalCreditos is the registered plan's total of credits.",
        "fix": "Copy into Asignaturas/@totalCreditos the TOTAL_CREDITOS of the registered plan.",
        "spec": "layout.md «Certificate against layout»; dec-3.0.md §5.4",
        "fail": '<Asignaturas totalCreditos="300.00" …> with TOTAL_CREDITOS 315',
        "pass": '<Asignaturas totalCreditos="315.00" …> with TOTAL_CREDITOS 315',
    },
    "XLY012": {
        "why": "The FAQ asks that numeroCiclos agree with the plan, the regulations and the student's "
        "history; it may differ for real reasons, that is why it is a warning.",
        "fix": "Correct numeroCiclos (or the layout's NUMERO_CICLOS) according to the plan and the student's "
        "record.",
        "spec": "layout.md «Certificate against layout»; mec-faq.txt «numeroCiclos»",
        "fail": '<Asignaturas numeroCiclos="12" …> in a plan of 9 four-month periods',
        "pass": '<Asignaturas numeroCiclos="9" …> in a plan of 9 four-month periods',
    },
    # -- reading the XML ---------------------------------------------------------------------------
    "XML001": {
        "why": "A file that is not well-formed XML cannot be read: the MEC rejects the certificate and one of "
        "the folio's attempts is lost.",
        "fix": "Generate the XML with an XML library (not by concatenating text) and check the line shown.",
        "spec": "the MEC receives XML files (MEC FAQ, «¿Qué es el XML?»); a malformed, empty or binary one "
        "cannot be read",
    },
    "XML002": {
        "why": "The MEC reads the certificate and computes the cadena original in UTF-8; bytes in another "
        "encoding alter names with accents and break the seal.",
        "fix": 'Save the file in UTF-8 and declare encoding="UTF-8" (or remove the declaration); in Excel or '
        "Notepad: «Save as» with UTF-8 encoding.",
        "spec": "dec-3.0.md §5.8 (UTF-8 serialization) and §3.1 (the signature is over the UTF-8 bytes); the "
        "MEC receives XML files (MEC FAQ, «¿Qué es el XML?»); a malformed, empty or binary one cannot be "
        "read",
        "fail": '<?xml version="1.0" encoding="ISO-8859-1"?> (with the text saved in UTF-8)',
    },
    "XML003": {
        "why": "DTDs and entities allow attacks (XXE, expansion bombs) and no Dec certificate uses them.",
        "fix": "Remove the <!DOCTYPE …> declaration from the file: a Dec certificate carries no DTD or "
        "entities.",
        "spec": "mec-lint's own rule (not the MEC's): the Dec 3.0 tree (dec-3.0.md §1) declares no DTD or "
        "entities, and mec-lint does not load them, for safety",
    },
    "XML004": {
        "why": "Every known implementation serializes the Dec in UTF-8 and the cadena original is signed in "
        "UTF-8; another encoding risks the MEC reading other characters.",
        "fix": 'Save the file in UTF-8 (declare encoding="UTF-8") and generate the cadena and the seal again.',
        "spec": "dec-3.0.md §3.1 and §5.8",
    },
    # -- the XSD schema ----------------------------------------------------------------------------
    "XSD001": {
        "why": "The MEC's schema marks the attribute as required (use=required); without it, the certificate "
        "is rejected.",
        "fix": "Correct the node or attribute shown according to the tree of specification 3.0.",
        "spec": "dec-3.0.md §1 (tree, order, required attributes and types of the Dec 3.0 schema)",
        "fail": '<Alumno numeroControl="A1" curp="…" primerApellido="GARCÍA" …/>  (nombre is missing)',
    },
    "XSD002": {
        "why": "The schema admits no additional attributes; the MEC rejects the document. When a specific "
        "rule explains the same attribute (DEC004 for foto or firmaAutografa), that one is shown instead of "
        "XSD002.",
        "fix": "Correct the node or attribute shown according to the tree of specification 3.0.",
        "spec": "dec-3.0.md §1 (tree, order, required attributes and types of the Dec 3.0 schema)",
    },
    "XSD003": {
        "why": "Dec's children form a fixed sequence (ServicioFirmante, Ipes, Rvoe, Carrera, Alumno, "
        "Expedicion, Asignaturas); another order or an extra node invalidates the document.",
        "fix": "Correct the node or attribute shown according to the tree of specification 3.0.",
        "spec": "dec-3.0.md §1 (tree, order, required attributes and types of the Dec 3.0 schema)",
    },
    "XSD004": {
        "why": "The schema requires the node; without it the document is rejected.",
        "fix": "Correct the node or attribute shown according to the tree of specification 3.0.",
        "spec": "dec-3.0.md §1 (tree, order, required attributes and types of the Dec 3.0 schema)",
    },
    "XSD005": {
        "why": "Dates (xs:dateTime) and integers (xs:integer/xs:int) are validated by type; a value of "
        "another type invalidates the document.",
        "fix": "Correct the node or attribute shown according to the tree of specification 3.0.",
        "spec": "dec-3.0.md §1 (tree, order, required attributes and types of the Dec 3.0 schema)",
    },
    "XSD006": {
        "why": "tipoCertificado is fixed (5 = IPES) in the schema. DEC002 explains that case in more detail "
        "and is shown instead of XSD006.",
        "fix": "Correct the node or attribute shown according to the tree of specification 3.0.",
        "spec": "dec-3.0.md §1 (tree, order, required attributes and types of the Dec 3.0 schema)",
    },
    "XSD007": {
        "why": "Without the right root and namespace the MEC does not recognize the document as a "
        "certificate.",
        "fix": "Correct the node or attribute shown according to the tree of specification 3.0.",
        "spec": "dec-3.0.md §1 (tree, order, required attributes and types of the Dec 3.0 schema)",
        "fail": '<Dec version="3.0" …>  (no xmlns)',
    },
    "XSD008": {
        "why": "Any other violation of the schema invalidates the document.",
        "fix": "Correct the node or attribute shown according to the tree of specification 3.0.",
        "spec": "dec-3.0.md §1 (tree, order, required attributes and types of the Dec 3.0 schema)",
        "fail": "(text content inside an empty node)",
        "pass": "(empty nodes, data only in attributes)",
    },
}
