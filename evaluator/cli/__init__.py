"""The ``evaluator`` command line, one module per command group.

- :mod:`~evaluator.cli.common`: what every command module shares (the command-kind registry
  for ``import``/``export``, ``open_db``, ``path_arg``); other layers (``reports``) import only
  this module.
- :mod:`~evaluator.cli.parser`: ``build_parser``, ``run`` (errors → message and exit code),
  ``main`` (``python -m evaluator``).
- :mod:`~evaluator.cli.setup`: ``init``, ``demo``.
- :mod:`~evaluator.cli.imports`: ``import geography|scores|contest``.
- :mod:`~evaluator.cli.people`: ``import inspectors|assignments|leaders``, ``export template``.
- :mod:`~evaluator.cli.ranking`: ``rank``, ``explain``, ``agreement``, ``budget``, ``finalise``,
  ``reopen``.
- :mod:`~evaluator.cli.packages`: ``export|import package|scoresheet``, ``keys``.
- :mod:`~evaluator.cli.audit`: ``audit``, ``conflicts``, ``imports``.

The package itself imports nothing (so importing :mod:`~evaluator.cli.common` loads only that
module); ``ui.launch`` assembles the whole program: these commands, the documents of
``reports`` and the desktop app.
"""
