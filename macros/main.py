"""Macros for the guide. This module only registers macros; each calls the core."""


def define_env(env):
    """Register the guide's macros with mkdocs-macros."""
