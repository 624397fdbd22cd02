"""Plain value classes: what mec-lint used `dataclasses` for, without its start-up cost.

A cold `mec-lint check one.xml` created ≈ 25 dataclasses at import: `dataclasses` imports
`inspect` (≈ 8 ms) and each class costs ≈ 0.6 ms more (its methods are generated as source text
and compiled), together a quarter of the run (issue #14). A record is instead a class that writes
its own `__init__` and lists its fields once, in `__slots__` (or, for a class that keeps an
instance dict, in `FIELDS`); `Record` derives from that list what the dataclasses had:

- `==` between records of the same class compares the fields (and `hash()` hashes them), except
  those named in `UNCOMPARED` (what `field(compare=False)` was);
- `repr()` shows the compared fields, as a dataclass's did;
- `record.replace(field=value, …)` is `dataclasses.replace` (a new record, through `__init__`);
- `fields_of(cls)` lists the constructor's fields in order (`dataclasses.fields`).

Records are not frozen at run time (nothing assigns to them; a frozen dataclass paid
`object.__setattr__` per field on every construction) and, as before, do not order.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar, TypeVar


class Record:
    __slots__ = ()
    FIELDS: ClassVar[tuple[str, ...]] = ()  # the constructor's fields, in order (default: __slots__)
    UNCOMPARED: ClassVar[tuple[str, ...]] = ()  # fields left out of ==, hash() and repr()
    _compared: ClassVar[tuple[str, ...]] = ()
    _values: ClassVar[Callable[[Any], Any]] = staticmethod(lambda record: ())

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "FIELDS" not in cls.__dict__:
            slots = cls.__dict__.get("__slots__", ())
            cls.FIELDS = (slots,) if isinstance(slots, str) else tuple(slots)
        cls._compared = tuple(name for name in cls.FIELDS if name not in cls.UNCOMPARED)
        # one C call for every compared value, as a tuple even for a single field
        getter = attrgetter(*cls._compared) if cls._compared else (lambda record: ())
        if len(cls._compared) == 1:
            single = getter
            cls._values = staticmethod(lambda record: (single(record),))
        else:
            cls._values = staticmethod(getter)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(type(self)._values(self) == type(self)._values(other))

    def __hash__(self) -> int:
        return hash(type(self)._values(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._compared)
        return f"{type(self).__qualname__}({shown})"

    def replace(self: R, **changes: Any) -> R:
        """A copy of this record with `changes` (field name -> value), made by the constructor."""
        unknown = set(changes) - set(self.FIELDS)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field(s) {', '.join(sorted(unknown))}")
        values = {name: getattr(self, name) for name in self.FIELDS}
        values.update(changes)
        return type(self)(**values)


R = TypeVar("R", bound=Record)


def fields_of(cls: type[Record]) -> tuple[str, ...]:
    """The constructor's fields of a record class, in order (what `dataclasses.fields` listed)."""
    return cls.FIELDS
