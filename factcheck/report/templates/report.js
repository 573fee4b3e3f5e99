// factcheck report: filters, sort and search of the fact tables, a cell click shows its
// sentence. No request leaves the file; everything works on the DOM the page was written with.
(function () {
  "use strict";
  var ORDER = {"conflict": 0, "compatible": 1, "not-compared": 2, "agree": 3, "single-source": 4, "unmatched": 5};

  function rowsOf(table) {
    return Array.prototype.slice.call(table.tBodies[0].querySelectorAll("tr.fact"));
  }
  function detailOf(row) { return row.nextElementSibling; }
  var texts = new WeakMap();  // the row's words and its sentences, read once from the page
  function searchText(row) {
    if (!texts.has(row)) {
      texts.set(row, (row.textContent + " " + row.dataset.outcome + " " + row.dataset.rules + " "
        + detailOf(row).textContent).toLowerCase());
    }
    return texts.get(row);
  }

  function apply(section) {
    var table = section.querySelector("table.facts");
    if (!table) return;
    var off = {};
    section.querySelectorAll("button.outcome[aria-pressed=false]").forEach(function (b) {
      off[b.dataset.outcome] = true;
    });
    var kind = section.querySelector("select.kind").value;
    var rule = section.querySelector("select.rule").value;
    var source = section.querySelector("select.source").value;
    var q = section.querySelector("input.search").value.trim().toLowerCase();
    var shown = 0;
    rowsOf(table).forEach(function (row) {
      var ok = !off[row.dataset.outcome]
        && (!kind || row.dataset.kind === kind)
        && (!rule || (" " + row.dataset.rules + " ").indexOf(" " + rule + " ") >= 0)
        && (!source || (" " + row.dataset.sources + " ").indexOf(" " + source + " ") >= 0)
        && (!q || searchText(row).indexOf(q) >= 0);
      row.hidden = !ok;
      if (!ok) detailOf(row).hidden = true;
      if (ok) shown += 1;
    });
    var count = section.querySelector(".shown");
    if (count) count.textContent = shown + " of " + rowsOf(table).length + " facts shown";
  }

  function sort(section, key) {
    var table = section.querySelector("table.facts");
    var rows = rowsOf(table);
    rows.sort(function (a, b) {
      if (key === "label") return a.cells[0].textContent.localeCompare(b.cells[0].textContent);
      if (key === "sources") return (b.dataset.n - a.dataset.n) || (ORDER[a.dataset.outcome] - ORDER[b.dataset.outcome]);
      if (key === "kind") return a.dataset.kind.localeCompare(b.dataset.kind) || (ORDER[a.dataset.outcome] - ORDER[b.dataset.outcome]);
      return (ORDER[a.dataset.outcome] - ORDER[b.dataset.outcome]) || (a.dataset.pos - b.dataset.pos);
    });
    var body = table.tBodies[0];
    rows.forEach(function (row) { var d = detailOf(row); body.appendChild(row); body.appendChild(d); });
  }

  function showCell(cell) {
    var row = cell.parentElement, detail = detailOf(row), doc = cell.dataset.doc;
    var open = !detail.hidden && detail.dataset.doc === doc;
    row.parentElement.querySelectorAll("td.cell[aria-expanded=true]").forEach(function (c) {
      c.setAttribute("aria-expanded", "false");
    });
    if (open) { detail.hidden = true; return; }
    detail.querySelectorAll(".mention").forEach(function (m) { m.hidden = m.dataset.doc !== doc; });
    detail.dataset.doc = doc;
    detail.hidden = false;
    cell.setAttribute("aria-expanded", "true");
  }

  function reveal(id) {
    var el = id && document.getElementById(id);
    if (!el) return;
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") p.open = true;
    }
    if (el.tagName === "TR") { el.hidden = false; }
    el.classList.add("flash");
    setTimeout(function () { el.classList.remove("flash"); }, 1600);
    el.scrollIntoView({block: "center"});
  }

  document.querySelectorAll("section.cluster").forEach(function (section) {
    var controls = section.querySelector(".controls");
    if (!controls) return;
    controls.addEventListener("click", function (e) {
      var b = e.target.closest("button.outcome");
      if (!b) return;
      b.setAttribute("aria-pressed", b.getAttribute("aria-pressed") === "true" ? "false" : "true");
      apply(section);
    });
    controls.addEventListener("change", function (e) {
      if (e.target.matches("select.sort")) sort(section, e.target.value);
      else apply(section);
    });
    controls.addEventListener("input", function (e) {
      if (e.target.matches("input.search")) apply(section);
    });
    var table = section.querySelector("table.facts");
    table.addEventListener("click", function (e) {
      var cell = e.target.closest("td.cell");
      if (cell) showCell(cell);
    });
    table.addEventListener("keydown", function (e) {
      var cell = e.target.closest("td.cell");
      if (cell && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); showCell(cell); }
    });
    apply(section);
  });

  document.addEventListener("click", function (e) {
    var a = e.target.closest("a[href^='#']");
    if (a) { e.preventDefault(); var id = a.getAttribute("href").slice(1); history.replaceState(null, "", "#" + id); reveal(id); }
  });
  if (location.hash) reveal(location.hash.slice(1));
})();
