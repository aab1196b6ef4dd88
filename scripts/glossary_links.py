"""Link each glossary term from its first use in every chapter, mark the index entries, and check both.

    python scripts/glossary_links.py          # add the missing {term} links and {index} marks (only those words)
    python scripts/glossary_links.py --check  # exit 1 naming each chapter and term whose first use is plain

"Prose" is the text a reader reads as sentences: paragraphs, list items and the bodies of admonitions,
exercises and solutions. Headings, code, math, tables, directive options and the text of other roles
and links are not prose and are never touched. A term's words are matched whole and case-insensitively
(acronyms such as JVP exactly), with a plural "s"/"es"; a longer term wins over a shorter one it
contains ("gradient descent" over "gradient"), so each occurrence belongs to one term only.

Each entry of INDEX (a topic that is not a glossary term: a person, a library, a sub-case such as
"limit; at infinity") is marked once, with an {index} role around its words, at its first use in the
chapter that uses it most, so that the book's index (genindex) points to where the topic is treated.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "book" / "appendix" / "glossary.md"
CHAPTERS = sorted((ROOT / "book").glob("0*/*.md"))
# Directives whose body is prose; every other directive (code, math, figures, glue...) is skipped.
PROSE_DIRECTIVES = {
    "note", "tip", "important", "warning", "caution", "attention", "danger", "error", "hint", "seealso",
    "admonition", "exercise", "solution", "exercise-start", "solution-start", "exercise-end", "solution-end",
}
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|:{3,})(?:\{(?P<name>[^}]+)\})?(?P<rest>.*)$")
# Stretches of a prose line that are not words to link: roles, code, math, links, targets, HTML, URLs.
MASK = re.compile(
    r"\{[\w:.-]+\}(`+).+?\1"          # a role, with its content
    r"|(`+).+?\2"                     # inline code
    r"|\$\$.+?\$\$|\$[^$\s][^$]*?\$"  # inline math
    r"|!?\[[^\]]*\]\([^)]*\)"         # a markdown link or image
    r"|\[[^\]]*\]\[[^\]]*\]|\[\^[^\]]+\]"
    r"|<[^>]+>|https?://\S+|\{\{.+?\}\}",
    re.S,
)
# Other words for a term that the chapters use (regular expressions, matched like the term itself).
ALIASES = {
    "continuity": [r"continuous"],
    "epsilon-delta definition": [r"precise definition"],
    "infinitesimal": [r"infinitely small"],
    "gradient tape": [r"tape"],
    "symbolic differentiation": [r"symbolic(?:ally)?"],
    "automatic differentiation": [r"automatic differentiation"],
}
# Phrases in which a term's word means something else ("memory is the limit" is no limit of calculus).
NOT_TERMS = re.compile(r"memory is often the limit|one line per series", re.IGNORECASE)
# (words, index entry): "a; b" is the sub-entry b of a.
INDEX = [
    ('limit laws?', 'limit; laws'),
    ('direct substitution', 'limit; direct substitution'),
    ('removable', 'discontinuity; removable'),
    ('discontinuit(?:y|ies)', 'discontinuity'),
    ('oscillat(?:es|ing|ion)', 'limit; oscillating'),
    ('softmax', 'softmax'),
    ('cross-entropy', 'loss; cross-entropy'),
    ('logits?', 'logit'),
    ('hinge loss', 'loss; hinge'),
    ('mean absolute error', 'loss; mean absolute error'),
    ('Archimedes', 'Archimedes'),
    ('Eudoxus', 'Eudoxus'),
    ('Newton', 'Newton, Isaac'),
    ('Leibniz', 'Leibniz, Gottfried Wilhelm'),
    ('Cauchy', 'Cauchy, Augustin-Louis'),
    ('Weierstrass', 'Weierstrass, Karl'),
    ('Berkeley', 'Berkeley, George'),
    ('Euler', 'Euler, Leonhard'),
    ('Fermat', 'Fermat, Pierre de'),
    ('Zeno', 'Zeno of Elea'),
    ('Lagrange', 'Lagrange, Joseph-Louis'),
    ('Cavalieri', 'Cavalieri, Bonaventura'),
    ('Rumelhart', 'Rumelhart, David'),
    ('Linnainmaa', 'Linnainmaa, Seppo'),
    ('Brook Taylor|Taylor published', 'Taylor, Brook'),
    ('(?:catastrophic )?cancellation', 'cancellation (floating point)'),
    ('double precision', 'floating-point number; double precision'),
    ('NumPy', 'NumPy'),
    ('SymPy', 'SymPy'),
    ('PyTorch', 'PyTorch'),
    ('TensorFlow', 'TensorFlow'),
    ('JAX', 'JAX'),
    ('Keras', 'Keras'),
    ('topological order', 'topological order'),
    ('backward sweep', 'reverse mode; backward sweep'),
    ('forward sweep|forward pass', 'forward pass'),
    ('checkpointing', 'checkpointing'),
    ('per-example gradients?', 'gradient; per-example'),
    ('custom gradients?', 'gradient; custom'),
    ('gradient check(?:ing)?', 'gradient; checking'),
    ('neuron', 'neuron'),
    ('bias', 'bias'),
    ('curvature', 'curvature'),
    ('inflection', 'inflection point'),
    ('concave', 'concave function'),
    ('saddle', 'saddle point'),
    ('softplus', 'softplus'),
    ('tanh', 'tanh'),
    ('natural logarithm', 'logarithm; natural'),
    ('area of a circle', 'circle; area'),
    ('parabola', 'parabola'),
    ('geometric series', 'series; geometric'),
    ('Achilles', 'Achilles and the tortoise'),
    ('velocity', 'velocity'),
    ('acceleration', 'acceleration'),
    ('trajector(?:y|ies)', 'trajectory'),
    ('drag', 'drag (air resistance)'),
    ('gravity', 'gravity'),
    ("Euler's method", "Euler's method"),
    ('rendering|renderer', 'rendering, differentiable'),
    ('probabilistic programming', 'probabilistic programming'),
    ('operation counts?', 'operation count'),
    ('expression swell', 'expression swell'),
    ('persistent tape', 'gradient tape; persistent'),
    ('nested tapes?', 'gradient tape; nested'),
    ('leaf(?: tensors?)?', 'tensor; leaf'),
    ('Jacobian-vector products?', 'Jacobian-vector product'),
    ('vector-Jacobian products?', 'vector-Jacobian product'),
    ('Hessian-vector products?', 'Hessian-vector product'),
    ("Newton's method", "Newton's method"),
    ('diverge[sd]?', 'gradient descent; divergence'),
    ('converge[sd]?', 'convergence'),
    ('learning-rate schedule|schedule', 'learning rate; schedule'),
    ('saturat(?:es|ion|ed)', 'sigmoid; saturation'),
    ('vanishing gradients?', 'gradient; vanishing'),
    ('kink', 'kink'),
    ('free fall|falling', 'free fall'),
    ('accumulation', 'accumulation'),
    ('fundamental theorem', 'fundamental theorem of calculus'),
    ('rectangles', 'rectangles, approximating'),
    ('inscribed', 'polygon; inscribed'),
    ('circumscribed', 'polygon; circumscribed'),
    ('upper bound', 'bound; upper'),
    ('lower bound', 'bound; lower'),
    ('at infinity', 'limit; at infinity'),
    ('infinite limits?', 'limit; infinite'),
    ('does not exist', 'limit; does not exist'),
    ('left-hand|from the left', 'limit; from the left'),
    ('right-hand|from the right', 'limit; from the right'),
    ('temperature', 'softmax; temperature'),
    ('classifier', 'classifier'),
    ('exponential', 'exponential function'),
    ('polynomials?', 'polynomial'),
    ('absolute value', 'absolute value'),
    ('square root', 'square root'),
    ('GPU', 'GPU'),
    ('memory', 'memory (reverse mode)'),
    ('control flow|if statement|loops?', 'control flow'),
    ('torch\\.func|function transforms?', 'function transforms'),
    ('perturbation confusion', 'perturbation confusion'),
]
INDEX_ROLE = re.compile(r"\{index\}`[^`]*?<(?:single:\s*)?(?P<entry>[^<>`]+)>`")
TERM_ROLE = re.compile(r"\{term\}`(?P<content>[^`]+)`")


@dataclass(frozen=True)
class Term:
    name: str
    pattern: re.Pattern


def terms(glossary: Path = GLOSSARY) -> list[str]:
    """The glossary's terms, as written in the {glossary} directive of the glossary page."""
    text = glossary.read_text(encoding="utf-8")
    body = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    return [line.strip() for line in body.splitlines()[1:]
            if line.strip() and not line.startswith((" ", "\t", ":"))]


