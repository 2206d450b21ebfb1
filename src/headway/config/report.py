"""Weekly report delivery configuration (the ``report:`` section of ``headway.yaml``).

```yaml
report:
  smtp:
    host: smtp.example.com
    port: 587
    starttls: true
    from: headway@example.com
    user_env: HEADWAY_SMTP_USER          # names of environment variables, never secrets
    password_env: HEADWAY_SMTP_PASSWORD
  recipients:
    - {to: [platform-lead@example.com]}               # no team: the whole chargeback
    - {team: payments, to: [payments-lead@example.com]}  # its own chargeback only
  chat:
    webhook_url_env: HEADWAY_SLACK_WEBHOOK   # or webhook_url: https://…
    format: slack
```
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["ChatConfig", "ReportConfig", "ReportRecipient", "SMTPConfig"]

_ENV_NAME = r"^[A-Za-z_][A-Za-z0-9_]*$"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class SMTPConfig(_Model):
    host: str
    port: int = Field(default=587, ge=1, le=65535)
    starttls: bool = True
    from_: str = Field(alias="from", min_length=3)
    user_env: str | None = Field(default=None, pattern=_ENV_NAME)
    """Name of the environment variable holding the login user (no login when unset)."""
    password_env: str | None = Field(default=None, pattern=_ENV_NAME)
    """Name of the environment variable holding the login password."""
    ca_file: str | None = None
    """PEM file of the certificate authorities to trust for STARTTLS (default: the system's)."""
    timeout_s: float = Field(default=30.0, gt=0)

    @model_validator(mode="after")
    def _login_pair(self) -> SMTPConfig:
        if (self.user_env is None) != (self.password_env is None):
            raise ValueError("set both user_env and password_env (or neither) for an SMTP login")
        return self


class ReportRecipient(_Model):
    to: list[str] = Field(min_length=1)
    team: str | None = None
    """A team gets the report with its own chargeback only; no team: every team's."""


class ChatConfig(_Model):
    webhook_url: str | None = None
    webhook_url_env: str | None = Field(default=None, pattern=_ENV_NAME)
    """Name of the environment variable holding the webhook URL (it is a secret)."""
    format: Literal["slack"] = "slack"
    timeout_s: float = Field(default=30.0, gt=0)

    @model_validator(mode="after")
    def _one_url(self) -> ChatConfig:
        if (self.webhook_url is None) == (self.webhook_url_env is None):
            raise ValueError("set exactly one of webhook_url and webhook_url_env")
        return self


class ReportConfig(_Model):
    smtp: SMTPConfig | None = None
    recipients: list[ReportRecipient] = Field(default_factory=list)
    chat: ChatConfig | None = None
    top_recommendations: int = Field(default=5, ge=0, le=50)
    chart_periods: int = Field(default=12, ge=2, le=104)

    @model_validator(mode="after")
    def _mail_needs_smtp(self) -> ReportConfig:
        if self.recipients and self.smtp is None:
            raise ValueError("recipients need an smtp: section to send mail through")
        return self
