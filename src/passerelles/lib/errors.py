"""Errors caused by a user's input, shown to them as one clear sentence."""


class InputError(Exception):
    """Bad input (a file, a value, a code): the message names what is wrong and where."""


def explain(error, where: str) -> str:
    """Return one sentence naming WHERE and each field of a Django ValidationError with its message."""
    if hasattr(error, "message_dict"):
        parts = [f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()]
    else:
        parts = list(error.messages)
    return f"{where}: {'; '.join(parts)}"
