// spinscope web page, compare mode: posts two texts to /v1/compare and shows the side-by-side page.
(function () {
  "use strict";
  var analyzeMode = document.getElementById("analyze-mode");
  var compareMode = document.getElementById("compare-mode");
  var form = document.getElementById("compare-form");
  var button = document.getElementById("compare");
  var status = document.getElementById("compare-status");
  var errorBox = document.getElementById("compare-error");
  var frame = document.getElementById("compare-report");

  function showMode() {
    var mode = document.querySelector("input[name=mode]:checked").value;
    analyzeMode.hidden = mode !== "analyze";
    compareMode.hidden = mode !== "compare";
  }

  async function failure(response) {
    try {
      var body = await response.json();
      if (body && body.error && body.error.message) { return body.error.message + " (HTTP " + response.status + ")"; }
    } catch (ignored) { /* not JSON */ }
    return "The server answered HTTP " + response.status;
  }

  document.getElementById("mode").addEventListener("change", showMode);
  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    errorBox.hidden = true;
    var a = document.getElementById("compare-a").value;
    var b = document.getElementById("compare-b").value;
    if (!a.trim() || !b.trim()) {
      errorBox.textContent = "Paste both articles first.";
      errorBox.hidden = false;
      return;
    }
    button.disabled = true;
    status.textContent = "Comparing…";
    var started = performance.now();
    try {
      var response = await fetch("/v1/compare?format=html", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ a: { text: a, id: "A" }, b: { text: b, id: "B" } })
      });
      if (!response.ok) { throw new Error(await failure(response)); }
      frame.srcdoc = await response.text();
      frame.hidden = false;
      status.textContent = "Done in " + ((performance.now() - started) / 1000).toFixed(1) + " s.";
    } catch (e) {
      errorBox.textContent = e.message;
      errorBox.hidden = false;
      status.textContent = "";
    } finally {
      button.disabled = false;
    }
  });
  showMode();
})();
