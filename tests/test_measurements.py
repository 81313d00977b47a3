"""Realised measurements: validated, stored in one transaction, with who, when and history."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from planning.domain.problems import InvalidPortfolio
from planning.realisation.measurements import (
    MeasurementHistory,
    import_measurements,
    measurement_history,
    measurement_rows,
    record_measurement,
)
from planning.store.access import ADMIN, COORDINATOR, REGION_EDITOR, PermissionDenied, User
from planning.store.audit import audit_log
from planning.store.database import load_portfolio, save_portfolio
from planning.store.shared import ConflictError, load_snapshot, save_portfolio_as
from tests.factories import benefit, initiative, tiny_portfolio
from tests.test_access import changed

TODAY = dt.date(2026, 2, 1)
AT = dt.datetime(2026, 2, 1, 9, 30, tzinfo=dt.UTC)
ADMIN_USER = User("admin", ADMIN)


@pytest.fixture
def engine(sqlite_engine: Engine) -> Engine:
    portfolio = tiny_portfolio(
        [initiative("X", status="completed")],
        benefits=[
            benefit("MONEY", "X", 30.0, unit="MNOK/år", baseline_value=0, baseline_date="2022-12-31"),
            benefit("SHARE", "X", 0.0, monetised=False, unit="%", baseline_value=40, target_value=60),
            benefit("VISITS", "X", 0.0, monetised=False, unit="visits", baseline_value=100, target_value=110),
        ],
        measurement=[{"benefit_id": "MONEY", "year": 2023, "value": 8, "entered_by": "sample"}],
    )
    save_portfolio(engine=sqlite_engine, portfolio=portfolio)
    return sqlite_engine


def stored(engine: Engine) -> dict[str, float]:
    frame = load_portfolio(engine=engine).measurements
    return {str(i): float(v) for i, v in frame["value"].items()}


def test_recording_stores_who_and_when_and_the_history(engine: Engine) -> None:
    m = record_measurement(engine, benefit_id="MONEY", year=2024, value=12.5, user=ADMIN_USER, entered_by="Kari",
                           unit="MNOK", comment="tidsstudie", today=TODAY, at=AT)  # fmt: skip
    assert (m.id, m.value, m.entered_by, m.entered_at) == ("MONEY/2024", 12.5, "Kari", AT)
    row = load_portfolio(engine=engine).measurements.loc["MONEY/2024"]
    assert (row["entered_by"], row["entered_at"], row["comment"]) == ("Kari", AT, "tidsstudie")
    history = measurement_history(engine, "MONEY")
    assert history[["measurement_id", "action", "value", "entered_by"]].values.tolist() == [
        ["MONEY/2024", "created", 12.5, "Kari"]
    ]


def test_an_update_keeps_the_previous_value_in_the_history(engine: Engine) -> None:
    record_measurement(
        engine, benefit_id="MONEY", year=2023, value=9, user=ADMIN_USER, entered_by="Ola", today=TODAY, at=AT
    )
    assert stored(engine)["MONEY/2023"] == 9.0
    last = measurement_history(engine).iloc[-1]
    assert (last["action"], last["previous_value"], last["value"], last["entered_by"]) == ("updated", 8.0, 9.0, "Ola")


def test_an_import_writes_every_row_in_one_go(engine: Engine) -> None:
    rows = [
        {"benefit_id": "MONEY", "year": "2024", "value": "14", "unit": "MNOK/år"},
        {"benefit_id": "SHARE", "year": 2025, "value": 52, "entered_by": "Per", "comment": "telling"},
    ]
    written = import_measurements(engine, rows, user=ADMIN_USER, entered_by="Kari", today=TODAY, at=AT)
    assert [(m.id, m.entered_by) for m in written] == [("MONEY/2024", "Kari"), ("SHARE/2025", "Per")]
    assert stored(engine) == {"MONEY/2023": 8.0, "MONEY/2024": 14.0, "SHARE/2025": 52.0}


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ({"benefit_id": "NOPE", "year": 2024, "value": 1}, "benefit_id", "unknown benefit 'NOPE'"),
        ({"benefit_id": "MONEY", "year": 2024, "value": 1, "unit": "NOK"}, "unit", "not the benefit's unit"),
        ({"benefit_id": "MONEY", "year": 2027, "value": 1}, "year", "2027 is in the future"),
        ({"benefit_id": "MONEY", "year": 2021, "value": 1}, "year", "before the baseline (2022)"),
        ({"benefit_id": "MONEY", "year": 2024, "value": -1}, "value", "negative"),
        ({"benefit_id": "MONEY", "year": 2024, "value": 301}, "value", "over 10 times the planned 30"),
        ({"benefit_id": "SHARE", "year": 2024, "value": 101}, "value", "outside 0-100"),
        ({"benefit_id": "VISITS", "year": 2024, "value": 250}, "value", "far outside baseline 100 to target 110"),
        ({"benefit_id": "MONEY", "year": "soon", "value": 1}, "year", "valid integer"),
        ({"benefit_id": "MONEY", "year": 2024}, "value", "required"),
    ],
)
def test_an_implausible_row_is_refused_with_row_and_field(engine: Engine, row: dict, field: str, words: str) -> None:
    good = {"benefit_id": "MONEY", "year": 2025, "value": 20}
    with pytest.raises(InvalidPortfolio) as caught:
        import_measurements(engine, [good, row], user=ADMIN_USER, entered_by="Kari", today=TODAY, at=AT)
    (problem,) = caught.value.problems
    assert (problem.table, problem.field, problem.line) == ("measurement", field, 2)
    assert words in problem.message
    assert problem.fix
    assert stored(engine) == {"MONEY/2023": 8.0}  # not even the good row
    assert measurement_history(engine).empty


def test_every_problem_is_reported_at_once(engine: Engine) -> None:
    rows = [
        {"benefit_id": "MONEY", "year": 2024, "value": 1},
        {"benefit_id": "MONEY", "year": 2024, "value": 2},
        {"benefit_id": "SHARE", "year": 2030, "value": 500},
    ]
    with pytest.raises(InvalidPortfolio) as caught:
        import_measurements(engine, rows, user=ADMIN_USER, today=TODAY, at=AT)
    found = {(p.line, p.field) for p in caught.value.problems}
    assert found == {(1, "entered_by"), (2, "entered_by"), (2, "id"), (3, "entered_by"), (3, "year"), (3, "value")}
    assert "measurement/MONEY/2024/id" in str(caught.value)


def test_the_history_is_append_only(engine: Engine) -> None:
    record_measurement(
        engine, benefit_id="MONEY", year=2024, value=12, user=ADMIN_USER, entered_by="Kari", today=TODAY, at=AT
    )
    with Session(engine) as session:
        row = session.get(MeasurementHistory, 1)
        assert row is not None
        row.value = 99.0
        session.add(row)
        with pytest.raises(PermissionError, match="history"):
            session.commit()
    assert measurement_history(engine)["value"].tolist() == [12.0]


@pytest.mark.parametrize(
    ("user", "refusal"),
    [
        (None, "sign in to update: an anonymous user (not signed in) may only read"),
        (User("kari", COORDINATOR), "only Admin change measurement rows"),
        (User("ola", REGION_EDITOR, region="B"), "(this row belongs to A)"),
    ],
)
def test_only_those_the_access_rules_allow_write_measurements(engine: Engine, user: User | None, refusal: str) -> None:
    before = stored(engine)
    rows = [{"benefit_id": "MONEY", "year": 2023, "value": 9}, {"benefit_id": "MONEY", "year": 2024, "value": 10}]
    with pytest.raises(PermissionDenied, match=re.escape(refusal)):
        import_measurements(engine, rows, user=user, entered_by="x", today=TODAY, at=AT)
    assert stored(engine) == before  # neither the update nor the new row


def test_a_region_editor_writes_the_measurements_of_initiatives_its_region_leads(engine: Engine) -> None:
    editor = User("ola", REGION_EDITOR, region="A")  # X is led by region A
    record_measurement(
        engine, benefit_id="MONEY", year=2024, value=11, user=editor, entered_by="Ola", today=TODAY, at=AT
    )
    assert stored(engine)["MONEY/2024"] == 11


def test_each_write_is_audited_under_the_signed_in_account_and_moves_the_row_version(engine: Engine) -> None:
    rows = [{"benefit_id": "MONEY", "year": 2023, "value": 9}, {"benefit_id": "MONEY", "year": 2024, "value": 10}]
    import_measurements(engine, rows, user=User("kari", ADMIN), entered_by="Kari Nordmann", today=TODAY, at=AT)
    log = audit_log(engine, table="measurement")
    assert log[["actor", "role", "action", "row_id", "version"]].values.tolist() == [
        ["kari", ADMIN, "update", "MONEY/2023", 1],
        ["kari", ADMIN, "insert", "MONEY/2024", 1],
    ]
    assert log["batch"].nunique() == 1  # one import, one batch
    update = log.iloc[0]
    assert (update["before"]["value"], update["after"]["value"], update["after"]["entered_by"]) == (
        8,
        9,
        "Kari Nordmann",
    )
    assert log.iloc[1]["before"] is None
    assert load_snapshot(engine).version("measurement", "MONEY/2024") == 1


def test_a_portfolio_editor_who_read_the_old_value_gets_a_conflict_naming_the_account(engine: Engine) -> None:
    snapshot = load_snapshot(engine)
    record_measurement(
        engine, benefit_id="MONEY", year=2023, value=9, user=User("kari", ADMIN), entered_by="Kari", today=TODAY, at=AT
    )
    edited = changed(snapshot.portfolio, "measurement", "MONEY/2023", value=7.0)
    with pytest.raises(ConflictError, match=re.escape("measurement 'MONEY/2023' was changed by kari")):
        save_portfolio_as(
            engine=engine,
            portfolio=edited,
            user=ADMIN_USER,
            expected_versions=snapshot.versions,
            base=snapshot.portfolio,
        )
    assert stored(engine)["MONEY/2023"] == 9.0  # the measurement is not overwritten


def test_a_refused_write_leaves_no_audit_entry_and_no_version(engine: Engine) -> None:
    with pytest.raises(PermissionDenied):
        record_measurement(
            engine, benefit_id="MONEY", year=2024, value=10, user=None, entered_by="x", today=TODAY, at=AT
        )
    assert audit_log(engine, table="measurement").empty
    assert load_snapshot(engine).version("measurement", "MONEY/2024") == 0


def test_a_file_from_norwegian_excel_reads_with_semicolons_decimal_commas_and_windows_text(engine: Engine) -> None:
    data = "benefit_id;year;value;comment\r\nMONEY;2024;12,5;Helse Sør-Øst\r\nSHARE;2025;55;\r\n".encode("cp1252")
    rows = measurement_rows(data, "målinger.csv")
    assert rows == [
        {"benefit_id": "MONEY", "year": "2024", "value": "12.5", "comment": "Helse Sør-Øst"},
        {"benefit_id": "SHARE", "year": "2025", "value": "55", "comment": ""},
    ]
    written = import_measurements(engine, rows, user=ADMIN_USER, entered_by="Kari", today=TODAY, at=AT)
    assert [(m.id, m.value, m.comment) for m in written] == [
        ("MONEY/2024", 12.5, "Helse Sør-Øst"),
        ("SHARE/2025", 55.0, ""),
    ]


@pytest.mark.parametrize(
    "data",
    [
        b'\xef\xbb\xbfbenefit_id,year,value\nMONEY,2024,"1 234,5"\n',  # UTF-8 with Excel's mark; a quoted decimal comma
        b"benefit_id\tyear\tvalue\nMONEY\t2024\t1234.5\n",
    ],
    ids=["comma", "tab"],
)
def test_commas_and_tabs_between_cells_read_too(data: bytes) -> None:
    assert measurement_rows(data, "m.csv") == [{"benefit_id": "MONEY", "year": "2024", "value": "1234.5"}]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (
            b"benefit_id;year;verdi\nMONEY;2024;12\n",
            "m.csv has no column value (the first row names: benefit_id, year, verdi)",
        ),
        (b"benefit_id,year,value\n", "m.csv has no rows under its first row"),
        (b"PK\x03\x04\x81\x8d\x8f\x90\x9d", "m.csv is neither UTF-8 nor Windows-1252 text"),
        (b"", "m.csv is empty"),
        (b"\xef\xbb\xbf \r\n", "m.csv is empty"),
        (b"\x00" * 4096, "m.csv is not a text file: it holds NUL bytes"),
    ],
    ids=["column", "no rows", "not text", "empty", "blank", "nul"],
)
def test_a_file_that_is_no_measurement_csv_is_refused_with_its_name_and_a_fix(data: bytes, words: str) -> None:
    with pytest.raises(InvalidPortfolio) as refused:
        measurement_rows(data, "m.csv")
    [problem] = refused.value.problems
    assert (problem.table, problem.row) == ("measurement", "m.csv")
    assert words in problem.message and problem.fix
