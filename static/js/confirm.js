// Irreversible steps ask first: a button (or form) with data-confirm submits only when the user agrees. A step
// the server would refuse for a figure left empty or not written in digits (fields marked data-required-to-send)
// goes without asking, so the refusal shows at once, at those fields, and the question is asked once.
document.addEventListener("submit", (event) => {
  const message = event.submitter?.dataset.confirm || event.target.dataset.confirm;
  const needsFilled = event.submitter?.hasAttribute("data-confirm-when-filled");
  const figures = Array.from(event.target.querySelectorAll("[data-required-to-send]"));
  const unfit = figures.some((input) => !/^\d+$/.test(input.value.trim()));
  if (message && !(needsFilled && unfit) && !window.confirm(message)) {
    event.preventDefault();
  }
});

// A form that uses something up (a kept upload) is sent once: a second click would find it gone. Coming back to
// the page (the browser's Back) lets it be sent again.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.hasAttribute("data-once") || event.defaultPrevented) return;
  if (form.dataset.sent) {
    event.preventDefault();
    return;
  }
  form.dataset.sent = "1";
});
window.addEventListener("pageshow", () => {
  document.querySelectorAll("form[data-sent]").forEach((form) => delete form.dataset.sent);
});
