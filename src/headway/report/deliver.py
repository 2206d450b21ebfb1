"""Sending the report: one mail per recipient entry over SMTP (each team's mail carrying its
own chargeback), and one chat message through a webhook.

A failed delivery is recorded with the recipient and the reason; it never stops the
others. Secrets (SMTP login, webhook URL) come from environment variables that the config
names, so ``headway.yaml`` can live in git.
"""

from __future__ import annotations

import json
import smtplib
import ssl
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid

from headway.config.report import ChatConfig, ReportConfig, ReportRecipient, SMTPConfig
from headway.report.charts import Chart, render_png
from headway.report.chat import slack_payload
from headway.report.html import cid_image
from headway.report.model import WeeklyReport
from headway.report.render import report_html, report_markdown

__all__ = ["Delivery", "build_message", "deliver", "post_webhook", "send_mail"]


@dataclass(frozen=True)
class Delivery:
    channel: str
    """``email`` or ``chat``."""
    recipient: str
    ok: bool
    error: str | None = None


class MissingSecretError(Exception):
    """An environment variable named in the config is not set."""


def _secret(env: Mapping[str, str], name: str) -> str:
    value = env.get(name)
    if not value:
        raise MissingSecretError(f"environment variable {name} is not set")
    return value


def build_message(report: WeeklyReport, sender: str, to: list[str]) -> EmailMessage:
    """multipart/alternative: the Markdown as text, the HTML with charts as cid: images."""
    text, charts = report_markdown(report)
    msg = EmailMessage()
    msg["Subject"] = report.title
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    domain = sender.rpartition("@")[2] or "headway.invalid"
    msg["Message-ID"] = make_msgid(idstring=f"{report.week}.{report.team or 'all'}", domain=domain)
    msg.set_content(text)
    msg.add_alternative(report_html(report, chart_mode=cid_image), subtype="html")
    html_part = msg.get_payload()[1]  # type: ignore[index]
    assert isinstance(html_part, EmailMessage)
    for chart in charts:
        _attach_chart(html_part, chart)
    return msg


def _attach_chart(part: EmailMessage, chart: Chart) -> None:
    part.add_related(
        render_png(chart),
        maintype="image",
        subtype="png",
        cid=f"<{chart.name}>",
        filename=f"{chart.name}.png",
        disposition="inline",
    )


def _tls_context(cfg: SMTPConfig) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=cfg.ca_file)


def send_mail(cfg: SMTPConfig, msg: EmailMessage, env: Mapping[str, str]) -> dict[str, str]:
    """Send one message; the refused addresses with the server's reason (empty: all sent).
    Raises on a failure of the whole message (connection, TLS, login, every address refused).
    """
    user = _secret(env, cfg.user_env) if cfg.user_env else None
    password = _secret(env, cfg.password_env) if cfg.password_env else None
    with smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout_s) as smtp:
        if cfg.starttls:
            smtp.starttls(context=_tls_context(cfg))
        if user is not None and password is not None:
            smtp.login(user, password)
        refused = smtp.send_message(msg)
    return {
        addr: f"{code} {reason.decode(errors='replace')}"
        for addr, (code, reason) in refused.items()
    }


def _mail_one(
    report: WeeklyReport, cfg: SMTPConfig, rcpt: ReportRecipient, env: Mapping[str, str]
) -> list[Delivery]:
    copy = report.for_team(rcpt.team) if rcpt.team else report
    try:
        refused = send_mail(cfg, build_message(copy, cfg.from_, rcpt.to), env)
    except smtplib.SMTPRecipientsRefused as exc:
        refused = {a: f"{c} {r.decode(errors='replace')}" for a, (c, r) in exc.recipients.items()}
    except (OSError, smtplib.SMTPException, MissingSecretError) as exc:
        reason = f"{type(exc).__name__}: {exc}"
        return [Delivery("email", addr, False, reason) for addr in rcpt.to]
    return [Delivery("email", a, a not in refused, refused.get(a)) for a in rcpt.to]


def post_webhook(url: str, payload: dict[str, object], timeout_s: float = 30.0) -> None:
    """POST ``payload`` as JSON; raises on a non-2xx answer or a network error."""
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout_s) as response:
        response.read()


def _chat(report: WeeklyReport, cfg: ChatConfig, env: Mapping[str, str]) -> Delivery:
    label = (cfg.webhook_url_env and f"webhook ${cfg.webhook_url_env}") or "webhook"
    try:
        url = cfg.webhook_url or _secret(env, cfg.webhook_url_env or "")
        post_webhook(url, slack_payload(report), cfg.timeout_s)
    except urllib.error.HTTPError as exc:
        return Delivery("chat", label, False, f"HTTP {exc.code} {exc.reason}")
    except (OSError, ValueError, MissingSecretError) as exc:
        return Delivery("chat", label, False, f"{type(exc).__name__}: {exc}")
    return Delivery("chat", label, True)


def deliver(report: WeeklyReport, config: ReportConfig, env: Mapping[str, str]) -> list[Delivery]:
    """Every configured delivery, attempted independently; one result per address/webhook."""
    results: list[Delivery] = []
    if config.smtp is not None:
        for rcpt in config.recipients:
            results += _mail_one(report, config.smtp, rcpt, env)
    if config.chat is not None:
        results.append(_chat(report, config.chat, env))
    return results
