/* govgraph view: the structure chart, the network, and before and after a change.
 *
 * Everything about the facts is computed in Python (graph/view/); this script draws,
 * filters and explains. Data reaches the page as JSON and is only ever shown through
 * textContent or canvas text, never parsed as HTML, so a name holding a closing
 * script tag or an img tag with an onerror handler stays text.
 *
 * Three modes share one state, kept in the URL fragment so that a link reopens the
 * same view: "structure" (a layered chart of the lines of accountability, the
 * default), "network" (every entity and line, laid out by forces) and "change" (the
 * structure on the day before and the day after a change event). A page of several
 * areas filters by area in each of them; national bodies are shown with any area.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("govgraph-data").textContent);
  var META = DATA.meta;
  var STYLES = { nodes: {}, edges: {}, changes: {} };
  var KIND_RANK = {};
  DATA.styles.nodes.forEach(function (s) { STYLES.nodes[s.id] = s; });
  DATA.styles.edges.forEach(function (s, i) { STYLES.edges[s.id] = s; KIND_RANK[s.id] = i; });
  DATA.styles.changes.forEach(function (s) { STYLES.changes[s.id] = s; });
  var NODE_BY_ID = {}, EDGE_BY_ID = {}, CHANGE_BY_ID = {};
  DATA.nodes.forEach(function (n) { NODE_BY_ID[n.id] = n; });
  DATA.edges.forEach(function (e) { EDGE_BY_ID[e.id] = e; });
  DATA.changes.forEach(function (c) { CHANGE_BY_ID[c.id] = c; });
  var LAYOUT_BUDGET_MS = 1500;
  var FONT_SIZE = 16, FONT_FACE = "Arial, 'Liberation Sans', Helvetica, sans-serif", LABEL_WIDTH = 154;
  var MARGIN = { top: 3, bottom: 3, left: 5, right: 5 }, LINE_HEIGHT = FONT_SIZE;  // as vis-network draws a box
  var PEOPLE = { person: true, post: true };
  var PEOPLE_LINES = { membership: true, appointment: true, "post-of": true };
  var MODES = ["structure", "network", "change"];
  var SIDES = ["both", "before", "after"];
  var DEFAULT_TYPES = { organisation: true, body: true, person: true, post: true, document: false };
  var DEFAULT_DEPTH = 3;
  // The local areas the page holds; with two or more the legend chooses among them.
  var AREAS = META.areas, NATIONAL = META.national, FILTER_AREAS = AREAS.length > 1;

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function button(text, onClick, cls) {
    var b = el("button", cls || null, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  // Case, accents and spacing do not matter when searching: "zoe" finds "Zoë".
  function norm(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function holds(item, day) {
    if (!day) return true;
    if (item.never) return false;
    return (item.start === null || item.start <= day) && (item.end === null || day <= item.end);
  }
  function label(id) { return NODE_BY_ID[id] ? NODE_BY_ID[id].label : id; }
  // An entity or document is shown when its area is chosen; a national body always. An
  // area is matched by its whole name, so no name can stand for another.
  function allAreas() { return state.areas.length === AREAS.length; }
  function inArea(item) { return item.area === NATIONAL || allAreas() || state.areas.indexOf(item.area) >= 0; }
  function changeInArea(c) {
    return !c.areas.length || allAreas() || c.areas.some(function (a) { return state.areas.indexOf(a) >= 0; });
  }

  /* ---- state, and the URL fragment that carries it ------------------------------ */

  var state = {
    mode: "structure", focus: META.focus, depth: META.focus ? META.depth : DEFAULT_DEPTH, day: META.as_of,
    change: null, side: "both", types: Object.assign({}, DEFAULT_TYPES), kinds: {},
    hidePeople: false, accountability: false, labels: null, areas: AREAS.slice()
  };
  Object.keys(STYLES.edges).forEach(function (k) { state.kinds[k] = true; });
  if (META.change && CHANGE_BY_ID[META.change]) { state.mode = "change"; state.change = META.change; }
  else if (DATA.changes.length) state.change = DATA.changes[0].id;

  var ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
  // Every value read from the fragment is checked against the data; anything else is
  // ignored, so a hand-edited or hostile link can only choose among real views.
  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    var mode = p.get("mode");
    if (MODES.indexOf(mode) >= 0 && (mode !== "change" || DATA.changes.length)) state.mode = mode;
    var focus = p.get("focus");
    state.focus = focus && NODE_BY_ID[focus] && NODE_BY_ID[focus].type !== "document" ? focus : META.focus;
    var depth = Number(p.get("depth"));
    if (p.has("depth") && Number.isInteger(depth) && depth >= 1 && depth <= 20) state.depth = depth;
    var day = p.get("date");
    if (!META.as_of) state.day = day && ISO_DAY.test(day) && !isNaN(Date.parse(day)) ? day : null;
    var change = p.get("change");
    if (change && CHANGE_BY_ID[change]) state.change = change;
    var side = p.get("side");
    state.side = SIDES.indexOf(side) >= 0 ? side : "both";
    var shown = (p.get("types") || "").split(",").filter(function (t) { return t in state.types; });
    if (shown.length) Object.keys(state.types).forEach(function (t) { state.types[t] = shown.indexOf(t) >= 0; });
    var off = p.has("off") ? p.get("off").split(",") : [];
    Object.keys(state.kinds).forEach(function (k) { state.kinds[k] = off.indexOf(k) < 0; });
    state.hidePeople = p.get("people") === "hide";
    state.accountability = p.get("only") === "accountability";
    state.labels = p.get("labels") === "on" ? true : p.get("labels") === "off" ? false : null;
    if (FILTER_AREAS) {  // "area=national": no local area, only the national bodies
      var asked = p.getAll("area"), areas = AREAS.filter(function (a) { return asked.indexOf(a) >= 0; });
      state.areas = areas.length ? areas : asked.indexOf(NATIONAL) >= 0 ? [] : AREAS.slice();
    }
  }
  function writeHash() {
    var p = new URLSearchParams();
    p.set("mode", state.mode);
    if (state.focus && state.focus !== META.focus) p.set("focus", state.focus);
    if (state.depth !== (META.focus ? META.depth : DEFAULT_DEPTH)) p.set("depth", String(state.depth));
    if (state.day && !META.as_of) p.set("date", state.day);
    if (state.mode === "change" && state.change) p.set("change", state.change);
    if (state.mode === "change" && state.side !== "both") p.set("side", state.side);
    var types = Object.keys(state.types).filter(function (t) { return state.types[t]; });
    if (Object.keys(state.types).some(function (t) { return state.types[t] !== DEFAULT_TYPES[t]; })) p.set("types", types.join(","));
    var off = Object.keys(state.kinds).filter(function (k) { return !state.kinds[k]; });
    if (off.length) p.set("off", off.join(","));
    if (!allAreas()) {
      if (state.areas.length) state.areas.forEach(function (a) { p.append("area", a); });
      else p.set("area", NATIONAL);
    }
    if (state.hidePeople) p.set("people", "hide");
    if (state.accountability) p.set("only", "accountability");
    if (state.labels !== null) p.set("labels", state.labels ? "on" : "off");
    var hash = "#" + p.toString();
    if (location.hash !== hash) history.replaceState(null, "", hash);
  }

  /* ---- the network (force-directed), made when first shown ------------------------ */

  var net = null;  // { network, nodes, edges, shownNodes, shownEdges, big }
  function labelsOn() { return state.labels !== null ? state.labels : state.mode === "network" && !(net && net.big); }

  function networkVisible() {
    var nodes = new Set(), edges = new Set();
    DATA.nodes.forEach(function (n) {
      if (!state.types[n.type]) return;
      if (state.hidePeople && n.type === "person") return;
      if (!inArea(n)) return;
      if (!holds(n, state.day)) return;
      nodes.add(n.id);
    });
    DATA.edges.forEach(function (e) {
      if (!state.kinds[e.kind]) return;
      if (state.accountability && !STYLES.edges[e.kind].accountability) return;
      if (!holds(e, state.day)) return;
      if (nodes.has(e.from) && nodes.has(e.to)) edges.add(e.id);
    });
    if (state.accountability) {
      var linked = new Set();
      edges.forEach(function (id) { linked.add(EDGE_BY_ID[id].from); linked.add(EDGE_BY_ID[id].to); });
      nodes = linked;
    }
    return { nodes: nodes, edges: edges };
  }

  function makeNetwork() {
    var shown = networkVisible();
    var big = shown.nodes.size > META.warn_nodes;
    var pairCount = {};
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
    function visEdge(e) {
      var s = STYLES.edges[e.kind];
      var pair = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from;
      var k = pairCount[pair] = (pairCount[pair] || 0) + 1;
      var item = {
        id: e.id, from: e.from, to: e.to, label: edgeLabel(e), width: s.width,
        color: { color: e.disputed.length ? "#862e9c" : s.color, highlight: "#e67700", hover: "#e67700" },
        dashes: e.disputed.length ? [10, 3, 2, 3] : e.planned ? [6, 5] : false, arrows: { to: { enabled: true, scaleFactor: 0.5 } }
      };
      // Several lines between one pair: bend each a little more so all stay visible.
      item.smooth = k === 1 ? false : { enabled: true, type: k % 2 ? "curvedCW" : "curvedCCW", roundness: 0.15 * Math.ceil(k / 2) };
      return item;
    }
    var nodes = new vis.DataSet(DATA.nodes.map(visNode));
    var edges = new vis.DataSet();
    net = { nodes: nodes, edges: edges, shownNodes: shown.nodes, shownEdges: shown.edges, big: big, placed: new Set(), done: false };
    edges.add(DATA.edges.map(visEdge));
    net.labels = labelsOn();
    var nodeView = new vis.DataView(nodes, { filter: function (item) { return net.shownNodes.has(item.id); } });
    var edgeView = new vis.DataView(edges, { filter: function (item) { return net.shownEdges.has(item.id); } });
    net.nodeView = nodeView;
    net.edgeView = edgeView;
    var network = net.network = new vis.Network($("network"), { nodes: nodeView, edges: edgeView }, {
      autoResize: true,
      layout: { randomSeed: 7, improvedLayout: shown.nodes.size <= 150 },
      nodes: { font: { size: 14, face: FONT_FACE }, margin: 6 },
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
      if (net.done) return;
      net.done = true;
      network.setOptions({ physics: { enabled: false } });
      var positions = network.getPositions();
      nodes.update(Object.keys(positions).map(function (id) {
        net.placed.add(id);
        return { id: id, x: positions[id].x, y: positions[id].y };
      }));
      network.fit({ animation: false });
      if (state.mode === "network") show();
      ready();
    }
    // A large network gets a time budget for its layout rather than a fixed number of
    // steps, so that it becomes usable quickly on a slow machine too.
    var started = performance.now();
    network.on("stabilizationProgress", function () {
      if (performance.now() - started > LAYOUT_BUDGET_MS) network.stopSimulation();
    });
    network.once("stabilizationIterationsDone", freeze);
    network.once("stabilized", freeze);
    network.on("click", onClick);
    if (shown.nodes.size === 0) freeze();
  }

  function placeNewNodes() {
    // Nodes never laid out (e.g. documents shown later) start beside their neighbours,
    // so the frozen layout of the others does not move.
    var updates = [];
    net.shownNodes.forEach(function (id) {
      if (net.placed.has(id)) return;
      var xs = 0, ys = 0, n = 0;
      DATA.edges.forEach(function (e) {
        var other = e.from === id ? e.to : e.to === id ? e.from : null;
        if (other && net.placed.has(other)) { var p = net.nodes.get(other); xs += p.x; ys += p.y; n += 1; }
      });
      var angle = net.placed.size * 2.399963;
      updates.push({ id: id, x: (n ? xs / n : 0) + 80 * Math.cos(angle), y: (n ? ys / n : 0) + 80 * Math.sin(angle) });
      net.placed.add(id);
    });
    if (updates.length) net.nodes.update(updates);
  }

  function showNetwork() {
    if (!net) { makeNetwork(); return; }
    var shown = networkVisible();
    net.shownNodes = shown.nodes;
    net.shownEdges = shown.edges;
    if (net.done) placeNewNodes();
    if (net.labels !== labelsOn()) {  // relabelling thousands of lines is not free
      net.labels = labelsOn();
      net.edges.update(DATA.edges.map(function (e) { return { id: e.id, label: edgeLabel(e) }; }));
    }
    net.nodeView.refresh();
    net.edgeView.refresh();
  }

  function edgeLabel(e) {
    if (!labelsOn()) return "";
    return (e.disputed.length ? "disputed: " : "") + e.label;
  }

  /* ---- the charts: structure, and before and after a change ---------------------- */

  var chartNodes = new vis.DataSet(), chartEdges = new vis.DataSet();
  var chart = new vis.Network($("chart"), { nodes: chartNodes, edges: chartEdges }, {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false },
    nodes: { shape: "box", font: { size: FONT_SIZE, face: FONT_FACE, color: "#1c1c1c" }, margin: MARGIN },
    edges: { font: { size: 11, align: "middle", color: "#333", strokeWidth: 0, background: "rgba(255,255,255,0.9)" },
             smooth: { enabled: true, type: "cubicBezier", forceDirection: "vertical", roundness: 0.45 },
             selectionWidth: 2, hoverWidth: 1 },
    interaction: { hover: true, tooltipDelay: 300, multiselect: false, keyboard: false }
  });
  chart.on("click", function (params) {
    selectedElbow = null;
    if (!params.nodes.length && !params.edges.length) {
      selectedElbow = elbowAt(params.pointer.canvas);
      chart.redraw();
      if (selectedElbow) showEdge(selectedElbow.item.ids);
      return;
    }
    chart.redraw();
    onClick(params);
  });
  chart.on("doubleClick", function (params) { if (params.nodes.length) focusOn(params.nodes[0]); });
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = FONT_SIZE + "px " + FONT_FACE;

  // The chart's lines and boxes as last drawn, for the table, the PNG and the tests.
  var drawn = { nodes: [], lines: [], layer: {}, states: {} };

  // Where a line places its two ends ("up": its target above its source), and which
  // way its arrow points: to whom the lower one answers, for lines of accountability.
  function placing(e) {
    var s = STYLES.edges[e.kind];
    if (e.planned && state.mode !== "change") return null;  // drawn, but not yet part of the structure
    if (s.place === "up") return { lower: e.from, upper: e.to };
    if (s.place === "down") return { lower: e.to, upper: e.from };
    return null;
  }
  // The lines that place, as the layout takes them; a lower rank is a stronger line.
  function placingLines(lines) {
    return lines.map(function (e) {
      var p = placing(e);
      return p && { lower: p.lower, upper: p.upper, rank: KIND_RANK[e.kind] };
    }).filter(Boolean);
  }
  function arrow(e) {
    var s = STYLES.edges[e.kind];
    if (s.answers === "down") return { from: e.to, to: e.from, label: s.inverse };
    return { from: e.from, to: e.to, label: e.label };
  }

  function entityShown(id) {
    var n = NODE_BY_ID[id];
    return n && n.type !== "document" && state.types[n.type] && holds(n, state.day) && inArea(n);
  }
  // The entity the structure is focused on, unless filters, the date or the areas hide it.
  function focusShown() { return state.focus && entityShown(state.focus) ? state.focus : null; }

  function structureModel() {
    var chartLines = [], people = [];
    DATA.edges.forEach(function (e) {
      if (!state.kinds[e.kind] || !holds(e, state.day) || !entityShown(e.from) || !entityShown(e.to)) return;
      var peopleEnds = PEOPLE[NODE_BY_ID[e.from].type] || PEOPLE[NODE_BY_ID[e.to].type];
      if (STYLES.edges[e.kind].answers && !peopleEnds) chartLines.push(e);
      else if (peopleEnds && (PEOPLE_LINES[e.kind] || STYLES.edges[e.kind].answers)) people.push(e);
    });
    var all = new Set();
    chartLines.forEach(function (e) { all.add(e.from); all.add(e.to); });
    var ids = Array.from(all).sort(function (a, b) { return norm(label(a)).localeCompare(norm(label(b))) || (a < b ? -1 : 1); });
    var shape = GovgraphLayout.layers(ids, placingLines(chartLines));
    var ups = {}, downs = {};
    shape.kept.forEach(function (l) {
      (ups[l.lower] = ups[l.lower] || []).push(l.upper);
      (downs[l.upper] = downs[l.upper] || []).push(l.lower);
    });
    var visible = new Set();
    function climb(id) {
      if (visible.has(id)) return;
      visible.add(id);
      (ups[id] || []).forEach(climb);
    }
    if (focusShown()) {
      // The focus, its people and posts, the structure above it and `depth` layers below.
      var near = new Set([state.focus]);
      people.concat(chartLines).forEach(function (e) {
        if (e.from === state.focus) near.add(e.to);
        if (e.to === state.focus) near.add(e.from);
      });
      people.forEach(function (e) {  // who holds the posts found
        if (e.kind === "appointment" && near.has(e.to) && NODE_BY_ID[e.to].type === "post" && e.to !== state.focus) near.add(e.from);
      });
      people.forEach(function (e) {  // and the organisation of each post found
        if (e.kind === "post-of" && near.has(e.from) && e.from !== state.focus) near.add(e.to);
      });
      near.forEach(function (id) { if (PEOPLE[NODE_BY_ID[id].type]) visible.add(id); else climb(id); });
      visible.add(state.focus);
      var level = [state.focus];
      for (var d = 0; d < state.depth && level.length; d++) {
        var next = [];
        level.forEach(function (id) {
          (downs[id] || []).forEach(function (c) { if (!visible.has(c)) { visible.add(c); next.push(c); } });
        });
        level = next;
      }
    } else {
      all.forEach(function (id) { if (shape.layer[id] < state.depth) visible.add(id); });
    }
    var lines = chartLines.concat(people).filter(function (e) { return visible.has(e.from) && visible.has(e.to); });
    var below = {};
    shape.kept.forEach(function (l) {
      if (visible.has(l.upper) && !visible.has(l.lower)) (below[l.upper] = below[l.upper] || new Set()).add(l.lower);
    });
    return { nodes: Array.from(visible), lines: lines, below: below, states: {}, lineStates: {} };
  }

  function changeModel() {
    var c = CHANGE_BY_ID[state.change];
    if (!c || !changeInArea(c)) return { nodes: [], lines: [], below: {}, states: {}, lineStates: {}, layoutNodes: [], layoutLines: [] };
    var keepNode = { both: null, before: "started", after: "ended" }[state.side];
    var keepLine = { both: {}, before: { added: 1, change: 1 }, after: { removed: 1, change: 1 } }[state.side];
    var all = Object.keys(c.nodes), allLines = Object.keys(c.lines).map(function (id) { return EDGE_BY_ID[id]; });
    function shown(id) { return inArea(NODE_BY_ID[id]); }
    return {
      nodes: all.filter(function (id) { return c.nodes[id] !== keepNode && shown(id); }),
      lines: allLines.filter(function (e) { return !keepLine[c.lines[e.id]] && shown(e.from) && shown(e.to); }),
      below: {}, states: c.nodes, lineStates: c.lines,
      // Laid out as the union of both days, so that boxes stay put from one day to the other.
      layoutNodes: all, layoutLines: allLines
    };
  }

  function nodeItem(id, model) {
    var n = NODE_BY_ID[id], s = STYLES.nodes[n.type], st = model.states[id];
    var lines = GovgraphLayout.wrap(measure, n.label, LABEL_WIDTH);
    var hidden = model.below[id] ? model.below[id].size : 0;
    if (hidden) lines.push("+" + hidden + " below");
    if (st === "ended") lines.push("(ended)");
    if (st === "started") lines.push("(new)");
    var width = lines.reduce(function (m, l) { return Math.max(m, measure.measureText(l).width); }, 0);
    var border = st === "ended" ? "#c92a2a" : st === "started" ? "#2b8a3e" : s.border;
    var radius = n.type === "organisation" ? 0 : 3;
    return {
      id: id, label: lines.join("\n"),
      color: { background: s.fill, border: border, highlight: { background: "#fff3bf", border: "#e67700" },
               hover: { background: s.fill, border: "#e67700" } },
      borderWidth: st === "started" ? 4 : st === "ended" ? 2 : n.planned ? 2 : 1,
      shapeProperties: { borderDashes: st === "ended" || n.planned ? [5, 4] : false, borderRadius: radius },
      // vis-network counts the corner radius into a box's bounding box on every side;
      // the layout does too, so that no two bounding boxes overlap.
      text: Math.ceil(width),
      w: Math.ceil(width) + MARGIN.left + MARGIN.right + 2 * radius, h: lines.length * LINE_HEIGHT + MARGIN.top + MARGIN.bottom + 2 * radius,
      key: norm(n.label)
    };
  }

  function edgeItems(lines, states) {
    // One drawn line per pair and direction: several statements between the same two
    // entities ("reports to" and "accountable to") share it, each still in the table.
    var byPair = {};
    lines.forEach(function (e) {
      var a = arrow(e), key = a.from + "\u0000" + a.to + "\u0000" + (states[e.id] || "");
      var item = byPair[key];
      if (!item) {
        item = byPair[key] = { id: "line:" + key, from: a.from, to: a.to, ids: [], labels: [], kinds: [] };
      }
      item.ids.push(e.id);
      if (item.labels.indexOf(a.label) < 0) item.labels.push(a.label);
      item.kinds.push(e.kind);
    });
    return Object.keys(byPair).sort().map(function (key) {
      var item = byPair[key], first = EDGE_BY_ID[item.ids[0]];
      var kind = item.kinds.slice().sort(function (a, b) { return KIND_RANK[a] - KIND_RANK[b]; })[0];
      var s = STYLES.edges[kind], st = STYLES.changes[states[first.id]];
      var disputed = item.ids.some(function (id) { return EDGE_BY_ID[id].disputed.length; });
      var planned = item.ids.every(function (id) { return EDGE_BY_ID[id].planned; });
      var text = (disputed ? "disputed: " : "") + (st && st.id !== "kept" && st.id !== "change" ? st.id + ": " : "") + item.labels.join(" / ");
      return {
        id: item.id, from: item.from, to: item.to, ids: item.ids,
        label: labelsOn() ? text : undefined,
        width: st ? st.width : s.width,
        color: { color: disputed ? "#862e9c" : st ? st.color : s.color, highlight: "#e67700", hover: "#e67700" },
        dashes: disputed ? [10, 3, 2, 3] : st ? st.dashes : planned ? [6, 5] : false,
        arrows: { to: { enabled: true, scaleFactor: 0.55 } }
      };
    });
  }

  function drawChart() {
    var model = state.mode === "change" ? changeModel() : structureModel();
    var layoutNodes = model.layoutNodes || model.nodes, layoutLines = model.layoutLines || model.lines;
    var items = {};
    layoutNodes.forEach(function (id) { items[id] = nodeItem(id, model); });
    var frame = $("chart"), cached = state.mode === "change" ? changeLayouts[state.change] : null;
    var layout = cached || GovgraphLayout.layered(
      layoutNodes.map(function (id) { return items[id]; }),
      placingLines(layoutLines),
      Math.max(frame.clientWidth, 200), Math.max(frame.clientHeight, 200),
      // The overview must stay legible; a change or a focus has room to keep tops at the top.
      state.mode === "change" || state.focus ? 0.2 : 0
    );
    // A change is laid out once, for both days: switching days moves no box.
    if (state.mode === "change") changeLayouts[state.change] = layout;
    var nodes = model.nodes.map(function (id) {
      var it = items[id];
      return {
        id: id, label: it.label, color: it.color, borderWidth: it.borderWidth, shapeProperties: it.shapeProperties,
        x: layout.pos[id].x, y: layout.pos[id].y, widthConstraint: { minimum: it.text }
      };
    });
    var edges = edgeItems(model.lines, model.lineStates);
    // Each box hangs from its parent in the layout by an elbow connector drawn on the
    // canvas (the line between the two, or the first of them); other lines are curves.
    var byPair = {}, shownSet = new Set(model.nodes);
    edges.forEach(function (e) {
      var key = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from;
      (byPair[key] = byPair[key] || []).push(e);
    });
    elbows = [];
    selectedElbow = null;
    layout.links.forEach(function (l) {
      if (!shownSet.has(l.child) || !shownSet.has(l.parent)) return;
      var key = l.child < l.parent ? l.child + "\u0000" + l.parent : l.parent + "\u0000" + l.child;
      var item = (byPair[key] || []).find(function (e) { return !e.elbow; });
      if (!item) return;
      item.elbow = true;
      var c = layout.pos[l.child], p = layout.pos[l.parent];
      item.points = [[c.x, c.y]].concat(l.points, [[p.x, p.y]]);
      elbows.push({ item: item, points: item.points });
    });
    chartNodes.clear();
    chartEdges.clear();
    chartNodes.add(nodes);
    chartEdges.add(edges.filter(function (e) { return !e.elbow; }));
    drawn = { layout: layout, nodes: model.nodes, lines: model.lines, layer: layout.layer, states: model.states, lineStates: model.lineStates, edges: edges };
    fitChart();
  }

  var elbows = [], selectedElbow = null, changeLayouts = {};
  chart.on("beforeDrawing", function (ctx) {
    elbows.forEach(function (elbow) {
      var item = elbow.item, on = elbow === selectedElbow;
      ctx.save();
      ctx.strokeStyle = on ? "#e67700" : item.color.color;
      ctx.lineWidth = on ? item.width + 2 : item.width;
      ctx.setLineDash(item.dashes || []);
      ctx.lineJoin = "round";
      ctx.beginPath();
      elbow.points.forEach(function (q, i) { if (i) ctx.lineTo(q[0], q[1]); else ctx.moveTo(q[0], q[1]); });
      ctx.stroke();
      ctx.restore();
    });
  });
  // The connector under a point of the canvas, if any (within a few screen pixels).
  function elbowAt(point) {
    var reach = 5 / chart.getScale(), found = null;
    elbows.forEach(function (elbow) {
      for (var i = 1; i < elbow.points.length; i++) {
        var a = elbow.points[i - 1], b = elbow.points[i];
        var dx = b[0] - a[0], dy = b[1] - a[1], len = dx * dx + dy * dy;
        var t = len ? Math.max(0, Math.min(1, ((point.x - a[0]) * dx + (point.y - a[1]) * dy) / len)) : 0;
        var ex = a[0] + t * dx - point.x, ey = a[1] + t * dy - point.y;
        if (ex * ex + ey * ey <= reach * reach) found = elbow;
      }
    });
    return found;
  }

  // Fit the laid-out chart to its frame (centred on the origin, as the layout leaves
  // it), but never magnify a small chart beyond 1.25 times life size.
  function fitChart() {
    var frame = $("chart"), layout = drawn.layout;
    var scale = Math.min(frame.clientWidth / Math.max(layout.width, 1), frame.clientHeight / Math.max(layout.height, 1)) * 0.98;
    chart.moveTo({ position: { x: 0, y: 0 }, scale: Math.min(scale, 1.25), animation: false });
  }

  /* ---- showing the current mode ----------------------------------------------------- */

  function show() {
    var mode = state.mode;
    syncChanges();
    document.body.setAttribute("data-mode", mode);
    MODES.forEach(function (m) { $("mode-" + m).checked = m === mode; });
    $("chart").hidden = mode === "network";
    $("network").hidden = mode !== "network";
    $("structure-controls").hidden = mode !== "structure";
    $("change-controls").hidden = mode !== "change";
    $("network-controls").hidden = mode !== "network";
    $("time").hidden = mode === "change";
    $("edge-labels").checked = labelsOn();
    $("depth").value = String(state.depth);
    $("unfocus").hidden = !state.focus || !!META.focus;
    var shownCount;
    if (mode === "network") {
      showNetwork();
      shownCount = net.shownNodes.size;
      $("status").textContent = net.done
        ? shownCount + " nodes, " + net.shownEdges.size + " lines shown" + (state.day ? " as of " + state.day : "") + "."
        : "Laying out the network...";
    } else {
      drawChart();
      shownCount = drawn.nodes.length;
      $("status").textContent = mode === "change" ? changeStatus() : structureStatus();
      if (mode === "change") showChangeSummary();
    }
    var warning = $("warning");
    if (shownCount > META.warn_nodes) {
      warning.textContent = "Showing " + shownCount + " nodes: more than " + META.warn_nodes + " are hard to read and slow to move. " +
        "Try Hide people, Accountability only, fewer entity types, a date, a smaller depth, or govgraph view --focus NAME --depth 2.";
      warning.hidden = false;
    } else {
      warning.hidden = true;
    }
    updateTitle();
    writeHash();
    if (!$("lines").hidden) fillTable();
  }

  function structureStatus() {
    var when = state.day ? " as of " + state.day : "";
    var text = drawn.nodes.length + " entities, " + drawn.lines.length + " lines" + when + ". ";
    if (focusShown()) return text + "Around " + label(state.focus) + ": the structure above it, " + state.depth + " layer(s) below it, and its people and posts.";
    return text + "The top " + state.depth + " layers of each structure: each box hangs below the one it reports, " +
      "answers or belongs to; curved lines cross structures, their arrows pointing to whom an entity answers. " +
      "People and posts appear when you focus an entity (double-click, search, or the button on its card).";
  }

  function changeStatus() {
    var c = CHANGE_BY_ID[state.change];
    if (!c) return "No change events recorded.";
    if (!changeInArea(c)) return "No change event recorded in the areas chosen.";
    var counts = { removed: 0, added: 0, kept: 0 };
    Object.keys(c.lines).forEach(function (id) { if (counts[c.lines[id]] !== undefined) counts[c.lines[id]] += 1; });
    return counts.removed + " lines end, " + counts.added + " start, " + counts.kept + " continue (" +
      { both: "both days", before: "the day before", after: "the day after" }[state.side] + " shown).";
  }

  function basisText(c) {
    if (c.basis === "dated") return "In force on " + c.day_after + ": the day before is " + c.day_before + ".";
    var planned = c.planned ? "Planned" : "Recorded as made";
    if (c.basis === "planned") return planned + ", from " + c.day_after + "; drawn as if in force from that day.";
    return planned + "; the documents give no date, so it is drawn as if made the day after the latest document (" +
      c.day_before + "): before is the structure the documents describe, after the same with the change made.";
  }

  function showChangeSummary() {
    var c = CHANGE_BY_ID[state.change], box = $("change-summary");
    clear(box);
    SIDES.forEach(function (s) { $("side-" + s).checked = s === state.side; });
    if (!c || !changeInArea(c)) return;
    $("change-select").value = c.id;
    box.appendChild(el("p", "basis", basisText(c)));
    var days = el("p", "days");
    days.appendChild(el("span", null, "Day before: " + c.day_before + ". Day after: " + c.day_after + "."));
    box.appendChild(days);
    var lines = Object.keys(c.lines).filter(function (id) { return c.lines[id] !== "change"; });
    if (!lines.length) box.appendChild(el("p", "note", "No line of accountability is recorded around this change."));
  }

  function updateTitle() {
    var title;
    var c = CHANGE_BY_ID[state.change];
    if (state.mode === "change" && c && changeInArea(c)) title = "Before and after: " + c.label;
    else if (META.focus) title = "Around " + label(META.focus) + " (depth " + META.depth + ")";
    else if (state.mode === "structure") title = focusShown() ? "Structure around " + label(state.focus) : "Structure of accountability";
    else title = "Network of every entity and line";
    // The areas shown, when not all: the title heads the table of lines and the PNG too.
    if (META.area) title += " (" + META.area + ")";
    else if (!allAreas()) title += " (" + (state.areas.length ? state.areas.join(", ") : "national bodies only") + ")";
    $("title").textContent = title;
    document.title = "govgraph: " + title;
  }

  /* ---- ready ------------------------------------------------------------------------- */

  var isReady = false;
  function ready() {
    if (isReady) return;
    isReady = true;
    window.govgraph.readyMs = performance.now();
    document.body.setAttribute("data-ready", "true");
  }

  /* ---- details: an entity's card, a line's facts -------------------------------------- */

  var details = $("details");
  function dates(item) {
    var parts = [];
    if (item.start) parts.push("from " + item.start);
    if (item.end) parts.push("until " + item.end);
    return parts.join(" ");
  }
  function quoteBlock(parent, i) {
    var q = DATA.quotes[i], doc = DATA.documents[q.doc];
    parent.appendChild(el("blockquote", "quote", q.quote));
    var where = doc ? doc.title + ", " + doc.date : q.doc;
    parent.appendChild(el("p", "cite", where + (q.line ? ", line " + q.line : "")));
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
    f.quotes.forEach(function (i) { quoteBlock(box, i); });
    return box;
  }
  function openDetails(heading) {
    clear(details);
    details.hidden = false;
    var top = el("div", "details-top");
    top.appendChild(el("h2", null, heading));
    top.appendChild(button("Close", function () { details.hidden = true; }, "close"));
    details.appendChild(top);
  }
  function showNode(id) {
    var n = NODE_BY_ID[id];
    if (!n) return;
    openDetails(n.label);
    var meta = n.type.charAt(0).toUpperCase() + n.type.slice(1) + (n.kind !== n.type ? ": " + n.kind.replace(/-/g, " ") : "");
    var when = dates(n), area = FILTER_AREAS && n.type !== "document" ? "; area: " + n.area : "";
    details.appendChild(el("p", "meta", meta + (when ? ", exists " + when : "") + (n.planned ? ", planned" : "") + area));
    var shownNow = state.mode === "network" ? net && net.shownNodes.has(id) : drawn.nodes.indexOf(id) >= 0;
    if (!shownNow) details.appendChild(el("p", "note", "Hidden by the current filters, date or depth."));
    if (n.type !== "document" && !(state.mode === "structure" && state.focus === id)) {
      details.appendChild(button("Focus the chart on " + n.label, function () { focusOn(id); }, "focus-button"));
    }
    if (n.type === "document") { n.facts.forEach(function (i) { details.appendChild(factBlock(DATA.facts[i])); }); return; }
    var rows = DATA.cards[id] || [], section = null, box = null;
    rows.forEach(function (row) {
      if (row.section !== section) {
        section = row.section;
        box = el("section", "card-section" + (/^disputed/.test(section) ? " disputed" : ""));
        box.appendChild(el("h3", null, section));
        details.appendChild(box);
      }
      var item = el("div", "card-row");
      var what = el("p", "what");
      if (row.id && NODE_BY_ID[row.id] && row.id !== id) {
        what.appendChild(button(row.what, function () { select(row.id); }, "link"));
      } else if (row.id && CHANGE_BY_ID[row.id]) {  // a change it takes part in: its before and after
        what.appendChild(button(row.what, function () { state.mode = "change"; state.change = row.id; show(); }, "link"));
      } else {
        what.textContent = row.what;
      }
      item.appendChild(what);
      var q = [];
      if (row.planned) q.push("Planned, not in force.");
      if (dates(row)) q.push("Holds " + dates(row) + ".");
      if (q.length) item.appendChild(el("p", "qualifiers", q.join(" ")));
      row.quotes.forEach(function (i) { quoteBlock(item, i); });
      box.appendChild(item);
    });
    if (n.glossary.length) {
      var g = el("section", "card-section");
      g.appendChild(el("h3", null, "glossary"));
      n.glossary.forEach(function (i) { g.appendChild(factBlock(DATA.facts[i])); });
      details.appendChild(g);
    }
  }
  function showEdge(ids) {
    var first = EDGE_BY_ID[ids[0]];
    if (!first) return;
    openDetails(ids.length > 1
      ? label(first.from) + " \u2194 " + label(first.to)
      : label(first.from) + " \u2192 " + first.label + " \u2192 " + label(first.to));
    ids.forEach(function (id) {
      var e = EDGE_BY_ID[id], when = dates(e), st = state.mode === "change" ? drawn.lineStates[id] : null;
      var meta = STYLES.edges[e.kind].label + (e.planned ? ", planned" : "") + (when ? ", shown " + when : "");
      if (st) meta += ". " + STYLES.changes[st].label.charAt(0).toUpperCase() + STYLES.changes[st].label.slice(1);
      details.appendChild(el("p", "meta", meta));
      if (e.disputed.length) {
        details.appendChild(el("p", "disputed-note", "The documents disagree about this line: " + e.disputed.join(", ") + " (each claim below, with its quote)."));
      }
      e.facts.forEach(function (i) { details.appendChild(factBlock(DATA.facts[i])); });
    });
  }
  function onClick(params) {
    if (params.nodes.length) { showNode(params.nodes[0]); return; }
    if (!params.edges.length) return;
    var id = params.edges[0];
    if (state.mode === "network") showEdge([id]);
    else showEdge(chartEdges.get(id).ids);
  }

  /* ---- focus and search ----------------------------------------------------------------- */

  function activeNetwork() { return state.mode === "network" ? net && net.network : chart; }
  function isShown(id) {
    return state.mode === "network" ? net.shownNodes.has(id) : drawn.nodes.indexOf(id) >= 0;
  }
  // Focus the structure chart on an entity: its people and posts, the structure above
  // it and the layers below (from any mode: the card's button leads here).
  function focusOn(id) {
    if (!NODE_BY_ID[id] || NODE_BY_ID[id].type === "document") return;
    state.mode = "structure";
    state.focus = id;
    show();
    select(id);
  }
  function select(id) {
    var network = activeNetwork();
    if (state.mode === "structure" && !isShown(id) && NODE_BY_ID[id].type !== "document" && state.focus !== id) {
      focusOn(id);
      return;
    }
    if (network && isShown(id)) {
      network.selectNodes([id]);
      if (state.mode === "network") network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300 } });
    } else if (network) {
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
    // What the areas chosen hold comes first: "CDRP" finds the panel of the area shown.
    hits = hits.filter(inArea).concat(hits.filter(function (n) { return !inArea(n); }));
    if (!hits.length) { results.appendChild(el("p", "note", "No entity matches \u201c" + query + "\u201d.")); return; }
    pick(hits[0].id);
    if (hits.length > 1) {
      results.appendChild(el("p", "note", hits.length + " matches:"));
      hits.slice(0, 20).forEach(function (n) { results.appendChild(button(n.label, function () { pick(n.id); })); });
    }
  }
  // A search result: in the structure chart it becomes the focus; elsewhere it is selected.
  function pick(id) {
    if (state.mode === "change" && drawn.nodes.indexOf(id) < 0) state.mode = "structure";
    if (state.mode === "structure" && NODE_BY_ID[id].type !== "document") focusOn(id);
    else select(id);
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

  /* ---- filters and legend ------------------------------------------------------------- */

  function countBy(items, key) {
    var out = {};
    items.forEach(function (i) { out[i[key]] = (out[i[key]] || 0) + 1; });
    return out;
  }
  var typeBoxes = {}, kindBoxes = {};
  function legendRow(parent, mark, text, count, onChange) {
    var row = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.addEventListener("change", function () { onChange(box.checked); show(); });
    row.appendChild(box);
    if (mark) row.appendChild(mark);
    row.appendChild(el("span", null, text));
    row.appendChild(el("span", "count", count));
    parent.appendChild(row);
    return box;
  }
  var typeCounts = countBy(DATA.nodes, "type");
  DATA.styles.nodes.forEach(function (s) {
    var t = s.id, mark = el("span", "swatch " + s.shape);
    mark.style.backgroundColor = s.fill;
    mark.style.borderColor = s.border;
    var box = legendRow($("node-types"), mark, s.label, typeCounts[t] || 0, function (on) { state.types[t] = on; });
    box.setAttribute("data-type", t);
    typeBoxes[t] = box;
  });
  var kindCounts = countBy(DATA.edges, "kind");
  DATA.styles.edges.forEach(function (s) {
    var k = s.id;
    if (!kindCounts[k]) return;
    var mark = el("span", "line");
    mark.style.borderTopColor = s.color;
    var box = legendRow($("edge-kinds"), mark, s.label, kindCounts[k], function (on) { state.kinds[k] = on; });
    box.setAttribute("data-kind", k);
    kindBoxes[k] = box;
  });
  // Areas, counted in a Map: an area's name is data, never a property name.
  var areaBoxes = [];
  if (FILTER_AREAS) {
    var areaCounts = new Map();
    DATA.nodes.forEach(function (n) { if (n.type !== "document") areaCounts.set(n.area, (areaCounts.get(n.area) || 0) + 1); });
    AREAS.forEach(function (a) {
      var box = legendRow($("areas"), null, a, areaCounts.get(a) || 0, function (on) {
        state.areas = AREAS.filter(function (b) { return b === a ? on : state.areas.indexOf(b) >= 0; });
      });
      box.setAttribute("data-area", a);
      areaBoxes.push(box);
    });
    $("areas").appendChild(el("p", "note", "National bodies (" + (areaCounts.get(NATIONAL) || 0) + ") are shown with any area."));
    $("areas").hidden = false;
  }
  function legendNote(parent, dashed, color, text) {
    var p = el("p", "note"), mark = el("span", "line" + (dashed ? " dashed" : ""));
    mark.style.borderTopColor = color;
    p.appendChild(mark);
    p.appendChild(document.createTextNode(" " + text));
    parent.appendChild(p);
  }
  legendNote($("edge-kinds"), true, "#555", "dashed: planned, not yet in force");
  legendNote($("edge-kinds"), true, "#862e9c", "purple, dash-dot: the documents disagree about it");
  DATA.styles.changes.forEach(function (s) {
    legendNote($("change-legend"), !!s.dashes, s.color, s.label);
  });
  legendNote($("change-legend"), true, "#862e9c", "purple, dash-dot: the documents disagree about it");

  function syncControls() {
    Object.keys(typeBoxes).forEach(function (t) { typeBoxes[t].checked = state.types[t]; });
    Object.keys(kindBoxes).forEach(function (k) { kindBoxes[k].checked = state.kinds[k]; });
    areaBoxes.forEach(function (box, i) { box.checked = state.areas.indexOf(AREAS[i]) >= 0; });
    $("hide-people").checked = state.hidePeople;
    $("accountability-only").checked = state.accountability;
    syncTime();
  }
  function toggle(id, key) {
    $(id).addEventListener("change", function () { state[key] = $(id).checked; show(); });
  }
  toggle("hide-people", "hidePeople");
  toggle("accountability-only", "accountability");
  $("edge-labels").addEventListener("change", function () { state.labels = $("edge-labels").checked; show(); });

  $("mode-change").disabled = !DATA.changes.length;
  MODES.forEach(function (m) {
    $("mode-" + m).addEventListener("change", function () { if ($("mode-" + m).checked) { state.mode = m; show(); } });
  });
  SIDES.forEach(function (s) {
    $("side-" + s).addEventListener("change", function () { if ($("side-" + s).checked) { state.side = s; show(); } });
  });
  $("depth").addEventListener("change", function () {
    var d = Number($("depth").value);
    if (Number.isInteger(d) && d >= 1 && d <= 20) { state.depth = d; show(); }
  });
  $("unfocus").addEventListener("click", function () { state.focus = null; chart.unselectAll(); show(); });
  var changeSelect = $("change-select");
  DATA.changes.forEach(function (c) {
    var option = document.createElement("option");
    option.value = c.id;
    option.textContent = (c.date || (c.planned ? "planned" : "undated")) + ": " + c.label;
    changeSelect.appendChild(option);
  });
  changeSelect.addEventListener("change", function () { state.change = changeSelect.value; show(); });
  // Only the change events of the areas chosen are offered; if the one shown is not
  // among them, the first that is takes its place.
  function syncChanges() {
    Array.prototype.forEach.call(changeSelect.options, function (option) {
      option.hidden = option.disabled = !changeInArea(CHANGE_BY_ID[option.value]);
    });
    if (state.mode !== "change") return;
    var offered = DATA.changes.filter(changeInArea);
    if (offered.length && !offered.some(function (c) { return c.id === state.change; })) state.change = offered[0].id;
  }
  $("change-evidence").addEventListener("click", showChange);
  function showChange() {
    var c = CHANGE_BY_ID[state.change];
    if (!c || !changeInArea(c)) return;
    openDetails(c.label);
    details.appendChild(el("p", "meta", c.kind + (c.planned ? ", planned" : "") + ". " + basisText(c)));
    c.facts.forEach(function (i) { details.appendChild(factBlock(DATA.facts[i])); });
  }

  /* ---- time ------------------------------------------------------------------------------ */

  var all = $("asof-all"), slider = $("asof-slider"), picker = $("asof-date"), dayLabel = $("asof-label");
  function syncTime() {
    if (META.as_of) return;
    all.checked = !state.day;
    slider.disabled = picker.disabled = !state.day || !DATA.dates.length;
    if (state.day) {
      picker.value = state.day;
      var i = DATA.dates.filter(function (d) { return d <= state.day; }).length - 1;
      slider.value = String(Math.max(i, 0));
    }
    dayLabel.textContent = state.day ? "as of " + state.day : DATA.dates.length ? "everything recorded" : "no dated facts";
  }
  function setDay(day) { state.day = day; syncTime(); show(); }
  if (META.as_of) {
    all.checked = false;
    all.disabled = true;
    dayLabel.textContent = "as of " + META.as_of + " (fixed)";
  } else if (DATA.dates.length) {
    slider.max = String(DATA.dates.length - 1);
    slider.value = slider.max;
    picker.min = DATA.dates[0];
    all.addEventListener("change", function () { setDay(all.checked ? null : DATA.dates[Number(slider.value)]); });
    slider.addEventListener("input", function () { setDay(DATA.dates[Number(slider.value)]); });
    picker.addEventListener("change", function () { if (picker.value) setDay(picker.value); });
  } else {
    all.disabled = true;
  }

  /* ---- the table of lines: the text alternative, and the printed evidence ------------------ */

  // The lines the current view shows (in the network, only once it is drawn).
  function currentLines() {
    if (state.mode !== "network") return drawn.lines;
    return net ? DATA.edges.filter(function (e) { return net.shownEdges.has(e.id); }) : [];
  }
  function fillTable() {
    // By layer in a chart (the network has none: a chart drawn before it does not count).
    var layer = state.mode === "network" ? {} : drawn.layer;
    var lines = currentLines().slice().sort(function (a, b) {
      var la = layer[a.from], lb = layer[b.from];
      return (la === undefined ? 99 : la) - (lb === undefined ? 99 : lb) || norm(label(a.from)).localeCompare(norm(label(b.from))) ||
        a.id.localeCompare(b.id);
    });
    var body = $("lines-body"), changeCol = state.mode === "change";
    clear(body);
    $("lines-state-col").hidden = !changeCol;
    $("lines-caption").textContent = $("title").textContent + ": " + lines.length + " lines" + (state.day && state.mode !== "change" ? ", as of " + state.day : "") + ".";
    lines.forEach(function (e) {
      var tr = el("tr");
      tr.appendChild(el("td", null, label(e.from)));
      tr.appendChild(el("td", null, (e.disputed.length ? "disputed: " : "") + e.label));
      tr.appendChild(el("td", null, label(e.to)));
      var when = dates(e);
      tr.appendChild(el("td", null, (e.planned ? "planned" : "") + (e.planned && when ? ", " : "") + when));
      if (changeCol) tr.appendChild(el("td", null, STYLES.changes[drawn.lineStates[e.id]].label));
      var ev = el("td", "evidence");
      e.facts.forEach(function (i) {
        var f = DATA.facts[i];
        if (e.facts.length > 1) ev.appendChild(el("p", "fact-text", f.text));
        f.quotes.forEach(function (q) { quoteBlock(ev, q); });
      });
      tr.appendChild(ev);
      body.appendChild(tr);
    });
  }
  function showTable(open) {
    var section = $("lines"), toggleButton = $("show-table");
    section.hidden = !open;
    toggleButton.setAttribute("aria-expanded", String(open));
    toggleButton.textContent = open ? "Hide table of lines" : "Table of lines";
    if (open) { fillTable(); section.focus(); }
  }
  $("show-table").addEventListener("click", function () { showTable($("lines").hidden); });
  $("skip-to-table").addEventListener("click", function () { showTable(true); });

  /* ---- PNG and print ------------------------------------------------------------------------ */

  // The chart as drawn, on white, with its title: what "Save as PNG" saves and print shows.
  function chartImage() {
    var source = $(state.mode === "network" ? "network" : "chart").querySelector("canvas");
    if (!source.width || !source.height) return null;  // not on screen (e.g. already printing)
    var ratio = source.width / Math.max(source.clientWidth, 1), band = Math.round(40 * ratio);
    var out = document.createElement("canvas");
    out.width = source.width;
    out.height = source.height + band;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.fillStyle = "#1c1c1c";
    ctx.font = Math.round(16 * ratio) + "px " + FONT_FACE;
    ctx.textBaseline = "middle";
    var when = state.mode === "change" ? "" : state.day ? " (as of " + state.day + ")" : "";
    ctx.fillText($("title").textContent + when, Math.round(12 * ratio), band / 2, out.width - 24 * ratio);
    ctx.drawImage(source, 0, band);
    return out;
  }
  function savePng() {
    var name = "govgraph-" + state.mode + (state.mode === "change" ? "-" + state.change : state.focus ? "-" + state.focus : "") + ".png";
    var image = chartImage();
    if (!image) return;
    image.toBlob(function (blob) {
      var link = document.createElement("a");
      link.download = name.replace(/[^A-Za-z0-9._-]+/g, "-");
      link.href = URL.createObjectURL(blob);
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    }, "image/png");
  }
  $("save-png").addEventListener("click", savePng);
  $("print").addEventListener("click", function () { window.print(); });
  // Printing: the chart as an image (a canvas does not reflow onto paper), then the
  // table of lines with every quote.
  window.addEventListener("beforeprint", function () {
    var holder = $("print-chart"), image = chartImage();
    fillTable();
    if (!image) return;
    clear(holder);
    var img = document.createElement("img");
    img.alt = $("title").textContent;
    img.src = image.toDataURL("image/png");
    holder.appendChild(img);
  });
  window.addEventListener("afterprint", function () { clear($("print-chart")); });

  /* ---- start -------------------------------------------------------------------------------- */

  window.govgraph = {
    get network() { return activeNetwork(); },
    chart: chart, data: DATA, state: state, readyMs: null,
    get nodes() { return net ? net.nodes : chartNodes; },
    shownNodes: function () { return state.mode === "network" ? Array.from(net ? net.shownNodes : []) : drawn.nodes.slice(); },
    shownEdges: function () {
      return state.mode === "network" ? Array.from(net ? net.shownEdges : []) : drawn.lines.map(function (e) { return e.id; });
    },
    layers: function () { return Object.assign({}, drawn.layer); },
    // The chart's lines as drawn: the statements each stands for, its colour and dashes,
    // and for a connector its points on the canvas.
    drawnLines: function () {
      if (state.mode === "network") return [];
      return drawn.edges.filter(function (e) { return e.elbow || chartEdges.get(e.id); }).map(function (e) {
        return { ids: e.ids, from: e.from, to: e.to, color: e.color.color, dashes: e.dashes, width: e.width,
                 points: e.points || null };
      });
    },
    fontSize: FONT_SIZE, select: select
  };
  readHash();
  syncControls();
  window.addEventListener("hashchange", function () { readHash(); syncControls(); show(); });
  show();
  if (state.mode !== "change" && state.focus) select(state.focus);
  if (state.mode !== "network") ready();
})();
