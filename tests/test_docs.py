"""docs/data-model.md is generated from the declarations and never goes stale."""

from __future__ import annotations

from planning.domain.docs import DATA_MODEL_PATH, data_model_markdown, derived_id_rule
from planning.domain.models import TABLE_MODELS


def test_committed_data_model_equals_the_generated_text() -> None:
    assert DATA_MODEL_PATH.read_text(encoding="utf-8") == data_model_markdown(), (
        "docs/data-model.md is stale: run python -m planning.domain.docs and commit the file"
    )


def test_every_table_and_column_is_documented() -> None:
    text = data_model_markdown()
    for table, model in TABLE_MODELS.items():
        assert f"\n### {table}\n" in text
        for name in model.model_fields:
            assert f"| `{name}` |" in text


def test_derived_ids_are_shown_from_the_loader_rules() -> None:
    assert derived_id_rule("dependency") == "PREDECESSOR_ID->SUCCESSOR_ID"
    assert "| envelope | `FUNDING_POOL_ID/YEAR/AMBITION_LEVEL_ID` |" in data_model_markdown()
