"""Each rule's message, located in the YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from headway.config import rules
from headway.config.loader import check_config

BASE = """\
workspace: Acme
north_stars:
  - {id: adoption, title: Adoption, kpi: tenants}
initiatives:
  - {id: o11y, title: Observability}
slos:
  - {id: ingest, platform: o11y, component: gw, indicator: availability, objective: 0.999}
kpis:
  - {id: tenants, title: Tenants, kind: count_distinct, dataset: usage, column: tenant}
"""


@pytest.fixture
def check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)

    def run(extra: str, *, base: str = BASE) -> list[str]:
        (tmp_path / "headway.yaml").write_text(base + extra, encoding="utf-8")
        return [f"{i.severity} {i}" for i in check_config(tmp_path / "headway.yaml").issues]

    return run


def kpi(line: str) -> str:
    return f"  - {line}\n"


def test_base_is_valid(check) -> None:  # type: ignore[no-untyped-def]
    assert check("") == []


def test_every_rule_module_is_registered() -> None:
    modules = {
        p.stem for p in Path(rules.__file__).parent.glob("*.py") if not p.stem.startswith("_")
    }
    assert modules <= set(rules._MODULES)


# --- ids --------------------------------------------------------------------------------
def test_duplicate_kpi_id_names_the_first(check) -> None:  # type: ignore[no-untyped-def]
    assert check(kpi("{id: tenants, title: Again, kind: count, dataset: usage}")) == [
        "error headway.yaml:10: kpis[1].id: duplicate KPI id `tenants`: ids must be unique; "
        "rename this one or remove it (see kpis[0].id at headway.yaml:9)"
    ]


def test_duplicate_key_result_ids_across_objectives(check) -> None:  # type: ignore[no-untyped-def]
    okrs = """\
okrs:
  - {id: a, title: A, level: company, owner: x, cycle: 2026-Q2,
     key_results: [{id: kr, title: K, kind: milestone}]}
  - {id: b, title: B, level: company, owner: x, cycle: 2026-Q2,
     key_results: [{id: kr, title: K, kind: milestone}]}
