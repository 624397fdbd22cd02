"""Write the seed corpus of fuzz/fuzz_lint.py (deterministic; run again after changing the builders).

    python fuzz/make_corpus.py

Seeds: a valid certificate, a certificate with a version finding, a batch .zip of both and a small
valid Programa de Estudios workbook.
"""

from __future__ import annotations

import io
import os
import zipfile

from mec_lint.layout.samples import LayoutBuilder
from mec_lint.testing import make_certificate

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 8, 20, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def seeds() -> dict[str, bytes]:
    valid = make_certificate()
    version2 = make_certificate(overrides={"Dec": {"version": "2.0"}})
    return {
        "valido.xml": valid,
        "version2.xml": version2,
        "lote.zip": _zip([("cert_001.xml", valid), ("cert_002.xml", version2)]),
        "layout.xlsx": LayoutBuilder().to_bytes(),
    }


def main() -> None:
    os.makedirs(CORPUS, exist_ok=True)
    for name, data in seeds().items():
        with open(os.path.join(CORPUS, name), "wb") as handle:
            handle.write(data)


if __name__ == "__main__":
    main()
