from enum import Enum


class DedupMode(str, Enum):
    AUTO = "auto"
    EXACT = "exact"
    OFF = "off"

    def __str__(self) -> str:
        return str(self.value)
