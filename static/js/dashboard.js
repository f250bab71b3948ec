// Bar chart of participation rates by unit, with the campaign's threshold.
(function () {
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const canvas = document.getElementById("rates-chart");
  if (!canvas || !window.Chart) return;
  // One bar pair per unit (static/css/app.css); set here, as the page's policy refuses style attributes.
  canvas.parentElement.style.setProperty("--units", canvas.parentElement.dataset.units);
  // A long name goes on two lines (cut short after them; the tooltip has it whole) rather than past the chart's
  // left edge on a phone.
  const width = canvas.parentElement.clientWidth < 576 ? 18 : 36;
  const wrapped = (name) => {
    const lines = name.split(" ").reduce((lines, word) => {
      const last = lines[lines.length - 1];
      if (last && (last + " " + word).length <= width) lines[lines.length - 1] = last + " " + word;
      else lines.push(word);
      return lines;
    }, []);
    if (lines.length <= 2) return lines;
    const second = lines.slice(1).join(" ");
    return [lines[0], second.slice(0, width - 1).trimEnd() + "…"];
  };
  const percent = (value) => value.toLocaleString("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + "%";
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels.map(wrapped),
      datasets: [
        { label: data.series[0], data: data.party_members, backgroundColor: data.party_members.map((v) => (v !== null && v < data.threshold ? "#dc3545" : "#a50e0e")) },
        { label: data.series[1], data: data.non_members, backgroundColor: "#6c757d" },
      ],
    },
    options: {
      indexAxis: "y",
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { min: 0, max: 100, ticks: { callback: (v) => v + "%" } }, y: { ticks: { autoSkip: false } } },
      plugins: {
        tooltip: {
          callbacks: {
            title: (items) => data.labels[items[0].dataIndex],
            label: (ctx) => ctx.dataset.label + ": " + percent(ctx.parsed.x),
          },
        },
      },
    },
  });
})();
