"""`python -m api`: the same as `python -m warehouse serve` (one CLI, one set of options)."""

import sys

from warehouse.__main__ import main

sys.exit(main(["serve", *sys.argv[1:]]))
