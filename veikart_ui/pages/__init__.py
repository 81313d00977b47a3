"""One module per page; Streamlit runs each as a script through ``st.navigation``."""
