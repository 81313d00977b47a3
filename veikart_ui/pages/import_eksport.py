"""Import/eksport: spreadsheets in and out; filled by its own issue, until then says what is coming."""

from __future__ import annotations

import streamlit as st

from veikart_ui.components import header
from veikart_ui.session import tr


def page() -> None:
    header(tr("page.import_export"), tr("io.intro"))
    st.info(tr("io.coming"))
    st.markdown(tr("io.coming_list"))


page()
