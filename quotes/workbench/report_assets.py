"""The audit report's inline assets: its stylesheet and its script (no network, works from ``file://``).

The script reads the quotes from the page's ``<script id="quote-data">`` JSON: a click on a highlight
opens its details box, a click in a panel scrolls to the quote in the text and flashes it, and a
``#q-<doc>-<n>`` URL opens at that quote.
"""

CSS = """
:root{--ink:#1d2330;--muted:#5b6475;--line:#d9dde5;--paper:#fbfbf8}
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 "DejaVu Sans",system-ui,sans-serif;color:var(--ink);background:var(--paper)}
header.top{padding:18px 28px 8px;border-bottom:1px solid var(--line);background:#fff}
h1{margin:0 0 4px;font-size:22px}
.summary{margin:0 0 10px;color:var(--muted)}
.overview{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.chart text{font-size:12px;fill:var(--ink)}
.chart .chart-title{font-weight:bold;font-size:13px}
.chart .chart-rest{fill:var(--muted)}
table.status{border-collapse:collapse;font-size:13px}
table.status caption{text-align:left;font-weight:bold;padding-bottom:4px}
table.status td,table.status th{border-bottom:1px solid var(--line);padding:3px 8px;text-align:left}
main{padding:0 28px 40px}
section.doc{margin-top:26px;border-top:3px solid var(--ink);padding-top:8px}
section.doc h2{margin:4px 0;font-size:18px;word-break:break-all}
.meta{margin:0 0 10px;color:var(--muted);font-size:13px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:bold}
.badge.ok{background:#dcf3e0;color:#17622a}
.badge.bad{background:#fde2e1;color:#9b1c16}
.badge.none{background:#eceef2;color:#4a5263}
.cols{display:grid;grid-template-columns:minmax(0,1fr) 360px;gap:22px;align-items:start}
.text{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid var(--line);border-radius:6px;
  padding:16px 20px;font-family:"DejaVu Serif",Georgia,serif;font-size:15.5px;line-height:1.7}
.hl{cursor:pointer}
.hl.content{background:var(--bg);border-radius:2px}
.hl.speaker{color:var(--fg);font-weight:bold;border-bottom:2px solid var(--fg)}
.hl.cue{font-style:italic;border-bottom:2px dashed var(--fg)}
.hl.overlap{box-shadow:inset 0 -3px 0 rgba(0,0,0,.25)}
.hl.empty{display:inline-block;width:3px;height:1em;background:var(--fg,#888);vertical-align:middle}
.hl.flash{outline:3px solid #f2a900;outline-offset:1px}
.hl.selected{outline:2px solid var(--ink)}
.panel{position:sticky;top:8px;max-height:calc(100vh - 16px);overflow:auto;background:#fff;border:1px solid var(--line);
  border-radius:6px;padding:8px 12px;font-size:13px}
.panel h3{margin:2px 0 6px;font-size:14px}
.group h4{margin:10px 0 2px;font-size:13px;color:var(--fg)}
.group h4 small{color:var(--muted);font-weight:normal}
.chip{display:inline-block;width:11px;height:11px;border-radius:3px;background:var(--bg);border:1px solid var(--fg);
  margin-right:6px;vertical-align:-1px}
.group ol{margin:0;padding-left:18px}
.group li{margin:2px 0}
.group a{color:inherit;text-decoration:none;display:block;padding:2px 4px;border-radius:3px}
.group a:hover{background:var(--bg)}
.group .how{color:var(--fg)}
.unshown{color:var(--muted)}
.warn{color:#9b1c16;font-size:12px}
.details{position:fixed;right:16px;bottom:16px;width:420px;max-height:60vh;overflow:auto;background:#fff;
  border:1px solid var(--ink);border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.2);padding:12px 14px;font-size:13px}
.details .close{position:absolute;right:8px;top:4px;border:0;background:none;font-size:20px;cursor:pointer}
.details dl{margin:0;display:grid;grid-template-columns:100px 1fr;gap:2px 8px}
.details dt{color:var(--muted)}
.details dd{margin:0;overflow-wrap:anywhere}
.details blockquote{margin:6px 0;padding-left:8px;border-left:3px solid var(--line);font-family:"DejaVu Serif",serif}
.missing{color:var(--muted)}
@media (max-width:900px){.cols{grid-template-columns:1fr}.panel{position:static;max-height:none}}
"""

JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("quote-data").textContent);
  var box = document.getElementById("details");
  var body = box.querySelector(".body");
  function add(dl, term, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    var dt = document.createElement("dt"); dt.textContent = term;
    var dd = document.createElement("dd");
    dd.textContent = Array.isArray(value) ? value.join("\n") : String(value);
    dd.style.whiteSpace = "pre-wrap";
    dl.appendChild(dt); dl.appendChild(dd);
  }
  function segments(key) {
    return Array.prototype.filter.call(document.querySelectorAll(".hl[data-q]"), function (el) {
      return el.getAttribute("data-q").split(" ").indexOf(key) >= 0;
    });
  }
  function show(key) {
    var q = data[key];
    if (!q) return;
    body.textContent = "";
    var h = document.createElement("h3");
    h.textContent = q.quote_id + " · " + q.kind + " · " + (q.speaker_name || q.speaker || "no speaker");
    body.appendChild(h);
    var bq = document.createElement("blockquote"); bq.textContent = q.content; body.appendChild(bq);
    var dl = document.createElement("dl");
    add(dl, "document", q.doc);
    add(dl, "offsets", q.offsets[0] + "–" + q.offsets[1]);
    add(dl, "speaker", q.speaker); add(dl, "name", q.speaker_name); add(dl, "cue", q.cue);
    add(dl, "confidence", q.confidence); add(dl, "rule", q.rule); add(dl, "path", q.path);
    add(dl, "name chain", q.speaker_chain); add(dl, "notes", q.notes); add(dl, "flags", q.flags);
    var p = q.provenance || {};
    add(dl, "parser", p.parser); add(dl, "model", p.model); add(dl, "quotes", p.quotes_version);
    add(dl, "text sha256", p.text_sha256);
    if (!q.shown) add(dl, "warning", "offsets do not match this text: not highlighted");
    body.appendChild(dl);
    box.hidden = false;
    Array.prototype.forEach.call(document.querySelectorAll(".hl.selected"), function (el) {
      el.classList.remove("selected");
    });
    segments(key).forEach(function (el) { el.classList.add("selected"); });
  }
  function flash(key) {
    var els = segments(key);
    els.forEach(function (el) { el.classList.add("flash"); });
    setTimeout(function () { els.forEach(function (el) { el.classList.remove("flash"); }); }, 1600);
  }
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest(".panel a[data-key], .panel .unshown[data-key]");
    if (link) {
      ev.preventDefault();
      var key = link.getAttribute("data-key");
      var q = data[key];
      var target = q && document.getElementById(q.anchor);
      if (target) {
        var first = segments(key)[0] || target;
        first.scrollIntoView({block: "center", behavior: "smooth"});
        history.replaceState(null, "", "#" + q.anchor);
        flash(key);
      }
      show(key);
      return;
    }
    var seg = ev.target.closest(".hl[data-q]");
    if (seg) { show(seg.getAttribute("data-owner") || seg.getAttribute("data-q").split(" ")[0]); return; }
    if (ev.target.closest(".details .close")) box.hidden = true;
  });
  var m = /^#(q-\d+-\d+)$/.exec(location.hash);
  if (m) {
    var anchor = document.getElementById(m[1]);
    if (anchor) {
      var key = anchor.getAttribute("data-key");
      var first = segments(key)[0] || anchor;
      first.scrollIntoView({block: "center"});
      show(key);
    }
  }
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") box.hidden = true; });
})();
"""
