// A file field's chosen file, named in the page's language beside its "Chọn tệp" button
// (templates/bootstrap5/layout/field_file.html).
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!input.matches?.(".file-picker-input")) return;
  const shown = document.querySelector(`[data-file-name-for="${CSS.escape(input.id)}"]`);
  if (!shown) return;
  shown.dataset.empty ??= shown.textContent;
  const names = Array.from(input.files, (file) => file.name);
  shown.textContent = names.length ? names.join(", ") : shown.dataset.empty;
});
