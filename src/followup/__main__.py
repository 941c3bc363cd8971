"""`python -m followup INTERVIEW.toml`: see followup.cli."""

import sys

from .cli import main

sys.exit(main())
