"""The site's build: what turns the guide and the core into the site readers get.

- hooks.py: the MkDocs hooks (mkdocs.yml ``hooks:``): they call the rest;
- pyodide_dist.py: the Pyodide runtime, the wheels and a lock naming them, packed into
  site/pyodide/; the start-up options the widgets hand the Python worker; build.json;
- optimise.py: what makes that smaller and quicker to start: a lock of only followup's
  packages, wheels and standard library precompiled by Pyodide's own Python, the
  standard library in two parts;
- snapshot.py: Python's memory snapshot, for return visits;
- offline.py: the service worker's list of files (site/sw.js);
- in_node.py: runs a function of ours inside the pinned Pyodide, under Node
  (node/run_in_pyodide.mjs); the functions live in in_pyodide/.
"""
