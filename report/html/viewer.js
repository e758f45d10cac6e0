// The report's viewer, inlined into the page by render.ts: steps through each counterexample.
// For the selected step it marks the step in the list and on the chart, and shows the state of
// every node (fields changed by the step highlighted), the messages in flight, the facts, and
// at the step where the run fails the broken property; for a lockstep run, the model and the
// implementation side by side with what differs. Plain browser script, no dependencies.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("synod-data").textContent);

  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function fieldMap(inspection) {
    var m = {};
    if (!inspection) return m;
    inspection.nodes.forEach(function (n) {
      n.fields.forEach(function (f) { m[n.id + "\u0000" + f.name] = f.value; });
      m[n.id + "\u0000up"] = n.up;
    });
    return m;
  }

  function inspectionHtml(inspection, before, title) {
    var was = fieldMap(before);
    var nodes = inspection.nodes.map(function (n) {
      var rows = n.fields.map(function (f) {
        var changed = before && was[n.id + "\u0000" + f.name] !== f.value;
        return '<tr><td>' + esc(f.name) + '</td><td data-field="' + esc(f.name) + '"' + (changed ? ' class="changed"' : "") + ">" + esc(f.value) + "</td></tr>";
      }).join("");
      return '<div class="node' + (n.up ? "" : " down") + '" data-node="' + esc(n.id) + '"><h4>' + esc(n.id) + " <small>" + esc(n.role) + (n.up ? "" : ", down") + "</small></h4><table>" + rows + "</table></div>";
    }).join("");
    var facts = inspection.facts.map(function (f) { return '<tr><td>' + esc(f.name) + '</td><td data-fact="' + esc(f.name) + '">' + esc(f.value) + "</td></tr>"; }).join("");
    var flight = inspection.inFlight.length === 0 ? "<p>none</p>" : '<ul class="inflight">' + inspection.inFlight.map(function (m) {
      return "<li>" + esc(m.label + " " + m.from + "->" + m.to) + "</li>";
    }).join("") + "</ul>";
    return '<div class="side" data-side="' + esc(title) + '"><h4>' + esc(title) + '</h4><div class="nodes">' + nodes + '</div><table class="facts">' + facts +
      '</table><div class="flight"><strong>in flight (' + inspection.inFlight.length + ")</strong>" + flight + "</div></div>";
  }

  function stateAt(cx, step) {
    return step === 0 ? cx.initial : cx.steps[step - 1];
  }

  function panelHtml(cx, step) {
    var now = stateAt(cx, step);
    var before = step === 0 ? null : stateAt(cx, step - 1);
    var out = "";
    if (step === cx.failedStep) {
      out += '<div class="breaks"><strong>' + esc(cx.violation.property) + "</strong> (" + esc(cx.violation.kind) + ") breaks here: " + esc(cx.violation.message);
      var s = step > 0 ? cx.steps[step - 1] : null;
      if (s && s.broken && s.broken.length) out += "<ul>" + s.broken.map(function (b) { return "<li>" + esc(b) + "</li>"; }).join("") + "</ul>";
      out += "</div>";
    }
    var st = step > 0 ? cx.steps[step - 1] : null;
    if (st && st.differences && st.differences.length) {
      out += '<table class="differs"><tr><th>differs</th><th>model</th><th>implementation</th></tr>' + st.differences.map(function (d) {
        return "<tr><td>" + esc(d.observable) + "</td><td>" + esc(d.model) + "</td><td>" + esc(d.impl) + "</td></tr>";
      }).join("") + "</table>";
    }
    out += '<div class="sides">' + inspectionHtml(now.model, before && before.model, "model");
    if (now.impl) out += inspectionHtml(now.impl, before && before.impl, "implementation");
    return out + "</div>";
  }

  function setup(article) {
    var cx = data.counterexamples[Number(article.getAttribute("data-cx"))];
    var slider = article.querySelector(".slider");
    var label = article.querySelector(".step-label");
    var panel = article.querySelector(".state");
    var items = article.querySelectorAll("ol.steps > li");
    var rows = article.querySelectorAll("svg.chart g.ev");
    var last = cx.steps.length;
    function mark(el, step, current) {
      el.classList.toggle("current", step === current);
      el.classList.toggle("future", step > current);
      el.classList.toggle("failed", step === cx.failedStep && step > 0);
    }
    function show(step) {
      step = Math.max(0, Math.min(last, step));
      slider.value = String(step);
      article.setAttribute("data-current", String(step));
      label.textContent = "step " + step + " of " + last + (step === 0 ? ": initial state" : ": " + cx.steps[step - 1].description);
      Array.prototype.forEach.call(items, function (li) { mark(li, Number(li.getAttribute("data-step")), step); });
      Array.prototype.forEach.call(rows, function (g) { mark(g, Number(g.getAttribute("data-step")), step); });
      panel.innerHTML = panelHtml(cx, step);
    }
    slider.addEventListener("input", function () { show(Number(slider.value)); });
    article.querySelector(".prev").addEventListener("click", function () { show(Number(slider.value) - 1); });
    article.querySelector(".next").addEventListener("click", function () { show(Number(slider.value) + 1); });
    Array.prototype.forEach.call(items, function (li) { li.addEventListener("click", function () { show(Number(li.getAttribute("data-step"))); }); });
    Array.prototype.forEach.call(rows, function (g) { g.addEventListener("click", function () { show(Number(g.getAttribute("data-step"))); }); });
    article.addEventListener("keydown", function (e) {
      if (e.target === slider) return;
      if (e.key === "ArrowLeft") show(Number(slider.value) - 1);
      else if (e.key === "ArrowRight") show(Number(slider.value) + 1);
    });
    show(cx.failedStep);
  }

  Array.prototype.forEach.call(document.querySelectorAll("article.cx"), setup);
})();
