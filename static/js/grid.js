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
})();
