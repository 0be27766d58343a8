"""Command-line commands that make documents (certificates, reports) and check them."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the document commands to the ``evaluator`` command line."""
    del sub  # the certificate and report commands are added here as they are built
