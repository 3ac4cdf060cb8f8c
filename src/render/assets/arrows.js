// Page-side: arrows drawn over a laid-out flowchart, for links mermaid cannot lay out without
// undoing the layout (the course map's prerequisite arrows: a link into a row subgraph makes
// mermaid drop the row's left-to-right direction). The source asks for them with lines
// `%% coursemap-arrow c2 --> c5 : label` (src/render/diagrams/sanitize.ts reads them).
//
// Each arrow is a dashed path of horizontal and vertical segments that runs only through the
// gaps between boxes: down from the first box into the free band under its row, sideways to a
// lane left of every box between the two rows, down that lane to the free band above the second
// box's row, and into it from above (two boxes in one row: along the band under the row). Lanes
// and bands are offset per arrow so that two arrows never share a segment. The label sits on the
// last horizontal segment. Plain browser JavaScript: it never runs in Node.
/* exported __cmArrows */
(function () {
  'use strict';

  var SVG_NS = 'http://www.w3.org/2000/svg';
  var COLOUR = '#5b3fa8';
  var HALO = '#f4f7ff';
  var GAP = 12;
  var STEP = 7;
  /** Lanes side by side in one gap: 4 × 7 px stays inside the 24 px padding of a row or part. */
  var LANES = 4;

  /** Box of `el` in the coordinates of `svg` (its user space). */
  function boxIn(svg, el) {
    var b = el.getBBox();
    var m = svg.getScreenCTM().inverse().multiply(el.getScreenCTM());
    var p1 = new DOMPoint(b.x, b.y).matrixTransform(m);
    var p2 = new DOMPoint(b.x + b.width, b.y + b.height).matrixTransform(m);
    return { x: Math.min(p1.x, p2.x), y: Math.min(p1.y, p2.y), w: Math.abs(p2.x - p1.x), h: Math.abs(p2.y - p1.y) };
  }

  function nodeBoxes(svg) {
    var out = {};
    var nodes = svg.querySelectorAll('g.node');
    for (var i = 0; i < nodes.length; i++) {
      var m = /(?:^|-)flowchart-(.+)-\d+$/.exec(nodes[i].id || '');
      var shape = nodes[i].querySelector('rect, path, polygon') || nodes[i];
      if (m) out[m[1]] = boxIn(svg, shape);
    }
    return out;
  }

  /** Boxes whose vertical extent overlaps box `b`'s: its row. */
  function rowOf(all, b) {
    var mid = b.y + b.h / 2;
    return all.filter(function (o) { return mid >= o.y && mid <= o.y + o.h; });
  }

  function bottom(boxes) { return Math.max.apply(null, boxes.map(function (o) { return o.y + o.h; })); }
  function top(boxes) { return Math.min.apply(null, boxes.map(function (o) { return o.y; })); }

  /** Where the k-th arrow leaving (or entering) box `b` meets it: spread along its width. */
  function port(b, k) {
    return b.x + b.w * (0.25 + ((k * 0.12) % 0.5));
  }

  /**
   * The path's points (the corners of its segments) from box `a` to box `b`, leaving `a` at `ax`
   * and entering `b` at `bx`; `lane` offsets its bands and side lane from the other arrows'.
   */
  function route(all, a, b, ax, bx, lane) {
    var rowA = rowOf(all, a);
    if (rowOf(all, b).indexOf(a) >= 0) {
      var yBelow = bottom(rowA) + GAP + lane * STEP;
      return [[ax, a.y + a.h], [ax, yBelow], [bx, yBelow], [bx, b.y + b.h]];
    }
    var yA = bottom(rowA) + GAP + lane * STEP;
    var yB = top(rowOf(all, b)) - GAP - lane * STEP;
    var between = all.filter(function (o) { return o.y < yB && o.y + o.h > yA; }).concat([a, b]);
    // The side lane left or right of every box between the two bands, whichever is shorter.
    var left = Math.min.apply(null, between.map(function (o) { return o.x; })) - GAP - lane * STEP;
    var right = Math.max.apply(null, between.map(function (o) { return o.x + o.w; })) + GAP + lane * STEP;
    var x = Math.abs(ax - left) + Math.abs(bx - left) <= Math.abs(ax - right) + Math.abs(bx - right) ? left : right;
    return [[ax, a.y + a.h], [ax, yA], [x, yA], [x, yB], [bx, yB], [bx, b.y]];
  }

  function overlaps(p, q) {
    return p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h;
  }

  /**
   * Puts `text` on one of the path's horizontal segments (the last first), just above or below
   * it, where it overlaps no box, no cluster title and no label placed before; returns false
   * when no place is free (the label then stays on the last segment and is reported).
   */
  function placeLabel(text, points, obstacles) {
    var spots = [];
    for (var i = points.length - 1; i > 0; i--) {
      var p = points[i - 1];
      var q = points[i];
      if (p[1] !== q[1]) continue;
      [0.5, 0.25, 0.75].forEach(function (f) {
        var x = p[0] + (q[0] - p[0]) * f;
        spots.push([x, p[1] - 4], [x, p[1] + 13]);
      });
    }
    for (var s = 0; s < spots.length; s++) {
      text.setAttribute('x', r2(spots[s][0]));
      text.setAttribute('y', r2(spots[s][1]));
      var b = text.getBBox();
      var box = { x: b.x - 2, y: b.y - 1, w: b.width + 4, h: b.height + 2 };
      if (!obstacles.some(function (o) { return overlaps(o, box); })) {
        obstacles.push(box);
        return true;
      }
    }
    text.setAttribute('x', r2(spots[0][0]));
    text.setAttribute('y', r2(spots[0][1]));
    return false;
  }

  function el(name, attrs) {
    var e = document.createElementNS(SVG_NS, name);
    for (var k in attrs) e.setAttribute(k, String(attrs[k]));
    return e;
  }

  function r2(x) { return Math.round(x * 100) / 100; }

  /** Draws `arrows` ([{ from, to, label }]) on the rendered flowchart `svg`; says how many it could not draw or label clear of the rest. */
  function draw(svg, arrows) {
    if (!arrows || arrows.length === 0) return { missed: 0, crowded: 0 };
    var boxes = nodeBoxes(svg);
    var all = Object.keys(boxes).map(function (k) { return boxes[k]; });
    var headId = (svg.id || 'svg') + '-prerequisite-head';
    var defs = el('defs', {});
    var marker = el('marker', { id: headId, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto' });
    marker.appendChild(el('path', { d: 'M0,0 L10,5 L0,10 z', fill: COLOUR }));
    defs.appendChild(marker);
    var layer = el('g', { class: 'prerequisites' });
    layer.appendChild(defs);
    svg.appendChild(layer);
    var titles = Array.prototype.map.call(svg.querySelectorAll('g.cluster-label'), function (t) { return boxIn(svg, t); });
    var obstacles = all.concat(titles);
    var missed = 0;
    var crowded = 0;
    var minX = Infinity;
    var maxX = -Infinity;
    var ports = {};
    var next = function (id) { ports[id] = (ports[id] || 0) + 1; return ports[id] - 1; };
    arrows.forEach(function (arrow, lane) {
      var a = boxes[arrow.from];
      var b = boxes[arrow.to];
      if (!a || !b) { missed++; return; }
      var points = route(all, a, b, port(a, next(arrow.from)), port(b, next(arrow.to)), lane % LANES);
      var d = points.map(function (p, i) { return (i ? 'L' : 'M') + r2(p[0]) + ',' + r2(p[1]); }).join(' ');
      var g = el('g', { class: 'prerequisite', 'data-from': arrow.from, 'data-to': arrow.to });
      g.appendChild(el('path', { d: d, fill: 'none', stroke: COLOUR, 'stroke-width': 1.6, 'stroke-dasharray': '6 4', 'marker-end': 'url(#' + headId + ')' }));
      // A halo in the part colour keeps the label legible where it lies across another arrow.
      var text = el('text', { 'text-anchor': 'middle', 'font-size': 12, fill: COLOUR, 'font-style': 'italic', stroke: HALO, 'stroke-width': 3, 'paint-order': 'stroke' });
      text.textContent = arrow.label;
      g.appendChild(text);
      layer.appendChild(g);
      if (!placeLabel(text, points, obstacles)) crowded++;
      points.forEach(function (p) { minX = Math.min(minX, p[0]); maxX = Math.max(maxX, p[0]); });
    });
    growViewBox(svg, minX - 6, maxX + 6);
    return { missed: missed, crowded: crowded };
  }

  /** Widens the viewBox when a side lane runs left or right of it. */
  function growViewBox(svg, left, right) {
    var vb = svg.viewBox && svg.viewBox.baseVal;
    if (!vb) return;
    var x0 = Math.min(vb.x, left);
    var x1 = Math.max(vb.x + vb.width, right);
    var extra = x1 - x0 - vb.width;
    if (!(extra > 0)) return;
    svg.setAttribute('viewBox', [r2(x0), vb.y, r2(x1 - x0), vb.height].join(' '));
    var max = /max-width:\s*([\d.]+)px/.exec(svg.getAttribute('style') || '');
    if (max) svg.setAttribute('style', svg.getAttribute('style').replace(max[0], 'max-width: ' + r2(Number(max[1]) + extra) + 'px'));
  }

  window.__cmArrows = draw;
})();
