"""Render one MyST chapter as a notebook that reads like its web page in Jupyter and Colab.

Every MyST construct becomes plain CommonMark with math (what notebook apps render), or a cell:
admonitions become block quotes with a bold title; exercises a heading with the website's number;
each solution a heading whose section starts folded (JupyterLab reads the heading cell's
`jp-MarkdownHeadingCollapsed`, Colab the notebook's `colab.collapsed_sections`); citations
author-year text with a References section at the end; references carry the website's numbers,
and links to other pages point at the published site; each figure is followed by its caption;
`remove-cell` cells are left out and glued values are shown where the page shows them. Anything
else stops the conversion with the file, line and construct.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

import nbformat
from pybtex.database import parse_file
from pybtex.plugin import find_plugin
from pybtex.richtext import Text as RichText

from scripts.notebook_edition import answers, myst
from scripts.notebook_edition import quiz as quiz_block
from scripts.notebook_edition.myst import Directive, Fence, MystError, Text
from scripts.notebook_edition.numbering import HEADING, LABEL_LINE, MATH_LABEL, Index

ADMONITIONS = {
    "note": "Note", "tip": "Tip", "hint": "Hint", "important": "Important", "warning": "Warning",
    "caution": "Caution", "attention": "Attention", "danger": "Danger", "error": "Error",
    "seealso": "See also", "admonition": None,
}
PYTHON_ROLES = ("func", "class", "meth", "mod", "attr", "data", "obj", "exc")
API_PAGE = "book/appendix/api"  # autodoc's anchors there are the objects' dotted names
GLOSSARY_PAGE = "book/appendix/glossary"  # its {glossary} terms have the anchors "term-<term>"
ROLE = re.compile(
    r"(?P<role>\{(?P<name>[\w:.-]+)\}(?P<ticks>`+)(?P<content>.+?)(?P=ticks))"
    r"|(?P<code>(?P<codeticks>`+).+?(?P=codeticks))",
    re.S,
)
EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
GLUE_CALL = re.compile(
    r"^(?P<indent>\s*)glue\(\s*[\"'](?P<name>[^\"']+)[\"']\s*,\s*(?P<expr>[^,]+?)\s*"
    r"(?:,\s*display\s*=\s*(?P<display>True|False)\s*)?\)\s*$"
)
GLUE_IMPORT = re.compile(r"^\s*from myst_nb import glue\s*$")
AUTODOC = re.compile(r"^\.\. auto(?:module|class|function|data|attribute|method)::\s*(?P<name>[\w.]+)\s*$")
COLLAPSED = {"jp-MarkdownHeadingCollapsed": True, "heading_collapsed": True}


class Break:
    """Ends the current markdown cell."""


@dataclass
class Edition:
    """What every notebook of the edition shares."""

    root: Path
    index: Index
    base_url: str  # the published site, ending in /
    version: str
    raw_url: str = ""  # files of the repository, ending in /
    bibliography: dict = field(default_factory=dict)  # key -> (label, "Author, year", formatted entry)
    # Exercise id -> checkable answer key (mlcalc's keys.json), and doc -> (part, chapter).
    keys: dict = field(default_factory=answers.load_keys)
    positions: dict = field(default_factory=answers.chapter_positions)

    @classmethod
    def load(cls, root: Path, index: Index, base_url: str, version: str, bibfile: Path) -> "Edition":
        database = parse_file(str(bibfile))
        style = find_plugin("pybtex.style.formatting", "unsrt")()
        backend = find_plugin("pybtex.backends", "markdown")()
        formatted = {entry.key: entry.text.render(backend).replace("\n", " ")
                     for entry in style.format_entries(database.entries.values())}
        bibliography = {}
        for key, entry in database.entries.items():
            persons = entry.persons.get("author") or entry.persons.get("editor") or []
            names = [RichText.from_latex(" ".join(p.prelast_names + p.last_names)).render_as("text")
                     for p in persons]
            if len(names) >= 3:
                who = f"{names[0]} et al."
            else:
                who = " and ".join(names) or RichText.from_latex(entry.fields.get("title", key)).render_as("text")
            bibliography[key] = (who, entry.fields.get("year", "n.d."), formatted[key])
        same: dict[tuple[str, str], list[str]] = {}
        for key in sorted(bibliography):
            same.setdefault(bibliography[key][:2], []).append(key)
        for (who, year), keys in same.items():  # two works of one author and year: 1991a, 1991b
            for letter, key in zip("abcdefghijklmnopqrstuvwxyz", keys if len(keys) > 1 else []):
                bibliography[key] = (who, f"{year}{letter}", bibliography[key][2])
        return cls(root, index, base_url, version, bibliography=bibliography)

    def url(self, doc: str, anchor: str = "") -> str:
        return f"{self.base_url}{doc}.html" + (f"#{anchor}" if anchor else "")

    @cached_property
    def glossary(self) -> dict[str, str]:
        """Lower-cased term -> term, as the {glossary} directive of the glossary page writes it."""
        path = self.root / f"{GLOSSARY_PAGE}.md"
        if not path.is_file():
            return {}
        _, blocks = myst.read(path)
        blocks = [b for b in myst.walk(blocks) if isinstance(b, Directive) and b.name == "glossary"]
        return {term.lower(): term for block in blocks for term, _ in glossary_entries(block)}


def glossary_entries(block: "Directive") -> list[tuple[str, str]]:
    """(term, definition) pairs of a {glossary} directive: a term line, then its indented definition."""
    entries: list[tuple[str, list[str]]] = []
    for line in block.body:
        if not line.strip() or (not entries and line.startswith(":")):
            continue
        if line[0] in " \t":
            if not entries:
                raise MystError(f"a {{glossary}} definition without a term: {line.strip()!r}")
            entries[-1][1].append(line.strip())
        else:
            entries.append((line.strip(), []))
    return [(term, " ".join(words)) for term, words in entries]


def term_anchor(term: str) -> str:
    """The HTML id Sphinx gives a glossary term (sphinx.util.nodes.make_id with the prefix "term")."""
    anchor = re.sub(r"[^a-zA-Z0-9._]+", "-", " ".join(f"term-{term}".split()))
    return re.sub(r"^[-0-9._]+|-+$", "", anchor)


class Chapter:
    """The conversion of one chapter."""

    def __init__(self, edition: Edition, source: Path):
        self.edition = edition
        self.source = source
        self.where = source.relative_to(edition.root).as_posix()
        self.doc = self.where[: -len(source.suffix)]
        self.cited: list[str] = []
        self.level = 1  # level of the last heading seen
        self.glued: dict[str, str] = {}  # glue name -> Python expression holding the value
        self.collapsed: list[nbformat.NotebookNode] = []
        self.solution_level: int | None = None  # heading level of the open solution
        self.after_solution: int | None = None  # heading level of the solution just closed
        self.imports_mc = False  # whether a code cell so far imports mlcalc as mc (answer cells use it)

    # ---- errors -----------------------------------------------------------------------------
    def fail(self, line: int, message: str) -> MystError:
        return MystError(f"{self.where}:{line}: {message}")

    # ---- blocks -----------------------------------------------------------------------------
    def blocks(self, blocks: list) -> list:
        items: list = []
        for block in blocks:
            self.check_fold_ends(block)
            if isinstance(block, Text):
                items += self.text(block.lines, block.line)
            elif isinstance(block, Fence):
                items.append("\n".join(block.lines))
            else:
                items += self.directive(block)
        return items

    def check_fold_ends(self, block) -> None:
        """A folded solution runs to the next heading: make sure one comes before any other text."""
        if self.after_solution is None:
            return
        if isinstance(block, Text):
            for offset, line in enumerate(block.lines):
                heading = HEADING.match(line)
                if heading and len(heading["hashes"]) <= self.after_solution:
                    self.after_solution = None
                    return
                if line.strip() and not LABEL_LINE.match(line) and line.strip() != "+++":
                    raise self.fail(block.line + offset, "text follows a solution without a heading; in a notebook "
                                    "it would be folded into the solution (add a heading or move it)")
            return
        if isinstance(block, Directive) and block.name in ("exercise", "exercise-start", "quiz"):
            self.after_solution = None
            return
        raise self.fail(block.line, "a block follows a solution without a heading; in a notebook it "
                        "would be folded into the solution")

    def text(self, lines: list[str], first: int) -> list:
        items: list = []
        out: list[str] = []
        out_first = first
        for offset, line in enumerate(lines):
            number = first + offset
            if LABEL_LINE.match(line) or line.startswith("%"):
                continue
            if line.strip().startswith("+++"):
                if out:
                    items += [self.inline("\n".join(out), out_first), Break()]
                out, out_first = [], number + 1
                continue
            heading = HEADING.match(line)
            if heading:
                self.level = len(heading["hashes"])
            math = MATH_LABEL.search(line)
            if math:
                target = self.edition.index.targets.get(math["label"])
                if target is None:
                    raise self.fail(number, f"equation label {math['label']!r} is not numbered")
                before = line[: math.start()].rstrip()
                if before.strip():
                    line = f"{before} \\tag{{{target.number}}} $$"
                else:
                    if out and out[-1].strip():
                        out.append(f"\\tag{{{target.number}}}")
                    else:
                        raise self.fail(number, "an equation label follows an empty line")
                    line = "$$"
            if not out:
                out_first = number
            out.append(line)
        if out:
            items.append(self.inline("\n".join(out), out_first))
        return items

    # ---- roles --------------------------------------------------------------------------------
    def inline(self, text: str, first: int) -> str:
        def replace(match: re.Match) -> str:
            if match["code"]:
                return match["code"]
            line = first + text.count("\n", 0, match.start())
            return self.role(match["name"], match["content"], line)

        return ROLE.sub(replace, text)

    def role(self, name: str, content: str, line: int) -> str:
        content = " ".join(content.split())
        explicit = EXPLICIT.match(content)
        text, target_name = (explicit["text"], explicit["target"]) if explicit else (None, content)
        if name in ("cite", "cite:p", "cite:ps", "cite:t", "cite:ts"):
            parts = []
            for key in (k.strip() for k in content.split(",")):
                if key not in self.edition.bibliography:
                    raise self.fail(line, f"citation {key!r} is not in book/references.bib")
                if key not in self.cited:
                    self.cited.append(key)
                who, year, _ = self.edition.bibliography[key]
                parts.append(f"{who} ({year})" if name.startswith("cite:t") else f"{who}, {year}")
            return ", ".join(parts) if name.startswith("cite:t") else f"({'; '.join(parts)})"
        if name == "math":
            return f"${content}$"
        if name in ("eq", "numref", "ref"):
            target = self.edition.index.targets.get(target_name)
            if target is None:
                raise self.fail(line, f"{{{name}}} points at an unknown label {target_name!r}")
            if name == "eq":
                shown = text or f"({target.number})"
            elif name == "numref":
                word = {"figure": "Figure", "equation": "Equation", "exercise": "Exercise"}.get(target.kind)
                if word is None or target.number is None:
                    raise self.fail(line, f"{{numref}} needs a numbered target, not {target_name!r}")
                shown = text.replace("%s", str(target.number)).replace("{number}", str(target.number)) \
                    if text else f"{word} {target.number}"
            else:
                if text:
                    shown = text
                elif target.kind == "section":
                    shown = self.inline(target.title, line)
                elif target.kind == "exercise":
                    shown = f"Exercise {target.number}"
                elif target.kind == "figure":
                    shown = f"Figure {target.number}"
                else:
                    shown = f"({target.number})"
            if target.doc == self.doc:
                return shown
            return f"[{shown}]({self.edition.url(target.doc, target.anchor)})"
        if name == "doc":
            path = PurePosixPath(target_name)
            if path.is_absolute():
                doc = path.as_posix().lstrip("/")
            else:
                parts = []
                for part in (PurePosixPath(self.doc).parent / path).parts:
                    if part == "..":
                        parts.pop()
                    elif part != ".":
                        parts.append(part)
                doc = "/".join(parts)
            if not (self.edition.root / f"{doc}.md").is_file():
                raise self.fail(line, f"{{doc}} points at {target_name!r}, which is not a page")
            shown = text or self.inline(self.edition.index.titles.get(doc, doc), line)
            return f"[{shown}]({self.edition.url(doc)})"
        if name in ("sub", "sup"):
            return f"<{name}>{content}</{name}>"
        if name == "abbr":
            return text or content
        if name == "term":
            # A glossary term: its words, linked to its entry on the site's glossary page.
            term = self.edition.glossary.get(target_name.lower())
            if term is None:
                raise self.fail(line, f"{{term}} points at {target_name!r}, which is not in the glossary")
            return f"[{text or content}]({self.edition.url(GLOSSARY_PAGE, term_anchor(term))})"
        if name == "index":
            # An index entry: the words stay, the entry is the published site's (genindex).
            return text if text is not None else content
        if name.removeprefix("py:") in PYTHON_ROLES:
            # An object of the API reference: its name in code, linked to its entry there.
            full = target_name.lstrip("~.")
            shown = text or (full.rsplit(".", 1)[-1] if target_name.startswith("~") else full)
            shown += "()" if name.removeprefix("py:") in ("func", "meth") and not text else ""
            return f"[`{shown}`]({self.edition.url(API_PAGE, full)})"
        raise self.fail(line, f"the notebook edition does not know the role {{{name}}}")

    # ---- directives -----------------------------------------------------------------------------
    def directive(self, block: Directive) -> list:
        name = block.name
        if name == "code-cell":
            return self.code_cell(block)
        if name in ADMONITIONS:
            title = ADMONITIONS[name] or self.inline(block.arg, block.line)
            if not title:
                raise self.fail(block.line, "{admonition} needs a title")
            inner = self.blocks(block.children)
            return quote(title, inner)
        if name in ("exercise", "exercise-start"):
            target = self.edition.index.unlabelled.get((self.doc, block.line))
            if target is None:
                raise self.fail(block.line, "an exercise without a number (:nonumber:) is not supported")
            title = f" ({self.inline(block.arg, block.line)})" if block.arg else ""
            level = min(self.level + 1, 6)
            heading = f"{'#' * level} Exercise {target.number}{title}"
            if name == "exercise-start":  # the exercise's cells follow, up to {exercise-end}
                return [Break(), heading]
            saved = self.level
            self.level = level
            body = self.blocks(block.children)
            self.level = saved
            return [Break(), heading, *body, Break()]
        if name == "exercise-end":
            return [Break()]
        if name in ("solution-start", "solution"):
            target = self.edition.index.targets.get(block.arg.strip())
            if target is None or target.kind != "exercise":
                raise self.fail(block.line, f"solution of an unknown exercise {block.arg!r}")
            level = min(self.level + 1, 6)
            cell = nbformat.v4.new_markdown_cell(f"{'#' * level} Solution to Exercise {target.number}")
            cell.metadata.update(COLLAPSED)
            self.collapsed.append(cell)
            self.solution_level = level
            check = self.answer_cell(target, block.line)
            if name == "solution-start":  # the solution's cells follow, up to {solution-end}
                return [Break(), *check, cell]
            body = self.blocks(block.children)
            self.after_solution = level
            return [Break(), *check, cell, *body, Break()]
        if name == "solution-end":
            self.after_solution = self.solution_level
            return [Break()]
        if name in ("glue:", "glue:any"):
            return [self.glue_cell(block)]
        if name == "glue:figure":
            caption = join(self.blocks(block.children))
            return [self.glue_cell(block), self.caption(block.options.get("name"), caption)]
        if name == "figure":
            return self.figure(block)
        if name == "math":
            label = block.options.get("label")
            if label and label not in self.edition.index.targets:
                raise self.fail(block.line, f"equation label {label!r} is not numbered")
            tag = f"\\tag{{{self.edition.index.targets[label].number}}}\n" if label else ""
            return ["$$\n" + "\n".join(block.body).strip("\n") + "\n" + tag + "$$"]
        if name in ("code", "code-block", "sourcecode"):
            return [f"````{block.arg}\n" + "\n".join(block.body) + "\n````"]
        if name == "eval-rst":
            return [self.api_reference(block)]
        if name == "quiz":
            return self.quiz(block)
        if name == "index":  # entries of the site's index; a notebook has none
            return []
        if name == "glossary":  # a definition list: **term**: definition
            return ["\n".join(f"- **{term}**: {self.inline(definition, block.body_line)}"
                               for term, definition in glossary_entries(block))]
        raise self.fail(block.line, f"the notebook edition does not know the directive {{{name}}}")

    def answer_cell(self, target, line: int) -> list:
        """The cell where a learner checks their answer with mc.check, before the solution:
        only for an exercise with a checkable key in mlcalc's keys.json."""
        order = self.edition.index.exercises.get(self.doc, []).index(target) + 1
        exercise = answers.exercise_id(target.number, self.edition.positions.get(self.doc), order)
        entry = self.edition.keys.get(exercise) if exercise else None
        if entry is None:
            return []
        if not self.imports_mc:
            raise self.fail(line, f"exercise {exercise} has an answer cell, but no code cell before it "
                            "runs `import mlcalc as mc`")
        cell = nbformat.v4.new_code_cell(answers.cell_source(exercise, entry))
        cell.metadata["tags"] = ["answer-cell"]
        return [cell]

    def quiz(self, block: Directive) -> list:
        """A knowledge check: under its own heading, the question and lettered choices, then a
        folded heading "Answer" one level down with the right letter and why each choice is right
        or wrong (like a solution). Its heading ends the fold of a solution or quiz just before."""
        try:
            parsed = quiz_block.parse_quiz("\n".join(block.body))
        except quiz_block.QuizError as error:
            raise self.fail(block.line, f"{{quiz}}: {error}") from None
        def inline(text: str) -> str:
            return self.inline(text, block.line)
        level = min(self.level + 1, 5)
        title = f"{'#' * level} {quiz_block.TITLE}"
        heading = nbformat.v4.new_markdown_cell(f"{'#' * (level + 1)} Answer")
        heading.metadata.update(COLLAPSED)
        self.collapsed.append(heading)
        self.after_solution = level + 1
        return [Break(), title, quiz_block.question_markdown(parsed, inline), Break(), heading,
                quiz_block.answer_markdown(parsed, inline), Break()]

    def api_reference(self, block: Directive) -> str:
        """`automodule` and friends: the documentation is on the published page and in help()."""
        documented = [AUTODOC.match(line)["name"] for line in block.body if AUTODOC.match(line)]
        rest = [line for line in block.body if line.strip() and not AUTODOC.match(line)
                and not line.strip().startswith(":")]
        if not documented or rest:
            raise self.fail(block.line, "the notebook edition renders {eval-rst} only for autodoc directives")
        lines = []
        for name in documented:
            lines.append(f"The reference of `{name}` is generated from its docstrings: read it on the "
                         f"[published page]({self.edition.url(self.doc, name)}), or run `help({name})`.")
        return "\n\n".join(lines)

    def figure(self, block: Directive) -> list:
        """A figure from an image file: the image (from the repository, as Colab has no copy of
        it) in one cell, its caption in the next."""
        path = block.arg.strip()
        if not path or "://" in path:
            raise self.fail(block.line, "{figure} needs the path of an image in the repository")
        image = (PurePosixPath(self.where).parent / path) if not path.startswith("/") else PurePosixPath(path[1:])
        if not (self.edition.root / image).is_file():
            raise self.fail(block.line, f"{{figure}} image {path!r} is not in the repository")
        alt = block.options.get("alt", "")
        picture = nbformat.v4.new_markdown_cell(f"![{alt}]({self.edition.raw_url}{image.as_posix()})")
        caption = join(self.blocks(block.children))
        return [Break(), picture, self.caption(block.options.get("name"), caption)]

    def glue_cell(self, block: Directive) -> nbformat.NotebookNode:
        name = block.arg.strip()
        if name not in self.glued:
            raise self.fail(block.line, f"{{{block.name}}} shows {name!r}, which no code cell before it glues")
        expression = self.glued[name]
        if not expression.isidentifier():
            raise self.fail(block.line, f"the glued value {name!r} must be a variable, not {expression!r}")
        return nbformat.v4.new_code_cell(expression)

    def caption(self, name: str | None, text: str) -> nbformat.NotebookNode:
        """The markdown cell under a figure: its number, as on the website, and its caption."""
        target = self.edition.index.targets.get(name) if name else None
        label = f"Figure {target.number}." if target else "Figure."
        return nbformat.v4.new_markdown_cell(f"**{label}** {text.strip()}")

    def code_cell(self, block: Directive) -> list:
        tags = list(block.options.get("tags") or [])
        if any(re.match(r"^\s*import mlcalc as mc\s*$", line) for line in block.body):
            self.imports_mc = True
        if "remove-cell" in tags:
            return []
        lines = []
        for line in block.body:
            glue = GLUE_CALL.match(line)
            if glue:
                self.glued[glue["name"]] = glue["expr"]
                if glue["display"] != "False":
                    lines.append(f"{glue['indent']}display({glue['expr']})")
                continue
            if GLUE_IMPORT.match(line):
                continue
            if re.search(r"\bglue\(", line):
                raise self.fail(block.body_line, "a glue() call the notebook edition cannot rewrite "
                                "(write it on one line: glue(\"name\", variable, display=False))")
            lines.append(line)
        source = "\n".join(lines).strip("\n")
        items: list = []
        if source:
            cell = nbformat.v4.new_code_cell(source)
            if tags:
                cell.metadata["tags"] = tags
            if {"hide-input", "remove-input"} & set(tags):
                cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
            if {"hide-output"} & set(tags):
                cell.metadata.setdefault("jupyter", {})["outputs_hidden"] = True
            items.append(cell)
        figure = (block.options.get("mystnb") or {}).get("figure")
        if isinstance(figure, dict):
            caption = figure.get("caption", "")
            items.append(self.caption(figure.get("name"), self.inline(caption.strip(), block.line)))
        return items

    # ---- the whole notebook -------------------------------------------------------------------------
    def notebook(self, install_source: str) -> nbformat.NotebookNode:
        front, blocks = myst.read(self.source)
        items = self.blocks(blocks)
        if self.cited:
            entries = sorted(self.cited, key=lambda k: self.edition.bibliography[k][:2])
            lines = ["## References", ""]
            for key in entries:
                who, year, text = self.edition.bibliography[key]
                lines.append(f"- **{who}, {year}.** {text}")
            items += [Break(), "\n".join(lines)]
        cells = [nbformat.v4.new_code_cell(install_source)]
        cells[0].metadata["tags"] = ["colab-setup"]
        cells += to_cells(items)
        notebook = nbformat.v4.new_notebook()
        notebook.cells = cells
        for number, cell in enumerate(cells):
            cell["id"] = f"cell-{number}"  # stable ids: the same chapter gives the same file
            cell.metadata["id"] = cell["id"]  # Colab's cell id, which collapsed_sections lists
        notebook.metadata["kernelspec"] = front.get("kernelspec", {})
        notebook.metadata["language_info"] = {"name": "python"}
        notebook.metadata["colab"] = {"collapsed_sections": [cell["id"] for cell in self.collapsed]}
        notebook.metadata["mlcalc"] = {"source": self.where, "version": self.edition.version}
        return notebook


