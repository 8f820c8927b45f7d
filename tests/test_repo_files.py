"""The files that run a pull request: GitHub workflows, issue forms, the pull request template
and the pre-commit hook. Each is checked against its schema (check-jsonschema ships GitHub's,
so this runs offline) and for what it must do: check links with annotations, build strictly,
run every test, publish the site, and check the notes a commit changes."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PULL_REQUEST = GITHUB / "workflows" / "pull-request.yml"
PUBLISH = GITHUB / "workflows" / "publish.yml"
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"

# owner/action@vMAJOR.MINOR.PATCH: an exact release, never a moving tag or branch.
PINNED_ACTION = re.compile(r"""
    ^(?P<action>[A-Za-z0-9-]+/[A-Za-z0-9._-]+(/[A-Za-z0-9._/-]+)?)   # owner/repo[/path]
    @v(?P<version>\d+\.\d+\.\d+)$                                   # @v1.2.3
""", re.VERBOSE)
ISSUE_FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def schema_check(schema: str, *files: Path) -> subprocess.CompletedProcess:
    """check-jsonschema against one of the schemas it ships (no network)."""
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """The `on:` mapping (YAML 1.1 reads a bare `on` key as True)."""
    on = workflow.get("on", workflow.get(True))
    return {on: None} if isinstance(on, str) else {name: None for name in on} if isinstance(on, list) else on


def steps(workflow: dict) -> list[tuple[str, dict]]:
    return [(job_id, step) for job_id, job in workflow["jobs"].items() for step in job.get("steps", [])]


def runs(workflow: dict) -> list[tuple[str, str]]:
    """(job id, command) for every line of every `run:` step."""
    return [(job_id, line.strip()) for job_id, step in steps(workflow) for line in step.get("run", "").splitlines()]


# -- workflows -------------------------------------------------------------------------------


def test_there_are_the_two_workflows():
    assert [p.name for p in WORKFLOWS] == ["publish.yml", "pull-request.yml"]


def test_workflows_match_githubs_schema():
    result = schema_check("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("text", [
    "on: pull_request\njobs:\n  a:\n    steps:\n      - run: echo\n",  # no runs-on
    "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - runs: echo\n",  # unknown step key
    "on: pull_reqest\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo\n",  # no such event
    "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    timeout-minutes: soon\n    steps:\n      - run: echo\n",
])
def test_the_schema_check_rejects_a_broken_workflow(tmp_path, text):
    broken = tmp_path / "broken.yml"
    broken.write_text(text, encoding="utf-8")
    assert schema_check("vendor.github-workflows", broken).returncode == 1


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_an_exact_release(path):
    used = [step["uses"] for _, step in steps(load(path)) if "uses" in step]
    assert used, f"{path.name} uses no action"
    assert [u for u in used if not PINNED_ACTION.match(u)] == []


def test_the_pinned_pattern_refuses_moving_versions():
    assert PINNED_ACTION.match("actions/checkout@v5.0.0")
    for moving in ("actions/checkout@v5", "actions/checkout@v5.0", "actions/checkout@main", "actions/checkout"):
        assert not PINNED_ACTION.match(moving), moving


def test_pull_requests_check_links_with_annotations_build_strictly_and_run_every_test():
    workflow = load(PULL_REQUEST)
    assert "pull_request" in triggers(workflow)
    commands = [command for _, command in runs(workflow)]
    assert "python scripts/commands/check_links.py docs --format github" in commands
    assert "make build" in commands and "make test" in commands
    # make build is the strict build, and make test is the whole suite, browser tests included.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^build: .*\n\t\$\(BIN\)/mkdocs build --strict$", makefile, re.MULTILINE)
    assert re.search(r"^test: .*\bbrowser\b.*\n\t\$\(BIN\)/python -m pytest tests$", makefile, re.MULTILINE)


def test_the_test_job_has_debians_chromium_and_fails_without_it():
    job = load(PULL_REQUEST)["jobs"]["site"]
    assert job["container"].startswith("debian:")
    assert job["env"]["CI"] == "true"  # a missing browser fails the browser tests instead of skipping them
    installs = " ".join(command for job_id, command in runs(load(PULL_REQUEST)) if job_id == "site")
    assert "apt-get install" in installs and " chromium" in installs


def test_pull_requests_upload_the_built_site():
    uploads = [step["with"] for job_id, step in steps(load(PULL_REQUEST)) if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert {"name": "site", "path": "site/"}.items() <= uploads[0].items()


def test_pip_downloads_are_cached_by_requirements():
    for path in WORKFLOWS:
        for _, step in steps(load(path)):
            uses = step.get("uses", "")
            if uses.startswith("actions/setup-python@"):
                assert step["with"]["cache"] == "pip" and step["with"]["cache-dependency-path"] == "requirements.txt"
            if uses.startswith("actions/cache@"):
                assert "hashFiles('requirements.txt')" in step["with"]["key"]


def test_main_is_built_and_deployed_to_pages():
    workflow = load(PUBLISH)
    assert triggers(workflow)["push"] == {"branches": ["main"]}
    assert workflow["concurrency"]["group"] == "pages"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "make build" in [command for job_id, command in runs(workflow) if job_id == "build"]
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    assert "actions/upload-pages-artifact" in uses and "actions/configure-pages" in uses
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_ci_sets_the_repository_for_edit_links():
    for path in WORKFLOWS:
        assert "REPO_URL: ${{ github.server_url }}/${{ github.repository }}" in path.read_text(encoding="utf-8"), path.name
    assert 'repo_url: !ENV [REPO_URL, "https://github.com/' in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


# -- issue forms and the pull request template -----------------------------------------------


def test_issue_forms_match_githubs_schema():
    assert [p.name for p in ISSUE_FORMS] == ["report-an-error.yml", "request-a-note.yml"]
    result = schema_check("vendor.github-issue-forms", *ISSUE_FORMS)
    assert result.returncode == 0, result.stdout + result.stderr
    config = schema_check("vendor.github-issue-config", GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert config.returncode == 0, config.stdout + config.stderr


def test_the_schema_check_rejects_a_broken_issue_form(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("name: X\ndescription: y\nbody:\n  - type: text\n    attributes:\n      label: a\n", encoding="utf-8")
    assert schema_check("vendor.github-issue-forms", broken).returncode == 1


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=lambda p: p.name)
def test_issue_forms_ask_for_something(path):
    form = load(path)
    assert form["name"] and form["description"]
    body = form["body"]
    assert {item["type"] for item in body} <= ISSUE_FORM_TYPES
    fields = [item for item in body if item["type"] != "markdown"]
    ids = [item["id"] for item in fields]
    assert len(ids) == len(set(ids)) and all(item["attributes"]["label"] for item in fields)
    assert any(item.get("validations", {}).get("required") for item in fields)


def test_the_pull_request_template_has_a_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] .+$", text, re.MULTILINE)
    assert len(boxes) >= 4
    assert any("make check" in box for box in boxes) and any("make test" in box for box in boxes)


# -- pre-commit ------------------------------------------------------------------------------


def link_hook() -> dict:
    config = load(PRE_COMMIT)
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    [hook] = repo["hooks"]
    return hook


def test_the_hook_installs_the_checkers_dependencies_as_pinned():
    hook = link_hook()
    assert hook["language"] == "python"
    pins = set(re.findall(r"^([A-Za-z0-9_.-]+==\S+)$", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.MULTILINE))
    assert set(hook["additional_dependencies"]) <= pins


@pytest.mark.parametrize("path, checked", [
    ("docs/Calibration.md", True),
    ("docs/ml/Deep note.md", True),
    ("docs/templates/Note.md", False),  # placeholders, never published
    ("docs/image.png", False),
    ("README.md", False),
    ("CONTRIBUTING.md", False),
])
def test_the_hook_runs_on_changed_notes_only(path, checked):
    hook = link_hook()
    selected = re.search(hook["files"], path) and not re.search(hook["exclude"], path)
    assert bool(selected) == checked


def run_hook(repo: Path, changed: list[str]) -> subprocess.CompletedProcess:
    """The hook as pre-commit runs it: its entry, then the changed files, from the repository root."""
    command = shlex.split(link_hook()["entry"]) + changed
    assert command[0] == "python"
    return subprocess.run([sys.executable, *command[1:]], cwd=repo, capture_output=True, text=True, timeout=120)


@pytest.fixture
def repo(tmp_path):
    """A repository with the project's scripts and a small vault: one note with a broken link."""
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    docs = tmp_path / "docs"
    (docs / "templates").mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "templates" / "Note.md", docs / "templates" / "Note.md")
    (docs / "Hub.md").write_text("# Hub\n\nSee [[Leaf]] and [[Leaf#Details]].\n", encoding="utf-8")
    (docs / "Leaf.md").write_text("# Leaf\n\n## Details\n\nBack to [[Hub]].\n", encoding="utf-8")
    (docs / "Broken.md").write_text("# Broken\n\nSee [[Hub]] and [[Lefa]].\n", encoding="utf-8")
    return tmp_path


