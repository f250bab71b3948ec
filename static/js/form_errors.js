// A long form sent back with errors opens at the first of them, its field focused.
(function () {
  const first = document.querySelector(".is-invalid, [aria-invalid=true]");
  if (!first) return;
  first.scrollIntoView({ block: "center" });
  first.focus({ preventScroll: true });
})();
