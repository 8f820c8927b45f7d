"""Every MkDocs and Material internal the plugin touches, named here, and all of them used only
by scripts/vault_plugin/mkdocs_internals.py. A new MkDocs or Material changes one of them: this
test fails, and the adapter must be read against the new code before the pin moves.

The fingerprint is the sha256 of the internal's source (``inspect.getsource``): the pinned
version's code, exactly as the adapter was written against it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
import pkgutil
import re

import pytest

from conftest import ROOT

PINNED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2"}

# name -> (first 16 hex digits of the sha256 of its source, what the adapter does with it)
INTERNALS = {
    "mkdocs.commands.build.build": ("c476b64474acfaa2", "calls get_files(config) through the module global the adapter replaces; _populate_page then _build_page per page"),
    "mkdocs.commands.build._build_page": ("adcdbd14b2361126", "wrapped: the second worker builds half the pages"),
    "mkdocs.commands.build._populate_page": ("31a70ea4caef1e12", "the events and Page.render the rendering worker repeats"),
    "mkdocs.commands.build.get_context": ("4b4bf8a076edc4a6", "called for pages the worker builds (page_context events)"),
    "mkdocs.structure.files.get_files": ("8d8cc69e4d7dc5be", "replaced: the vault's own walk (vault_files)"),
    "mkdocs.structure.files.set_exclusions": ("e4181bb2ee5366e1", "called on the vault's files"),
    "mkdocs.structure.pages.Page.render": ("320529348f7a8af1", "wrapped: installs the worker's result; reads _title_from_render, sets config._current_page"),
}


@pytest.mark.parametrize("package", sorted(PINNED))
def test_the_pinned_versions_are_installed(package):
    assert importlib.metadata.version(package) == PINNED[package]


@pytest.mark.parametrize("name", sorted(INTERNALS))
def test_each_internal_is_the_code_the_adapter_was_written_against(name):
    fingerprint, use = INTERNALS[name]
    source = inspect.getsource(pkgutil.resolve_name(name))
    assert hashlib.sha256(source.encode()).hexdigest()[:16] == fingerprint, f"{name} changed; the adapter {use}"


def test_the_private_page_attributes_the_adapter_reads_exist():
    """``Page._title_from_render`` (set by ``render``, read by ``title``) and
    ``config._current_page`` (set by MkDocs around each page's events and rendering)."""
    from mkdocs.commands import build
    from mkdocs.structure.pages import Page

    assert "self._title_from_render = " in inspect.getsource(Page.render)
    assert "return self._title_from_render" in inspect.getsource(Page)
    assert "config._current_page = page" in inspect.getsource(build._populate_page)


def test_no_other_module_touches_mkdocs_or_material_internals():
    """Outside the adapter, no module replaces an attribute of MkDocs or Material, or reads
    a private one."""
    scripts = ROOT / "scripts"
    adapter = scripts / "vault_plugin" / "mkdocs_internals.py"
    patch = re.compile(r"""^\s*(?:mkdocs_build|search_plugin|Page|mkdocs\.\w+(?:\.\w+)*)\.\w+\s*=[^=]""", re.MULTILINE)
    private = re.compile(r"""\b(?:_RelativePathTreeprocessor|_build_page|_populate_page|_title_from_render|_current_page)\b"""
                         r"""|treeprocessors\[["']relpath["']\]|final-url:""")
    offenders = []
    for path in sorted(scripts.rglob("*.py")):
        if path == adapter:
            continue
        text = path.read_text(encoding="utf-8")
        if patch.search(text) or private.search(text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
