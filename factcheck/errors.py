"""The one exception type the CLI turns into a one-line message and exit code 2."""


class FactcheckError(Exception):
    """A problem with the user's input, config or model: shown as one line, never a traceback."""
