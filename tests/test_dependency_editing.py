"""Dependencies are added, changed and removed on the Avhengigheter page, in bokmål and English:
saved through the shared store (audited, as the signed-in user), the graph redrawn from what
is stored, and a cycle named at once and refused with nothing stored."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from planning.domain.dependency_edits import cycles_in, rows_on_cycles, with_ids_from_ends
from planning.store.audit import audit_log
from planning.store.database import load_portfolio, make_engine
from planning.store.users import DEV_USER_VARIABLE
from tests.shown import as_read
from tests.test_app_flows import chart, editor_rows
from tests.test_app_pages import database, no_errors, read_only, sample_file, start

__all__ = ["database", "read_only", "sample_file"]  # fixtures shared with test_app_pages

EDITOR = "dependency_editor"
SAVED = {"nb": "Lagret avhengighetene", "en": "Saved the dependencies"}
NOT_SAVED = {"nb": "Ikke lagret", "en": "Not saved"}


def dependencies(url: str) -> Any:
    return load_portfolio(engine=make_engine(url)).dependencies


def change(at: AppTest, *, edited: dict[int, dict[str, Any]] | None = None, added: list[dict[str, Any]] | None = None,
           deleted: list[int] | None = None) -> None:  # fmt: skip
    """Edit the dependency table as the browser sends it, and run the page."""
    at.session_state[EDITOR] = {"edited_rows": edited or {}, "added_rows": added or [], "deleted_rows": deleted or []}
    at.run()


def save(at: AppTest) -> None:
    at.button(key="save_dependencies").click().run()
    assert not at.exception


def arrows(at: AppTest) -> int:
    """How many dependencies the graph draws (one arrow each)."""
    return len(chart(at, "dependency_chart").layout.annotations)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_add_a_dependency_and_see_it_in_the_graph(database: str, language: str) -> None:
    at = start("avhengigheter", language)
    before = arrows(at)
    assert before == len(dependencies(database))
    change(at, added=[{"predecessor_id": "PLL-NAT", "successor_id": "ARKIV", "kind": "start_to_start", "lag": "2"}])
    assert not at.main.error
    save(at)
    no_errors(at)
    assert at.success[0].value.startswith(SAVED[language])
    added = dependencies(database).loc["PLL-NAT->ARKIV"]  # the id made from its ends
    assert (added["kind"], added["lag"]) == ("start_to_start", 2)
    assert arrows(at) == before + 1  # the graph is drawn from what is stored
    at.selectbox(key="deps_focus").set_value("ARKIV").run()
    assert any("PLL-NAT –" in m.value for m in at.markdown)  # ARKIV now waits for PLL-NAT
    entry = audit_log(make_engine(database), table="dependency", row_id="PLL-NAT->ARKIV")
    assert list(entry["action"]) == ["insert"] and list(entry["actor"]) == ["dev-admin"]  # the signed-in user


@pytest.mark.parametrize("language", ["nb", "en"])
def test_change_the_kind_and_lag_of_a_dependency(database: str, language: str) -> None:
    at = start("avhengigheter", language)
    at.selectbox(key="deps_focus").set_value("PLL-HV").run()  # the table shows the dependencies of PLL-HV
    assert set(editor_rows(at, EDITOR)) == {"PLL-NAT->PLL-HV", "SFM-DIPS->PLL-HV"}
    row = editor_rows(at, EDITOR).index("PLL-NAT->PLL-HV")
    change(at, edited={row: {"kind": "finish_to_start", "lag": "3"}})
    save(at)
    no_errors(at)
    changed = dependencies(database).loc["PLL-NAT->PLL-HV"]
    assert (changed["kind"], changed["lag"]) == ("finish_to_start", 3)
    assert len(dependencies(database)) == 84  # the others untouched
    entry = audit_log(make_engine(database), table="dependency", row_id="PLL-NAT->PLL-HV")
    assert list(entry["action"]) == ["update"]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_remove_a_dependency(database: str, language: str) -> None:
    at = start("avhengigheter", language)
    before = arrows(at)
    row = editor_rows(at, EDITOR).index("SFM-DIPS->PLL-HV")
    change(at, deleted=[row])
    save(at)
    no_errors(at)
    assert at.success[0].value.startswith(SAVED[language])
    assert "SFM-DIPS->PLL-HV" not in dependencies(database).index
    assert arrows(at) == before - 1


def test_moving_an_end_gives_the_dependency_the_id_of_its_new_ends(database: str) -> None:
    at = start("avhengigheter")
    row = editor_rows(at, EDITOR).index("SFM-DIPS->PLL-HV")
    change(at, edited={row: {"predecessor_id": "KJ"}})
    save(at)
    no_errors(at)
    stored = dependencies(database)
    assert "KJ->PLL-HV" in stored.index and "SFM-DIPS->PLL-HV" not in stored.index


@pytest.mark.parametrize(
    ("language", "named"),
    [
        ("nb", "Avhengighetene danner en sykel, og kan ikke lagres slik: PLL-HV -> PLL-NAT -> PLL-HV."),
        ("en", "The dependencies form a cycle and cannot be saved like this: PLL-HV -> PLL-NAT -> PLL-HV."),
    ],
)
def test_a_cycle_is_named_at_once_and_refused_with_nothing_stored(database: str, language: str, named: str) -> None:
    before = dependencies(database)
    at = start("avhengigheter", language)
    change(at, added=[{"predecessor_id": "PLL-HV", "successor_id": "PLL-NAT", "kind": "finish_to_start", "lag": "0"}],
           edited={editor_rows(at, EDITOR).index("SFM-DIPS->PLL-HV"): {"lag": "1"}})  # fmt: skip
    assert named in as_read(at.main.error[0].value)  # named before anything is saved
    save(at)
    assert dependencies(database).equals(before)  # nothing stored, not the other change either
    assert any(as_read(e.value).startswith(NOT_SAVED[language]) for e in at.main.error)
    assert any(named in as_read(e.value) for e in at.main.error)  # still named, the edits kept
    problems = at.data_editor(key=EDITOR).value.set_index("id")["problems"]
    cycle = "avhengighetssykel PLL-HV -> PLL-NAT -> PLL-HV" if language == "nb" else "cycle PLL-HV -> PLL-NAT -> PLL-HV"
    assert cycle in problems["PLL-HV->PLL-NAT"] and cycle in problems["PLL-NAT->PLL-HV"]  # each row on it
    assert audit_log(make_engine(database), table="dependency").empty


def test_every_row_of_a_refused_cycle_is_marked_and_shown_whatever_the_filter(database: str) -> None:
    at = start("avhengigheter")
    at.selectbox(key="deps_focus").set_value("PLL-HV").run()
    row = editor_rows(at, EDITOR).index("PLL-NAT->PLL-HV")
    change(at, edited={row: {"successor_id": "SFM-DIPS"}})  # SFM-DIPS already comes before PLL-NAT
    assert "PLL-NAT -> SFM-DIPS -> PLL-NAT" in as_read(at.main.error[0].value)
    save(at)
    assert "PLL-NAT->PLL-HV" in dependencies(database).index  # nothing stored
    problems = at.data_editor(key=EDITOR).value.set_index("id")["problems"]
    cycle = "avhengighetssykel PLL-NAT -> SFM-DIPS -> PLL-NAT"
    assert cycle in problems["PLL-NAT->SFM-DIPS"]  # the moved row, by the id of its new ends
    assert cycle in problems["SFM-DIPS->PLL-NAT"]  # shown though it does not touch PLL-HV
    assert problems["SFM-DIPS->PLL-HV"] == ""


@pytest.mark.parametrize(("language", "typed"), [("nb", "1,5"), ("en", "x")])
def test_a_lag_that_is_no_whole_number_is_refused(database: str, language: str, typed: str) -> None:
    before = dependencies(database)
    at = start("avhengigheter", language)
    change(at, edited={editor_rows(at, EDITOR).index("SFM-DIPS->PLL-HV"): {"lag": typed}})
    assert "SFM-DIPS->PLL-HV" in as_read(at.main.warning[0].value)
    save(at)
    assert dependencies(database).equals(before)


def test_someone_not_signed_in_sees_the_dependencies_but_no_editor(read_only: str) -> None:
    at = start("avhengigheter")
    no_errors(at)
    assert not at.get("arrow_data_editor") and not [b for b in at.button if b.key == "save_dependencies"]
    assert "Bare koordinatorer og administratorer kan endre avhengighetene." in [c.value for c in at.caption]
    table = next(d.value for d in at.dataframe if "Kommer først" in d.value.columns)
    assert len(table) == len(dependencies(read_only))


def test_a_region_editor_sees_no_editor_either(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DEV_USER_VARIABLE, "region_editor:HV")
    at = start("avhengigheter", "en")
    no_errors(at)
    assert not [b for b in at.button if b.key == "save_dependencies"]
    assert "Only coordinators and administrators can change the dependencies." in [c.value for c in at.caption]


def test_ids_follow_moved_ends_and_cycles_are_named() -> None:
    rows = [
        {"id": "A->B", "predecessor_id": "A", "successor_id": "B"},
        {"id": "B->C", "predecessor_id": "D", "successor_id": "C"},
        {"id": "own", "predecessor_id": "C", "successor_id": "A"},
        {"id": None, "predecessor_id": "E", "successor_id": "A"},
        {"id": "", "predecessor_id": "E", "successor_id": None},
    ]
    assert [r["id"] for r in with_ids_from_ends(rows)] == ["A->B", "D->C", "own", "E->A", ""]
    assert cycles_in(rows) == [] and rows_on_cycles(rows) == {}
    closed = [*with_ids_from_ends(rows), {"id": "B->D", "predecessor_id": "B", "successor_id": "D"}]
    assert cycles_in(closed) == ["A -> B -> D -> C -> A"]
    assert rows_on_cycles(closed) == {i: ["A -> B -> D -> C -> A"] for i in ("A->B", "D->C", "own", "B->D")}
