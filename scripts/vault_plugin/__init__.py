"""The MkDocs plugin ``obsidian-vault`` (entry point in pyproject.toml): whole-site output.

``plugin.py`` the events; ``options.py`` its options; ``pages.py`` the pages and page parts it
adds; ``csp.py`` each page's Content-Security-Policy; ``mkdocs_internals.py`` the only code that
touches MkDocs' or Material's internals.
"""
