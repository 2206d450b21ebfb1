"""What ``headway costs compare|recommend`` show, built from the JSON shapes (docs/costs.md).

compare: per price book the rows, a total and the "savings of building" line, the meters
side by side; per meter the teams' cost per unit with the outliers flagged.
recommend: the top items with a short wrapped action, "and N more", then their evidence;
``--format md`` and ``json`` list every item.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from headway.cli.costs_render import Section, View, cents, money, qty
from headway.cli.costs_views import unit_column
from headway.cli.render import Align, markdown_table

__all__ = ["TOP", "compare_view", "recommend_view"]

TOP = 15
"""Recommendations a table shows; the rest are summed in one line."""
_ACTION_WIDTH = 56
_EVIDENCE_WIDTH = 100


def _building_line(v: dict[str, Any], cur: str) -> str:
    savings = Decimal(str(v["savings"]))
    verdict = "building is cheaper" if savings > 0 else "the vendor is cheaper"
    if savings == 0:
        verdict = "no difference"
    return (
        f"Savings of building: vendor cost {money(v['vendor_cost'])} − allocated "
        f"{money(v['allocated'])} = {money(v['savings'])} {cur}/month ({verdict})."
    )


def _vendor_sections(data: dict[str, Any], v: dict[str, Any]) -> list[Section]:
    cur, by = data["currency"], data["by"]
    platforms = ", ".join(v["platforms"]) or "no platform"
    rows = [
        [r["key"][by], money(r["allocated"]), money(r["vendor_cost"]), money(r["savings"])]
        for r in v["rows"]
    ]
    title = (
        f"{v['title'] or v['id']} (prices as of {v['as_of']}) against {platforms}, "
        f"{data['period']}, {cur}"
    )
    total = ["total", money(v["allocated"]), money(v["vendor_cost"]), money(v["savings"])]
    headers = [by, "allocated", "vendor cost", "savings"]
    main = Section(title, headers, rows, ["left", "right", "right", "right"], totals=[total])
    main.empty = f"No usage of a meter that {v['id']} prices."
    if rows:
        main.notes.append(_building_line(v, cur))
    if v["missing_meters"]:
        main.notes.append(
            f"Not priced by {v['id']} (not counted): {', '.join(v['missing_meters'])}."
        )
    units = unit_column([m["platform_unit_cost"] for m in v["meters"]])
    prices = unit_column([m["price"] for m in v["meters"]])
    meter_rows = [
        [m["platform"], m["meter"], qty(m["quantity"]), units[i], prices[i],
         money(m["platform_cost"]), money(m["vendor_cost"]), m["cheaper"]]
        for i, m in enumerate(v["meters"])
    ]  # fmt: skip
    meter_heads = ["platform", "meter", "quantity", f"ours {cur}/unit", f"{v['id']} {cur}/unit",
                   "platform cost", "vendor cost", "cheaper"]  # fmt: skip
    align: list[Align] = ["left", "left", "right", "right", "right", "right", "right", "left"]
    meters = Section(f"{v['id']} per meter", meter_heads, meter_rows, align)
    return [main, meters] if meter_rows else [main]


def _peer_section(data: dict[str, Any], p: dict[str, Any]) -> Section:
    cur, multiple = data["currency"], data["peer_multiple"]
    teams = p["teams"]
    units = unit_column([t["unit_cost"] for t in teams])
    median = unit_column([p["median"]])[0] if p["median"] is not None else "—"
    rows = [
        [t["team"], money(t["allocated"]), qty(t["quantity"]), units[i],
         "—" if t["ratio"] is None else f"{t['ratio']:.2f}×", "▲ outlier" if t["outlier"] else ""]
        for i, t in enumerate(teams)
    ]  # fmt: skip
    outliers = [t["team"] for t in teams if t["outlier"]]
    title = f"Peers: {p['platform']} cost per {p['meter']}"
    if teams:
        title += (
            f" (median {median} {cur}; outlier above {multiple:g}× median): "
            f"{len(outliers)} outlier{'s' if len(outliers) != 1 else ''}"
        )
    headers = ["team", f"allocated {cur}", "quantity", f"{cur}/{p['meter']}", "× median", ""]
    align: list[Align] = ["left", "right", "right", "right", "right", "left"]
    section = Section(title, headers, rows, align)
    section.empty = f"No team used {p['meter']} in {data['period']}."
    return section


def compare_view(data: dict[str, Any]) -> View:
    cur, by, period = data["currency"], data["by"], data["period"]
    view = View()
    for v in data["vendors"]:
        view.sections += _vendor_sections(data, v)
        view.csv_rows += [
            [period, cur, v["id"], r["key"][by], cents(r["allocated"]),
             cents(r["vendor_cost"]), cents(r["savings"])]
            for r in v["rows"]
        ]  # fmt: skip
    view.sections += [_peer_section(data, p) for p in data["peers"]]
    view.csv_headers = ["period", "currency", "vendor", by, "allocated", "vendor_cost", "savings"]
    return view


def _item_row(n: int, i: dict[str, Any]) -> list[str]:
    return [str(n), money(i["saving"]), i["rule"], i["team"] or "—", i["platform"], i["action"]]


def _evidence(i: dict[str, Any]) -> str:
    return "\n".join([i["evidence"], *(f"· {d}" for d in i["details"])])


def _markdown(data: dict[str, Any], title: str, headers: list[str]) -> str:
    items = data["items"]
    align: list[Align] = ["right", "right", "left", "left", "left", "left"]
    out = [f"### {title}\n", markdown_table(headers, [_item_row(n, i) for n, i in
                                                        enumerate(items, 1)], align)]  # fmt: skip
    out.append("### Evidence\n")
    for n, i in enumerate(items, 1):
        out.append(
            f"{n}. **{i['title']}** — {i['team'] or '(no team)'}, {i['platform']}, "
            f"{money(i['saving'])} {data['currency']}/month: {i['evidence']}"
        )
        out += [f"   - {d}" for d in i["details"]]
    return "\n".join(out) + "\n"


def recommend_view(data: dict[str, Any]) -> View:
    cur, items = data["currency"], data["items"]
    title = (
        f"Recommendations {data['period']}: {len(items)} item{'s' if len(items) != 1 else ''}, "
        f"up to {money(data['total_saving'])} {cur}/month"
    )
    headers = ["#", f"saving {cur}", "rule", "team", "platform", "action"]
    shown, rest = items[:TOP], items[TOP:]
    align: list[Align] = ["right", "right", "left", "left", "left", "left"]
    main = Section(title, headers, [_item_row(n, i) for n, i in enumerate(shown, 1)], align)
    main.wrap = {5: _ACTION_WIDTH}
    main.empty = "Nothing to recommend."
    if rest:
        more = sum((Decimal(str(i["saving"])) for i in rest), Decimal(0))
        main.notes.append(
            f"and {len(rest)} more ({money(more)} {cur}/month); --format json for all"
        )
    evidence = Section(
        "Evidence", ["#", "evidence"], [[str(n), _evidence(i)] for n, i in enumerate(shown, 1)],
        ["right", "left"], wrap={1: _EVIDENCE_WIDTH},
    )  # fmt: skip
    view = View([main, evidence] if shown else [main])
    view.markdown = lambda: _markdown(data, title, headers)
    view.csv_headers = ["period", "currency", "rule", "team", "platform", "saving", "action",
                        "evidence"]  # fmt: skip
    view.csv_rows = [
        [data["period"], cur, i["rule"], i["team"] or "", i["platform"], cents(i["saving"]),
         i["action"], " ".join([i["evidence"], *i["details"]])]
        for i in items
    ]  # fmt: skip
    return view
