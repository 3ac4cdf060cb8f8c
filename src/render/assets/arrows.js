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
  var GAP = 12;
  var STEP = 7;

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

  /** The path's points, and where its label goes. */
  function route(all, a, b, lane) {
    var ax = a.x + a.w * 0.3 + lane * STEP;
    var bx = b.x + b.w * 0.3 + lane * STEP;
    var rowA = rowOf(all, a);
    if (rowOf(all, b).indexOf(a) >= 0) {
      var yBelow = bottom(rowA) + GAP + lane * STEP;
      return { points: [[ax, a.y + a.h], [ax, yBelow], [bx, yBelow], [bx, b.y + b.h]], label: [(ax + bx) / 2, yBelow + 13], up: true };
    }
    var yA = bottom(rowA) + GAP + lane * STEP;
    var yB = top(rowOf(all, b)) - GAP - lane * STEP;
    var between = all.filter(function (o) { return o.y < yB && o.y + o.h > yA; });
    var x = Math.min.apply(null, between.concat([a, b]).map(function (o) { return o.x; })) - GAP - lane * STEP;
    return { points: [[ax, a.y + a.h], [ax, yA], [x, yA], [x, yB], [bx, yB], [bx, b.y]], label: [(x + bx) / 2, yB - 4], up: false };
  }

  function el(name, attrs) {
    var e = document.createElementNS(SVG_NS, name);
    for (var k in attrs) e.setAttribute(k, String(attrs[k]));
    return e;
  }

  function r2(x) { return Math.round(x * 100) / 100; }

  /** Draws `arrows` ([{ from, to, label }]) on the rendered flowchart `svg`; returns how many it could not place. */
  function draw(svg, arrows) {
    if (!arrows || arrows.length === 0) return 0;
    var boxes = nodeBoxes(svg);
    var all = Object.keys(boxes).map(function (k) { return boxes[k]; });
    var headId = (svg.id || 'svg') + '-prerequisite-head';
    var defs = el('defs', {});
    var marker = el('marker', { id: headId, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto' });
    marker.appendChild(el('path', { d: 'M0,0 L10,5 L0,10 z', fill: COLOUR }));
    defs.appendChild(marker);
    var layer = el('g', { class: 'prerequisites' });
    layer.appendChild(defs);
    var missed = 0;
    var minX = Infinity;
    arrows.forEach(function (arrow, lane) {
      var a = boxes[arrow.from];
      var b = boxes[arrow.to];
      if (!a || !b) { missed++; return; }
      var r = route(all, a, b, lane);
      var d = r.points.map(function (p, i) { return (i ? 'L' : 'M') + r2(p[0]) + ',' + r2(p[1]); }).join(' ');
      var g = el('g', { class: 'prerequisite', 'data-from': arrow.from, 'data-to': arrow.to });
      g.appendChild(el('path', { d: d, fill: 'none', stroke: COLOUR, 'stroke-width': 1.6, 'stroke-dasharray': '6 4', 'marker-end': 'url(#' + headId + ')' }));
      var text = el('text', { x: r2(r.label[0]), y: r2(r.label[1]), 'text-anchor': 'middle', 'font-size': 12, fill: COLOUR, 'font-style': 'italic' });
      text.textContent = arrow.label;
      g.appendChild(text);
      layer.appendChild(g);
      r.points.forEach(function (p) { minX = Math.min(minX, p[0]); });
    });
    svg.appendChild(layer);
    growViewBox(svg, minX - 6);
    return missed;
  }

  /** Widens the viewBox to the left when a lane runs left of it. */
  function growViewBox(svg, left) {
    var vb = svg.viewBox && svg.viewBox.baseVal;
    if (!vb || !(left < vb.x)) return;
    var extra = vb.x - left;
    svg.setAttribute('viewBox', [r2(left), vb.y, r2(vb.width + extra), vb.height].join(' '));
    var max = /max-width:\s*([\d.]+)px/.exec(svg.getAttribute('style') || '');
    if (max) svg.setAttribute('style', svg.getAttribute('style').replace(max[0], 'max-width: ' + r2(Number(max[1]) + extra) + 'px'));
  }

  window.__cmArrows = draw;
})();
