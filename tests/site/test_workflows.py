"""The workflows: valid for GitHub Actions (checked against the workflow schema), running the
`make` targets the README documents, and releasing an edition as the README says."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from tests.bookfiles import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def readme_make_targets() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return set(re.findall(r"^make (\w+)", readme, flags=re.MULTILINE))


def steps_running(workflow: dict, job: str) -> list[str]:
    return [step["run"] for step in workflow["jobs"][job]["steps"] if "run" in step]


def make_targets(commands: list[str]) -> set[str]:
    return {target for command in commands for target in re.findall(r"\bmake (\w+)", command)}


def load(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads `on:` as True
    return workflow


def test_readme_documents_book_and_test():
    assert {"book", "test"} <= readme_make_targets()


def test_every_make_target_in_a_workflow_is_documented():
    assert WORKFLOWS, "no workflow in .github/workflows"
    documented = readme_make_targets()
    for path in WORKFLOWS:
        workflow = load(path)
        for job in workflow["jobs"]:
            used = make_targets(steps_running(workflow, job))
            assert used <= documented, f"{path.name}:{job} runs undocumented targets {used - documented}"


def test_pull_requests_are_built_and_tested():
    workflow = load(ROOT / ".github" / "workflows" / "book.yml")
    assert "pull_request" in workflow["on"]
    assert "make test" in steps_running(workflow, "test")
    assert "pull_request" in workflow["jobs"]["test"]["if"]


def test_main_is_built_and_rebuilt_weekly_from_scratch():
    workflow = load(ROOT / ".github" / "workflows" / "book.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["on"]["schedule"], "no weekly rebuild"
    build = workflow["jobs"]["build"]
    commands = steps_running(workflow, "build")
    assert "make book" in commands and "make clean" in commands
    clean = next(step for step in build["steps"] if step.get("run") == "make clean")
    assert "schedule" in clean["if"]


def test_mutation_testing_runs_on_a_schedule_for_every_module():
    workflow = load(ROOT / ".github" / "workflows" / "mutation.yml")
    assert workflow["on"]["schedule"] and "pull_request" not in workflow["on"]
    matrix = workflow["jobs"]["mutate"]["strategy"]["matrix"]["module"]
    assert "needs.modules.outputs.list" in matrix  # the list scripts/mutate.py --list prints
    assert "scripts/mutate.py --list" in " ".join(steps_running(workflow, "modules"))
    assert any("make mutate" in command for command in steps_running(workflow, "mutate"))


@pytest.mark.parametrize("path", WORKFLOWS, ids=[path.name for path in WORKFLOWS])
def test_workflow_is_valid_for_github_actions(path):
    """check-jsonschema with SchemaStore's schema of GitHub workflows (which it ships)."""
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def uses(job: dict, action: str) -> list[dict]:
    return [step for step in job["steps"] if step.get("uses", "").startswith(action + "@")]


def test_only_a_release_deploys_the_site():
    deployers = {path.name for path in WORKFLOWS for job in load(path)["jobs"].values()
                 if uses(job, "actions/deploy-pages")}
    assert deployers == {"release.yml"}


def test_a_version_tag_builds_checks_publishes_and_deploys_that_edition():
    workflow = load(ROOT / ".github" / "workflows" / "release.yml")
    assert workflow["on"] == {"push": {"tags": ["v*"]}}
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]

    package = " ".join(steps_running(workflow, "package"))
    assert "__version__" in package and "GITHUB_REF_NAME" in package, "tag not checked against the version"
    assert re.search(r"python -m build --sdist --wheel --outdir dist code\b", package)
    assert "twine check --strict dist/*" in package
    assert uses(jobs["package"], "actions/upload-artifact")[0]["with"]["name"] == "dist"

    site = steps_running(workflow, "site")
    assert any(step.endswith("make pdf") for step in site)  # make pdf builds the site first
    assert uses(jobs["site"], "actions/upload-pages-artifact")[0]["with"]["path"] == "_build/html"
    # The PDF edition is built with the site, served beside it and attached to the release.
    assert uses(jobs["site"], "actions/upload-artifact")[0]["with"]["path"] == "_build/pdf/calculus-for-ml.pdf"
    attach = " ".join(steps_running(workflow, "attach-pdf"))
    assert "gh release upload" in attach and jobs["attach-pdf"]["permissions"] == {"contents": "write"}

    publish = jobs["publish"]
    assert set(publish["needs"]) == {"package", "site"}
    assert publish["permissions"] == {"id-token": "write"}  # trusted publishing, no token
    assert publish["environment"] == "pypi"
    (step,) = uses(publish, "pypa/gh-action-pypi-publish")
    assert not {"password", "user"} & set(step.get("with", {})), "trusted publishing needs no secret"
    assert uses(publish, "actions/download-artifact")[0]["with"]["name"] == "dist"

    deploy = jobs["deploy"]
    assert deploy["needs"] == "publish", "the site must not announce a release that PyPI lacks"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert uses(deploy, "actions/deploy-pages")
