/* Knowledge checks (book/_ext/quiz.py): when a choice is selected, by mouse or keyboard, write the
   verdict and that choice's explanation into the quiz's live region, which screen readers announce. */
(function () {
  "use strict";
  function answer(quiz, input) {
    var feedback = quiz.querySelector(".quiz-feedback");
    var explanation = quiz.querySelector('.quiz-explanation[data-choice="' + input.id + '"]');
    if (!feedback || !explanation) { return; }
    var correct = explanation.getAttribute("data-verdict") === "correct";
    var verdict = document.createElement("p");
    verdict.className = "quiz-verdict";
    verdict.appendChild(document.createElement("strong")).textContent =
      correct ? "Correct." : "Not quite.";
    var body = explanation.cloneNode(true);
    body.removeAttribute("data-choice");
    feedback.replaceChildren(verdict, body);
    quiz.setAttribute("data-answered", correct ? "correct" : "wrong");
  }
  function setUp() {
    document.querySelectorAll("[data-quiz]").forEach(function (quiz) {
      quiz.addEventListener("change", function (event) {
        if (event.target.matches('input[type="radio"]')) { answer(quiz, event.target); }
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
