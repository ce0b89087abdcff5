// Filters of the services list: the form (hidden without JavaScript, which shows the full list)
// is shown, and each change hides the cards whose `data-*` values do not match the selects.
// `data-levels` holds "questionnaire:band" pairs (a questionnaire alone when it has no level).
// The count of cards shown is said in an aria-live region.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var list = document.getElementById("filtered");
  var count = document.getElementById("filter-count");
  if (!form || !list || !count) return;
  var items = Array.prototype.slice.call(list.children);
  var names = ["region", "domain", "type", "editor"];
  function levels(item) {
    return (item.getAttribute("data-levels") || "").split(" ").filter(Boolean);
  }
  function matches(item) {
    for (var i = 0; i < names.length; i++) {
      var want = form.elements[names[i]].value;
      if (want && item.getAttribute("data-" + names[i]) !== want) return false;
    }
    var q = form.elements.questionnaire.value;
    var band = form.elements.level.value;
    if (!q && !band) return true;
    return levels(item).some(function (l) {
      var pair = l.split(":");
      return (!q || pair[0] === q) && (!band || pair[1] === band);
    });
  }
  function update() {
    var shown = 0;
    items.forEach(function (item) {
      var ok = matches(item);
      item.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + (shown > 1 ? " services affichés sur " : " service affiché sur ") + items.length;
  }
  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  update();
})();
