/* govgraph network view.
 *
 * Everything is computed in Python (graph/view/data.py); this script only draws,
 * filters and explains. Data reaches the page as JSON and is only ever shown through
 * textContent or canvas text, never parsed as HTML, so a name holding a closing
 * script tag or an img tag with an onerror handler stays text.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("govgraph-data").textContent);
  var META = DATA.meta, STYLES = { nodes: {}, edges: {} };
  DATA.styles.nodes.forEach(function (s) { STYLES.nodes[s.id] = s; });
  DATA.styles.edges.forEach(function (s) { STYLES.edges[s.id] = s; });
  var NODE_BY_ID = {}, EDGE_BY_ID = {};
  DATA.nodes.forEach(function (n) { NODE_BY_ID[n.id] = n; });
  DATA.edges.forEach(function (e) { EDGE_BY_ID[e.id] = e; });
  var LAYOUT_BUDGET_MS = 1500;

  var state = {
    types: { organisation: true, body: true, person: true, post: true, document: false },
    kinds: {}, hidePeople: false, accountability: false, labels: true, day: META.as_of
  };
  Object.keys(STYLES.edges).forEach(function (k) { state.kinds[k] = true; });

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  // Case, accents and spacing do not matter when searching: "zoe" finds "Zoë".
  function norm(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function holds(item, day) {
    if (!day) return true;
    if (item.never) return false;
    return (item.start === null || item.start <= day) && (item.end === null || day <= item.end);
  }

  /* ---- vis items ------------------------------------------------------------ */

  function visNode(n) {
    var s = STYLES.nodes[n.type];
    var item = {
      id: n.id, label: n.label, shape: s.shape, borderWidth: n.planned ? 2 : 1,
      color: { background: s.fill, border: s.border, highlight: { background: "#fff3bf", border: "#e67700" },
               hover: { background: s.fill, border: "#e67700" } },
      shapeProperties: { borderDashes: n.planned ? [5, 4] : false },
      widthConstraint: { maximum: 170 }
    };
    if (s.shape === "dot" || s.shape === "diamond") item.size = 10;
    return item;
  }

  var pairCount = {};
  function visEdge(e) {
    var s = STYLES.edges[e.kind];
    var pair = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from;
    var k = pairCount[pair] = (pairCount[pair] || 0) + 1;
    var item = {
      id: e.id, from: e.from, to: e.to, label: state.labels ? e.label : "", width: s.width,
      color: { color: s.color, highlight: "#e67700", hover: "#e67700" },
      dashes: e.planned ? [6, 5] : false, arrows: { to: { enabled: true, scaleFactor: 0.5 } }
    };
    // Several lines between one pair: bend each a little more so all stay visible.
    item.smooth = k === 1 ? false : { enabled: true, type: k % 2 ? "curvedCW" : "curvedCCW", roundness: 0.15 * Math.ceil(k / 2) };
    return item;
  }

  var shownNodes = new Set(), shownEdges = new Set();
  computeVisible();
  // A large network starts without line labels: they cost drawing time and overlap.
  var big = shownNodes.size > META.warn_nodes;
  state.labels = !big;
  var nodes = new vis.DataSet(DATA.nodes.map(visNode));
  var edges = new vis.DataSet(DATA.edges.map(visEdge));
  var nodeView = new vis.DataView(nodes, { filter: function (item) { return shownNodes.has(item.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (item) { return shownEdges.has(item.id); } });

  /* ---- what is visible ---------------------------------------------------- */

  function computeVisible() {
    shownNodes = new Set();
    shownEdges = new Set();
    DATA.nodes.forEach(function (n) {
      if (!state.types[n.type]) return;
      if (state.hidePeople && n.type === "person") return;
      if (!holds(n, state.day)) return;
      shownNodes.add(n.id);
    });
    DATA.edges.forEach(function (e) {
      if (!state.kinds[e.kind]) return;
      if (state.accountability && !STYLES.edges[e.kind].accountability) return;
      if (!holds(e, state.day)) return;
      if (shownNodes.has(e.from) && shownNodes.has(e.to)) shownEdges.add(e.id);
    });
    if (state.accountability) {
      var linked = new Set();
      shownEdges.forEach(function (id) { linked.add(EDGE_BY_ID[id].from); linked.add(EDGE_BY_ID[id].to); });
      shownNodes = linked;
    }
  }

  var placed = new Set();
  function placeNewNodes() {
    // Nodes never laid out (e.g. documents shown later) start beside their neighbours,
    // so the frozen layout of the others does not move.
    var updates = [];
    shownNodes.forEach(function (id) {
      if (placed.has(id)) return;
      var xs = 0, ys = 0, n = 0;
      DATA.edges.forEach(function (e) {
        var other = e.from === id ? e.to : e.to === id ? e.from : null;
        if (other && placed.has(other)) { var p = nodes.get(other); xs += p.x; ys += p.y; n += 1; }
      });
      var angle = placed.size * 2.399963;
      updates.push({ id: id, x: (n ? xs / n : 0) + 80 * Math.cos(angle), y: (n ? ys / n : 0) + 80 * Math.sin(angle) });
      placed.add(id);
    });
    if (updates.length) nodes.update(updates);
  }

  function refresh() {
    computeVisible();
    if (layoutDone) placeNewNodes();
    nodeView.refresh();
    edgeView.refresh();
    var n = shownNodes.size;
    var when = state.day ? " as of " + state.day : "";
    $("status").textContent = n + " nodes, " + shownEdges.size + " lines shown" + when + ".";
    var warning = $("warning");
    if (n > META.warn_nodes) {
      warning.textContent = "Showing " + n + " nodes: more than " + META.warn_nodes + " are hard to read and slow to move. " +
        "Try Hide people, Accountability only, fewer entity types, a date, or govgraph view --focus NAME --depth 2.";
      warning.hidden = false;
    } else {
      warning.hidden = true;
    }
  }

  /* ---- the network ---------------------------------------------------------- */

  var layoutDone = false;
  var network = new vis.Network($("network"), { nodes: nodeView, edges: edgeView }, {
    autoResize: true,
    layout: { randomSeed: 7, improvedLayout: shownNodes.size <= 150 },
    nodes: { font: { size: 14, face: "system-ui, sans-serif" }, margin: 6 },
    edges: { font: { size: 10, align: "middle", color: "#444", strokeWidth: 0, background: "rgba(255,255,255,0.85)" },
             selectionWidth: 2, hoverWidth: 1 },
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -70, centralGravity: 0.012, springLength: 150, springConstant: 0.05, avoidOverlap: 0.8 },
      stabilization: { enabled: true, iterations: big ? 150 : 400, updateInterval: 10, fit: true },
      minVelocity: 1
    },
    interaction: { hover: !big, hideEdgesOnDrag: big, hideEdgesOnZoom: big, tooltipDelay: 300, multiselect: false }
  });

  function freeze() {
    if (layoutDone) return;
    layoutDone = true;
    network.setOptions({ physics: { enabled: false } });
    var positions = network.getPositions();
    nodes.update(Object.keys(positions).map(function (id) {
      placed.add(id);
      return { id: id, x: positions[id].x, y: positions[id].y };
    }));
    network.fit({ animation: false });
    refresh();
    if (META.focus) select(META.focus);
    window.govgraph.readyMs = performance.now();
    document.body.setAttribute("data-ready", "true");
  }
  // A large network gets a time budget for its layout rather than a fixed number of
  // steps, so that it becomes usable quickly on a slow machine too.
  var layoutStarted = performance.now();
  network.on("stabilizationProgress", function () {
    if (performance.now() - layoutStarted > LAYOUT_BUDGET_MS) network.stopSimulation();
  });
  network.once("stabilizationIterationsDone", freeze);
  network.once("stabilized", freeze);
  if (shownNodes.size === 0) freeze();

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  /* ---- details panel ---------------------------------------------------------- */

  var details = $("details");
  function dates(item) {
    var parts = [];
    if (item.start) parts.push("from " + item.start);
    if (item.end) parts.push("until " + item.end);
    return parts.join(" ");
  }
  function factBlock(f) {
    var box = el("section", "fact");
    box.appendChild(el("p", "fact-text", f.text));
    var q = el("p", "qualifiers");
    if (f.planned) q.appendChild(el("span", "planned-tag", "Planned, not in force. "));
    var when = dates(f);
    if (when) q.appendChild(document.createTextNode("Holds " + when + ". "));
    if (f.stated_on) q.appendChild(document.createTextNode("Stated " + f.stated_on + "."));
    if (q.firstChild) box.appendChild(q);
    f.evidence.forEach(function (ev) {
      var doc = DATA.documents[ev.doc];
      box.appendChild(el("blockquote", "quote", ev.quote));
      var where = doc ? doc.title + ", " + doc.date : ev.doc;
      box.appendChild(el("p", "cite", where + (ev.line ? ", line " + ev.line : "")));
    });
    return box;
  }
  function showNode(id) {
    var n = NODE_BY_ID[id];
    if (!n) return;
    clear(details);
    details.appendChild(el("h2", null, n.label));
    var meta = n.type.charAt(0).toUpperCase() + n.type.slice(1) + (n.kind !== n.type ? ": " + n.kind.replace(/-/g, " ") : "");
    var when = dates(n);
    details.appendChild(el("p", "meta", meta + (when ? ", exists " + when : "") + (n.planned ? ", planned" : "")));
    var other = n.names.slice(1, -1);
    if (other.length) details.appendChild(el("p", "meta", "Also known as: " + other.join("; ")));
    if (!shownNodes.has(id)) details.appendChild(el("p", "note", "Hidden by the current filters or date."));
    n.facts.forEach(function (i) { details.appendChild(factBlock(DATA.facts[i])); });
  }
  function showEdge(id) {
    var e = EDGE_BY_ID[id];
    if (!e) return;
    clear(details);
    details.appendChild(el("h2", null, NODE_BY_ID[e.from].label + " \u2192 " + e.label + " \u2192 " + NODE_BY_ID[e.to].label));
    var when = dates(e);
    details.appendChild(el("p", "meta", STYLES.edges[e.kind].label + (e.planned ? ", planned" : "") + (when ? ", shown " + when : "")));
    e.facts.forEach(function (i) { details.appendChild(factBlock(DATA.facts[i])); });
  }

  /* ---- search --------------------------------------------------------------- */

  function select(id) {
    if (shownNodes.has(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300 } });
    } else {
      network.unselectAll();
    }
    showNode(id);
  }
  function find(query) {
    var q = norm(query), results = $("search-results");
    clear(results);
    if (!q) return;
    var exact = [], partial = [];
    DATA.nodes.forEach(function (n) {
      var names = n.names.map(norm);
      if (names.indexOf(q) >= 0) exact.push(n);
      else if (names.some(function (s) { return s.indexOf(q) >= 0; })) partial.push(n);
    });
    var hits = exact.length ? exact : partial;
    if (!hits.length) { results.appendChild(el("p", "note", "No entity matches \u201c" + query + "\u201d.")); return; }
    select(hits[0].id);
    if (hits.length > 1) {
      results.appendChild(el("p", "note", hits.length + " matches:"));
      hits.slice(0, 20).forEach(function (n) {
        var b = el("button", null, n.label);
        b.type = "button";
        b.addEventListener("click", function () { select(n.id); });
        results.appendChild(b);
      });
    }
  }
  var names = $("search-names"), seen = new Set();
  DATA.nodes.forEach(function (n) {
    n.names.slice(0, -1).forEach(function (name) {
      if (seen.has(name)) return;
      seen.add(name);
      var option = document.createElement("option");
      option.value = name;
      names.appendChild(option);
    });
  });
  $("search-form").addEventListener("submit", function (ev) { ev.preventDefault(); find($("search").value); });

  /* ---- filters and legend ------------------------------------------------------ */

  function countBy(items, key) {
    var out = {};
    items.forEach(function (i) { out[i[key]] = (out[i[key]] || 0) + 1; });
    return out;
  }
  function legendRow(parent, mark, label, count, checked, onChange) {
    var row = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", function () { onChange(box.checked); refresh(); });
    row.appendChild(box);
    row.appendChild(mark);
    row.appendChild(el("span", null, label));
    row.appendChild(el("span", "count", count));
    parent.appendChild(row);
    return box;
  }
  var typeCounts = countBy(DATA.nodes, "type");
  DATA.styles.nodes.forEach(function (s) {
    var t = s.id, mark = el("span", "swatch " + s.shape);
    mark.style.backgroundColor = s.fill;
    mark.style.borderColor = s.border;
    var box = legendRow($("node-types"), mark, s.label, typeCounts[t] || 0, state.types[t], function (on) { state.types[t] = on; });
    box.setAttribute("data-type", t);
  });
  var kindCounts = countBy(DATA.edges, "kind");
  DATA.styles.edges.forEach(function (s) {
    var k = s.id;
    if (!kindCounts[k]) return;
    var mark = el("span", "line");
    mark.style.borderTopColor = s.color;
    var box = legendRow($("edge-kinds"), mark, s.label, kindCounts[k], true, function (on) { state.kinds[k] = on; });
    box.setAttribute("data-kind", k);
  });
  var planned = el("p", "note");
  var dash = el("span", "line dashed");
  dash.style.borderTopColor = "#555";
  planned.appendChild(dash);
  planned.appendChild(document.createTextNode(" dashed: planned, not yet in force"));
  $("edge-kinds").appendChild(planned);

  function toggle(id, key, after) {
    var box = $(id);
    box.checked = state[key];
    box.addEventListener("change", function () { state[key] = box.checked; if (after) after(); refresh(); });
  }
  toggle("hide-people", "hidePeople");
  toggle("accountability-only", "accountability");
  toggle("edge-labels", "labels", function () {
    edges.update(DATA.edges.map(function (e) { return { id: e.id, label: state.labels ? e.label : "" }; }));
  });

  /* ---- time --------------------------------------------------------------------- */

  var all = $("asof-all"), slider = $("asof-slider"), picker = $("asof-date"), label = $("asof-label");
  function setDay(day) {
    state.day = day;
    label.textContent = day ? "as of " + day : "everything recorded";
    if (day) picker.value = day;
    refresh();
  }
  if (META.as_of) {
    all.checked = false;
    all.disabled = true;
    label.textContent = "as of " + META.as_of + " (fixed)";
  } else if (DATA.dates.length) {
    slider.max = String(DATA.dates.length - 1);
    slider.value = slider.max;
    picker.min = DATA.dates[0];
    all.addEventListener("change", function () {
      slider.disabled = picker.disabled = all.checked;
      setDay(all.checked ? null : DATA.dates[Number(slider.value)]);
    });
    slider.addEventListener("input", function () { setDay(DATA.dates[Number(slider.value)]); });
    picker.addEventListener("change", function () { if (picker.value) setDay(picker.value); });
    label.textContent = "everything recorded";
  } else {
    all.disabled = true;
    label.textContent = "no dated facts";
  }

  if (META.focus) {
    $("title").textContent = "Around " + NODE_BY_ID[META.focus].label + " (depth " + META.depth + ")";
    document.title = "govgraph: " + NODE_BY_ID[META.focus].label;
  }
  window.govgraph = { network: network, nodes: nodes, edges: edges, data: DATA, shownNodes: function () { return Array.from(shownNodes); },
                      shownEdges: function () { return Array.from(shownEdges); }, select: select, readyMs: null };
  refresh();
})();
