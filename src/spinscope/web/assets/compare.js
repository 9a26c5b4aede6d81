// spinscope web page, compare mode: posts two texts to /v1/compare and shows the side-by-side page. It names the
// techniques in the taxonomy the page's shared control chooses; a new choice compares the shown pair again.
(function () {
  "use strict";
  var analyzeMode = document.getElementById("analyze-mode");
  var compareMode = document.getElementById("compare-mode");
  var form = document.getElementById("compare-form");
  var button = document.getElementById("compare");
  var status = document.getElementById("compare-status");
  var errorBox = document.getElementById("compare-error");
  var frame = document.getElementById("compare-report");
  var taxonomy = document.getElementById("taxonomy");
  // the pair on show ({a, b}), or null before the first comparison
  var shown = null;

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

  async function compare(pair) {
    errorBox.hidden = true;
    button.disabled = true;
    status.textContent = "Comparing…";
    var started = performance.now();
    try {
      var response = await fetch("/v1/compare?format=html", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ a: { text: pair.a, id: "A" }, b: { text: pair.b, id: "B" }, taxonomy: taxonomy.value })
      });
      if (!response.ok) { throw new Error(await failure(response)); }
      frame.srcdoc = await response.text();
      frame.hidden = false;
      shown = pair;
      status.textContent = "Done in " + ((performance.now() - started) / 1000).toFixed(1) + " s.";
    } catch (e) {
      errorBox.textContent = e.message;
      errorBox.hidden = false;
      status.textContent = "";
    } finally {
      button.disabled = false;
    }
  }

  document.getElementById("mode").addEventListener("change", showMode);
  taxonomy.addEventListener("change", async function () {
    if (shown) { await compare(shown); }
  });
  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    var a = document.getElementById("compare-a").value;
    var b = document.getElementById("compare-b").value;
    if (!a.trim() || !b.trim()) {
      errorBox.textContent = "Paste both articles first.";
      errorBox.hidden = false;
      return;
    }
    await compare({ a: a, b: b });
  });
  showMode();
})();
