"""When each note last changed: from git history (reproducible), else the file's time."""

from __future__ import annotations

import os
import subprocess


def last_changed(root: str, paths: list[str]) -> dict[str, float]:
    """{vault path: UNIX time of its last commit}, from one `git log` for the whole vault;
    files git does not know get their modification time."""
    times: dict[str, float] = {}
    try:
        top = subprocess.run(["git", "-C", root, "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, timeout=30, check=True).stdout.strip()
        log = subprocess.run(["git", "-C", root, "log", "--format=@%ct", "--name-only", "--no-renames", "--", "."],
                             capture_output=True, text=True, timeout=120, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        top, log = "", ""
    prefix = os.path.relpath(os.path.realpath(root), os.path.realpath(top)).replace(os.sep, "/") + "/" if top else ""
    prefix = "" if prefix == "./" else prefix
    wanted = set(paths)
    when = 0.0
    for line in log.splitlines():
        if line.startswith("@"):
            when = float(line[1:])
        elif line.startswith(prefix) and line[len(prefix):] in wanted:
            times.setdefault(line[len(prefix):], when)  # newest commit comes first
    for path in wanted - times.keys():
        try:
            times[path] = os.path.getmtime(os.path.join(root, path))
        except OSError:
            pass
    return times
