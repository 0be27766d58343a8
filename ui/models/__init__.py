"""models of the desktop application."""
