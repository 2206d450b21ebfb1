"""Rules over the ``costs:`` block: pools, weights, predicates, price books (DESIGN §8)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

import sqlglot
from sqlglot.errors import ParseError

from headway.config.rules import Rule, RuleIssue

if TYPE_CHECKING:
    from headway.config.costs import CostPool
    from headway.config.models import WorkspaceConfig

__all__ = ["RULES"]


def _pool_source(i: int, pool: CostPool) -> Iterable[RuleIssue]:
    path: tuple[str | int, ...] = ("costs", "pools", i)
    if pool.match is None and pool.amount is None:
        yield RuleIssue(
            path,
            f"pool {pool.pool_id!r} selects no cost: give it a `match` predicate over the costs "
            "table or a fixed monthly `amount`",
        )
    elif pool.match is not None and pool.amount is not None:
        yield RuleIssue(
            (*path, "amount"),
            f"pool {pool.pool_id!r} has both `match` and `amount`; keep one (a pool is either "
            "matched cost rows or a fixed monthly amount)",
        )
    if pool.match is not None:
        try:
            sqlglot.parse_one(pool.match, read="duckdb")
        except ParseError as exc:
            first = str(exc).splitlines()[0]
            yield RuleIssue(
                (*path, "match"), f"the predicate does not parse as DuckDB SQL: {first}"
            )


def _pool_allocation(i: int, pool: CostPool) -> Iterable[RuleIssue]:
    path: tuple[str | int, ...] = ("costs", "pools", i, "allocation")
    if pool.split == "even":
        if pool.allocation:
            yield RuleIssue(
                path,
                f"pool {pool.pool_id!r} is split evenly; its allocation meters are ignored "
                "(remove them or use split: meters)",
                "warning",
            )
        return
    if not pool.allocation:
        yield RuleIssue(
            path,
            f"pool {pool.pool_id!r} is split by meters but lists none; add allocation meters "
            "(e.g. {meter: logs_gb, weight: 1}) or use split: even",
        )
        return
    total = sum((m.weight for m in pool.allocation), Decimal(0))
    if total != 1:
        yield RuleIssue(
            path, f"the weights of pool {pool.pool_id!r} sum to {total}, not 1; fix them"
        )
    for meter, n in Counter(m.meter for m in pool.allocation).items():
        if n > 1:
            yield RuleIssue(path, f"meter {meter!r} appears {n} times in pool {pool.pool_id!r}")


def check_pools(config: WorkspaceConfig) -> Iterable[RuleIssue]:
    if config.costs is None:
        return
    for i, pool in enumerate(config.costs.pools):
        yield from _pool_source(i, pool)
        yield from _pool_allocation(i, pool)
    ids = Counter(p.pool_id for p in config.costs.pools)
    for i, pool in enumerate(config.costs.pools):
        if ids[pool.pool_id] > 1:
            yield RuleIssue(
                ("costs", "pools", i, "id"),
                f"pool id {pool.pool_id!r} is used by {ids[pool.pool_id]} pools; give each "
                "pool of a platform its own `id`",
            )
            ids[pool.pool_id] = 0  # report once


def check_vendors(config: WorkspaceConfig) -> Iterable[RuleIssue]:
    if config.costs is None:
        return
    seen: set[str] = set()
    meters = {m.meter for p in config.costs.pools for m in p.allocation}
    for i, book in enumerate(config.costs.vendors):
        path: tuple[str | int, ...] = ("costs", "vendors", i)
        if book.id in seen:
            yield RuleIssue((*path, "id"), f"vendor price book {book.id!r} is defined twice")
        seen.add(book.id)
        for meter, price in book.prices.items():
            if price < 0:
                yield RuleIssue((*path, "prices", meter), f"price of {meter!r} is negative")
            elif meters and meter not in meters:
                yield RuleIssue(
                    (*path, "prices", meter),
                    f"meter {meter!r} is in no pool's allocation, so it is never compared",
                    "warning",
                )


RULES: list[Rule] = [check_pools, check_vendors]
