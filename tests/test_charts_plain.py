"""Names from the data are plain text in every chart: plotly draws a subset of HTML (issue 35, item 6)."""

from __future__ import annotations

import plotly.io as pio

from planning.charts.dependency import dependency_figure
from planning.charts.plain import label, template_label
from planning.charts.roadmap import roadmap_figure
from planning.domain.loading import build_portfolio
from planning.optimise import optimise
from tests.conftest import small_raw_portfolio

HOSTILE = '<a href="https://evil.example">x</a> <b>fet</b> & %{x}'


def test_label_writes_html_signs_as_entities() -> None:
    assert label(HOSTILE) == '&lt;a href="https://evil.example"&gt;x&lt;/a&gt; &lt;b&gt;fet&lt;/b&gt; &amp; %{x}'
    assert template_label("%{x} 5 %") == "&#37;{x} 5 &#37;"
    assert label("Helse Sør-Øst RHF (HSO)") == "Helse Sør-Øst RHF (HSO)"
    assert label(None) == ""


def test_a_hostile_name_is_no_html_in_the_roadmap_or_the_dependency_network() -> None:
    raw = small_raw_portfolio()
    raw["initiative"][0]["name"] = HOSTILE
    portfolio = build_portfolio(raw)
    plan = optimise(portfolio, str(portfolio.scenarios.index[0]), explain=False)
    for figure in (roadmap_figure(portfolio, plan), dependency_figure(portfolio)):
        spec = pio.to_json(figure)
        assert "<a href" not in spec and "<b>fet" not in spec
        assert "\\u003ca href" not in spec and "\\u003cb\\u003efet" not in spec
        assert "&lt;b&gt;fet" in spec
