"""Knowledge checks ({quiz} blocks, book/_ext/quiz.py and book/_static/quiz.js).

Fast: every chapter has at least two, each well formed; the notebook edition shows the question
with lettered choices and, under a folded heading, the answer and why each choice is right or
wrong, with no MyST left over. Slow (the built site in Chromium, as in test_browser.py): each
chapter page shows its checks; choosing the right answer says so, a wrong one shows its own
explanation, in the live region; the keyboard alone can answer; axe-core finds no serious or
critical violation on a page with answered checks.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from scripts.notebook_edition import quiz as quiz_block
from scripts.notebook_edition.myst import MystError, parse, split_front_matter
from tests.bookfiles import ROOT, chapter_files
from tests.site.test_browser import AXE, PageVisit, browser, site  # noqa: F401 (fixtures)
from tests.site.test_notebooks import convert, myst_leftovers, notebook

CHAPTERS = chapter_files()
# The book's chapters (not the front page): each has knowledge checks.
CHAPTER_PAGES = [chapter for chapter in CHAPTERS if re.match(r"book/0\d-", chapter)]


def quizzes(chapter: str) -> list[quiz_block.Quiz]:
    path = ROOT / f"{chapter}.md"
    _, lines, first = split_front_matter(path.read_text(encoding="utf-8"))

    def walk(blocks):
        for block in blocks:
            if getattr(block, "name", None) == "quiz":
                yield quiz_block.parse_quiz("\n".join(block.body))
            yield from walk(getattr(block, "children", []))

    return list(walk(parse(lines, first, path)))


def test_there_are_thirteen_chapters():
    assert len(CHAPTER_PAGES) == 13, CHAPTER_PAGES


@pytest.mark.parametrize("chapter", CHAPTER_PAGES)
def test_every_chapter_has_at_least_two_well_formed_checks(chapter):
    found = quizzes(chapter)
    assert len(found) >= 2, f"{chapter}: {len(found)} knowledge checks"
    for quiz in found:
        assert len(quiz.choices) >= 3, quiz.question
        explanations = [choice.explain for choice in quiz.choices]
        assert len(set(explanations)) == len(explanations), f"an explanation is repeated: {quiz.question}"


@pytest.mark.parametrize("body, message", [
    ("question: Q\nchoices:\n  - text: a\n    explain: x\n  - text: b\n    explain: y\n",
     "exactly one choice must have 'correct: true'"),
    ("question: Q\nchoices:\n  - text: a\n    correct: true\n    explain: x\n  - text: b\n",
     "choice 2 must have 'text' and 'explain'"),
    ("question: Q\nchoices:\n  - text: a\n    correct: true\n    explain: x\n",
     "'choices' must be a list of 2 to"),
    ("question: Q\nchoices:\n  - text: a\n    correct: yes please\n    explain: x\n  - text: b\n    explain: y\n",
     "'correct' must be true or false"),
    ("Which is it?", "exactly the keys 'question' and 'choices'"),
])
def test_a_malformed_quiz_is_refused_with_the_reason(body, message):
    with pytest.raises(quiz_block.QuizError, match=re.escape(message)):
        quiz_block.parse_quiz(body)


CHAPTER_WITH_QUIZZES = """\
# A chapter

## Exercises

```{exercise} First
:label: ex-one

Do it.
```

```{solution} ex-one
:class: dropdown

The answer.
```

```{quiz}
question: What is {math}`2 + 2`?
choices:
  - text: $4$
    correct: true
    explain: Two and two make *four*.
  - text: $5$
    explain: One too many.
```

```{quiz}
question: Which is `True`?
choices:
  - text: "`1 == 2`"
    explain: One is not two.
  - text: "`1 == 1`"
    correct: true
    explain: A number equals itself.
```

## Key takeaways

