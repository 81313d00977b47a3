"""Small portfolios built inline, whose optima can be worked out by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planning.domain.loading import build_portfolio
from planning.domain.portfolio import Portfolio
from planning.store.database import make_engine, save_portfolio, upgrade
from planning.store.users import add_user


def initiative(iid: str, cost: float = 10.0, duration: int = 1, **fields: Any) -> dict[str, Any]:
    """An initiative led and paid by pool A unless told otherwise."""
    row: dict[str, Any] = {
        "id": iid,
        "name": iid,
        "area": "shared_infrastructure",
        "lead_region": "A",
        "duration": duration,
        "total_cost": cost,
        "cost_sharing": "lead",
    }
    row.update(fields)
    return row


def benefit(bid: str, initiative_id: str, annual_value: float, lifetime: int = 1, **fields: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": bid,
        "initiative_id": initiative_id,
        "title": bid,
        "annual_value": annual_value,
        "lifetime": lifetime,
    }
    row.update(fields)
    return row


def tiny_portfolio(
    initiatives: list[dict[str, Any]],
    *,
    periods: int = 3,
    budget: float | dict[str, float] = 100.0,
    pools: tuple[str, ...] = ("A",),
    benefits: list[dict[str, Any]] | None = None,
    dependencies: list[dict[str, Any]] | None = None,
    **tables: list[dict[str, Any]],
) -> Portfolio:
    """A one-region portfolio with a flat yearly envelope per pool from 2026."""
    budgets = budget if isinstance(budget, dict) else dict.fromkeys(pools, budget)
    raw: dict[str, list[dict[str, Any]]] = {
        "horizon": [{"id": "default", "first_year": 2026, "periods": periods}],
        "funding_pool": [{"id": p, "name": p, "population_share": 1 / len(pools)} for p in pools],
        "ambition_level": [{"id": "Basis", "rank": 2, "factor": 1.0}],
        "envelope": [
            {"funding_pool_id": p, "year": 2026 + t, "ambition_level_id": "Basis", "amount": budgets[p]}
            for p in pools
            for t in range(periods)
        ],
        "initiative": initiatives,
        "benefit": benefits or [],
        "dependency": dependencies or [],
    }
    raw.update(tables)
    return build_portfolio(raw)


def three_initiatives(scenarios: list[dict[str, Any]], *, overrun: bool = True, **tables: Any) -> Portfolio:
    """X (cost 50; with ``overrun`` it may run from 45 to 80), Y (60) and Z (40) in one 100 MNOK
    period, with benefits of 80, 100 and 65; ``scenarios`` and any other ``tables`` as given."""
    spread = {"cost_low": 45, "cost_high": 80} if overrun else {}
    return tiny_portfolio(
        [initiative("X", cost=50, **spread), initiative("Y", cost=60), initiative("Z", cost=40)],
        periods=1,
        benefits=[benefit("bX", "X", 80), benefit("bY", "Y", 100), benefit("bZ", "Z", 65)],
        scenario=scenarios,
        **tables,
    )


def stored_url(folder: Path, portfolio: Portfolio, users: dict[str, str]) -> str:
    """The URL of a new SQLite store in ``folder`` holding ``portfolio``, the user ``admin`` and
    ``users`` (name -> role), each added by ``admin``."""
    url = f"sqlite:///{folder}/x.db"
    engine = make_engine(url)
    upgrade(engine)
    save_portfolio(engine=engine, portfolio=portfolio)
    admin = add_user(engine, username="admin", role="admin", by=None)
    for name, role in users.items():
        add_user(engine, username=name, role=role, by=admin)
    engine.dispose()
    return url
