// The attendance grid's totals, kept in step with what is typed: each column's sum, the sites
// where someone attended and the delegates (every kind of attendee). The server renders the same
// figures from the stored rows; this only follows the typing until the grid is saved.
(function () {
  const grid = document.getElementById("attendance-grid");
  if (!grid) return;
  const fields = ["party_members_expected", "party_members_attended", "non_members_expected", "non_members_attended", "others"];
  const attendees = ["party_members_attended", "non_members_attended", "others"];
  const number = (input) => {
    const value = parseInt(input ? input.value : "", 10);
    return Number.isFinite(value) && value > 0 ? value : 0;
  };
  const shown = (value) => value.toLocaleString("vi-VN");
  const cell = (row, field) => row.querySelector(`input[name$="-${field}"]`);

  function recount() {
    const sums = Object.fromEntries(fields.map((field) => [field, 0]));
    let sites = 0;
    grid.querySelectorAll("tbody tr[data-unit]").forEach((row) => {
      fields.forEach((field) => (sums[field] += number(cell(row, field))));
      const present = attendees.reduce((total, field) => total + number(cell(row, field)), 0);
      if (present > 0 && row.dataset.hasSite === "1") sites += 1;
    });
    fields.forEach((field) => {
      const total = grid.querySelector(`[data-total="${field}"]`);
      if (total) total.textContent = shown(sums[field]);
    });
    const delegates = attendees.reduce((total, field) => total + sums[field], 0);
    document.querySelectorAll("[data-grid-sites]").forEach((el) => (el.textContent = shown(sites)));
    document.querySelectorAll("[data-grid-delegates]").forEach((el) => (el.textContent = shown(delegates)));
  }

  grid.addEventListener("input", recount);

  // Like a spreadsheet: arrows and Enter move between cells and never change a value (a number
  // field would otherwise count up or down); Enter does not send the whole grid.
  const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], Enter: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  grid.addEventListener("keydown", (event) => {
    const input = event.target;
    const move = moves[event.key];
    if (!move || !input.matches("input:not([type=hidden]), select") || event.altKey || event.ctrlKey) return;
    const text = input.type === "text";
    if (text && move[1] !== 0 && input.selectionStart !== (move[1] < 0 ? 0 : input.value.length)) return;
    event.preventDefault();
    const cells = (row) => Array.from(row.querySelectorAll("input:not([type=hidden]), select"));
    const rows = Array.from(grid.querySelectorAll("tbody tr")).filter((row) => cells(row).length);
    const row = input.closest("tr");
    const column = cells(row).indexOf(input);
    const target = rows[rows.indexOf(row) + move[0]];
    const next = target ? cells(target)[Math.min(column + move[1], cells(target).length - 1)] : null;
    if (next && column + move[1] >= 0) {
      next.focus();
      if (next.select) next.select();
    }
  });
})();
