// Sortable tables: each column header of a `table.sortable` becomes a button that sorts the
// rows by that column (numbers by value, "—" last, text in French order); pressed again, the
// order reverses. Without JavaScript the table stays a plain table in its published order.
(function () {
  "use strict";
  function value(cell) {
    var t = (cell ? cell.textContent : "").trim();
    var m = t.replace(/\u202f|\u00a0/g, "").match(/^-?\d+(,\d+)?/);
    return m ? { n: parseFloat(m[0].replace(",", ".")), t: t } : { n: null, t: t };
  }
  function compare(a, b) {
    if (a.n !== null && b.n !== null) return a.n - b.n;
    if (a.n !== null) return -1;
    if (b.n !== null) return 1;
    return a.t.localeCompare(b.t, "fr");
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var heads = table.querySelectorAll("thead th");
    var body = table.tBodies[0];
    if (!body) return;
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var down = th.getAttribute("aria-sort") === "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", down ? "descending" : "ascending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var c = compare(value(r1.cells[col]), value(r2.cells[col]));
          return down ? -c : c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
