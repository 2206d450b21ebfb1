"""The shared rendering helpers: exact strings."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.text import Text

from headway.cli.render import (
    change_arrow,
    format_change,
    format_number,
    format_share,
    markdown_table,
    rich_table,
    sparkline,
    status_text,
)


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (None, None, "—"),
        (float("nan"), "h", "—"),
        (0, None, "0"),
        (1234567, None, "1,234,567"),
        (142.0, "tenants", "142 tenants"),
        (1234.56, None, "1,235"),
        (123.456, None, "123.5"),
        (12.3456, None, "12.35"),
        (0.12345, None, "0.123"),
        (-2500.0, None, "-2,500"),
        (0.9991, "%", "99.91 %"),
        (0.5, "percent", "50 %"),
        (1.0, "%", "100 %"),
        (12.5, "h", "12.5 h"),
        (12.0, "hours", "12 h"),
        (3.25, "days", "3.2 days"),
        (1500.0, "d", "1,500 days"),
        (1234.5, "USD", "1,234 USD"),
        (12.5, "EUR", "12.50 EUR"),
        (-0.4, "USD", "-0.40 USD"),
    ],
)
def test_format_number(value: float | None, unit: str | None, expected: str) -> None:
    assert format_number(value, unit) == expected


@pytest.mark.parametrize(
    ("absolute", "relative", "unit", "expected"),
    [
        (None, None, None, "—"),
        (12.0, 0.125, None, "+12.5 %"),
        (-3.0, -0.25, "h", "-25.0 %"),
        (0.0, 0.0, None, "+0.0 %"),
        (5.0, None, "tenants", "+5 tenants"),
        (-5.0, None, None, "-5"),
        (-0.003, -0.003, "%", "-0.3 pp"),
        (0.05, 0.1, "%", "+5.0 pp"),
    ],
)
def test_format_change(
    absolute: float | None, relative: float | None, unit: str | None, expected: str
) -> None:
    assert format_change(absolute, relative, unit) == expected


@pytest.mark.parametrize(
    ("absolute", "direction", "arrow", "style"),
    [
        (3.0, "up", "▲", "green"),
        (-3.0, "up", "▼", "red"),
        (3.0, "down", "▲", "red"),
        (-3.0, "down", "▼", "green"),
        (0.0, "up", "→", "dim"),
        (None, "up", "", ""),
    ],
)
def test_change_arrow(absolute: float | None, direction: str, arrow: str, style: str) -> None:
    text = change_arrow(absolute, direction)
    assert (text.plain, str(text.style)) == (arrow, style)


@pytest.mark.parametrize(
    ("status", "plain", "style"),
    [("met", "met", "green"), ("missed", "missed", "red"), ("no_data", "no data", "dim")],
)
def test_status_text(status: str, plain: str, style: str) -> None:
    text = status_text(status)
    assert (text.plain, str(text.style)) == (plain, style)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], ""),
        ([1, 2, 3, 4, 5, 6, 7, 8], "▁▂▃▄▅▆▇█"),
        ([0, 7, 14], "▁▅█"),
        ([5, 5, 5], "▄▄▄"),
        ([None, 0, None, 7], " ▁ █"),
        ([None, None], "  "),
        ([10.0, 0.0], "█▁"),
    ],
)
def test_sparkline(values: list[float | None], expected: str) -> None:
    assert sparkline(values) == expected


def test_format_share() -> None:
    assert (format_share(0.873), format_share(0.4567, 1), format_share(None)) == (
        "87 %",
        "45.7 %",
        "—",
    )


def test_markdown_table_aligns_and_escapes() -> None:
    table = markdown_table(
        ["KPI", "value"],
        [["a|b", "1,234"], [Text("styled", style="red"), "5 %"]],
        ["left", "right"],
    )
    assert table == ("| KPI | value |\n|---|---:|\n| a\\|b | 1,234 |\n| styled | 5 % |\n")


def test_rich_table_columns_are_aligned() -> None:
    console = Console(width=60, record=True, color_system=None, file=io.StringIO())
    console.print(rich_table(["name", "n"], [["alpha", "1"], ["b", "1,000"]], ["left", "right"]))
    assert console.export_text() == "name       n\nalpha      1\nb      1,000\n"
