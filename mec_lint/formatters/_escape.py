"""Keep terminal control characters from reaching people: names and values come from inputs."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL and the C1 range (ESC, BEL, CSI…): shown as \xNN.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
