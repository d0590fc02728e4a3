from enum import Enum


class EventKind(str, Enum):
    APP_EVENT = "app_event"
    ASSISTANT_MESSAGE = "assistant_message"
    TOOL_RESULT = "tool_result"
    USER_MESSAGE = "user_message"

    def __str__(self) -> str:
        return str(self.value)
