"""The gettext catalogs (planning/locale): every message in bokmål, placeholders as in the msgid, .mo up to date."""

from __future__ import annotations

import gettext
import io
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from planning.cli import main
from planning.messages.extract import extract_templates
from planning.messages.phrases import PHRASES, phrase
from planning.messages.render import LOCALE_DIR, catalog, render

LANGUAGES = ("nb", "en")
TEMPLATES = Path(__file__).resolve().parents[1] / "planning" / "messages" / "templates.py"


def po(language: str) -> Catalog:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "veikart.po").open("rb") as f:
        return read_po(f)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_a_bokmal_translation() -> None:
    translated = {m.context: m.string for m in po("nb") if m.context and m.string and not m.fuzzy}
    assert sorted(code for code in PHRASES if code not in translated) == []


def test_every_catalog_entry_has_the_placeholders_of_its_msgid() -> None:
    wrong = [
        (language, m.context, m.id)
        for language in LANGUAGES
        for m in po(language)
        if m.id and m.string and placeholders(str(m.string)) != placeholders(str(m.id))
    ]
    assert wrong == []


def test_the_catalogs_msgids_are_the_templates_of_today() -> None:
    """``scripts/catalogs.py`` was run after the last change to the templates."""
    with TEMPLATES.open("rb") as f:
        extracted = {(code, template) for _, _, (code, template), _ in extract_templates(f, [], [], {})}
    assert extracted == set(PHRASES.items())
    for language in LANGUAGES:
        entries = {(m.context, m.id) for m in po(language) if m.context}
        assert extracted - entries == set(), language


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_is_the_po_file_compiled(language: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, po(language))
    compiled.seek(0)
    fresh = gettext.GNUTranslations(compiled)
    shown = catalog(language)
    for m in po(language):
        if m.id and m.context:
            assert shown.pgettext(m.context, str(m.id)) == fresh.pgettext(m.context, str(m.id)), m.context
        elif m.id:
            assert shown.gettext(str(m.id)) == fresh.gettext(str(m.id)), m.id


def test_a_message_renders_in_either_language_with_its_numbers() -> None:
    from decimal import Decimal

    message = phrase("budget_full", pool="HSO", period="2028", amount=Decimal("1234.5"))
    assert render(message, "nb") == "rammen til HSO i 2028 er brukt opp (1\u00a0234,5 MNOK mangler)"
    assert render(message, "en") == "the budget of HSO in 2028 is full (1,234.5 MNOK short)"
    assert message == "the budget of HSO in 2028 is full (1234.5 MNOK short)"  # the domain's own English


def broken_folder(tmp_path: Path) -> Path:
    (tmp_path / "horizon.csv").write_text("first_year,periods,period_length\n2026,4,year\n2027,4,year\n")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "env", "words"),
    [
        (["--lang", "nb"], {}, "horizon/rad 1/id: feltet må fylles ut"),
        ([], {"LANG": "nb_NO.UTF-8"}, "horizon/rad 2/id: feltet må fylles ut"),
        ([], {"LANG": "no"}, "Rettes slik: fyll inn id:"),
        (["--lang", "en"], {"LANG": "nb_NO.UTF-8"}, "horizon/row 1/id: Field required"),
        ([], {"LANG": "C.UTF-8"}, "Fix: fill in id:"),
    ],
)
def test_the_command_line_speaks_bokmal_or_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], env: dict[str, str], words: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(main, [*args, "validate", str(broken_folder(tmp_path))])
    assert words in result.output


def test_validate_json_has_each_problem_rendered_and_as_code_and_values(tmp_path: Path) -> None:
    import json

    result = CliRunner().invoke(main, ["--lang", "nb", "validate", "--json", str(broken_folder(tmp_path))])
    problems = json.loads(result.output)["problems"]
    first = problems[0]
    assert (first["row"], first["message"]) == ("rad 1", "feltet må fylles ut")
    assert first["message_code"] == {"code": "pydantic_missing", "values": {}}
    assert first["fix"].startswith("fyll inn id: ")
    assert first["fix_code"]["code"] == "fix_fill_in" and first["fix_code"]["values"]["column"] == "id"


def test_every_text_of_the_app_has_a_bokmal_translation() -> None:
    from veikart_ui import i18n

    translated = {m.context for m in po("nb") if m.context and m.string and not m.fuzzy}
    assert sorted(key for key, english in i18n.TEXTS.items() if english and key not in translated) == []
    assert i18n.text("auth.signed_in", "nb", who="ola") == "Innlogget: ola"
    assert i18n.text("auth.signed_in", "en", who="ola") == "Signed in: ola"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_catalog_entry_is_fuzzy(language: str) -> None:
    """A fuzzy entry (a guess of ``pybabel update``) is left out of the compiled catalog:
    translate it, then clear the flag."""
    assert [m.id for m in po(language) if m.id and m.fuzzy] == []


def test_the_command_lines_own_words_are_in_bokmal_too() -> None:
    assert (
        CliRunner().invoke(main, ["--lang", "nb", "validate", "data/sample"]).output.endswith("gyldig (403 rader).\n")
    )
    assert CliRunner().invoke(main, ["validate", "data/sample"]).output.endswith("valid (403 rows).\n")


def test_the_charts_words_are_in_the_catalogs_with_the_charts_own_bokmal() -> None:
    """CHART_TEXTS (chart -> key -> English) is extracted with the context CHART_TEXTS.chart.key; the
    bokmål in the catalog is each chart's Norwegian default, moved unchanged."""
    from planning.charts import benefit_curve, benefits, budget, core_index, roadmap, robust, stepwise, uncertainty
    from veikart_ui import i18n

    defaults = {"roadmap": roadmap.ROADMAP_TEXT, "spend": budget.SPEND_TEXT, "benefit": benefit_curve.BENEFIT_TEXT,
                "realisation": benefits.BENEFIT_TEXT, "stepwise": stepwise.STEPWISE_TEXT,
                "envelope": budget.ENVELOPE_TEXT, "fan": uncertainty.FAN_TEXT,
                "confidence": uncertainty.CONFIDENCE_TEXT, "tornado": uncertainty.TORNADO_TEXT,
                "price": robust.PRICE_TEXT, "core_index": core_index.CORE_INDEX_TEXT}  # fmt: skip
    assert set(defaults) == set(i18n.CHART_TEXTS)
    for chart, english in i18n.CHART_TEXTS.items():
        assert i18n.chart_text(chart, "nb") == {key: defaults[chart][key] for key in english}, chart
        assert i18n.chart_text(chart, "en") == english, chart
    contexts = {m.context for m in po("nb") if m.context and m.string}
    assert "CHART_TEXTS.fan.holds" in contexts and "CHART_TEXTS.roadmap.title" in contexts
    assert i18n.chart_text("realisation", "en")["as_of"] == "Measured up to {year}"
