// A date box says the day chosen beneath it in the page's words (conferences.forms.DateInput gives them): a
// browser set to another language shows month/day/year, and 05/03 must not be read as the 3rd of May.
function sayDate(input) {
  let said = document.querySelector(`[data-date-said-for="${CSS.escape(input.id)}"]`);
  if (!said) {
    said = document.createElement("div");
    said.className = "form-text date-said";
    said.dataset.dateSaidFor = input.id;
    said.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", said);
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.value);
  if (!match) {
    said.textContent = "";
    return;
  }
  const [year, month, day] = match.slice(1);
  const weekday = input.dataset.weekdays.split(",")[new Date(+year, +month - 1, +day).getDay()];
  // As a document dates itself (reporting.figures.formatting): days below ten and months 1-2 take a leading zero.
  const words = { weekday, day, month: +month <= 2 ? month : String(+month), year };
  said.textContent = input.dataset.said.replace(/\{(\w+)\}/g, (_, name) => words[name] ?? "");
}

document.querySelectorAll("input[data-said]").forEach(sayDate);
for (const kind of ["input", "change"]) {
  document.addEventListener(kind, (event) => {
    if (event.target.matches?.("input[data-said]")) sayDate(event.target);
  });
}
