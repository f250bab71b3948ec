// Bar chart of participation rates by unit, with the campaign's threshold.
(function () {
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const canvas = document.getElementById("rates-chart");
  if (!canvas || !window.Chart) return;
  // One bar pair per unit (static/css/app.css); set here, as the page's policy refuses style attributes.
  canvas.parentElement.style.setProperty("--units", canvas.parentElement.dataset.units);
  const percent = (value) => value.toLocaleString("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + "%";
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.series[0], data: data.party_members, backgroundColor: data.party_members.map((v) => (v !== null && v < data.threshold ? "#dc3545" : "#a50e0e")) },
        { label: data.series[1], data: data.non_members, backgroundColor: "#6c757d" },
      ],
    },
    options: {
      indexAxis: "y",
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { min: 0, max: 100, ticks: { callback: (v) => v + "%" } } },
      plugins: { tooltip: { callbacks: { label: (ctx) => ctx.dataset.label + ": " + percent(ctx.parsed.x) } } },
    },
  });
})();
