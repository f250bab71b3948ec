// The attendance grid's totals, kept in step with what is typed: each column's sum, the sites
// where someone attended and the delegates (every kind of attendee). The server renders the same
// figures from the stored rows; this follows the typing, and says so while a row typed is not saved.
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
    noteUnsaved();
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

  // Each row saves on its own when the person leaves it for another row (or the page), and says so in
  // its last cell: saving, saved, or what is wrong at the cells concerned. The whole-grid button stays.
  const form = grid.closest("form");
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const inputs = (row) => Array.from(row.querySelectorAll("input, select"));
  const snapshot = (row) => JSON.stringify(inputs(row).map((input) => (input.type === "checkbox" ? input.checked : input.value)));
  const rows = Array.from(grid.querySelectorAll("tbody tr[data-save-url]"));
  rows.forEach((row) => (row.dataset.saved = snapshot(row)));
  const unsaved = document.getElementById("grid-unsaved");

  function noteUnsaved() {
    if (unsaved) unsaved.hidden = rows.every((row) => snapshot(row) === row.dataset.saved);
  }

  function show(row, state, message) {
    const status = row.querySelector(".row-state");
    status.textContent = message;
    status.className = `row-state ${state === "saved" || state === "unchanged" ? "text-success" : state === "saving" ? "text-muted" : "text-danger"}`;
    row.classList.toggle("table-danger", state === "invalid" || state === "refused" || state === "failed");
  }

  function mark(row, errors) {
    row.querySelectorAll(".is-invalid").forEach((input) => {
      input.classList.remove("is-invalid");
      input.removeAttribute("aria-invalid");
    });
    row.querySelectorAll("[data-error-for]").forEach((note) => note.remove());
    Object.entries(errors || {}).forEach(([name, message]) => {
      const input = row.querySelector(`[name="${name}"]`);
      if (!input) return;
      input.classList.add("is-invalid");
      input.setAttribute("aria-invalid", "true");
      const note = document.createElement("div");
      note.className = "invalid-feedback d-block";
      note.dataset.errorFor = name;
      note.textContent = message;
      input.after(note);
    });
  }

  function settle(row, answer) {
    row.querySelector('input[name$="-version"]:not([name$="-site_version"])').value = answer.version;
    const siteVersion = row.querySelector('input[name$="-site_version"]');
    if (siteVersion) siteVersion.value = answer.site_version;
    Object.entries(answer.column_totals).forEach(([field, total]) => {
      const cellTotal = grid.querySelector(`[data-total="${field}"]`);
      if (cellTotal) cellTotal.textContent = shown(total);
    });
    document.querySelectorAll("[data-grid-sites]").forEach((el) => (el.textContent = shown(answer.site_count)));
    document.querySelectorAll("[data-grid-delegates]").forEach((el) => (el.textContent = shown(answer.delegates)));
    row.dataset.saved = snapshot(row);
    // The stored totals stand only while nothing typed elsewhere waits to be saved.
    if (rows.every((other) => snapshot(other) === other.dataset.saved)) noteUnsaved();
    else recount();
  }

  async function save(row) {
    if (snapshot(row) === row.dataset.saved) return;
    const body = new FormData();
    body.append("csrfmiddlewaretoken", token);
    inputs(row).forEach((input) => {
      if (input.type !== "checkbox" || input.checked) body.append(input.name, input.value);
    });
    show(row, "saving", grid.dataset.saving);
    let response;
    try {
      // keepalive: a row left by following a link still saves as the next page loads.
      const options = { method: "POST", body, headers: { "X-CSRFToken": token }, keepalive: true };
      response = await fetch(row.dataset.saveUrl, options);
    } catch (error) {
      show(row, "failed", grid.dataset.failed);
      return;
    }
    if (!(response.headers.get("Content-Type") || "").startsWith("application/json")) {
      // Signed out, refused or gone: a page, not an answer; the whole grid's button shows which.
      show(row, "failed", grid.dataset.reload);
      return;
    }
    const answer = await response.json();
    mark(row, answer.errors);
    if (response.ok) settle(row, answer);
    show(row, answer.state, answer.message);
  }

  // A row is saved a moment after it is left, unless the whole grid is being sent meanwhile; the grid
  // waits for a row save under way, so it carries the row's new version.
  const timers = new Map();
  const inFlight = new Set();
  let sending = false;
  function saveSoon(row) {
    clearTimeout(timers.get(row));
    timers.set(
      row,
      setTimeout(() => {
        if (sending) return;
        const saving = save(row);
        inFlight.add(saving);
        saving.finally(() => inFlight.delete(saving));
      }, 200),
    );
  }
  grid.addEventListener("focusout", (event) => {
    const row = event.target.closest("tr[data-save-url]");
    if (!row || (event.relatedTarget && row.contains(event.relatedTarget))) return;
    saveSoon(row);
  });
  form.addEventListener("submit", (event) => {
    sending = true;
    timers.forEach((timer) => clearTimeout(timer));
    if (!inFlight.size) return;
    event.preventDefault();
    Promise.allSettled(Array.from(inFlight)).then(() => form.submit());
  });

  // Leaving the page while a row is typed but not saved (or refused) asks first: nothing typed is lost unseen.
  // Left all the same, each row typed is sent as the page goes (keepalive lets the request outlive it).
  window.addEventListener("beforeunload", (event) => {
    if (sending || rows.every((row) => snapshot(row) === row.dataset.saved)) return;
    event.preventDefault();
    event.returnValue = "";
  });
  window.addEventListener("pagehide", () => {
    if (sending) return;
    timers.forEach((timer) => clearTimeout(timer));
    rows.filter((row) => snapshot(row) !== row.dataset.saved).forEach((row) => save(row));
  });

  // Cells copied from Excel fill the cells from the one pasted in, rightwards and downwards, as in a
  // spreadsheet, instead of joining into one number; "1.200" written with thousands' dots reads 1200. A value a
  // number cell cannot hold ("1,5", a word) changes nothing and is named, never stored as an empty 0.
  const truthy = ["x", "1", "có", "co", "true", "đúng", "✓"];
  const plain = (text) => (/^\d{1,3}([.,\s]\d{3})+$/.test(text) ? text.replace(/[.,\s]/g, "") : text);
  const fits = (input, text) => input.type !== "number" || text === "" || /^\d+$/.test(plain(text));
  function put(input, text) {
    if (input.type === "checkbox") input.checked = truthy.includes(text.toLowerCase());
    else if (input.tagName === "SELECT") {
      const option = Array.from(input.options).find((o) => o.text.trim().toLowerCase() === text.toLowerCase());
      if (option || text === "") input.value = option ? option.value : "";
    } else input.value = plain(text);
  }
  grid.addEventListener("paste", (event) => {
    const input = event.target;
    const text = (event.clipboardData || window.clipboardData).getData("text") || "";
    const table = text.replace(/\r/g, "").replace(/\n$/, "").split("\n").map((line) => line.split("\t"));
    const single = table.length === 1 && table[0].length === 1;
    if (!input.matches("input:not([type=hidden]), select") || (single && input.type !== "number")) {
      return; // one value in a text cell: the browser pastes it
    }
    event.preventDefault();
    const cells = (row) => Array.from(row.querySelectorAll("input:not([type=hidden]), select"));
    const row = input.closest("tr");
    const column = cells(row).indexOf(input);
    const below = rows.slice(rows.indexOf(row));
    if (table.length > below.length) {
      show(row, "refused-paste", grid.dataset.pasteTooLong.replace("%s", table.length).replace("%s", below.length));
      return;
    }
    const targets = [];
    table.forEach((values, down) => {
      if (!below[down]) return;
      values.forEach((value, across) => {
        const into = cells(below[down])[column + across];
        if (into && !into.disabled && !into.readOnly) targets.push([below[down], into, value.trim()]);
      });
    });
    const wrong = targets.find(([, into, value]) => !fits(into, value));
    if (wrong) {
      const shown = wrong[2].length > 20 ? `${wrong[2].slice(0, 20)}…` : wrong[2];
      show(row, "refused-paste", grid.dataset.pasteRefused.replace("%s", shown));
      return;
    }
    targets.forEach(([, into, value]) => put(into, value));
    new Set(targets.map(([target]) => target)).forEach((target) => {
      if (target !== row) saveSoon(target);
    });
    recount();
  });
})();
