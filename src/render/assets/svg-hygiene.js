// Render page, part 2 (loaded before page.js): what the page does to a rendered SVG
// before it leaves — stable ids, and the last line of defence against scripts, handlers and
// external resources. Plain browser JavaScript, never run in Node; src/render/page.ts loads it.
(function () {
  'use strict';

  var ID_REF_ATTRS = ['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'aria-activedescendant', 'aria-details', 'aria-errormessage', 'aria-flowto'];

  function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  /**
   * Renames every id below the root to `<rootId>-<n>` in document order and
   * rewrites the references (url(#…), href="#…", aria-*, <style> selectors),
   * so the SVG does not depend on mermaid's module-level counters (sequence
   * diagrams number actors from a counter that survives between renders).
   */
  function renumberIds(svg, rootId) {
    var map = new Map();
    var all = svg.querySelectorAll('[id]');
    var n = 0;
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      var old = el.getAttribute('id');
      if (el === svg) continue;
      var fresh = rootId + '-' + n++;
      if (!map.has(old)) map.set(old, fresh);
      el.setAttribute('id', fresh);
    }
    if (map.size === 0) return;
    var urlRe = /url\(\s*(['"]?)#([^'")\s]+)\1\s*\)/g;
    var els = [svg].concat(Array.prototype.slice.call(svg.querySelectorAll('*')));
    for (var j = 0; j < els.length; j++) {
      var e = els[j];
      var attrs = Array.prototype.slice.call(e.attributes);
      for (var k = 0; k < attrs.length; k++) {
        var a = attrs[k];
        var v = a.value;
        var nv = v;
        if (nv.indexOf('url(') >= 0) {
          nv = nv.replace(urlRe, function (whole, q, id) {
            return map.has(id) ? 'url(#' + map.get(id) + ')' : whole;
          });
        }
        if ((a.name === 'href' || a.name === 'xlink:href') && nv.charAt(0) === '#' && map.has(nv.slice(1))) {
          nv = '#' + map.get(nv.slice(1));
        }
        if (ID_REF_ATTRS.indexOf(a.name) >= 0) {
          nv = nv.split(/\s+/).map(function (t) { return map.has(t) ? map.get(t) : t; }).join(' ');
        }
        if (nv !== v) e.setAttributeNS(a.namespaceURI, a.name, nv);
      }
    }
    var olds = Array.from(map.keys()).sort(function (a, b) { return b.length - a.length; });
    var styleRe = new RegExp('#(' + olds.map(escapeRegExp).join('|') + ')(?![\\w-])', 'g');
    var styles = svg.querySelectorAll('style');
    for (var s = 0; s < styles.length; s++) {
      var text = styles[s].textContent || '';
      var nt = text.replace(styleRe, function (whole, id) { return '#' + map.get(id); });
      if (nt !== text) styles[s].textContent = nt;
    }
  }

  /** Last line of defence after DOMPurify: no script, no handlers, no js: links. */
  function scrub(svg, htmlLabels, warnings) {
    var scripts = svg.querySelectorAll('script');
    for (var i = 0; i < scripts.length; i++) scripts[i].remove();
    if (scripts.length) warnings.push('removed ' + scripts.length + ' <script> element(s) from the SVG');
    var els = [svg].concat(Array.prototype.slice.call(svg.querySelectorAll('*')));
    var removed = 0;
    for (var j = 0; j < els.length; j++) {
      var attrs = Array.prototype.slice.call(els[j].attributes);
      for (var k = 0; k < attrs.length; k++) {
        var a = attrs[k];
        var name = a.name.toLowerCase();
        var val = a.value.replace(/[\s\u0000-\u001f]+/g, '').toLowerCase();
        if (name.indexOf('on') === 0 ||
            ((name === 'href' || name === 'xlink:href' || name === 'src' || name === 'action' || name === 'formaction') &&
              (val.indexOf('javascript:') === 0 || val.indexOf('vbscript:') === 0 || val.indexOf('data:text/html') === 0))) {
          els[j].removeAttributeNode(a);
          removed++;
        }
      }
    }
    if (removed) warnings.push('removed ' + removed + ' event handler / script URL attribute(s) from the SVG');
    // External resources referenced from CSS (classDef/style `fill:url(http://…)`,
    // @import) would be fetched by whoever displays the SVG: neutralise them.
    var external = 0;
    var cssUrl = /url\(\s*(['"]?)(?!#)[^)]*\1\s*\)/gi;
    var neutralise = function (css) {
      return css.replace(cssUrl, function () { external++; return 'none'; }).replace(/@import[^;]*;?/gi, function () { external++; return ''; });
    };
    for (var e = 0; e < els.length; e++) {
      var st = els[e].getAttribute('style');
      if (st && /url\(|@import/i.test(st)) els[e].setAttribute('style', neutralise(st));
      var fill = ['fill', 'stroke', 'filter', 'mask', 'clip-path', 'marker-start', 'marker-mid', 'marker-end'];
      for (var f = 0; f < fill.length; f++) {
        var av = els[e].getAttribute(fill[f]);
        if (av && /url\(/i.test(av)) {
          var nav = neutralise(av);
          if (nav !== av) els[e].setAttribute(fill[f], nav);
        }
      }
      if (els[e].tagName.toLowerCase() === 'style') {
        var css = els[e].textContent || '';
        if (/url\(|@import/i.test(css)) els[e].textContent = neutralise(css);
      }
    }
    var images = svg.querySelectorAll('image');
    for (var im = 0; im < images.length; im++) {
      var href = images[im].getAttribute('href') || images[im].getAttribute('xlink:href') || '';
      if (href && !/^data:image\//i.test(href)) {
        images[im].removeAttribute('href');
        images[im].removeAttribute('xlink:href');
        external++;
      }
    }
    if (external) warnings.push('removed ' + external + ' external resource reference(s) (url(), @import, <image href>) from the SVG');
    if (!htmlLabels && svg.querySelector('foreignObject')) {
      warnings.push('SVG contains <foreignObject> although htmlLabels is false (this diagram type uses HTML labels)');
    }
  }

  var parts = window.__cmParts || (window.__cmParts = {});
  parts.renumberIds = renumberIds;
  parts.scrub = scrub;
})();
