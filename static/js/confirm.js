// Irreversible steps ask first: a button (or form) with data-confirm submits only when the user agrees. A step
// the server would refuse for an empty figure (fields marked data-required-to-send) goes without asking, so the
// refusal shows at once, at those fields.
document.addEventListener("submit", (event) => {
  const message = event.submitter?.dataset.confirm || event.target.dataset.confirm;
  const needsFilled = event.submitter?.hasAttribute("data-confirm-when-filled");
  const empty = Array.from(event.target.querySelectorAll("[data-required-to-send]")).some((input) => !input.value.trim());
  if (message && !(needsFilled && empty) && !window.confirm(message)) {
    event.preventDefault();
  }
});
