"""scripts/commands/vault_report.py on a tiny vault: one valid pair of notes and one broken link."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, write_vault


def table(output: str) -> dict[str, str]:
    """The report's rows, measure -> value (the measure without its timing)."""
    rows = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 2:
            rows[cells[0].split(" (")[0]] = cells[1]
    return rows


def test_the_report_counts_one_broken_link_and_no_disagreement(tmp_path):
    vault = write_vault(tmp_path / "tiny", {
        "Alpha.md": "# Alpha\n\nSee [[Beta]] and [[Gamma]].\n",
        "Beta.md": "# Beta\n\nBack to [[Alpha]].\n",
    })
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "commands" / "vault_report.py"), str(vault), "--site-root", str(tmp_path / "sites")],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    rows = table(result.stdout)
    assert rows["notes / links"] == "2 / 3"
    assert rows["build seconds / strict exit"].endswith("/ 1")
    assert rows["build log: checker findings by kind"] == "broken-link 1"
    assert rows["checker findings by kind"] == "broken-link (error) 1"
    assert rows["build log: native MkDocs warnings by label"] == "-"
    assert rows["audit findings by kind"] == "-"
    assert rows["checker vs site: disagreements"].startswith("0 (")
    assert "checker: broken-link" in result.stdout and "Alpha.md:3:18: [[Gamma]]" in result.stdout
    assert (tmp_path / "sites" / "tiny" / "Beta" / "index.html").is_file()