def compile_terms(names: list[str]) -> list[Term]:
    compiled = []
    for name in names:
        words = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", name))
        words = "|".join([words, *ALIASES.get(name, [])])
        plural = r"(?:s|es)?" if not name.isupper() else r"s?"
        flags = 0 if name.isupper() else re.IGNORECASE
        compiled.append(Term(name, re.compile(rf"(?<![\w-])(?:{words}){plural}(?![\w-])", flags)))
    # Longer terms first, so that they claim their words before the shorter terms inside them.
    return sorted(compiled, key=lambda t: -len(t.name))


def prose_lines(lines: list[str]) -> list[int]:
    """Indices of the lines that are prose (see the module's docstring)."""
    prose, stack, in_math, front = [], [], False, bool(lines and lines[0].strip() == "---")
    for i, line in enumerate(lines):
        stripped = line.strip()
        if front:
            front = not (i > 0 and stripped == "---")
            continue
        fence = FENCE.match(line)
        if fence:
            mark = fence["fence"]
            if stack and mark[0] == stack[-1][0][0] and len(mark) >= len(stack[-1][0]) \
                    and not fence["name"] and not fence["rest"].strip():
                stack.pop()
                continue
            if not stack or stack[-1][1]:
                name = (fence["name"] or "").strip()
                stack.append((mark, name in PROSE_DIRECTIVES, True))
                continue
            if mark[0] == stack[-1][0][0] and len(mark) < len(stack[-1][0]):
                stack.append((mark, False, True))  # nested inside a skipped block
            continue
        if stack and not stack[-1][1]:
            continue
        if stack and stack[-1][2]:  # the options right after a directive's opening line
            if re.match(r"^\s*:[\w-]+:", line):
                continue
            stack[-1] = (stack[-1][0], stack[-1][1], False)
        if in_math:
            in_math = not (stripped.startswith("$$") or stripped.endswith("$$"))
            continue
        if stripped.startswith("$$"):
            in_math = stripped == "$$" or not stripped.endswith("$$")
            continue
        if not stripped or stripped.startswith(("#", "|", "(", "%", "+++", "<", "---")):
            continue
        prose.append(i)
    return prose


