"""The contract as SQL: typed values and a rejection reason per row, computed by DuckDB.

:func:`stage_sql` builds one SELECT over a reader's source that yields, per record in
file order, every contract column typed, the extra-columns JSON (costs), ``_line`` when
the source numbers its records (JSON) and ``_reason`` (NULL when the row is valid; else
every problem, joined by ``"; "``). Text values are parsed; a Parquet column already
stored in a fitting type is taken as it is. No row passes through Python.
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
    return f"'''' || left(CAST({v} AS VARCHAR), 40) || ''''"


_INTS: tuple[str, ...] = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT")
_INTS += ("UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT")
_NUMBERS = (*_INTS, "FLOAT", "DOUBLE")


def native(col: Column, type_: str) -> bool:
    """Whether a source column of DuckDB type ``type_`` is taken as it is (not as text)."""
    if type_ == "VARCHAR" or col.type == "json":
        return False
    if col.type == "string":
        return True
    if col.type == "timestamp":
        return type_.startswith(("TIMESTAMP", "DATE"))
    if col.type == "date":
        return type_ == "DATE"
    if col.type == "number":
        return type_ in _NUMBERS or type_.startswith("DECIMAL")
    if col.type == "decimal":
        return type_ in _INTS or type_.startswith("DECIMAL")
    return type_ in _INTS  # integer


def _native_timestamp(v: str, type_: str, naive: str, tz: str) -> str:
    if type_ == "TIMESTAMP WITH TIME ZONE":
        return v
    if naive == "error":
        return "CAST(NULL AS TIMESTAMPTZ)"
    zone = "UTC" if naive == "utc" else tz
    return f"timezone({sql_str(zone)}, CAST({v} AS TIMESTAMP))"


def _native(col: Column, v: str, type_: str, rules: Rules, dataset: str) -> str:
    """A value stored in a fitting type (Parquet): no text parsing."""
    if col.type == "timestamp":
        naive = "utc" if dataset == "costs" else rules.naive_timestamps
        return _native_timestamp(v, type_, naive, rules.timezone)
    if col.type == "number":
        num = f"CASE WHEN isfinite(CAST({v} AS DOUBLE)) THEN CAST({v} AS DOUBLE) END"
        return f"CASE WHEN {v} IS NULL THEN {col.default} ELSE {num} END" if col.default else num
    return f"TRY_CAST({v} AS {col.sql_type})"


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


#: A ``:`` followed by something other than a string: some value may not be a string.
_NON_STRING_VALUE = r':\s*[^\s"]'


def _json(v: str, strings_only: bool) -> str:
    """A JSON object (of strings only): valid JSON text starting with ``{`` is an object.

    Strings only: when every ``:`` in the text is followed by ``"``, every value is a
    string (each value follows a ``:``) — one cheap regex; only texts where some ``:``
    is not (numbers, nesting, or a ``:`` inside a string) get the exact per-value check.
    """
    cond = f"starts_with(ltrim({v}), '{{')"
    if strings_only:
        exact = (
            f"json_valid({v}) AND list_bool_and(list_transform(json_type({v}, '$.*'), "
            "lambda x: x = 'VARCHAR')) IS NOT false"
        )
        cond += f" AND (NOT regexp_matches({v}, {sql_str(_NON_STRING_VALUE)}) OR ({exact}))"
    return f"CASE WHEN {cond} THEN TRY_CAST({v} AS JSON) END"


def _typed(col: Column, v: str, rules: Rules, dataset: str, type_: str = "VARCHAR") -> str:
    if native(col, type_):
        return _native(col, v, type_, rules, dataset)
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


def _value(col: Column, src: str | None, type_: str, null_literal: bool) -> str:
    """The file's value of ``col``: taken as it is, or as text with empty (``NULL``) = null."""
    if src is None:
        return "CAST(NULL AS VARCHAR)"
    if native(col, type_):
        return sql_ident(src)
    expr = sql_ident(src) if type_ == "VARCHAR" else f"CAST({sql_ident(src)} AS VARCHAR)"
    expr = f"NULLIF({expr}, '')"
    return f"NULLIF({expr}, 'NULL')" if null_literal else expr


def stage_sql(
    ds: Dataset,
    source_sql: str,
    selected: Mapping[str, str],
    extras: list[str],
    *,
    rules: Rules,
    types: Mapping[str, str],
    number: str | None,
    reasons: bool,
    null_literal: bool,
) -> str:
    """SELECT the staged rows; ``selected`` maps contract column → the file's column.

    ``types``: the DuckDB type of each file column; ``number``: the source's column
    numbering its records, kept; ``reasons``: the source yields ``_hw_src_reason`` (a reason
    that replaces all others: there is no record there).
    """
    idx = {c.name: i for i, c in enumerate(ds.columns)}
    kinds = {c.name: types.get(selected.get(c.name, ""), "VARCHAR") for c in ds.columns}
    norm = [
        f"{_value(c, selected.get(c.name), kinds[c.name], null_literal)} AS {_v(idx[c.name])}"
        for c in ds.columns
    ]
    if ds.extra_column:
        if extras:
            pairs = ", ".join(f"{sql_str(c)}, CAST({sql_ident(c)} AS VARCHAR)" for c in extras)
            norm.append(f"CAST(json_object({pairs}) AS JSON) AS _extra")
        else:
            norm.append("CAST(NULL AS JSON) AS _extra")
    typed = [
        f"{_typed(c, _v(idx[c.name]), rules, ds.name, kinds[c.name])} AS {_t(idx[c.name])}"
        for c in ds.columns
    ]
    checks = [r for c in ds.columns for r in _column_reasons(c, idx[c.name], rules, ds.name)]
    checks += _rule_reasons(ds, idx, rules)
    reason = f"NULLIF(concat_ws('; ', {', '.join(checks)}), '')"
    outs = [f"{_t(idx[c.name])} AS {sql_ident(c.name)}" for c in ds.columns]
    if ds.extra_column:
        outs.append(f"_extra AS {sql_ident(ds.extra_column)}")
    if number:
        norm.append(number)
        outs.append(number)
    if reasons:
        norm.append("_hw_src_reason")
        reason = f"coalesce(_hw_src_reason, {reason})"
    return (
        f"WITH s AS (SELECT {', '.join(norm)} FROM ({source_sql})), "
        f"t AS (SELECT *, {', '.join(typed)} FROM s) "
        f"SELECT {', '.join(outs)}, {reason} AS _reason FROM t"
    )
