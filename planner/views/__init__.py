"""Views: one Streamlit-free view-model per screen, computed once, read by the pages, the CLI and the pack.

A page renders its view; the pack builds from the same views, so the two agree by construction.
"""
