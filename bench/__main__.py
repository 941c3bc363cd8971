"""``python -m bench``: measure the built site in Chromium and print a table."""

from bench.run import main

main()