"""
    found = [m for m in check(okrs) if "duplicate" in m]
    assert found == [
        "error headway.yaml:14: okrs[1].key_results[0].id: duplicate key result id `kr`: ids "
        "must be unique; rename this one or remove it (see okrs[0].key_results[0].id at "
        "headway.yaml:12)"
    ]


# --- north stars ------------------------------------------------------------------------
def test_fourth_north_star_is_an_error_that_says_why(check) -> None:  # type: ignore[no-untyped-def]
    stars = "".join(f"  - {{id: s{i}, title: S, kpi: tenants}}\n" for i in range(3))
    base = BASE.replace("north_stars:\n", "north_stars:\n" + stars)
    assert check("", base=base) == [
        "error headway.yaml:6: north_stars[3]: 4 North Stars, at most 3 allowed: a North Star "
        "is one of the few numbers the whole team steers by, and each one more dilutes "
        "attention. Keep the 3 that matter most and turn the rest into KPIs that drive them "
        "(`drives: <north star id>`)"
    ]


# --- references -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "{id: a, title: A, kind: count, dataset: usage, initiative: o11}",
            "kpis[1].initiative: unknown initiative `o11` (did you mean `o11y`?)",
        ),
        (
            "{id: a, title: A, kind: count, dataset: usage, drives: nps}",
            "kpis[1].drives: unknown North Star `nps`; the North Stars are: adoption",
        ),
        (
            "{id: a, title: A, kind: ratio, numerator: tenants, denominator: tenant}",
            "kpis[1].denominator: unknown KPI `tenant` (did you mean `tenants`?)",
        ),
        (
            "{id: a, title: A, kind: ratio, numerator: a, denominator: tenants}",
            "kpis[1].numerator: KPI `a` cannot be computed from itself",
        ),
        (
            "{id: a, title: A, kind: index, baseline: 2026-Q1, components: [{kpi: tenants}, "
            "{kpi: b}]}",
            "kpis[1].components[1].kpi: unknown KPI `b`; the KPIs are: tenants, a",
        ),
        (
            "{id: a, title: A, kind: slo, slo: egress}",
            "kpis[1].slo: unknown SLO `egress`; the SLOs are: ingest",
        ),
    ],
)
def test_unknown_references(check, line: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert check(kpi(line)) == [f"error headway.yaml:10: {expected}"]


def test_north_star_naming_an_unknown_kpi(check) -> None:  # type: ignore[no-untyped-def]
    assert check("", base=BASE.replace("kpi: tenants}", "kpi: tenant}")) == [
        "error headway.yaml:3: north_stars[0].kpi: unknown KPI `tenant` (did you mean `tenants`?)"
    ]


def test_cycle_among_ratio_and_index_kpis(check) -> None:  # type: ignore[no-untyped-def]
    extra = kpi("{id: a, title: A, kind: ratio, numerator: b, denominator: tenants}") + kpi(
        "{id: b, title: B, kind: index, baseline: 2026-Q1, components: [{kpi: a}]}"
    )
    assert check(extra) == [
        "error headway.yaml:11: kpis[2].components[0].kpi: KPIs computed from each other form "
        "a cycle: `a` → `b` → `a`; one of them must be computed from a dataset"
    ]


# --- sql --------------------------------------------------------------------------------
USAGE_COLUMNS = "day, platform, tenant, meter, quantity, team, org"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            '{id: a, title: A, kind: count, dataset: usage, where: "quantity > 0 AND platfrm '
            "= 'x'\"}",
            "error headway.yaml:10: kpis[1].where: unknown column `platfrm` in `where` for "
            f"dataset usage (did you mean `platform`?); its columns are: {USAGE_COLUMNS}",
        ),
        (
            "{id: a, title: A, kind: count, dataset: usage, where: 'quantity >'}",
            "error headway.yaml:10: kpis[1].where: `where` is not a valid SQL condition (DuckDB "
            "dialect): Required keyword: 'expression' missing for GT; write a predicate such as "
            "quantity > 0 AND platform = 'observability'",
        ),
        (
            "{id: a, title: A, kind: sql, sql: 'select 1 as period'}",
            "error headway.yaml:10: kpis[1].sql: `sql` must return the columns `period` (a period "
            "label of the KPI's grain) and `value`; it lacks `value` (name them with AS)",
        ),
        (
            "{id: a, title: A, kind: sql, sql: 'select 1; select 2'}",
            "error headway.yaml:10: kpis[1].sql: `sql` must be one SELECT query returning "
            "`period` and `value`",
        ),
        (
            "{id: a, title: A, kind: ratio, numerator: tenants, denominator: tenants, where: x}",
            "warning headway.yaml:10: kpis[1].where: `where` has no effect on a ratio KPI, which "
            "reads no dataset; put the condition on the KPIs it is computed from",
        ),
    ],
)
def test_sql_snippets(check, line: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert check(kpi(line)) == [expected]


@pytest.mark.parametrize(
    "where",
    [
        "attributes->>'sdk' = 'go' AND attributes.lang = 'py' AND team = 'payments'",
        "event = 'login' AND value > 1 AND tenant IN (SELECT tenant FROM tenants)",
    ],
)
def test_json_access_and_tenant_columns_are_fine(check, where: str) -> None:  # type: ignore[no-untyped-def]
    assert check(kpi(f'{{id: a, title: A, kind: count, dataset: events, where: "{where}"}}')) == []


def test_cost_pool_match_names_costs_columns(check) -> None:  # type: ignore[no-untyped-def]
    costs = (
        "costs:\n  pools:\n    - platform: o11y\n"
        "      match: \"Tags->>'platform' = 'o11y' AND Service = 'x'\"\n"
        "      allocation: [{meter: logs_gb, weight: 1}]\n"
    )
    (found,) = check(costs)
    assert found.startswith(
        "error headway.yaml:13: costs.pools[0].match: unknown column `Service` in `match` for "
        "dataset costs (did you mean `ServiceName`?); its columns are: BillingAccountId, "
    )


# --- kpis -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "{id: a, title: A, kind: count, dataset: events, by: [attributes.sdk, org, colour]}",
            "kpis[1].by[2]: unknown dimension `colour` for dataset events; the dimensions are: "
            "event_id, time, platform, event, tenant, actor, attributes, value, team, org; JSON "
            "keys are reached as attributes.KEY",
        ),
        (
            "{id: a, title: A, kind: count, dataset: slis, by: [team]}",
            "kpis[1].by[0]: unknown dimension `team` for dataset slis; the dimensions are: time, "
            "platform, component, indicator, good, total",
        ),
        (
            "{id: a, title: A, kind: sum, dataset: usage, column: quantiy}",
            "kpis[1].column: unknown column `quantiy` in `column` for dataset usage (did you "
            "mean `quantity`?); its columns are: day, platform, tenant, meter, quantity",
        ),
        (
            "{id: a, title: A, kind: percentile, p: 90, dataset: usage, column: meter}",
            "kpis[1].column: column `meter` of usage is string, and `column` needs a numeric "
            "one; its numeric columns are: quantity",
        ),
        (
            "{id: a, title: A, kind: duration, dataset: incidents, start: opened_at, end: title}",
            "kpis[1].end: column `title` of incidents is string, and `end` needs a timestamp "
            "one; its timestamp columns are: opened_at, resolved_at",
        ),
        (
            "{id: a, title: A, kind: index, baseline: 2026-Q5, components: [{kpi: tenants}]}",
            "kpis[1].baseline: '2026-Q5' is not a period; use 2026-11-30 (day), 2026-W48 (ISO "
            "week), 2026-11 (month), 2026-Q4 or FY2027-Q2 (quarter), 2026 or FY2027 (year)",
        ),
    ],
)
def test_kpi_fields_fit_the_dataset(check, line: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert check(kpi(line)) == [f"error headway.yaml:10: {expected}"]


def test_fiscal_baseline_is_a_period(check) -> None:  # type: ignore[no-untyped-def]
    base = BASE.replace("workspace: Acme\n", "workspace: Acme\nfiscal_year_start_month: 7\n")
    line = kpi("{id: a, title: A, kind: index, baseline: FY2027-Q2, components: [{kpi: tenants}]}")
    assert check(line, base=base) == []
