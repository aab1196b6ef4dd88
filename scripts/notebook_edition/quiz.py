"""The ``{quiz}`` block (a knowledge check) read once, for the site (book/_ext/quiz.py) and the
notebook edition (convert.py): a question, and choices, exactly one of them correct, each with
an explanation of why it is right or wrong."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

LETTERS = "ABCDEFGH"
TITLE = "Check your understanding"


class QuizError(ValueError):
    """A {quiz} body that is not a question with choices as described in book/_ext/quiz.py."""


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool
    explain: str


@dataclass(frozen=True)
class Quiz:
    question: str
    choices: tuple[Choice, ...]

    @property
    def answer(self) -> int:
        return next(i for i, choice in enumerate(self.choices) if choice.correct)


def parse_quiz(body: str) -> Quiz:
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError as error:
        raise QuizError(f"the body is not YAML ({error})") from None
    if not isinstance(data, dict) or set(data) != {"question", "choices"}:
        raise QuizError("the body must have exactly the keys 'question' and 'choices'")
    question, raw = data["question"], data["choices"]
    if not isinstance(question, str) or not question.strip():
        raise QuizError("'question' must be non-empty text")
    if not isinstance(raw, list) or not 2 <= len(raw) <= len(LETTERS):
        raise QuizError(f"'choices' must be a list of 2 to {len(LETTERS)} choices")
    choices = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or not {"text", "explain"} <= set(item) <= {"text", "explain", "correct"}:
            raise QuizError(f"choice {number} must have 'text' and 'explain' (and may have 'correct')")
        if not all(isinstance(item[key], str) and item[key].strip() for key in ("text", "explain")):
            raise QuizError(f"choice {number}: 'text' and 'explain' must be non-empty text")
        correct = item.get("correct", False)
        if not isinstance(correct, bool):
            raise QuizError(f"choice {number}: 'correct' must be true or false")
        choices.append(Choice(item["text"].strip(), correct, item["explain"].strip()))
    if sum(choice.correct for choice in choices) != 1:
        raise QuizError("exactly one choice must have 'correct: true'")
    return Quiz(question.strip(), tuple(choices))


def question_markdown(quiz: Quiz, inline) -> str:
    """The question and its lettered choices, as notebook markdown (`inline` converts MyST text)."""
    lines = [inline(quiz.question), ""]
    lines += [f"- **{LETTERS[i]}.** {inline(choice.text)}" for i, choice in enumerate(quiz.choices)]
    return "\n".join(lines)


def answer_markdown(quiz: Quiz, inline) -> str:
    """Which choice is right, and why each choice is right or wrong."""
    right = quiz.answer
    lines = [f"The answer is **{LETTERS[right]}**.", ""]
    for i, choice in enumerate(quiz.choices):
        verdict = "right" if choice.correct else "wrong"
        lines.append(f"- **{LETTERS[i]}** ({verdict}): {inline(choice.explain)}")
    return "\n".join(lines)