def prose_blocks(text: str):
    """(offset, block) for each run of consecutive prose lines: a term may wrap from one line to the next."""
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    run: list[int] = []
    for i in prose_lines(lines) + [-2]:
        if run and i != run[-1] + 1:
            yield starts[run[0]], "\n".join(lines[run[0]: run[-1] + 1])
            run = []
        run.append(i)


def occurrences(text: str, compiled: list[Term]):
    """(term, start, end, linked) in reading order over the prose of a chapter; offsets into `text`."""
    found = []
    for offset, block in prose_blocks(text):
        taken = [(m.start(), m.end()) for mask in (MASK, NOT_TERMS) for m in mask.finditer(block)]
        for m in TERM_ROLE.finditer(block):
            content = " ".join(m["content"].split())
            target = re.match(r"^.*<(?P<t>[^<>]+)>$", content, re.S)
            found.append((target["t"] if target else content, offset + m.start(), offset + m.end(), True))
        for term in compiled:
            for m in term.pattern.finditer(block):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                found.append((term.name, offset + m.start(), offset + m.end(), False))
    names = {t.name.lower(): t.name for t in compiled}
    return sorted(((names.get(n.lower(), n), s, e, linked) for n, s, e, linked in found), key=lambda o: o[1])


def first_uses(text: str, compiled: list[Term]) -> dict[str, tuple[int, int, bool]]:
    firsts = {}
    for name, start, end, linked in occurrences(text, compiled):
        firsts.setdefault(name, (start, end, linked))
    return firsts


