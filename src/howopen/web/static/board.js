// howopen's pages without a server round trip: the compare bar that follows the models ticked, the compare
// picker's search-as-you-type, and (in a static export, where no server can answer a query) the leaderboard's
// filters and search, applied to the rows on the page. Every text is set with textContent: nothing is parsed as HTML.
(function () {
  "use strict";
  var MAX = 4;

  function chosen(form) {
    return Array.prototype.map.call(form.querySelectorAll('input[name="ids"]:checked'), function (box) {
      return box.value;
    });
  }

  function updateBar(form) {
    var bar = form.querySelector(".compare-bar");
    if (!bar) { return; }
    var ids = chosen(form);
    var text = bar.querySelector(".chosen");
    var button = bar.querySelector("button");
    if (ids.length === 0) {
      text.textContent = "Tick two to four models to compare them.";
    } else {
      text.textContent = ids.length + " chosen: " + ids.join(", ") +
        (ids.length < 2 ? " (choose at least one more)" : ids.length > MAX ? " (at most " + MAX + ")" : "");
    }
    if (button) { button.disabled = ids.length < 2 || ids.length > MAX; }
  }

  function wireCompare(form) {
    form.addEventListener("change", function () { updateBar(form); });
    updateBar(form);
  }

  function wirePicker() {
    var input = document.getElementById("pick-q");
    var list = document.getElementById("picker-list");
    if (!input || !list) { return; }
    var count = document.getElementById("pick-count");
    function filter() {
      var q = input.value.trim().toLowerCase();
      var items = list.querySelectorAll("li");
      var shown = 0;
      Array.prototype.forEach.call(items, function (li) {
        var keep = !q || (li.getAttribute("data-text") || "").indexOf(q) !== -1 ||
          (li.querySelector("input") || {}).checked;
        li.hidden = !keep;
        if (keep) { shown += 1; }
      });
      if (count) { count.textContent = shown + " of " + items.length + " models listed."; }
    }
    input.addEventListener("input", filter);
    document.addEventListener("howopen:picker-ready", filter);
    filter();
  }

  function wireStaticBoard() {
    var form = document.querySelector("form.filters[data-static]");
    if (!form) { return; }
    var rows = Array.prototype.slice.call(document.querySelectorAll("table.board tbody tr[data-id]"));
    var count = document.getElementById("match-count");
    var SKIP = { q: 1, eosai_min: 1, from: 1, to: 1, sort: 1, order: 1 };

    function apply(updateUrl) {
      var data = new FormData(form);
      var q = String(data.get("q") || "").trim().toLowerCase();
      var min = parseFloat(String(data.get("eosai_min") || ""));
      var from = String(data.get("from") || "");
      var to = String(data.get("to") || "");
      var shown = 0;
      rows.forEach(function (tr) {
        var keep = true;
        data.forEach(function (value, key) {
          if (!keep || !value || SKIP[key]) { return; }
          var have = (tr.getAttribute("data-" + key) || "").toLowerCase();
          keep = value === "(none)" ? have === "" : have === String(value).toLowerCase();
        });
        if (keep && q) {
          var text = (tr.getAttribute("data-id") + " " + (tr.getAttribute("data-license") || "") + " " +
            (tr.getAttribute("data-license-name") || "")).toLowerCase();
          keep = text.indexOf(q) !== -1;
        }
        if (keep && !isNaN(min)) { keep = parseFloat(tr.getAttribute("data-eosai") || "-1") >= min; }
        var date = tr.getAttribute("data-date") || "";
        if (keep && from) { keep = date !== "" && date >= from; }
        if (keep && to) { keep = date !== "" && date <= to; }
        tr.hidden = !keep;
        if (keep) { shown += 1; }
      });
      if (count) { count.textContent = shown + " of " + rows.length + " models match."; }
      if (updateUrl && window.history && window.history.replaceState) {
        var params = new URLSearchParams();
        data.forEach(function (value, key) { if (value && key !== "sort" && key !== "order") { params.append(key, value); } });
        var search = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
      }
    }

    // a link to a filtered leaderboard (from the census, say) arrives as ?key=value: fill the form from it
    var given = new URLSearchParams(window.location.search);
    given.forEach(function (value, key) {
      var field = form.elements.namedItem(key);
      if (!field || !("value" in field)) { return; }
      if (field.tagName === "SELECT" && !Array.prototype.some.call(field.options, function (o) {
        return o.value.toLowerCase() === value.toLowerCase();
      })) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        field.appendChild(option);
      }
      field.value = value;
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    form.addEventListener("change", function () { apply(true); });
    var search = form.elements.namedItem("q");
    if (search) { search.addEventListener("input", function () { apply(false); }); }
    var clear = form.querySelector(".actions a");
    if (clear) {
      clear.addEventListener("click", function (event) { event.preventDefault(); form.reset();
        Array.prototype.forEach.call(form.querySelectorAll("select, input"), function (f) {
          if (f.type !== "hidden" && f.type !== "submit") { f.value = ""; }
        });
        apply(true); });
    }
    apply(false);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form.compare-form"), wireCompare);
    wirePicker();
    wireStaticBoard();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
