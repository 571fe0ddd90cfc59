"""Postdesk: a desktop editor for the Markdown posts of a static site."""

__version__ = "0.1.0"
