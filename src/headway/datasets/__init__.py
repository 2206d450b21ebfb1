"""Dataset contracts and ingestion."""

from headway.datasets.contracts import DATASETS, Column, Dataset, get_dataset

__all__ = ["DATASETS", "Column", "Dataset", "get_dataset"]
