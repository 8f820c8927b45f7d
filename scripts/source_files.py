"""The site's source files are the vault's files, as the vault model walked them.

MkDocs 1.6 walks ``docs_dir`` itself, following symbolic links (``os.walk(followlinks=True)``
in ``mkdocs.structure.files.get_files``): a link to a folder that contains it sends the walk
round until the path holds 40 links (then copying the files fails), two such links make it
practically endless, and a link to a folder or file outside the vault would publish what is
there. The vault model has already walked the folder once, following no linked folder and
leaving out links to anything outside the vault (and reporting each), so the build takes its
list of files instead: one walk, and the site shows exactly the vault.
"""

from __future__ import annotations

import logging
import os
import posixpath

from mkdocs.structure.files import File, Files, set_exclusions

from vault import Vault

log = logging.getLogger("mkdocs.structure.files")


def walk_order(path: str) -> tuple:
    """MkDocs' order: folders depth first by name, a folder's files before its subfolders,
    ``index`` and ``README`` first among them."""
    *folders, name = path.split("/")
    return (*((1, folder) for folder in folders), (0, os.path.splitext(name)[0] not in ("index", "README"), name))


def vault_files(vault: Vault, config) -> Files:
    """What ``get_files(config)`` returns, for the files of ``vault``."""
    paths = sorted([*vault.notes, *vault.attachments], key=walk_order)
    files = [File(path, config.docs_dir, config.site_dir, config.use_directory_urls) for path in paths]
    set_exclusions(files, config)
    return Files(_without_conflicts(files))


def _without_conflicts(files: list[File]) -> list[File]:
    """As MkDocs does: of two files of a folder with one page (``README.md`` beside
    ``index.md``), the later one in walk order is kept, unless it is excluded. MkDocs warns;
    here it is information: the vault model already treats that README as unpublished
    (``vault.readmes_beside_index``), so links to it are reported, and a vault Obsidian
    reads fine still builds strictly."""
    kept: dict[tuple[str, str], File] = {}
    for file in files:
        where = (posixpath.dirname(file.src_uri), file.dest_uri)
        first = kept.setdefault(where, file)
        if first is not file and file.inclusion.is_included():
            if first.inclusion.is_included():
                log.info(f"Excluding '{first.src_uri}' from the site because it conflicts with '{file.src_uri}'.")
            kept[where] = file
    chosen = {id(file) for file in kept.values()}
    return [file for file in files if id(file) in chosen]
