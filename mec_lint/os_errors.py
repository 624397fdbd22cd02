"""Operating-system errors (OSError) said in Spanish, for messages about files mec-lint reads or writes."""

from __future__ import annotations

import errno

_SPANISH: dict[int, str] = {
    errno.ENOENT: "no existe el archivo o la carpeta",
    errno.EACCES: "permiso denegado",
    errno.EPERM: "operación no permitida",
    errno.EISDIR: "es una carpeta, no un archivo",
    errno.ENOTDIR: "una parte de la ruta no es una carpeta",
    errno.ENOSPC: "no queda espacio en el disco",
    errno.EROFS: "el disco es de sólo lectura",
    errno.ENAMETOOLONG: "el nombre es demasiado largo",
    errno.ELOOP: "demasiados enlaces simbólicos",
    errno.EBUSY: "el archivo está en uso",
    errno.EIO: "error de entrada/salida del disco",
}


def describe(exc: OSError) -> str:
    """`exc` in Spanish when its errno is a common one; otherwise the system's own text."""
    spanish = _SPANISH.get(exc.errno) if exc.errno is not None else None
    return spanish or exc.strerror or str(exc)
