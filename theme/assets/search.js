// Client-side search over the index written at build time (search-index.js).
(function () {
  "use strict";
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var input = document.getElementById("q");
  if (!list || !input) return;
  var root = list.getAttribute("data-root") || "";
  var index = window.CONVERGENCE_SEARCH || [];
  function norm(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var docs = index.map(function (e) { return { e: e, t: norm(e.t), x: norm(e.x) }; });
  function run(q) {
    var words = norm(q).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    var hits = [];
    docs.forEach(function (d) {
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var w = words[i];
        if (d.t.indexOf(w) >= 0) score += 3;
        else if (d.x.indexOf(w) >= 0) score += 1;
        else return;
      }
      hits.push({ d: d, s: score });
    });
    hits.sort(function (a, b) { return b.s - a.s || (a.d.t < b.d.t ? -1 : 1); });
    status.textContent = hits.length + (hits.length > 1 ? " résultats" : " résultat");
    hits.slice(0, 100).forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + h.d.e.u;
      a.textContent = h.d.e.t;
      var kind = document.createElement("span");
      kind.className = "tag";
      kind.textContent = h.d.e.k;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(kind);
      list.appendChild(li);
    });
  }
  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  run(input.value);
  input.addEventListener("input", function () { run(input.value); });
})();
