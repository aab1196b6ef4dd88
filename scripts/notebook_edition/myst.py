"""A small reader for the MyST the book is written in: blocks with their line numbers.

It splits a chapter into lines of markdown text, plain code fences and directives (with their
options and body), recursively, so that the converter and the numbering see the same structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DIRECTIVE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|:{3,})\{(?P<name>[^}\s]+)\}[ \t]*(?P<arg>.*?)\s*$")
PLAIN_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
OPTION = re.compile(r"^:(?P<key>[\w-]+):(?:[ \t]+(?P<value>.*?))?\s*$")
# Directives whose body is text, not MyST: their content is never parsed for nested blocks.
LITERAL = {"code-cell", "code", "code-block", "sourcecode", "math", "eval-rst", "raw", "quiz"}


class MystError(Exception):
    """A construct the notebook edition cannot render; the message names file, line and construct."""


@dataclass
class Text:
    """Consecutive lines of markdown (which may still hold roles, labels and math labels)."""

    lines: list[str]
    line: int  # 1-based line number of the first line in the source file


@dataclass
class Fence:
    """A plain code fence (```python ...), copied as it is."""

    lines: list[str]
    line: int


@dataclass
class Directive:
    name: str
    arg: str
    options: dict
    body: list[str]  # raw body lines
    body_line: int  # line number of the first body line
    line: int  # line number of the opening fence
    children: list = field(default_factory=list)  # parsed body (not for LITERAL directives)


def split_front_matter(text: str) -> tuple[dict, list[str], int]:
    """The YAML front matter, the remaining lines and the line number of the first of them."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for end in range(1, len(lines)):
            if lines[end].strip() == "---":
                return yaml.safe_load("\n".join(lines[1:end])) or {}, lines[end + 1:], end + 2
    return {}, lines, 1


def _closing(lines: list[str], start: int, fence: str) -> int:
    """Index of the line that closes a fence opened with `fence`, searching from `start`."""
    char = fence[0]
    pattern = re.compile(rf"^ {{0,3}}{re.escape(char)}{{{len(fence)},}}\s*$")
    for index in range(start, len(lines)):
        if pattern.match(lines[index]):
            return index
    return len(lines)


def parse(lines: list[str], first_line: int, path: Path) -> list:
    """Split lines into Text, Fence and Directive blocks (directive bodies parsed recursively)."""
    blocks: list = []
    text: list[str] = []
    text_line = first_line
    index = 0

    def flush() -> None:
        nonlocal text
        if text:
            blocks.append(Text(text, text_line))
        text = []

    while index < len(lines):
        line = lines[index]
        number = first_line + index
        directive = DIRECTIVE.match(line)
        plain = None if directive else PLAIN_FENCE.match(line)
        if directive:
            flush()
            fence = directive["fence"]
            end = _closing(lines, index + 1, fence)
            if end == len(lines):
                raise MystError(f"{path}:{number}: directive {{{directive['name']}}} is never closed")
            body = lines[index + 1:end]
            options, skip = _options(body, path, number)
            block = Directive(
                name=directive["name"], arg=directive["arg"], options=options, body=body[skip:],
                body_line=number + 1 + skip, line=number,
            )
            if block.name not in LITERAL:
                block.children = parse(block.body, block.body_line, path)
            blocks.append(block)
            index = end + 1
            text_line = first_line + index
        elif plain:
            flush()
            end = _closing(lines, index + 1, plain["fence"])
            blocks.append(Fence(lines[index:end + 1], number))
            index = end + 1
            text_line = first_line + index
        else:
            if not text:
                text_line = number
            text.append(line)
            index += 1
    flush()
    return blocks


def _options(body: list[str], path: Path, line: int) -> tuple[dict, int]:
    """A directive's options (`:key: value` lines or a `---` YAML block) and how many lines they take."""
    if body and body[0].strip() == "---":
        for end in range(1, len(body)):
            if body[end].strip() == "---":
                try:
                    return yaml.safe_load("\n".join(body[1:end])) or {}, end + 1
                except yaml.YAMLError as error:
                    raise MystError(f"{path}:{line}: bad YAML options: {error}") from None
        raise MystError(f"{path}:{line}: directive options start with --- but never end")
    options = {}
    count = 0
    for raw in body:
        match = OPTION.match(raw)
        if not match:
            break
        value = match["value"] or ""
        if match["key"] == "tags":
            value = yaml.safe_load(value) if value else []
        options[match["key"]] = value
        count += 1
    return options, count


def read(path: Path) -> tuple[dict, list]:
    """Front matter and blocks of a MyST file."""
    front, lines, first = split_front_matter(path.read_text(encoding="utf-8"))
    return front, parse(lines, first, path)


def walk(blocks: list):
    """Every block, depth first, in document order."""
    for block in blocks:
        yield block
        if isinstance(block, Directive):
            yield from walk(block.children)
