"""The portfolio: every table as a pandas DataFrame indexed by its stable string id."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import pandas as pd

from planning.domain.columns import column_specs
from planning.domain.models import TABLE_MODELS, Record
from planning.domain.timeline import Timeline

TABLE_ATTRIBUTES: dict[str, str] = {
    "funding_pool": "funding_pools",
    "horizon": "horizon",
    "ambition_level": "ambition_levels",
    "envelope": "envelopes",
    "capacity_pool": "capacity_pools",
    "capacity_limit": "capacity_limits",
    "alternative_group": "alternative_groups",
    "initiative": "initiatives",
    "dependency": "dependencies",
    "benefit": "benefits",
    "measurement": "measurements",
    "scenario": "scenarios",
}
"""Table name -> Portfolio attribute."""


def empty_table(table: str) -> pd.DataFrame:
    """An empty DataFrame with the table's columns and an ``id`` index."""
    names = [spec.name for spec in column_specs(table) if spec.name != "id"]
    frame = pd.DataFrame(columns=names)
    frame.index = pd.Index([], name="id", dtype=object)
    return frame


def frame_from_models(table: str, rows: Iterable[Record]) -> pd.DataFrame:
    """A table's DataFrame from validated model instances, in the order given."""
    records = [row.model_dump() for row in rows]
    if not records:
        return empty_table(table)
    # Object columns throughout, so pandas never turns datetimes into Timestamps or ints into floats.
    columns = {spec.name: pd.Series([r[spec.name] for r in records], dtype=object) for spec in column_specs(table)}
    frame = pd.DataFrame(columns)
    frame = frame.where(frame.notna(), None)
    return frame.set_index("id")


def plain_value(value: Any) -> Any:
    """A cell as a plain Python value: numpy and pandas scalars unwrapped, NaN/NaT/NA as ``None``."""
    if isinstance(value, (list, dict)):
        return value
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime()
    if isinstance(value, np.generic):
        value = value.item()
    if value is pd.NA or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return None
    return value


@dataclass
class Portfolio:
    """All tables of one portfolio, one DataFrame each, indexed by id.

    Build it with :func:`planning.domain.loading.parse_portfolio`, which validates every row;
    results of the optimiser are written back as ``*_opt`` columns of ``initiatives``.
    """

    funding_pools: pd.DataFrame
    horizon: pd.DataFrame
    ambition_levels: pd.DataFrame
    envelopes: pd.DataFrame
    capacity_pools: pd.DataFrame
    capacity_limits: pd.DataFrame
    alternative_groups: pd.DataFrame
    initiatives: pd.DataFrame
    dependencies: pd.DataFrame
    benefits: pd.DataFrame
    measurements: pd.DataFrame
    scenarios: pd.DataFrame

    @classmethod
    def empty(cls) -> Portfolio:
        return cls(**{attr: empty_table(table) for table, attr in TABLE_ATTRIBUTES.items()})

    @classmethod
    def from_models(cls, models: Mapping[str, Iterable[Record]]) -> Portfolio:
        """A portfolio from validated model instances per table name."""
        return cls(
            **{attr: frame_from_models(table, models.get(table, ())) for table, attr in TABLE_ATTRIBUTES.items()}
        )

    def table(self, name: str) -> pd.DataFrame:
        """The DataFrame of a table by its table name, for example ``initiative``."""
        frame: pd.DataFrame = getattr(self, TABLE_ATTRIBUTES[name])
        return frame

    def models(self, table: str) -> list[Record]:
        """The rows of ``table`` as model instances (not re-validated), ready to add to a session.

        Built through the table class's constructor, which SQLModel does not validate but
        does instrument for SQLAlchemy (``model_construct`` would leave the rows unmapped).
        """
        model = TABLE_MODELS[table]
        names = [spec.name for spec in column_specs(table) if spec.name != "id"]
        frame = self.table(table)
        rows = []
        for row_id, row in frame.iterrows():
            values = {name: plain_value(row[name]) for name in names}
            rows.append(model(**{"id": str(row_id), **values}))
        return rows

    def records(self, table: str) -> list[dict[str, Any]]:
        """The rows of ``table`` as plain dicts with ``id`` first, input columns only."""
        return [row.model_dump() for row in self.models(table)]

    def copy(self) -> Portfolio:
        return Portfolio(**{f.name: getattr(self, f.name).copy() for f in fields(self)})

    @property
    def timeline(self) -> Timeline:
        """The horizon as a :class:`Timeline`; a default 2026-2033 when none is set."""
        if self.horizon.empty:
            return Timeline(first_year=2026, periods=8)
        row = self.horizon.iloc[0]
        return Timeline(int(row["first_year"]), int(row["periods"]), str(row["period_length"]))

    @property
    def regions(self) -> list[str]:
        """Ids of the regional funding pools."""
        return list(self.funding_pools.index[self.funding_pools["kind"] == "region"])

    def summary(self) -> dict[str, int]:
        """Row counts per table."""
        return {table: len(self.table(table)) for table in TABLE_ATTRIBUTES}
