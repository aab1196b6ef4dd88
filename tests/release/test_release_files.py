"""Released like a package: one edition number, licences, changelog, citation file, metadata,
install advice that works for the published package, and a wheel and sdist that pass
`twine check`."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser

import pytest
import yaml

from book._ext.edition import edition as edition_of_site
from tests.release import venvs
from tests.release.conftest import edition

ROOT = venvs.ROOT
PYPROJECT = tomllib.loads((ROOT / "code" / "pyproject.toml").read_text(encoding="utf-8"))
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
REPOSITORY = CONFIG["repository"]["url"].rstrip("/")


def citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_one_version_names_the_package_the_site_and_the_citation():
    version = edition()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), version
    project = PYPROJECT["project"]
    assert "version" not in project and project["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "mlcalc.__version__"}
    assert edition_of_site(ROOT) == version
    assert str(citation()["version"]) == version
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(version)}\] - \d{{4}}-\d\d-\d\d$", changelog, re.MULTILINE), (
        f"CHANGELOG.md has no section for {version}")


def test_code_is_mit_and_the_readme_says_what_covers_prose_and_figures():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "Permission is hereby granted" in licence
    assert PYPROJECT["project"]["license"] == "MIT"
    assert (ROOT / "code" / "LICENSE").read_text(encoding="utf-8") == licence  # shipped in the wheel
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "MIT" in readme
    assert set(citation()["license"]) == {"MIT", "CC-BY-4.0"}


def test_project_metadata_names_authors_and_urls():
    project = PYPROJECT["project"]
    assert project["authors"] and all(author.get("name") for author in project["authors"])
    urls = project["urls"]
    assert urls["Source"] == REPOSITORY
    assert urls["Issues"] == f"{REPOSITORY}/issues"
    assert urls["Changelog"].startswith(REPOSITORY) and urls["Changelog"].endswith("CHANGELOG.md")
    assert set(project["optional-dependencies"]) == {"torch", "tensorflow", "all"}


def test_citation_file_has_the_fields_cff_1_2_requires():
    cff = citation()
    assert cff["cff-version"] == "1.2.0"
    for field in ("message", "title", "authors"):
        assert cff.get(field), f"CITATION.cff: {field} is required"
    for author in cff["authors"]:
        assert author.get("name") or author.get("family-names"), author
    assert isinstance(cff["date-released"], datetime.date)
    assert cff["repository-code"] == REPOSITORY


@pytest.mark.slow
def test_citation_file_is_valid_against_the_cff_1_2_schema(tmp_path):
    """The official CFF 1.2.0 JSON schema, as shipped in cffconvert's wheel (cffconvert itself
    requires jsonschema<4, which the book's toolchain cannot have)."""
    import jsonschema

    venvs.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
               "--dest", tmp_path, "cffconvert==2.0.0"])
    (wheel,) = tmp_path.glob("cffconvert-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        schema = json.loads(archive.read("cffconvert/schemas/1.2.0/schema.json"))
    cff = json.loads(json.dumps(citation(), default=str))  # dates as the ISO strings CFF wants
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{'/'.join(map(str, error.path))}: {error.message}" for error in validator.iter_errors(cff)]
    assert not errors, errors


def install_advice() -> list[tuple[str, str]]:
    """Every `pip install ...mlcalc...` that mlcalc's sources tell a user, with its file."""
    found = []
    for path in sorted((ROOT / "code" / "src").rglob("*.py")):
        for match in re.finditer(r"pip install [^\n`]*mlcalc[^\n`]*", path.read_text(encoding="utf-8")):
            found.append((path.relative_to(ROOT).as_posix(), match.group(0)))
    return found


def test_install_advice_in_messages_works_for_the_published_package():
    extras = set(PYPROJECT["project"]["optional-dependencies"])
    assert install_advice(), "no install advice found: the scan is broken"
    for path, advice in install_advice():
        for requirement in re.findall(r"\S*mlcalc\[[^\]]*\]\S*", advice):
            named = re.search(r"mlcalc\[([^\]]+)\]", requirement)[1]
            assert named in extras or "{" in named, f"{path}: {advice!r}: no extra {named!r}"
            # Unquoted, zsh (macOS's shell) reads [...] as a glob and fails: "no matches found".
            assert requirement.startswith('"mlcalc[') and '"' in requirement[1:], (
                f"{path}: {advice!r}: quote it for shells: \"mlcalc[...]\"")


@pytest.mark.slow
def test_sdist_and_wheel_carry_the_release_metadata_and_pass_twine_check(tmp_path):
    version = edition()
    venvs.run([sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", tmp_path, ROOT / "code"])
    wheel = tmp_path / f"mlcalc-{version}-py3-none-any.whl"
    sdist = tmp_path / f"mlcalc-{version}.tar.gz"
    assert wheel.is_file() and sdist.is_file(), sorted(p.name for p in tmp_path.iterdir())
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = Parser().parsestr(archive.read(f"mlcalc-{version}.dist-info/METADATA").decode())
    assert f"mlcalc-{version}.dist-info/licenses/LICENSE" in names
    assert metadata["Version"] == version and metadata["License-Expression"] == "MIT"
    assert f"Source, {REPOSITORY}" in metadata.get_all("Project-URL")
    assert set(metadata.get_all("Provides-Extra")) == {"torch", "tensorflow", "all"}
    check = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", wheel, sdist],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
