// Client-side search over the index written at build time (search-index.js): every word of the
// query must start a word of an entry's title or text, accents and case aside. Results are ranked:
// the title is the query, then the title starts with it, then every word is in the title, then
// the rest; within a rank, shorter titles first, then alphabetical order.
(function () {
  "use strict";
  var LIMIT = 50;
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var input = document.getElementById("q");
  if (!list || !input) return;
  document.getElementById("search-form").hidden = false;
  var root = list.getAttribute("data-root") || "";
  var index = window.CONVERGENCE_SEARCH || { kinds: [], entries: [] };
  // Lower case, without accents, punctuation as spaces: "Télésanté (6.5)" -> "telesante 6 5".
  // Titles and texts start with a space, so " " + word is found only at the start of a word.
  function norm(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }
  var docs = index.entries.map(function (e, i) {
    return { title: e[0], kind: index.kinds[e[1]], url: e[2], t: " " + norm(e[0]), x: " " + norm(e[3]), i: i };
  });
  // 4 the title is the query, 3 it starts with it, 2 every word is in the title, 1 some word is
  // only in the text, 0 some word is nowhere.
  function rank(d, q, words) {
    if (d.t === q) return 4;
    if (d.t.indexOf(q) === 0) return 3;
    var inTitle = 0;
    for (var i = 0; i < words.length; i++) {
      if (d.t.indexOf(words[i]) >= 0) inTitle++;
      else if (d.x.indexOf(words[i]) < 0) return 0;
    }
    return inTitle === words.length ? 2 : 1;
  }
  function byRank(a, b) {
    return b.r - a.r || a.d.t.length - b.d.t.length || (a.d.t < b.d.t ? -1 : a.d.t > b.d.t ? 1 : a.d.i - b.d.i);
  }
  function count(n, word) {
    return n.toLocaleString("fr-FR") + " " + word + (n > 1 ? "s" : "");
  }
  function run(text) {
    var q = " " + norm(text);
    var words = q.split(" ").filter(Boolean).map(function (w) { return " " + w; });
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    var hits = [];
    docs.forEach(function (d) {
      var r = rank(d, q, words);
      if (r > 0) hits.push({ d: d, r: r });
    });
    hits.sort(byRank);
    if (!hits.length) status.textContent = "Aucun résultat pour « " + text.trim() + " ».";
    else if (hits.length > LIMIT) status.textContent = LIMIT + " premiers résultats sur " + hits.length.toLocaleString("fr-FR") + " : précisez la recherche pour voir les autres.";
    else status.textContent = count(hits.length, "résultat");
    hits.slice(0, LIMIT).forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + h.d.url;
      a.textContent = h.d.title;
      var kind = document.createElement("span");
      kind.className = "tag";
      kind.textContent = h.d.kind;
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