def link(text: str, compiled: list[Term]) -> str:
    """`text` with the first use of each term linked ({term}) and any later link of it made plain."""
    edits, seen = [], set()
    for name, start, end, linked in occurrences(text, compiled):
        word = text[start:end]
        if name not in seen:
            seen.add(name)
            if not linked:
                edits.append((start, end, f"{{term}}`{word}`" if word == name else f"{{term}}`{word} <{name}>`"))
        elif linked:
            content = TERM_ROLE.fullmatch(word)["content"]
            edits.append((start, end, re.sub(r"\s*<[^<>]+>$", "", content)))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def index_pattern(words: str) -> re.Pattern:
    flags = 0 if words.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", flags)


def plain_matches(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    """Spans of `pattern` in the prose of `text` outside roles, code, math, links and NOT_TERMS."""
    spans = []
    for offset, block in prose_blocks(text):
        taken = [(m.start(), m.end()) for mask in (MASK, NOT_TERMS) for m in mask.finditer(block)]
        spans += [(offset + m.start(), offset + m.end()) for m in pattern.finditer(block)
                  if not any(a < m.end() and m.start() < b for a, b in taken)]
    return spans


def mark_index(texts: dict[Path, str]) -> dict[Path, str]:
    """Mark each INDEX entry not yet marked anywhere at its first use in the chapter that uses it most."""
    texts = dict(texts)
    marked = {m["entry"] for text in texts.values() for m in INDEX_ROLE.finditer(text)}
    for words, entry in INDEX:
        if entry in marked:
            continue
        pattern = index_pattern(words)
        counts = {path: len(plain_matches(text, pattern)) for path, text in texts.items()}
        best = max(counts, key=lambda path: counts[path])
        if counts[best]:
            start, end = plain_matches(texts[best], pattern)[0]
            text = texts[best]
            # Sphinx reads "a, b" without a type as two entries: "single:" keeps "Newton, Isaac" one.
            target = f"single: {entry}" if "," in entry else entry
            texts[best] = text[:start] + f"{{index}}`{text[start:end]} <{target}>`" + text[end:]
    return texts


def index_entries(texts) -> set[str]:
    return {m["entry"] for text in texts for m in INDEX_ROLE.finditer(text)}


def problems(text: str, compiled: list[Term]) -> list[str]:
    """Terms whose first use in the chapter is plain, or that are linked more than once."""
    found = []
    seen = {}
    for name, start, end, linked in occurrences(text, compiled):
        if name not in seen:
            seen[name] = linked
            if not linked:
                found.append(f"{name!r}: its first use is not linked")
        elif linked:
            found.append(f"{name!r}: linked again after its first use")
    return found


def main(argv: list[str]) -> int:
    compiled = compile_terms(terms())
    texts = {chapter: chapter.read_text(encoding="utf-8") for chapter in CHAPTERS}
    if "--check" in argv:
        bad = [f"{chapter.relative_to(ROOT)}: {problem}"
               for chapter, text in texts.items() for problem in problems(text, compiled)]
        bad += [f"index entry {entry!r} is marked nowhere"
                for entry in sorted({e for _, e in INDEX} - index_entries(texts.values()))]
        print("\n".join(bad), file=sys.stderr) if bad else None
        return 1 if bad else 0
    new = mark_index({chapter: link(text, compiled) for chapter, text in texts.items()})
    for chapter, text in new.items():
        if text != texts[chapter]:
            chapter.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
