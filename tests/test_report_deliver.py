"""Delivery to a real SMTP server (aiosmtpd) and a real HTTP webhook receiver."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from email.message import EmailMessage, Message
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from headway.config.report import ReportConfig
from headway.report.chat import slack_payload
from headway.report.deliver import Delivery, deliver
from test_report_render import sample_report


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Inbox:
    """An aiosmtpd handler that keeps what arrived and refuses addresses at bad.example."""

    def __init__(self) -> None:
        self.mails: list[tuple[list[str], EmailMessage]] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.endswith("@bad.example"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        msg: Any = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.mails.append((list(envelope.rcpt_tos), msg))
        return "250 Message accepted"

    def to(self, address: str) -> EmailMessage:
        found = [m for rcpts, m in self.mails if address in rcpts]
        assert len(found) == 1, f"{address} got {len(found)} mails"
        return found[0]


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def config(port: int, **smtp: Any) -> ReportConfig:
    return ReportConfig.model_validate(
        {
            "smtp": {
                "host": "127.0.0.1",
                "port": port,
                "starttls": False,
                "from": "headway@acme.example",
                **smtp,
            },
            "recipients": [
                {"to": ["lead@acme.example"]},
                {"team": "payments", "to": ["pay@acme.example", "gone@bad.example"]},
                {"team": "search", "to": ["search@acme.example"]},
            ],
        }
    )


def parts(msg: Message) -> list[str]:
    return [p.get_content_type() for p in msg.walk()]


def html_of(msg: EmailMessage) -> str:
    part = msg.get_body(("html",))
    assert isinstance(part, EmailMessage)
    return str(part.get_content())


def test_mail_arrives_multipart_with_inline_charts(smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    results = deliver(sample_report(), config(port), env={})
    assert results == [
        Delivery("email", "lead@acme.example", True),
        Delivery("email", "pay@acme.example", True),
        Delivery("email", "gone@bad.example", False, "550 5.1.1 no such mailbox"),
        Delivery("email", "search@acme.example", True),
    ]
    lead = inbox.to("lead@acme.example")
    assert lead["Subject"] == "Acme platform: weekly report 2026-W48"
    assert lead["From"] == "headway@acme.example"
    assert parts(lead) == [
        "multipart/alternative",
        "text/plain",
        "multipart/related",
        "text/html",
        "image/png",
        "image/png",
    ]
    images = [p for p in lead.walk() if p.get_content_type() == "image/png"]
    assert [i["Content-ID"] for i in images] == ["<nsm-adoption>", "<cost-weekly>"]
    image = images[0]
    assert image.get_payload(decode=True)[:4] == b"\x89PNG"  # type: ignore[index]
    html = html_of(lead)
    assert 'src="cid:nsm-adoption"' in html
    assert "<svg" not in html
    assert "search" in html
    assert "payments" in html


def test_each_team_mail_carries_its_own_chargeback(smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    deliver(sample_report(), config(port), env={})
    pay = inbox.to("pay@acme.example")
    assert pay["Subject"] == "Acme platform: weekly report 2026-W48 — team payments"
    cost_text = str(pay.get_body(("plain",)).get_content()).split("## Platform cost")[1]  # type: ignore[union-attr]
    assert (
        "| payments | 600.00 USD | 60.0 % | checkout 600.00 | logs_gb\u00a00.12\u00a0USD/GB |"
        in cost_text
    )
    assert "indexer" not in cost_text
    assert "Sample spans" in cost_text
    assert "Drop unqueried" not in cost_text
    search = html_of(inbox.to("search@acme.example")).split("Chargeback by team")[1]
    assert "indexer" in search
    assert "checkout" not in search


def test_unreachable_server_fails_every_recipient_and_webhook_still_goes() -> None:
    cfg = config(free_port())
    with Receiver(200) as hook:
        cfg = cfg.model_copy(
            update={"chat": ReportConfig.model_validate({"chat": {"webhook_url": hook.url}}).chat}
        )
        results = deliver(sample_report(), cfg, env={})
    failed = [r for r in results if not r.ok]
    assert [r.recipient for r in failed] == [
        "lead@acme.example",
        "pay@acme.example",
        "gone@bad.example",
        "search@acme.example",
    ]
    assert all(r.error and "ConnectionRefusedError" in r.error for r in failed)
    assert results[-1] == Delivery("chat", "webhook", True)
    assert len(hook.bodies) == 1


def make_cert(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_starttls_and_login_from_environment(tmp_path: Path) -> None:
    cert, key = make_cert(tmp_path)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(
        server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret")

    inbox, port = Inbox(), free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=tls,
        require_starttls=True,
        authenticator=authenticator,
        auth_require_tls=True,
    )
    controller.start()
    try:
        cfg = config(
            port,
            starttls=True,
            ca_file=str(cert),
            user_env="HW_SMTP_USER",
            password_env="HW_SMTP_PASSWORD",
        )
        good = deliver(
            sample_report(), cfg, env={"HW_SMTP_USER": "bot", "HW_SMTP_PASSWORD": "s3cret"}
        )
        unset = deliver(sample_report(), cfg, env={"HW_SMTP_USER": "bot"})
    finally:
        controller.stop()
    assert [r.ok for r in good] == [True, True, False, True]
    assert logins[0] == (b"bot", b"s3cret")
    assert inbox.to("lead@acme.example")["Subject"].startswith("Acme platform")
    assert {r.error for r in unset} == {
        "MissingSecretError: environment variable HW_SMTP_PASSWORD is not set"
    }


class Receiver:
    """A real HTTP server on 127.0.0.1 answering every POST with ``status``."""

    def __init__(self, status: int) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.headers: list[str] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                receiver.bodies.append(json.loads(self.rfile.read(length)))
                receiver.headers.append(self.headers["Content-Type"])
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def chat_config(**chat: Any) -> ReportConfig:
    return ReportConfig.model_validate({"chat": chat})


def test_webhook_gets_slack_json() -> None:
    report = sample_report()
    with Receiver(200) as hook:
        results = deliver(report, chat_config(webhook_url_env="HW_HOOK"), env={"HW_HOOK": hook.url})
    assert results == [Delivery("chat", "webhook $HW_HOOK", True)]
    assert hook.headers == ["application/json"]
    body = hook.bodies[0]
    assert body == slack_payload(report)
    assert body["text"].splitlines()[0] == "Acme platform: weekly report 2026-W48"
    assert "• Top saving: Drop unqueried debug logs (search), 120.00 USD a month." in body["text"]
    assert [b["type"] for b in body["blocks"]] == [
        "header",
        "section",
        "section",
        "section",
        "context",
    ]
    assert (
        "*Platform adoption*: 44 (+4 (+10.0 %) vs 2026-W47, better)"
        in (body["blocks"][2]["text"]["text"])
    )


def test_webhook_error_is_reported() -> None:
    with Receiver(500) as hook:
        results = deliver(sample_report(), chat_config(webhook_url=hook.url), env={})
    assert results == [Delivery("chat", "webhook", False, "HTTP 500 Internal Server Error")]


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"chat": {}}, "set exactly one of webhook_url and webhook_url_env"),
        ({"recipients": [{"to": ["a@b.c"]}]}, "recipients need an smtp: section"),
        ({"smtp": {"host": "h", "from": "a@b.c", "user_env": "U"}}, "set both user_env"),
        ({"smtp": {"host": "h", "from": "a@b.c", "password_env": "bad name"}}, "pattern"),
    ],
)
def test_config_errors(section: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ReportConfig.model_validate(section)
