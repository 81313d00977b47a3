"""Veikart's Streamlit entry: the language switch, who is signed in, the pages, and the chosen page run.

Start it with ``streamlit run app.py``; it works on ``$DATABASE_URL`` (default SQLite in
``./var``). Each page is a thin script under ``veikart_ui/pages/``, run inside
:func:`veikart_ui.guard.page_edge`: an unexpected error shows a plain message, never a traceback.
"""

from __future__ import annotations

import streamlit as st

from veikart_ui.first_run import first_admin
from veikart_ui.guard import page_edge
from veikart_ui.i18n import LANGUAGES, text
from veikart_ui.session import LANGUAGE, follow_link, language, sign_in

# (file and URL name, title text, icon) of each page, in menu order.
PAGES = [
    ("oversikt", "page.overview", ":material/dashboard:"),
    ("tiltak", "page.initiatives", ":material/list_alt:"),
    ("avhengigheter", "page.dependencies", ":material/account_tree:"),
    ("budsjett", "page.budget", ":material/account_balance:"),
    ("veikart", "page.roadmap", ":material/route:"),
    ("scenarier", "page.scenarios", ":material/compare_arrows:"),
    ("forutsigbarhet", "page.predictability", ":material/query_stats:"),
    ("behandling", "page.approval", ":material/gavel:"),
    ("gevinster", "page.benefits", ":material/trending_up:"),
    ("import_eksport", "page.import_export", ":material/swap_vert:"),
]

st.set_page_config(page_title="Veikart", page_icon=":material/route:", layout="wide")
st.sidebar.radio(
    text("app.language"), list(LANGUAGES), format_func=LANGUAGES.__getitem__, key=LANGUAGE, horizontal=True
)
chosen = language()
with page_edge("sign-in", st.sidebar):
    sign_in()
    first_admin()  # a first start makes a local administrator and prints its password in the terminal
    follow_link()  # ?scenario=NAME opens that scenario; the URL names the working one
pages = [
    st.Page(f"veikart_ui/pages/{name}.py", title=text(title, chosen), icon=icon, url_path=name, default=number == 0)
    for number, (name, title, icon) in enumerate(PAGES)
]
page = st.navigation(pages)
with page_edge(page.url_path or "oversikt"):  # no page shows a traceback: a plain message, details in the log
    page.run()
