"""MkDocs hook that packs Pyodide and the project's wheels into the site (placeholder)."""
