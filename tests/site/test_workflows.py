"""The publishing workflow runs the same `make` targets the README documents."""

from __future__ import annotations

import re

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


def test_main_is_built_and_deployed_to_pages_and_rebuilt_weekly_from_scratch():
    workflow = load(ROOT / ".github" / "workflows" / "book.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["on"]["schedule"], "no weekly rebuild"
    build = workflow["jobs"]["build"]
    commands = steps_running(workflow, "build")
    assert "make book" in commands and "make clean" in commands
    clean = next(step for step in build["steps"] if step.get("run") == "make clean")
    assert "schedule" in clean["if"]
    upload = next(step for step in build["steps"] if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "_build/html"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "refs/heads/main" in deploy["if"]
    assert any("deploy-pages" in step.get("uses", "") for step in deploy["steps"])
    assert deploy["permissions"]["pages"] == "write"
