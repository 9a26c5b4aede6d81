// spinscope report: tooltips on hover and keyboard focus, and a legend that filters techniques.
// Reads only the JSON block of this page; builds every node with textContent (never innerHTML).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("spinscope-data").textContent);
  var tip = document.getElementById("tip");
  var text = document.getElementById("article-text");
  var hidden = new Set();
  var marks = Array.prototype.slice.call(text.querySelectorAll("mark.seg"));
  var slider = document.getElementById("min-score");
  var minScore = typeof data.min_score === "number" ? data.min_score : 0;

  function passes(score) { return score === null || score === undefined || score >= minScore - 1e-9; }

  function spanVisible(i) {
    return !hidden.has(String(data.spans[i].t)) && passes(data.spans[i].score);
  }

  function visible(mark) {
    return mark.getAttribute("data-spans").split(" ").map(Number).filter(spanVisible);
  }

  function innermost(indices) {
    return indices.reduce(function (best, i) {
      return data.spans[i].length < data.spans[best].length ? i : best;
    });
  }

  function line(parent, cls, content) {
    var node = document.createElement("div");
    node.className = cls;
    node.textContent = content;
    parent.appendChild(node);
  }

  function show(mark) {
    var indices = visible(mark);
    if (!indices.length) { return; }
    tip.textContent = "";
    indices.forEach(function (i) {
      var span = data.spans[i];
      var item = document.createElement("div");
      item.className = "tip-item";
      line(item, "tip-name", data.techniques[String(span.t)].name);
      line(item, "tip-score", span.score === null ? "gold label" : "score " + span.score.toFixed(2));
      if (span.reason) { line(item, "tip-reason", span.reason); }
      if (span.top_words && span.top_words.length) { line(item, "tip-words", "words: " + span.top_words.join(", ")); }
      tip.appendChild(item);
    });
    var box = mark.getBoundingClientRect();
    tip.hidden = false;
    var left = Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(4, left) + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
  }

  function hide() { tip.hidden = true; }

  function restyle() {
    marks.forEach(function (mark) {
      var indices = visible(mark);
      if (!indices.length) {
        mark.classList.add("off");
        mark.tabIndex = -1;
        return;
      }
      mark.classList.remove("off");
      mark.classList.toggle("multi", indices.length > 1);
      mark.tabIndex = 0;
      mark.setAttribute("style", data.techniques[String(data.spans[innermost(indices)].t)].style);
    });
    document.querySelectorAll(".tag").forEach(function (tag) { tag.hidden = !spanVisible(Number(tag.getAttribute("data-i"))); });
    var shown = data.spans.filter(function (span, i) { return spanVisible(i); }).length;
    var count = document.getElementById("shown-count");
    if (count) { count.textContent = String(data.spans.filter(function (span) { return passes(span.score); }).length); }
    document.querySelectorAll(".headline-finding").forEach(function (item) {
      var score = item.getAttribute("data-score");
      item.hidden = !passes(score === "" ? null : Number(score));
    });
    var scoreStatus = document.getElementById("score-status");
    if (scoreStatus) { scoreStatus.textContent = "Showing " + shown + " of " + data.spans.length + " findings"; }
    document.querySelectorAll(".chart .bar").forEach(function (bar) {
      bar.classList.toggle("dim", hidden.has(bar.getAttribute("data-t")));
    });
    var buttons = document.querySelectorAll(".legend-item");
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", hidden.has(button.getAttribute("data-t")) ? "false" : "true");
    });
    var status = document.getElementById("legend-status");
    if (status) { status.textContent = "Showing " + (buttons.length - hidden.size) + " of " + buttons.length + " techniques"; }
  }

  text.addEventListener("mouseover", function (event) {
    var mark = event.target.closest("mark.seg");
    if (mark) { show(mark); }
  });
  text.addEventListener("mouseout", function (event) {
    if (!event.relatedTarget || !event.relatedTarget.closest || !event.relatedTarget.closest("mark.seg")) { hide(); }
  });
  text.addEventListener("focusin", function (event) {
    var mark = event.target.closest("mark.seg");
    if (mark) { show(mark); }
  });
  text.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { hide(); } });
  document.querySelectorAll(".legend-item").forEach(function (button) {
    button.addEventListener("click", function () {
      var t = button.getAttribute("data-t");
      if (hidden.has(t)) { hidden.delete(t); } else { hidden.add(t); }
      hide();
      restyle();
    });
  });
  if (slider) {
    slider.addEventListener("input", function () {
      minScore = Number(slider.value);
      document.getElementById("min-score-value").textContent = minScore.toFixed(2);
      hide();
      restyle();
    });
  }
  restyle();
  var showAll = document.getElementById("show-all");
  if (showAll) { showAll.addEventListener("click", function () { hidden.clear(); restyle(); }); }
  // Inside the web page's sandboxed frame: tell the page how tall the report is, and nothing else.
  function reportHeight() {
    if (window.parent !== window) {
      // The body's own height, not the frame's: the page resizes the frame from it, which must not feed back.
      window.parent.postMessage({ spinscopeReportHeight: document.body.offsetHeight }, "*");
    }
  }
  window.addEventListener("resize", reportHeight);
  reportHeight();
  document.documentElement.setAttribute("data-ready", "true");
})();
