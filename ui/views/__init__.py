"""views of the desktop application."""
