"""E-mail: multipart/alternative messages (plain text + HTML) over SMTP.

Feed text never reaches a header raw: the subject is built from sanitised
text (control characters, CR/LF and escape sequences removed, length-capped)
and set through :class:`email.message.EmailMessage`, whose header registry
folds and encodes it. The HTML part is rendered by Jinja2 with autoescape.
Templates ship as package files in ``monitor/notify/templates/``.
"""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from feeds.trade import chart_png
from monitor.alerts.model import series_picture
from monitor.notify.errors import PermanentSendError, SendError, TransientSendError
from monitor.notify.render import OutgoingGroup, chart_cid, notice_context, subject
from monitor.settings import SmtpSettings

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("monitor.notify", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )


def render_bodies(group: OutgoingGroup, now: datetime | None = None) -> tuple[str, str, str]:
    """``(subject, plain text, html)`` for a group (times in words relative to ``now``)."""
    contexts = [notice_context(i, now) for i in group.items]
    subj = subject(group, contexts)
    values = dict(alerts=contexts, recipient=group.recipient, subscription=group.subscription, subject=subj)
    text = _env().get_template("alert.txt").render(**values)
    html = _env().get_template("alert.html").render(**values)
    return subj, text, html


def build_message(group: OutgoingGroup, *, sender: str, now: datetime) -> EmailMessage:
    """The message for one group; its Message-ID is the group's (deterministic)."""
    subj, text, html = render_bodies(group, now)
    msg = EmailMessage()
    msg["Subject"] = subj
    msg["From"] = sender
    msg["To"] = group.recipient
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = group.message_id
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Monitor-Alerts"] = ",".join(str(i.alert.id) for i in group.items)
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    _attach_charts(msg, group)
    return msg


def _attach_charts(msg: EmailMessage, group: OutgoingGroup) -> None:
    """Each trade alert's chart as an inline PNG of the HTML part (``multipart/related``),
    under the Content-ID its ``<img src="cid:...">`` names. A chart that cannot be drawn
    leaves the image out; the caption and the text part's sparkline still tell the story."""
    _text_part, html_part = msg.iter_parts()  # build_message's text/plain and text/html
    for item in group.items:
        picture = series_picture(item.alert.evidence)
        if picture is None:
            continue
        try:
            png = chart_png(list(picture.points), picture.baseline, None, "")
        except Exception:  # a picture is never worth a lost notice
            log.warning("chart for alert %s could not be drawn", item.alert.id, exc_info=True)
            continue
        if png:
            html_part.add_related(png, maintype="image", subtype="png", cid=f"<{chart_cid(item.alert)}>",
                                  filename=f"series-{item.alert.id}.png", disposition="inline")


def classify(exc: BaseException) -> SendError:
    """SMTP 4xx and network errors are transient; 5xx permanent.

    Authentication and STARTTLS problems are configuration errors the operator
    can fix: they are transient, so nothing is lost while they do.
    """
    if isinstance(exc, SendError):
        return exc
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        detail = "; ".join(f"{rcpt}: {code} {msg!r}" for rcpt, (code, msg) in exc.recipients.items())
        if codes and all(500 <= c < 600 for c in codes):
            return PermanentSendError(f"recipient refused: {detail}")
        return TransientSendError(f"recipient deferred: {detail}")
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return TransientSendError(f"SMTP login failed ({exc.smtp_code}): check smtp.username and the password variable")
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        if 500 <= exc.smtp_code < 600:
            return PermanentSendError(f"SMTP {exc.smtp_code}: {text}")
        return TransientSendError(f"SMTP {exc.smtp_code}: {text}")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return TransientSendError(f"SMTP server does not support what the config asks for: {exc}")
    if isinstance(exc, (smtplib.SMTPException, OSError)):
        return TransientSendError(f"{type(exc).__name__}: {exc}")
    return TransientSendError(f"{type(exc).__name__}: {exc}")


class SmtpSender:
    """Sends groups over one SMTP connection per batch (STARTTLS or SSL, login)."""

    channel = "email"

    def __init__(self, smtp: SmtpSettings, *, environ: Mapping[str, str] | None = None, ssl_context: ssl.SSLContext | None = None):
        self.smtp = smtp
        self.environ = os.environ if environ is None else environ
        self.ssl_context = ssl_context

    def _connect(self) -> smtplib.SMTP:
        s = self.smtp
        ctx = self.ssl_context or ssl.create_default_context()
        if s.ssl:
            conn: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=ctx)
        else:
            conn = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        try:
            conn.ehlo()
            if s.starttls and not s.ssl:
                conn.starttls(context=ctx)
                conn.ehlo()
            if s.username:
                password = self.environ.get(s.password_env or "") if s.password_env else None
                if password is None:
                    raise TransientSendError(
                        f"smtp.username is set but the password variable {s.password_env or '(smtp.password_env)'} is not set"
                    )
                conn.login(s.username, password)
        except BaseException:
            _close(conn)
            raise
        return conn

    def send_batch(self, groups: Sequence[OutgoingGroup], now: datetime) -> dict[str, SendError | None]:
        """Send each group; the result per Message-ID is ``None`` (accepted) or the error."""
        results: dict[str, SendError | None] = {}
        conn: smtplib.SMTP | None = None
        connect_error: SendError | None = None
        try:
            for group in groups:
                try:
                    msg = build_message(group, sender=self.smtp.sender, now=now)
                except Exception as exc:  # a template bug must not be retried forever
                    results[group.message_id] = PermanentSendError(f"cannot build the message: {exc}")
                    continue
                if connect_error is not None:
                    results[group.message_id] = connect_error
                    continue
                try:
                    if conn is None:
                        try:
                            conn = self._connect()
                        except Exception as exc:  # the server is down: the whole batch waits
                            connect_error = classify(exc)
                            if isinstance(connect_error, PermanentSendError):  # e.g. 554 greeting
                                connect_error = TransientSendError(f"cannot connect: {connect_error}")
                            results[group.message_id] = connect_error
                            continue
                    conn.send_message(msg, from_addr=self.smtp.sender, to_addrs=[group.recipient])
                    results[group.message_id] = None
                except BaseException as exc:
                    if not isinstance(exc, Exception):
                        raise
                    results[group.message_id] = classify(exc)
                    if isinstance(exc, (smtplib.SMTPServerDisconnected, OSError, TransientSendError)):
                        if conn is not None:
                            _close(conn)
                        conn = None
        finally:
            if conn is not None:
                _close(conn, polite=True)
        return results


def _close(conn: smtplib.SMTP, polite: bool = False) -> None:
    try:
        if polite:
            conn.quit()
        else:
            conn.close()
    except Exception:
        try:
            conn.close()
        except Exception:
            pass
