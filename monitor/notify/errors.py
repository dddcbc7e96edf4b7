"""How a send attempt failed decides what the outbox does next."""

from __future__ import annotations


class SendError(Exception):
    """A notice could not be delivered."""


class TransientSendError(SendError):
    """Try again later with backoff (SMTP 4xx, network errors, HTTP 5xx/429)."""


class PermanentSendError(SendError):
    """Give up: the receiving side refused for good (SMTP 5xx, HTTP 4xx)."""
