"""Knowledge checks: short multiple-choice questions that answer on the page, with no kernel.

A chapter writes a question as a ``{quiz}`` directive whose body is YAML::

    ```{quiz}
    question: Which difference quotient has an error of order $h^2$?
    choices:
      - text: The forward difference
        explain: Its error is of order $h$, from the $f''$ term of the Taylor series.
      - text: The central difference
        correct: true
        explain: The $f''$ terms of the two sides cancel, leaving an error of order $h^2$.
    ```

Exactly one choice is ``correct``; every choice has an ``explain`` (why it is right or wrong).
Text is MyST (math, emphasis, code). The page shows a ``<fieldset>`` of radio buttons under the
question as its ``<legend>``, and a live region (``role="status"``) where book/_static/quiz.js
writes the verdict and the chosen choice's explanation as soon as a choice is selected, by mouse
or keyboard (arrow keys move between choices). Each choice's label starts with its letter (A., B.,
as in the notebook), which also gives a label that is only a formula an accessible name. The explanations sit in the page, hidden, so the
page needs no script from elsewhere. The notebook edition renders the same block
(scripts/notebook_edition/quiz.py), with the answers under a folded heading.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.notebook_edition.quiz import TITLE as LABEL  # noqa: E402
from scripts.notebook_edition.quiz import LETTERS, QuizError, parse_quiz  # noqa: E402


class quiz_node(nodes.General, nodes.Element):
    """The whole knowledge check (a <div class="quiz">)."""


class quiz_legend(nodes.General, nodes.TextElement):
    """The question, the fieldset's legend."""


class quiz_choice(nodes.General, nodes.TextElement):
    """One radio button and its label."""


class quiz_explanation(nodes.General, nodes.Element):
    """The (hidden) explanation of one choice, copied into the live region when chosen."""


class QuizDirective(SphinxDirective):
    has_content = True
    required_arguments = 0
    optional_arguments = 0

    def inline(self, text: str) -> list[nodes.Node]:
        parsed, messages = self.state.inline_text(text, self.lineno)
        return [*parsed, *messages]

    def run(self) -> list[nodes.Node]:
        try:
            quiz = parse_quiz("\n".join(self.content))
        except QuizError as error:
            raise self.error(f"{{quiz}}: {error}") from None
        number = self.env.new_serialno("quiz") + 1
        ident = f"quiz-{number}"
        node = quiz_node("", ids=[ident])
        node["quiz_id"] = ident
        node.append(quiz_legend("", "", *self.inline(quiz.question)))
        for index, choice in enumerate(quiz.choices):
            item = quiz_choice("", "", *self.inline(choice.text))
            item["input_id"] = f"{ident}-choice-{index}"
            item["name"] = ident
            item["correct"] = choice.correct
            item["letter"] = LETTERS[index]
            node.append(item)
        for index, choice in enumerate(quiz.choices):
            explanation = quiz_explanation("")
            explanation["choice"] = f"{ident}-choice-{index}"
            explanation["correct"] = choice.correct
            explanation.append(nodes.paragraph("", "", *self.inline(choice.explain)))
            node.append(explanation)
        self.set_source_info(node)
        return [node]


# ---- HTML ----------------------------------------------------------------------------------------
def visit_quiz_html(self, node: quiz_node) -> None:
    self.body.append(f'<div class="quiz" id="{node["quiz_id"]}" data-quiz="">'
                     f'<fieldset class="quiz-fieldset">')


def depart_quiz_html(self, node: quiz_node) -> None:
    # Closes the explanations' container (opened by the first explanation), then the live region.
    self.body.append("</div></fieldset>"
                     '<div class="quiz-feedback" role="status" aria-live="polite"></div></div>\n')


def visit_legend_html(self, node: quiz_legend) -> None:
    self.body.append(f'<legend class="quiz-question"><span class="quiz-label">{LABEL}:</span> ')


def depart_legend_html(self, node: quiz_legend) -> None:
    self.body.append("</legend>")


def visit_choice_html(self, node: quiz_choice) -> None:
    ident = html.escape(node["input_id"])
    self.body.append(
        f'<div class="quiz-choice"><input type="radio" id="{ident}" name="{html.escape(node["name"])}" '
        f'value="{ident}"><label for="{ident}"><span class="quiz-letter">{node["letter"]}.</span> ')


def depart_choice_html(self, node: quiz_choice) -> None:
    self.body.append("</label></div>")


def visit_explanation_html(self, node: quiz_explanation) -> None:
    parent = node.parent
    first = parent.index(node) == next(i for i, child in enumerate(parent.children)
                                       if isinstance(child, quiz_explanation))
    opening = '<div class="quiz-explanations" hidden="">' if first else ""
    verdict = "correct" if node["correct"] else "wrong"
    self.body.append(f'{opening}<div class="quiz-explanation" data-choice="{html.escape(node["choice"])}" '
                     f'data-verdict="{verdict}">')


def depart_explanation_html(self, node: quiz_explanation) -> None:
    self.body.append("</div>")


def skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("quiz", QuizDirective)
    app.add_node(quiz_node, html=(visit_quiz_html, depart_quiz_html),
                 latex=(skip, None), text=(skip, None), man=(skip, None), texinfo=(skip, None))
    app.add_node(quiz_legend, html=(visit_legend_html, depart_legend_html))
    app.add_node(quiz_choice, html=(visit_choice_html, depart_choice_html))
    app.add_node(quiz_explanation, html=(visit_explanation_html, depart_explanation_html))
    app.add_js_file("quiz.js", loading_method="defer")
    app.add_css_file("quiz.css")
    # env_version: pages read by an older version of this module are read again.
    return {"env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
