"""Veikart's Streamlit user interface: thin pages over the ``planning`` package."""
