// Filter box: hides the measures that do not match the ministry, the sheet and the text.
(function () {
  var f = document.getElementById("filter");
  if (!f) return;
  var all = document.querySelectorAll(".measure"), out = document.getElementById("shown");
  function run() {
    var m = f.elements.ministry.value, s = f.elements.sheet.value;
    var q = f.elements.q.value.trim().toLowerCase(), on = m || s || q, n = 0;
    all.forEach(function (e) {
      var ok = (!m || (" " + e.dataset.ministries + " ").indexOf(" " + m + " ") >= 0) &&
        (!s || e.dataset.sheet === s) && (!q || e.textContent.toLowerCase().indexOf(q) >= 0);
      e.hidden = !ok;
      if (ok) n++;
    });
    document.querySelectorAll("section.sheet").forEach(function (g) {
      g.hidden = !!on && !g.querySelector(".measure:not([hidden])");
    });
    out.textContent = n + " of " + all.length + " shown";
  }
  f.addEventListener("input", run);
  f.addEventListener("submit", function (e) { e.preventDefault(); });
  run();
})();
