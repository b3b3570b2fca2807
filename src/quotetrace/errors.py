"""Errors the library raises; the CLI turns each into a one-line message."""
from __future__ import annotations


class QuotetraceError(Exception):
    """Base class of every error quotetrace raises on purpose."""


class InputError(QuotetraceError, ValueError):
    """The input cannot be read as an article (empty, binary, undecodable...)."""

    def __init__(self, message: str, path: str | None = None):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)

    def __reduce__(self):  # survives the trip from a worker process
        return type(self), (self.message, self.path)


class ModelNotFound(QuotetraceError, FileNotFoundError):
    """A language model quotetrace needs is not installed."""

    def __init__(self, message: str, model_path: str | None = None):
        self.model_path = model_path
        super().__init__(message)

    def __reduce__(self):
        return type(self), (str(self), self.model_path)


class AnalysisError(QuotetraceError, RuntimeError):
    """The analysis of an article (or of a corpus) failed for a reason that is not the input's."""
