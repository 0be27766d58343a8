"""``python -m evaluator``: the core command line (no GUI, no documents)."""

from evaluator.cli.parser import main

raise SystemExit(main())
