from enum import Enum


class ListMemoriesTemporalType(str, Enum):
    PERSISTENT = "persistent"
    TEMPORAL = "temporal"

    def __str__(self) -> str:
        return str(self.value)
