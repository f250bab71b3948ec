// Follows a background job: asks for its status every second, shows the progress,
// and reloads the page once the job is finished so the server shows the file or the error.
(function () {
  const job = document.getElementById("job");
  if (!job) return;
  const progress = document.getElementById("job-progress");
  const poll = () => {
    fetch(job.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((status) => {
        if (status.finished) {
          window.location.reload();
          return;
        }
        if (progress && status.progress) progress.textContent = status.progress;
        window.setTimeout(poll, 1000);
      })
      .catch(() => window.setTimeout(poll, 3000));
  };
  window.setTimeout(poll, 1000);
})();
