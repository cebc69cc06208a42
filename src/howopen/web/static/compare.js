// The static export's compare page: with two to four ?ids= it builds the comparison table from api/models.json;
// otherwise it lists every model to tick. Every text is set with textContent: nothing is parsed as HTML.
(function () {
  "use strict";
  var script = document.currentScript;
  var api = script.getAttribute("data-api");
  var models = script.getAttribute("data-models");
  var ROWS = [["Verdict", "verdict"], ["If the weights are published", "verdict_if_published"],
    ["Summary", "summary"], ["Model Openness Framework", "mof"], ["OSI Open Source AI Definition", "osaid"],
    ["European Open Source AI Index score", "eosai"], ["EU AI Act exemption", "eu_ai_act"],
    ["License", "license_name"], ["Commercial use", "commercial_use"], ["Organisation", "org"],
    ["Modality", "modality"], ["Released", "release_date"], ["Indexed from", "origin"]];

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }

  function ids() {
    var out = [];
    new URLSearchParams(window.location.search).getAll("ids").forEach(function (value) {
      value.split(",").forEach(function (id) { id = id.trim(); if (id && out.indexOf(id) === -1) { out.push(id); } });
    });
    return out;
  }

  function link(id) {
    var a = el("a", id);
    a.href = models + id.split("/").map(encodeURIComponent).join("/") + ".html";
    return a;
  }

  function table(rows) {
    var wrap = el("div", null, "scroll");
    var t = el("table", null, "compare");
    t.appendChild(el("caption", rows.length + " models side by side"));
    var head = el("tr");
    head.appendChild(el("th", "Question"));
    rows.forEach(function (row) { var th = el("th"); th.appendChild(link(row.id)); head.appendChild(th); });
    var thead = el("thead"); thead.appendChild(head); t.appendChild(thead);
    var body = el("tbody");
    ROWS.forEach(function (pair) {
      var tr = el("tr");
      var th = el("th", pair[0]); th.scope = "row"; tr.appendChild(th);
      rows.forEach(function (row) {
        var value = row[pair[1]];
        if (pair[1] === "license_name" && !value) {
          value = row.license_id || (row.verdict === "closed" ? "none (no weights released)" : "unknown");
        }
        tr.appendChild(el("td", value === null || value === undefined || value === "" ? "–" : value));
      });
      body.appendChild(tr);
    });
    t.appendChild(body);
    wrap.appendChild(t);
    return wrap;
  }

  function picker(all, chosen) {
    var list = document.getElementById("picker-list");
    all.forEach(function (row) {
      var li = el("li");
      li.setAttribute("data-id", row.id);
      li.setAttribute("data-text", (row.id + " " + (row.license_id || "") + " " + (row.license_name || "")).toLowerCase());
      var label = el("label");
      var box = el("input");
      box.type = "checkbox"; box.name = "ids"; box.value = row.id; box.checked = chosen.indexOf(row.id) !== -1;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + row.id + " "));
      li.appendChild(label);
      li.appendChild(el("span", row.verdict, "verdict v-" + row.verdict));
      list.appendChild(li);
    });
    document.dispatchEvent(new Event("howopen:picker-ready"));
    var form = list.closest("form");
    if (form) { form.dispatchEvent(new Event("change")); }
  }

  fetch(api).then(function (response) { return response.json(); }).then(function (data) {
    var all = data.models || [];
    var wanted = ids();
    var pick = new URLSearchParams(window.location.search).get("pick");
    var found = wanted.map(function (id) {
      return all.filter(function (row) { return row.id.toLowerCase() === id.toLowerCase(); })[0];
    }).filter(Boolean);
    if (!pick && found.length >= 2 && found.length <= 4) {
      document.getElementById("compare-result").appendChild(table(found));
    } else if (wanted.length && !pick) {
      document.getElementById("compare-result").appendChild(
        el("p", "Compare takes 2 to 4 models in the index; " + found.length + " of those asked for were found.", "notice"));
    }
    picker(all, found.map(function (row) { return row.id; }));
  }).catch(function () {
    document.getElementById("compare-result").appendChild(el("p", "The list of models (" + api + ") could not be read.", "notice"));
  });
}());
