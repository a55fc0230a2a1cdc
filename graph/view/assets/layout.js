/* govgraph view: a layered, top-down layout for the structure and before-and-after charts.
 *
 * Input: boxes (id, width, height, sort key) and the lines that place one box under
 * another (lower, upper, rank: a lower rank is a stronger line). Output: the centre of
 * each box and its layer (0 at the top of its structure).
 *
 * 1. Lines that close a cycle are set aside (depth-first, upwards).
 * 2. A box's layer is one more than the deepest box it sits under (longest path).
 * 3. Each box hangs under one parent (the strongest line to the layer just above), so
 *    the chart is drawn as a forest; other lines are drawn but do not move anything.
 * 4. A few children go in a row under their parent; many leaves go in two lists
 *    beside two spines dropping from it. Each child is joined to its parent by an
 *    elbow connector (returned as points) that crosses no box.
 * 5. The trees are packed, largest first, each where it rests lowest, within a width
 *    chosen so that the whole chart fills the viewport's shape: the labels are then
 *    drawn as large as they can be.
 */
var GovgraphLayout = (function () {
  "use strict";

  var GAP_X = 8, GAP_Y = 20, LIST_GAP = 5, SPINE = 6, STUB = 8, TREE_GAP_X = 16, TREE_GAP_Y = 16;

  function byKey(a, b) { return a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0; }

  // Steps 1 and 2 for ids sorted by key: each one's layer, and the lines kept (acyclic).
  function layers(ids, lines) {
    var at = {}, ups = {};
    ids.forEach(function (id, i) { at[id] = i; ups[id] = []; });
    lines.forEach(function (l) {
      if (at[l.lower] !== undefined && at[l.upper] !== undefined && l.lower !== l.upper) ups[l.lower].push(l);
    });
    Object.keys(ups).forEach(function (id) {
      ups[id].sort(function (a, b) { return a.rank - b.rank || at[a.upper] - at[b.upper]; });
    });

    // 1. Cycles: an iterative depth-first walk upwards; a line to a box still on the path is dropped.
    var mark = {}, kept = {};
    ids.forEach(function (start) {
      if (mark[start]) return;
      var stack = [[start, 0]];
      mark[start] = 1;
      kept[start] = [];
      while (stack.length) {
        var top = stack[stack.length - 1], id = top[0], line = ups[id][top[1]];
        if (!line) { mark[id] = 2; stack.pop(); continue; }
        top[1] += 1;
        if (mark[line.upper] === 1) continue;  // closes a cycle
        kept[id].push(line);
        if (!mark[line.upper]) {
          mark[line.upper] = 1;
          kept[line.upper] = [];
          stack.push([line.upper, 0]);
        }
      }
    });

    // 2. Layers, longest path from the top (memoised, iterative).
    var layer = {};
    ids.forEach(function (start) {
      var stack = [start];
      while (stack.length) {
        var id = stack[stack.length - 1];
        if (layer[id] !== undefined) { stack.pop(); continue; }
        var pending = kept[id].filter(function (l) { return layer[l.upper] === undefined; });
        if (pending.length) { pending.forEach(function (l) { stack.push(l.upper); }); continue; }
        layer[id] = kept[id].reduce(function (m, l) { return Math.max(m, layer[l.upper] + 1); }, 0);
        stack.pop();
      }
    });
    var flat = [];
    ids.forEach(function (id) { flat.push.apply(flat, kept[id]); });
    return { layer: layer, kept: flat, ups: kept };
  }

  // ``slack`` (0 to 1): accept a packing this much smaller than the largest for the
  // sake of fewer rows of trees, so that more tops stand at the top of the chart.
  function layered(boxes, lines, viewWidth, viewHeight, slack) {
    var byId = {};
    boxes.forEach(function (b) { byId[b.id] = b; });
    var order = boxes.slice().sort(byKey);
    var shape = layers(order.map(function (b) { return b.id; }), lines), layer = shape.layer, kept = shape.ups;

    // 3. One parent each: the strongest line to the layer just above.
    var parent = {}, children = {};
    order.forEach(function (b) { children[b.id] = []; });
    order.forEach(function (b) {
      var line = kept[b.id].find(function (l) { return layer[l.upper] === layer[b.id] - 1; });
      if (line) { parent[b.id] = line.upper; children[line.upper].push(b.id); }
    });

    // 4. Blocks, bottom up: each a width, a height, its boxes' centres and the elbow
    // connectors from each child up to its parent, all inside the block. Two to four
    // leaves, or any subtrees, go side by side in a row under the parent, joined by a
    // bus; more leaves (or leaves beside subtrees) go in two lists to the left and right
    // of two spines that drop from the parent, so a parent of many stays compact and
    // no connector crosses a box.
    function block(id) {
      var box = byId[id], kids = children[id];
      if (!kids.length) return { w: box.w, h: box.h, items: [[id, box.w / 2, box.h / 2]], links: [] };
      var leaves = kids.filter(function (k) { return !children[k].length; });
      var inner = kids.filter(function (k) { return children[k].length; });
      var listed = leaves.length >= 2 && (leaves.length > 4 || inner.length > 0) ? leaves : [];
      var parts = kids.filter(function (k) { return listed.indexOf(k) < 0; }).map(function (k) { return { id: k, b: block(k) }; });
      var half = Math.ceil(listed.length / 2), left = listed.slice(0, half), right = listed.slice(half);
      var widthOf = function (ids) { return ids.reduce(function (m, k) { return Math.max(m, byId[k].w); }, 0); };
      var reach = listed.length ? SPINE + STUB + Math.max(widthOf(left), widthOf(right)) : 0;
      var rowW = parts.reduce(function (s, p) { return s + p.b.w; }, 0) + GAP_X * Math.max(parts.length - 1, 0);
      var w = Math.max(box.w, 2 * reach, rowW), px = w / 2, pb = box.h;
      var items = [[id, px, box.h / 2]], links = [], y = pb + LIST_GAP;
      left.forEach(function (k, i) {
        var other = right[i], h = Math.max(byId[k].h, other ? byId[other].h : 0), cy = y + h / 2;
        items.push([k, px - SPINE - STUB - byId[k].w / 2, cy]);
        links.push({ child: k, parent: id, points: [[px - SPINE - STUB, cy], [px - SPINE, cy], [px - SPINE, pb]] });
        if (other) {
          items.push([other, px + SPINE + STUB + byId[other].w / 2, cy]);
          links.push({ child: other, parent: id, points: [[px + SPINE + STUB, cy], [px + SPINE, cy], [px + SPINE, pb]] });
        }
        y += h + LIST_GAP;
      });
      var top = (listed.length ? y - LIST_GAP : pb) + GAP_Y, bus = top - GAP_Y / 2, x = px - rowW / 2, bottom = listed.length ? y - LIST_GAP : pb;
      parts.forEach(function (p) {
        p.b.items.forEach(function (it) { items.push([it[0], x + it[1], top + it[2]]); });
        p.b.links.forEach(function (l) {
          links.push({ child: l.child, parent: l.parent, points: l.points.map(function (q) { return [x + q[0], top + q[1]]; }) });
        });
        var cx = x + p.b.items[0][1];
        links.push({ child: p.id, parent: id, points: [[cx, top], [cx, bus], [px, bus], [px, pb]] });
        bottom = Math.max(bottom, top + p.b.h);
        x += p.b.w + GAP_X;
      });
      return { w: w, h: bottom, items: items, links: links };
    }
    var trees = order.filter(function (b) { return parent[b.id] === undefined; }).map(function (b) { return block(b.id); });

    // 5. Packing: trees, largest first, each dropped where it rests lowest on the skyline
    // of those already placed, within a chosen width. Widths between the widest tree and
    // all trees in one row, and three meanings of "largest", are tried; the packing that
    // lets the chart be drawn largest in the viewport is kept.
    function pack(trees, width) {
      var sky = [{ x: 0, w: width, y: 0 }], places = [], w = 0, h = 0;
      trees.forEach(function (t) {
        var best = null;
        for (var i = 0; i < sky.length; i++) {
          var x = sky[i].x;
          if (x + t.w > width + 0.5 && x > 0) break;
          var y = 0, j = i, right = x + t.w + TREE_GAP_X;
          while (j < sky.length && sky[j].x < right) { y = Math.max(y, sky[j].y); j++; }
          if (!best || y < best.y - 0.5) best = { x: x, y: y };
        }
        places.push(best);
        w = Math.max(w, best.x + t.w);
        h = Math.max(h, best.y + t.h);
        // Raise the skyline over [x, x + t.w + gap) to the tree's bottom plus a gap.
        var left = best.x, right = best.x + t.w + TREE_GAP_X, top = best.y + t.h + TREE_GAP_Y, next = [];
        sky.forEach(function (seg) {
          var end = seg.x + seg.w;
          if (end <= left || seg.x >= right) { next.push(seg); return; }
          if (seg.x < left) next.push({ x: seg.x, w: left - seg.x, y: seg.y });
          if (end > right) next.push({ x: right, w: end - right, y: seg.y });
        });
        next.push({ x: left, w: right - left, y: top });
        next.sort(function (a, b) { return a.x - b.x; });
        sky = next;
      });
      var lower = places.filter(function (p) { return p.y > 0; }).length;  // trees not at the top
      return { trees: trees, places: places, lower: lower, w: w, h: h, scale: Math.min(viewWidth / Math.max(w, 1), viewHeight / Math.max(h, 1)) };
    }
    var widest = trees.reduce(function (m, t) { return Math.max(m, t.w); }, 1);
    var total = trees.reduce(function (s, t) { return s + t.w + TREE_GAP_X; }, 0);
    var orders = [
      function (a, b) { return b.h - a.h || b.w - a.w; },
      function (a, b) { return b.w * b.h - a.w * a.h || b.h - a.h; },
      function (a, b) { return b.w - a.w || b.h - a.h; }
    ].map(function (by) { return trees.slice().sort(by); });
    var tried = [pack(orders[0], Math.max(total, widest))], tries = trees.length > 300 ? 6 : 40;
    orders.slice(0, trees.length > 300 ? 1 : 3).forEach(function (sorted) {
      for (var i = 0; i < tries; i++) tried.push(pack(sorted, widest * Math.pow(Math.max(total / widest, 1), i / tries)));
    });
    var largest = tried.reduce(function (m, p) { return Math.max(m, p.scale); }, 0);
    var best = tried.filter(function (p) { return p.scale >= largest * (1 - (slack || 0)); })
      .sort(function (a, b) { return a.lower - b.lower || b.scale - a.scale; })[0];
    var pos = {}, links = [];
    best.trees.forEach(function (t, k) {
      var dx = best.places[k].x - best.w / 2, dy = best.places[k].y - best.h / 2;
      t.items.forEach(function (it) { pos[it[0]] = { x: it[1] + dx, y: it[2] + dy }; });
      t.links.forEach(function (l) {
        links.push({ child: l.child, parent: l.parent, points: l.points.map(function (q) { return [q[0] + dx, q[1] + dy]; }) });
      });
    });
    return { pos: pos, layer: layer, parent: parent, links: links, width: best.w, height: best.h };
  }

  // Words in lines no wider than max (a word longer than that keeps a line to itself).
  function wrap(ctx, text, max) {
    var lines = [], line = "";
    String(text).split(/\s+/).forEach(function (word) {
      if (!word) return;
      var next = line ? line + " " + word : word;
      if (line && ctx.measureText(next).width > max) { lines.push(line); line = word; } else { line = next; }
    });
    if (line) lines.push(line);
    return lines.length ? lines : [""];
  }

  return { layers: layers, layered: layered, wrap: wrap };
})();
