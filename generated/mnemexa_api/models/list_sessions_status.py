from enum import Enum


class ListSessionsStatus(str, Enum):
    ENDED = "ended"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
