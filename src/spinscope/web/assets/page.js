// spinscope web page: sends the input to /v1/analyze, then the result dict to /v1/render, and shows the report.
(function () {
  "use strict";
  var form = document.getElementById("analyze-form");
  var button = document.getElementById("analyze");
  var status = document.getElementById("status");
  var errorBox = document.getElementById("error");
  var frame = document.getElementById("report");
  var downloads = document.getElementById("downloads");
  var taxonomy = document.getElementById("taxonomy");
  var objectUrls = [];
  // What is on show: the result, and how it was analysed ({request, taxonomy}; null for a saved result). A new
  // taxonomy renders it again without analysing it again, unless it was analysed under SemEval-2020 and the new
  // one includes SemEval-2023: then its input is analysed again, for the model's SemEval-2023 paragraph labels.
  var shown = null;

  function source() { return form.querySelector("input[name=source]:checked").value; }

  function showInput() {
    ["text", "file", "url", "result"].forEach(function (name) {
      document.getElementById("input-" + name).hidden = name !== source();
    });
  }

  function fail(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
    status.textContent = "";
  }

  async function errorMessage(response) {
    try {
      var body = await response.json();
      if (body && body.error && body.error.message) { return body.error.message + " (HTTP " + response.status + ")"; }
    } catch (ignored) { /* not JSON */ }
    return "The server answered HTTP " + response.status;
  }

  async function analyse() {
    var mode = source();
    if (mode === "result") {
      var saved = document.getElementById("result-file").files[0];
      if (!saved) { throw new Error("Choose a saved result file first."); }
      try { return { result: JSON.parse(await saved.text()), analysed: null }; } catch (e) { throw new Error(saved.name + " is not JSON: " + e.message); }
    }
    var request = { method: "POST" };
    if (mode === "file") {
      var file = document.getElementById("file").files[0];
      if (!file) { throw new Error("Choose a file first."); }
      request.body = new FormData();
      request.body.append("file", file);
    } else {
      var value = document.getElementById(mode).value;
      if (!value.trim()) { throw new Error(mode === "url" ? "Give a URL first." : "Paste an article first."); }
      var body = {};
      body[mode] = value;
      request.headers = { "content-type": "application/json" };
      request.body = JSON.stringify(body);
    }
    return analyseWith(request);
  }

  async function analyseWith(request) {
    // every finding, each with its score: the report's slider starts at the display threshold and shows more or
    // fewer; the taxonomy chosen, for the API to add the SemEval-2023 paragraph labels where it includes 2023
    var query = "?min_score=0&taxonomy=" + encodeURIComponent(taxonomy.value);
    var response = await fetch("/v1/analyze" + query, request);
    if (!response.ok) { throw new Error(await errorMessage(response)); }
    return { result: await response.json(), analysed: { request: request, taxonomy: taxonomy.value } };
  }

  async function running(work) {
    errorBox.hidden = true;
    button.disabled = true;
    status.textContent = "Analysing…";
    var started = performance.now();
    try {
      await work();
      status.textContent = "Done in " + ((performance.now() - started) / 1000).toFixed(1) + " s.";
    } catch (e) {
      fail(e.message);
    } finally {
      button.disabled = false;
    }
  }

  async function render(result) {
    var response = await fetch("/v1/render?taxonomy=" + encodeURIComponent(taxonomy.value), {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(result)
    });
    if (!response.ok) { throw new Error(await errorMessage(response)); }
    return response.text();
  }

  function offer(result, html) {
    objectUrls.forEach(URL.revokeObjectURL);
    objectUrls = [
      URL.createObjectURL(new Blob([JSON.stringify(result, null, 2)], { type: "application/json" })),
      URL.createObjectURL(new Blob([html], { type: "text/html" }))
    ];
    document.getElementById("download-json").href = objectUrls[0];
    document.getElementById("download-html").href = objectUrls[1];
    downloads.hidden = false;
  }

  async function show(found) {
    var html = await render(found.result);
    frame.srcdoc = html;
    frame.hidden = false;
    offer(found.result, html);
    shown = found;
  }

  form.addEventListener("change", showInput);
  taxonomy.addEventListener("change", async function () {
    if (!shown) { return; }
    var analysed = shown.analysed;
    if (analysed && analysed.taxonomy === "semeval2020" && taxonomy.value !== "semeval2020") {
      await running(async function () { await show(await analyseWith(analysed.request)); });
      return;
    }
    errorBox.hidden = true;
    try { await show(shown); } catch (e) { fail(e.message); }
  });
  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    await running(async function () { await show(await analyse()); });
  });
  window.addEventListener("message", function (event) {
    if (event.source === frame.contentWindow && event.data && typeof event.data.spinscopeReportHeight === "number") {
      frame.style.height = Math.min(Math.max(event.data.spinscopeReportHeight + 8, 300), 20000) + "px";
    }
  });
  showInput();
})();