Addition.
"""


def test_the_notebook_shows_question_choices_and_a_folded_answer(tmp_path):
    nb = convert(tmp_path, CHAPTER_WITH_QUIZZES)
    sources = [cell.source for cell in nb.cells]
    first = sources.index("### Check your understanding\nWhat is $2 + 2$?\n\n- **A.** $4$\n- **B.** $5$")
    assert sources[first + 1] == "#### Answer"
    assert nb.cells[first + 1].metadata["jp-MarkdownHeadingCollapsed"] is True
    assert nb.cells[first + 1].id in nb.metadata["colab"]["collapsed_sections"]
    assert sources[first + 2] == ("The answer is **A**.\n\n- **A** (right): Two and two make *four*.\n"
                                  "- **B** (wrong): One too many.")
    # The second check's heading ends the first one's fold; its answer is B.
    assert sources[first + 3].startswith("### Check your understanding\nWhich is `True`?")
    assert sources[first + 5].startswith("The answer is **B**.")
    assert sources[first + 6].startswith("## Key takeaways")
    assert all(myst_leftovers(text) == [] for cell, text in zip(nb.cells, sources)
               if cell.cell_type == "markdown")


def test_text_after_a_check_needs_a_heading(tmp_path):
    text = CHAPTER_WITH_QUIZZES.replace("## Key takeaways\n\n", "")
    with pytest.raises(MystError, match="text follows a solution without a heading"):
        convert(tmp_path, text)


def test_a_malformed_quiz_fails_the_notebook_naming_file_and_line(tmp_path):
    text = "# A chapter\n\n```{quiz}\nquestion: Q\nchoices: []\n```\n\n## Next\n"
    with pytest.raises(MystError, match=r"book/chapter.md:3: \{quiz\}: 'choices' must be"):
        convert(tmp_path, text)


@pytest.mark.parametrize("chapter", CHAPTER_PAGES)
def test_committed_notebook_has_each_check_with_its_answer(chapter):
    cells = notebook(chapter).cells
    expected = quizzes(chapter)
    shown = [i for i, cell in enumerate(cells) if cell.source.startswith(f"### {quiz_block.TITLE}\n")
             or cell.source.startswith(f"#### {quiz_block.TITLE}\n")]
    assert len(shown) == len(expected)
    for index, quiz in zip(shown, expected):
        assert cells[index + 1].source.endswith(" Answer")
        assert cells[index + 1].metadata.get("jp-MarkdownHeadingCollapsed") is True
        assert cells[index + 2].source.startswith(f"The answer is **{quiz_block.LETTERS[quiz.answer]}**.")
        assert cells[index + 2].source.count("(wrong):") == len(quiz.choices) - 1


# ---- the built site, in Chromium -------------------------------------------------------------------
SLOW = pytest.mark.slow

STATE = """quiz => ({
  choices: quiz.querySelectorAll('fieldset input[type=radio]').length,
  legend: quiz.querySelector('fieldset > legend') !== null,
  live: quiz.querySelector('.quiz-feedback').getAttribute('aria-live'),
  feedback: quiz.querySelector('.quiz-feedback').innerText.trim(),
})"""


def explanation(quiz, index: int) -> str:
    """The text of a choice's explanation, as the page holds it (hidden) before it is shown."""
    return quiz.locator(".quiz-explanations > .quiz-explanation").nth(index).text_content().strip()


@SLOW
@pytest.mark.parametrize("chapter", CHAPTER_PAGES)
def test_choosing_an_answer_shows_the_verdict_and_its_explanation(site, browser, chapter):
    visit = PageVisit(browser, urljoin(site, f"{chapter}.html"))
    try:
        page = visit.page
        checks = page.locator("div.quiz")
        assert checks.count() == len(quizzes(chapter)) >= 2
        quiz = quizzes(chapter)[0]
        first = checks.nth(0)
        state = first.evaluate(STATE)
        assert state == {"choices": len(quiz.choices), "legend": True, "live": "polite", "feedback": ""}
        wrong = next(i for i, choice in enumerate(quiz.choices) if not choice.correct)
        first.locator("label").nth(wrong).click()
        feedback = first.locator(".quiz-feedback")
        assert feedback.inner_text().startswith("Not quite.")
        assert explanation(first, wrong) in feedback.text_content()
        first.locator("label").nth(quiz.answer).click()
        assert feedback.inner_text().startswith("Correct.")
        assert explanation(first, quiz.answer) in feedback.text_content()
        assert explanation(first, wrong) not in feedback.text_content()
        assert not visit.problems, visit.problems
    finally:
        visit.close()


@SLOW
def test_the_keyboard_alone_answers_a_check(site, browser):
    chapter = "book/02-derivatives/01-derivative-first-principles"
    quiz = quizzes(chapter)[0]
    visit = PageVisit(browser, urljoin(site, f"{chapter}.html"))
    try:
        page = visit.page
        first = page.locator("div.quiz").nth(0)
        # Reach the check by tabbing from the element just before it, as a keyboard user would.
        page.evaluate("""() => { const quiz = document.querySelector('div.quiz');
            const before = document.createElement('a'); before.href = '#'; before.id = 'before-quiz';
            before.textContent = 'x'; quiz.before(before); }""")
        page.locator("#before-quiz").focus()
        # MathJax makes each formula of the question focusable (its menu): tab past them.
        for _ in range(20):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.type === 'radio'"):
                break
        assert page.evaluate("() => document.activeElement.id") == f"{first.get_attribute('id')}-choice-0"
        assert first.locator(".quiz-feedback").inner_text() == ""
        page.keyboard.press("Space")  # selects the first choice
        first_verdict = "Correct." if quiz.choices[0].correct else "Not quite."
        assert first.locator(".quiz-feedback").inner_text().startswith(first_verdict)
        for _ in range(quiz.answer):  # arrow keys move through the group, selecting as they go
            page.keyboard.press("ArrowDown")
        assert page.evaluate("() => document.activeElement.id") == f"{first.get_attribute('id')}-choice-{quiz.answer}"
        assert first.locator(".quiz-feedback").inner_text().startswith("Correct.")
    finally:
        visit.close()


@SLOW
@pytest.mark.parametrize("chapter", CHAPTER_PAGES)
def test_a_page_with_answered_checks_has_no_serious_accessibility_violation(site, browser, chapter):
    visit = PageVisit(browser, urljoin(site, f"{chapter}.html"))
    try:
        page = visit.page
        for index, quiz in enumerate(quizzes(chapter)):  # one right, the others wrong: both shown
            choice = quiz.answer if index == 0 else next(i for i, c in enumerate(quiz.choices) if not c.correct)
            page.locator("div.quiz").nth(index).locator("label").nth(choice).click()
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [f"{v['id']} ({v['impact']}): {v['help']} -> "
                   + "; ".join(str(node["target"]) for node in v["nodes"][:3])
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, f"{chapter}:\n" + "\n".join(serious)
    finally:
        visit.close()
