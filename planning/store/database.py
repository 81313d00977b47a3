"""The database: SQLModel over SQLite by default, PostgreSQL through ``DATABASE_URL``.

Every write is one transaction: invalid data is never stored, and a failed save leaves
the store exactly as it was.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, delete, inspect, text
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, select

from planning.domain.loading import validate_portfolio
from planning.domain.models import TABLE_MODELS
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio, errors
from planning.store.portfolio_lock import lock_portfolio

MIGRATIONS = Path(__file__).parent / "migrations"


def data_dir() -> Path:
    """Where the embedded SQLite database lives: ``$VEIKART_DATA_DIR`` or ``./var``."""
    return Path(os.environ.get("VEIKART_DATA_DIR", "var"))


def database_url() -> str:
    """``$DATABASE_URL``, or an SQLite file in :func:`data_dir`."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return normalise_url(url)
    return f"sqlite:///{data_dir() / 'veikart.db'}"


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for plain ``postgresql://`` URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default :func:`database_url`); creates the SQLite folder."""
    url = normalise_url(url or database_url())
    if url in ("sqlite://", "sqlite:///:memory:"):
        return create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        return create_engine(url, connect_args={"check_same_thread": False})
    return create_engine(url, pool_pre_ping=True)


HEAD_REVISION = "0012"
"""The newest migration's revision (a test holds it to Alembic's own head): a store already
there is left as it is without loading Alembic, about a quarter of a second of every command."""


def at_head(engine: Engine) -> bool:
    """Whether the store's schema is at :data:`HEAD_REVISION` (read without Alembic)."""
    if not inspect(engine).has_table("alembic_version"):
        return False
    with engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return list(versions) == [HEAD_REVISION]


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (nothing to do where it is there already)."""
    if at_head(engine):
        return
    from alembic import command  # loaded here, not by every command that only reads (about 0.2 s)
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def has_schema(engine: Engine) -> bool:
    return inspect(engine).has_table("initiative")


def is_empty(engine: Engine) -> bool:
    """True when no initiative and no funding pool is stored."""
    with Session(engine) as session:
        for model in (TABLE_MODELS["initiative"], TABLE_MODELS["funding_pool"]):
            if session.exec(select(model).limit(1)).first() is not None:
                return False
    return True


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose work commits together at the end, or not at all."""
    with Session(engine) as session, session.begin():
        yield session


def save_portfolio(*, engine: Engine, portfolio: Portfolio) -> None:
    """Replace the stored portfolio with ``portfolio`` in one transaction.

    Raises
    ------
    InvalidPortfolio
        When any row or cross-table rule fails; nothing is written.
    """
    problems = errors(validate_portfolio(portfolio))
    if problems:
        raise InvalidPortfolio(problems)
    with transaction(engine) as session:
        lock_portfolio(session)
        write_portfolio(session, portfolio)


def write_portfolio(session: Session, portfolio: Portfolio) -> None:
    """Replace every portfolio table's rows inside the caller's transaction."""
    for model in reversed(TABLE_MODELS.values()):
        session.execute(delete(model))
    for table in TABLE_MODELS:
        session.add_all(portfolio.models(table))
        session.flush()


def load_portfolio(*, engine: Engine) -> Portfolio:
    """The stored portfolio, rows ordered by id."""
    with Session(engine) as session:
        models = {
            table: list(session.exec(select(model).order_by(model.id)))  # type: ignore[attr-defined]
            for table, model in TABLE_MODELS.items()
        }
        return Portfolio.from_models(models)
