"""The contract as SQL: typed values and a rejection reason per row, computed by DuckDB.

:func:`stage_sql` builds one SELECT over a reader's source that yields, per record,
``_rn``, ``_line``, ``_nl`` (newlines inside the record's values, CSV only), every
contract column typed, the extra-columns JSON (costs) and ``_reason`` (NULL when the row
is valid; else every problem, joined by ``"; "``). No row passes through Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from headway.datasets.contracts import Column, Dataset
from headway.datasets.readers import sql_ident, sql_str

__all__ = ["Rules", "stage_sql"]

_OFFSET = r"[T ]\d{1,2}:\d\d(:\d\d(\.\d+)?)?\s*([Zz]|[+-]\d\d(:?\d\d)?)$"
_EPOCH = r"\s*-?\d{1,12}(\.\d+)?\s*"
_INTEGER = r"\s*[+-]?\d{1,18}\s*"


@dataclass(frozen=True)
class Rules:
    """Workspace settings the contract depends on."""

    currency: str
    naive_timestamps: str
    """``error``, ``utc`` or ``local`` (offset-less timestamps in ``timezone``)."""
    timezone: str


def _v(i: int) -> str:
    return f"v{i}"


def _t(i: int) -> str:
    return f"t{i}"


def _quoted(v: str) -> str:
    return f"'''' || left({v}, 40) || ''''"


def _timestamp(v: str, naive: str, tz: str) -> str:
    if naive == "utc":
        naive_sql = f"timezone('UTC', TRY_CAST({v} AS TIMESTAMP))"
    elif naive == "local":
        naive_sql = f"timezone({sql_str(tz)}, TRY_CAST({v} AS TIMESTAMP))"
    else:
        naive_sql = "CAST(NULL AS TIMESTAMPTZ)"
    return (
        f"CASE WHEN {v} IS NULL THEN NULL "
        f"WHEN regexp_matches({v}, {sql_str(_OFFSET)}) THEN TRY_CAST({v} AS TIMESTAMPTZ) "
        f"WHEN regexp_full_match({v}, {sql_str(_EPOCH)}) "
        f"THEN to_timestamp(TRY_CAST({v} AS DOUBLE)) ELSE {naive_sql} END"
    )


def _json(v: str, strings_only: bool) -> str:
    cond = f"json_valid({v}) AND json_type({v}) = 'OBJECT'"
    if strings_only:
        cond += (
            f" AND list_bool_and(list_transform(json_type({v}, '$.*'), "
            "lambda x: x = 'VARCHAR')) IS NOT false"
        )
    return f"CASE WHEN {cond} THEN TRY_CAST({v} AS JSON) END"


def _typed(col: Column, v: str, rules: Rules, dataset: str) -> str:
    if col.type == "timestamp":
        naive = "utc" if dataset == "costs" else rules.naive_timestamps
        return _timestamp(v, naive, rules.timezone)
    if col.type == "date":
        return f"TRY_CAST({v} AS DATE)"
    if col.type == "number":
        num = f"CASE WHEN isfinite(TRY_CAST({v} AS DOUBLE)) THEN TRY_CAST({v} AS DOUBLE) END"
        return f"CASE WHEN {v} IS NULL THEN {col.default} ELSE {num} END" if col.default else num
    if col.type == "decimal":
        return f"TRY_CAST({v} AS DECIMAL(38, 15))"
    if col.type == "integer":
        ok = f"regexp_full_match({v}, {sql_str(_INTEGER)})"
        return f"CASE WHEN {ok} THEN TRY_CAST({v} AS BIGINT) END"
    if col.type == "json":
        return _json(v, strings_only=col.name == "attributes")
    return v


_WHAT = {
    "timestamp": "unparseable timestamp",
    "date": "unparseable date (use YYYY-MM-DD)",
    "number": "not a number",
    "decimal": "not a decimal number",
    "integer": "not an integer",
}


def _type_reason(col: Column, v: str, rules: Rules, dataset: str) -> str:
    name = col.name
    if col.type == "json":
        what = "not a JSON object of strings" if name == "attributes" else "not a JSON object"
        return f"{sql_str(name + ': ' + what)}"
    if col.type == "timestamp" and dataset != "costs" and rules.naive_timestamps == "error":
        return (
            f"CASE WHEN TRY_CAST({v} AS TIMESTAMP) IS NOT NULL THEN "
            f"{sql_str(name + ': timestamp without offset ')} || {_quoted(v)} || "
            f"{sql_str(' (add Z or +hh:mm, or set naive_timestamps: utc|local)')} "
            f"ELSE {sql_str(name + ': unparseable timestamp ')} || {_quoted(v)} END"
        )
    return f"{sql_str(name + ': ' + _WHAT[col.type] + ' ')} || {_quoted(v)}"


def _column_reasons(col: Column, i: int, rules: Rules, dataset: str) -> list[str]:
    v, t = _v(i), _t(i)
    out = []
    if col.required:
        out.append(
            f"CASE WHEN {v} IS NULL THEN {sql_str(col.name + ': missing required value')} END"
        )
    if col.type != "string":
        out.append(
            f"CASE WHEN {v} IS NOT NULL AND {t} IS NULL THEN "
            f"{_type_reason(col, v, rules, dataset)} END"
        )
    return out


def _rule_reasons(ds: Dataset, idx: Mapping[str, int], rules: Rules) -> list[str]:
    """The dataset-specific rules of DESIGN §4 over typed values."""
    t = {name: _t(i) for name, i in idx.items()}
    out: list[str] = []

    def neg(name: str) -> None:
        out.append(
            f"CASE WHEN {t[name]} < 0 THEN {sql_str(name + ' is negative: ')} || {t[name]} END"
        )

    def before(late: str, early: str) -> None:
        out.append(
            f"CASE WHEN {t[late]} < {t[early]} THEN {sql_str(f'{late} is before {early}')} END"
        )

    if ds.name == "usage":
        neg("quantity")
    elif ds.name == "slis":
        neg("good")
        neg("total")
        out.append(
            f"CASE WHEN {t['good']} > {t['total']} THEN 'good (' || {t['good']} || "
            f"') is greater than total (' || {t['total']} || ')' END"
        )
    elif ds.name == "survey_responses":
        out.append(
            f"CASE WHEN {t['score']} NOT BETWEEN 0 AND 10 THEN "
            f"'score ' || {t['score']} || ' is outside 0–10' END"
        )
    elif ds.name == "incidents":
        before("resolved_at", "opened_at")
    elif ds.name == "onboardings":
        before("completed_at", "requested_at")
    elif ds.name == "costs":
        cur = t["BillingCurrency"]
        out.append(
            f"CASE WHEN {cur} <> {sql_str(rules.currency)} THEN 'BillingCurrency ' || {cur} || "
            f"{sql_str(' is not the workspace currency ' + rules.currency)} END"
        )
    return out


def stage_sql(
    ds: Dataset,
    source_sql: str,
    selected: Mapping[str, str],
    extras: list[str],
    *,
    rules: Rules,
    line_offset: int,
    count_newlines: bool,
    null_literal: bool,
) -> str:
    """SELECT the staged rows; ``selected`` maps contract column → the file's column."""
    idx = {c.name: i for i, c in enumerate(ds.columns)}
    norm = []
    for col in ds.columns:
        src = selected.get(col.name)
        if src is None:
            norm.append(f"CAST(NULL AS VARCHAR) AS {_v(idx[col.name])}")
            continue
        expr = f"NULLIF({sql_ident(src)}, '')"
        if null_literal:
            expr = f"NULLIF({expr}, 'NULL')"
        norm.append(f"{expr} AS {_v(idx[col.name])}")
    if count_newlines:
        parts = [
            f"CASE WHEN contains({sql_ident(c)}, chr(10)) THEN length({sql_ident(c)}) - "
            f"length(replace({sql_ident(c)}, chr(10), '')) ELSE 0 END"
            for c in [*selected.values(), *extras]
        ]
        norm.append(f"CAST({' + '.join(parts) or '0'} AS INTEGER) AS _nl")
    else:
        norm.append("CAST(0 AS INTEGER) AS _nl")
    if ds.extra_column:
        if extras:
            pairs = ", ".join(f"{sql_str(c)}, {sql_ident(c)}" for c in extras)
            norm.append(f"CAST(json_object({pairs}) AS JSON) AS _extra")
        else:
            norm.append("CAST(NULL AS JSON) AS _extra")
    typed = [
        f"{_typed(c, _v(idx[c.name]), rules, ds.name)} AS {_t(idx[c.name])}" for c in ds.columns
    ]
    reasons = [r for c in ds.columns for r in _column_reasons(c, idx[c.name], rules, ds.name)]
    reasons += _rule_reasons(ds, idx, rules)
    outs = [f"{_t(idx[c.name])} AS {sql_ident(c.name)}" for c in ds.columns]
    if ds.extra_column:
        outs.append(f"_extra AS {sql_ident(ds.extra_column)}")
    return (
        f"WITH s AS (SELECT _rn, _rn + {line_offset} AS _line, {', '.join(norm)} "
        f"FROM ({source_sql})), "
        f"t AS (SELECT *, {', '.join(typed)} FROM s) "
        f"SELECT _rn, _line, _nl, {', '.join(outs)}, "
        f"NULLIF(concat_ws('; ', {', '.join(reasons)}), '') AS _reason FROM t"
    )
