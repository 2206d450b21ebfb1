"""What ``headway costs chargeback|pools`` show, built from the JSON shapes (docs/costs.md).

Each view shows the key once, then only the columns that add to it; amounts end on the
same column, a totals block (allocated + unallocated = pool, to the cent) closes the table.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from headway.cli.costs_render import Section, View, cents, money, num, qty
from headway.cli.render import Align
from headway.costs.numbers import unit_decimals

__all__ = ["chargeback_view", "pools_view", "share", "unit_column"]

# by → (extra key columns, their JSON fields, per-meter columns: "usage" or "unit_costs")
_SHAPES: dict[str, tuple[list[str], list[str], str]] = {
    "tenant": (["team", "org"], ["team", "org"], "usage"),
    "team": (["org", "tenants"], ["org", "tenants"], "unit_costs"),
    "org": (["teams", "tenants"], ["teams", "tenants"], "unit_costs"),
}


def share(value: Any) -> str:
    return "—" if value is None else f"{value:.1%}"


def unit_column(values: list[Any]) -> list[str]:
    """Costs per unit with one number of decimals, so the decimal points line up."""
    decs = [None if v is None else Decimal(str(v)) for v in values]
    places = unit_decimals(decs)
    return ["—" if d is None else f"{d:,.{places}f}" for d in decs]


def _meters(data: dict[str, Any], field: str) -> list[str]:
    """The per-meter columns of a view, allocation meters first, in config order."""
    platform = {p["id"]: p["platform"] for p in data["pools"]}
    several = len(set(platform.values())) > 1
    allocated = [
        f"{platform[m['pool']]}.{m['meter']}" if several else m["meter"] for m in data["meters"]
    ]
    seen = [k for r in data["rows"] for k in r[field]]
    return list(dict.fromkeys([*(m for m in allocated if m in seen), *seen]))


def _key_cells(by: str, row: dict[str, Any]) -> list[str]:
    fields = _SHAPES[by][1]
    return [row["key"][by], *("" if row[f] is None else str(row[f]) for f in fields)]


def _chargeback_rows(data: dict[str, Any], meters: list[str]) -> list[list[str]]:
    by = data["by"]
    per_meter = _SHAPES[by][2]
    columns = [[r[per_meter].get(m) for r in data["rows"]] for m in meters]
    if per_meter == "unit_costs":
        shown = [unit_column(c) for c in columns]
    else:
        shown = [[qty(v) if v is not None else "" for v in c] for c in columns]
    return [
        [*_key_cells(by, r), money(r["allocated"]), share(r["share"]), *(c[i] for c in shown)]
        for i, r in enumerate(data["rows"])
    ]


def chargeback_view(data: dict[str, Any]) -> View:
    cur, period, by = data["currency"], data["period"], data["by"]
    extra, fields, per_meter = _SHAPES[by]
    meters = _meters(data, per_meter)
    meter_heads = meters if per_meter == "usage" else [f"{cur}/{m}" for m in meters]
    headers = [by, *extra, f"allocated {cur}", "share", *meter_heads]
    align: list[Align] = [
        "left",
        *("right" if f in ("tenants", "teams") else "left" for f in fields),
    ]
    align += ["right"] * (2 + len(meters))
    pool = data["pool"]
    title = (
        f"Chargeback {period} by {by} ({cur}): pool {money(pool['rounded'])} "
        f"(billed {money(pool['billed'])}), unallocated {money(data['unallocated'])}"
    )
    main = Section(title, headers, _chargeback_rows(data, meters), align)
    main.totals = [_total_row(label, amount, pool["rounded"], len(headers), 1 + len(extra))
                   for label, amount in (("total allocated", data["allocated"]),
                                         ("unallocated", data["unallocated"]),
                                         ("pool", pool["rounded"]))]  # fmt: skip
    if per_meter == "unit_costs":
        main.notes.append(
            f"{cur}/meter: the {by}'s allocated cost on the meter's platform ÷ its quantity "
            "of the meter (all-in cost per unit)."
        )
    view = View([main])
    if data["meters"]:
        view.sections.append(_meters_section(data))
    csv_meters = [m if per_meter == "usage" else f"cost_per_{m}" for m in meters]
    view.csv_headers = ["period", "currency", "platform", by, *fields, "allocated", "share",
                        *csv_meters]  # fmt: skip
    view.csv_rows = [
        [period, cur, data["platform"] or "", r["key"][by],
         *("" if r[f] is None else str(r[f]) for f in fields),
         cents(r["allocated"]), num(r["share"]),
         *(num(r[per_meter].get(m), 6 if per_meter == "usage" else 10) for m in meters)]
        for r in data["rows"]
    ]  # fmt: skip
    return view


def _total_row(label: str, amount: float, pool: float, width: int, at: int) -> list[str]:
    """A totals line: the label under the key, the amount and share in their columns."""
    row = [""] * width
    row[0], row[at], row[at + 1] = label, money(amount), share(amount / pool if pool else None)
    return row


def _meters_section(data: dict[str, Any]) -> Section:
    cur = data["currency"]
    ms = data["meters"]
    units = unit_column([m["unit_cost"] for m in ms])
    rows = [
        [m["pool"], m["meter"], f"{m['weight']:g}", qty(m["quantity"]), units[i],
         money(m["allocated"]), money(m["unallocated"])]
        for i, m in enumerate(ms)
    ]  # fmt: skip
    headers = ["pool", "meter", "weight", "quantity", f"unit cost {cur}", "allocated",
               "unallocated"]  # fmt: skip
    align: list[Align] = ["left", "left", "right", "right", "right", "right", "right"]
    return Section("Meters", headers, rows, align)


def pools_view(data: dict[str, Any]) -> View:
    cur, period = data["currency"], data["period"]
    ps = data["pools"]
    headers = ["pool", "platform", "split", "rows", f"effective {cur}", f"billed {cur}",
               f"pool {cur}", "allocated", "unallocated"]  # fmt: skip
    rows = [
        [p["id"], p["platform"], p["split"], str(p["rows"]), money(p["effective"]),
         money(p["billed"]), money(p["rounded"]), money(p["allocated"]), money(p["unallocated"])]
        for p in ps
    ]  # fmt: skip
    total = [
        "total", "", "", str(sum(p["rows"] for p in ps)), money(data["pool"]["effective"]),
        money(data["pool"]["billed"]), money(data["pool"]["rounded"]), money(data["allocated"]),
        money(data["unallocated"]),
    ]  # fmt: skip
    right: list[Align] = ["right"] * 6
    align: list[Align] = ["left", "left", "left", *right]
    section = Section(f"Cost pools {period} ({cur})", headers, rows, align, totals=[total])
    section.notes.append(
        "pool = effective rounded to the cent = allocated + unallocated; billed is shown to "
        "reconcile with the invoice."
    )
    view = View([section])
    view.csv_headers = ["period", "currency", "pool", "platform", "split", "rows", "effective",
                        "billed", "rounded", "allocated", "unallocated"]  # fmt: skip
    view.csv_rows = [
        [period, cur, p["id"], p["platform"], p["split"], str(p["rows"]), num(p["effective"]),
         num(p["billed"]), cents(p["rounded"]), cents(p["allocated"]), cents(p["unallocated"])]
        for p in ps
    ]  # fmt: skip
    return view
