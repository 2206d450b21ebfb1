"""The store: one DuckDB file per workspace, one table per dataset."""

from headway.store.duck import Store, open_store

__all__ = ["Store", "open_store"]