def test_the_hook_passes_a_changed_note_whose_links_resolve(repo):
    result = run_hook(repo, ["docs/Hub.md", "docs/Leaf.md"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Lefa" not in result.stdout  # a problem in a note the commit does not change


def test_the_hook_fails_on_a_broken_link_in_a_changed_note(repo):
    result = run_hook(repo, ["docs/Hub.md", "docs/Broken.md"])
    assert result.returncode == 1
    assert "docs/Broken.md:3:17: error broken-link: [[Lefa]]" in result.stdout
    assert "Hub.md:" not in result.stdout


# -- CONTRIBUTING.md -------------------------------------------------------------------------


def test_contributing_names_only_commands_and_files_that_exist():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    named = set(re.findall(r"`make (\w+)", text))
    assert {"serve", "new", "check", "build", "test"} <= named <= set(re.findall(r"^(\w+):", makefile, re.MULTILINE))
    assert 'make new NAME="Note name"' in text and "scripts/commands/rename_note.py OLD NEW [--dry-run]" in text
    paths = set(re.findall(r"`((?:scripts|docs|\.github)/[\w./-]+\.(?:py|md|yml|json))`", text))
    assert {"docs/templates/Note.md", ".github/workflows/pull-request.yml"} <= paths
    assert [p for p in paths if not (ROOT / p).is_file()] == []
    assert "README.md" in text and "(CONTRIBUTING.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
