"""The project's benchmark: how fast the widgets are ready, next to Pyodide alone.

Run it with ``make bench`` (or ``.venv/bin/python -m bench --help``). It is not part
of the test suite: performance numbers live here, never as timed assertions in tests.
"""
