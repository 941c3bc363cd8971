"""followup: turn your interview notes into follow-up emails, a timeline and a calendar.

Pure Python, no file or network I/O, so the same code runs in CPython and in Pyodide.
Import the submodules you need (`followup.api.run` is the one entry point for JSON);
nothing heavy is imported here.
"""

__version__ = "0.1.0"
