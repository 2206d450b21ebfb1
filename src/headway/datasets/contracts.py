"""The eight dataset contracts of DESIGN §4: columns, types, keys and re-ingest semantics."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["DATASETS", "Column", "ColumnType", "Dataset", "KeyPolicy", "get_dataset"]

ColumnType = Literal["string", "timestamp", "date", "number", "decimal", "integer", "json"]
KeyPolicy = Literal["skip", "replace", "replace_group"]

#: SQL type in the store for each contract type. Money is exact: DECIMAL(38, 15).
SQL_TYPES: dict[str, str] = {
    "string": "VARCHAR",
    "timestamp": "TIMESTAMPTZ",
    "date": "DATE",
    "number": "DOUBLE",
    "decimal": "DECIMAL(38, 15)",
    "integer": "BIGINT",
    "json": "JSON",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    required: bool = False
    default: str | None = None
    """SQL literal used when the value is absent (``events.value`` defaults to 1)."""

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.type]


@dataclass(frozen=True)
class Dataset:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    policy: KeyPolicy
    """``skip``: a key already stored is a duplicate and skipped; ``replace``: the new row
    replaces the stored one; ``replace_group``: all stored rows sharing the key are replaced
    by the file's rows with that key (bills are restated)."""
    time_column: str | None
    """The column that places a row in time (freshness, first/last)."""
    tenant_column: str | None = None
    extra_column: str | None = None
    """Where columns outside the contract are kept, as a JSON object (costs only)."""

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def _c(name: str, type_: ColumnType = "string", required: bool = False) -> Column:
    return Column(name, type_, required)


# FOCUS 1.0 columns beyond the ones Headway reads; kept with their spec types.
_FOCUS_OTHER: tuple[Column, ...] = (
    _c("AvailabilityZone"),
    _c("BillingAccountName"),
    _c("BillingPeriodEnd", "timestamp"),
    _c("ChargeClass"),
    _c("ChargeDescription"),
    _c("ChargeFrequency"),
    _c("CommitmentDiscountCategory"),
    _c("CommitmentDiscountId"),
    _c("CommitmentDiscountName"),
    _c("CommitmentDiscountStatus"),
    _c("CommitmentDiscountType"),
    _c("ConsumedQuantity", "decimal"),
    _c("ConsumedUnit"),
    _c("ContractedCost", "decimal"),
    _c("ContractedUnitPrice", "decimal"),
    _c("InvoiceIssuerName"),
    _c("ListCost", "decimal"),
    _c("ListUnitPrice", "decimal"),
    _c("PricingCategory"),
    _c("PricingQuantity", "decimal"),
    _c("PricingUnit"),
    _c("ProviderName"),
    _c("PublisherName"),
    _c("RegionName"),
    _c("ResourceType"),
    _c("SkuId"),
    _c("SkuPriceId"),
    _c("SubAccountName"),
)

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "events",
            (
                _c("event_id", required=True),
                _c("time", "timestamp", True),
                _c("platform", required=True),
                _c("event", required=True),
                _c("tenant"),
                _c("actor"),
                _c("attributes", "json"),
                Column("value", "number", default="1"),
            ),
            key=("event_id",),
            policy="skip",
            time_column="time",
            tenant_column="tenant",
        ),
        Dataset(
            "usage",
            (
                _c("day", "date", True),
                _c("platform", required=True),
                _c("tenant", required=True),
                _c("meter", required=True),
                _c("quantity", "number", True),
            ),
            key=("day", "platform", "tenant", "meter"),
            policy="replace",
            time_column="day",
            tenant_column="tenant",
        ),
        Dataset(
            "costs",
            (
                _c("BillingAccountId", required=True),
                _c("BillingPeriodStart", "timestamp", True),
                _c("ChargePeriodStart", "timestamp", True),
                _c("ChargePeriodEnd", "timestamp", True),
                _c("BilledCost", "decimal", True),
                _c("EffectiveCost", "decimal", True),
                _c("BillingCurrency", required=True),
                _c("ServiceName"),
                _c("ServiceCategory"),
                _c("ResourceId"),
                _c("ResourceName"),
                _c("RegionId"),
                _c("SubAccountId"),
                _c("ChargeCategory"),
                _c("Tags", "json"),
                *_FOCUS_OTHER,
            ),
            key=("BillingAccountId", "BillingPeriodStart"),
            policy="replace_group",
            time_column="ChargePeriodStart",
            extra_column="x_extra",
        ),
        Dataset(
            "slis",
            (
                _c("time", "timestamp", True),
                _c("platform", required=True),
                _c("component", required=True),
                _c("indicator", required=True),
                _c("good", "number", True),
                _c("total", "number", True),
            ),
            key=("time", "platform", "component", "indicator"),
            policy="replace",
            time_column="time",
        ),
        Dataset(
            "incidents",
            (
                _c("incident_id", required=True),
                _c("platform", required=True),
                _c("opened_at", "timestamp", True),
                _c("resolved_at", "timestamp"),
                _c("tenant"),
                _c("severity"),
                _c("title"),
            ),
            key=("incident_id",),
            policy="replace",
            time_column="opened_at",
            tenant_column="tenant",
        ),
        Dataset(
            "onboardings",
            (
                _c("platform", required=True),
                _c("tenant", required=True),
                _c("requested_at", "timestamp", True),
                _c("completed_at", "timestamp"),
            ),
            key=("platform", "tenant"),
            policy="replace",
            time_column="requested_at",
            tenant_column="tenant",
        ),
        Dataset(
            "survey_responses",
            (
                _c("response_id", required=True),
                _c("survey", required=True),
                _c("submitted_at", "timestamp", True),
                _c("score", "integer", True),
                _c("respondent"),
                _c("team"),
                _c("comment"),
            ),
            key=("response_id",),
            policy="skip",
            time_column="submitted_at",
        ),
        Dataset(
            "tenants",
            (_c("tenant", required=True), _c("name"), _c("team"), _c("org")),
            key=("tenant",),
            policy="replace",
            time_column=None,
        ),
    )
}


def get_dataset(name: str) -> Dataset:
    """The contract called ``name``; a clear error naming the known ones otherwise."""
    from headway.errors import HeadwayError

    try:
        return DATASETS[name]
    except KeyError:
        known = ", ".join(DATASETS)
        raise HeadwayError(f"unknown dataset {name!r}; the datasets are: {known}") from None