QUOTED_MATH = re.compile(r"\$\$.+?\$\$|\$[^$`]+?\$", re.S)


def one_line_math(text: str) -> str:
    """Math on one line: notebook apps take math out of the markdown before they parse it, so a
    formula that crossed a line of a block quote would keep the quote's `>` inside it."""
    return QUOTED_MATH.sub(lambda match: " ".join(match[0].split()), text)


def quote(title: str, inner: list) -> list:
    """An admonition: a block quote that opens with its bold title (cells inside split it)."""
    out: list = []
    chunk: list[str] = [f"**{title}**"]

    def flush() -> None:
        if chunk:
            text = one_line_math("\n\n".join(c.strip("\n") for c in chunk if c.strip()))
            if text:
                out.append("\n".join(f"> {line}".rstrip() for line in text.split("\n")))
        chunk.clear()

    for item in inner:
        if isinstance(item, str):
            chunk.append(item)
        elif isinstance(item, Break):
            continue
        else:
            flush()
            out.append(item)
    flush()
    return ["", *out, ""]


def join(items: list) -> str:
    return "\n".join(item for item in items if isinstance(item, str))


def to_cells(items: list) -> list:
    cells: list = []
    text: list[str] = []

    def flush() -> None:
        source = "\n".join(text).strip("\n")
        source = re.sub(r"\n{3,}", "\n\n", source) if "```" not in source else source
        if source.strip():
            cells.append(nbformat.v4.new_markdown_cell(source))
        text.clear()

    for item in items:
        if isinstance(item, str):
            text.append(item)
        elif isinstance(item, Break):
            flush()
        else:
            flush()
            cells.append(item)
    flush()
    return cells
