"""Charts as pure functions: a portfolio or tidy table in, a plotly ``Figure`` out."""
