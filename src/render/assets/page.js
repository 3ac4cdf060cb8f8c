// Page-side half of src/render/. Loaded (as a classic script, after mermaid's
// bundled mermaid.min.js) by the HTML page that src/render/page.ts writes to a
// temp dir. Plain browser JavaScript: it never runs in Node.
//
// Exposes `window.__cm` = { render, parse, raster } and sets
// `window.__ready = true` once mermaid is loaded and every font of the page's
// @font-face rules is loaded (text is measured during layout, so a font that
// arrives later would change sizes).
/* global mermaid */
(function () {
  'use strict';

  var KNOWN_THEMES = ['default', 'neutral', 'dark', 'forest'];

  /** The config every diagram starts from (src/render/page.ts documents it). */
  function baseConfig(opts) {
    var fontFamily = opts.fontFamily;
    return {
      startOnLoad: false,
      securityLevel: 'strict',
      suppressErrorRendering: true,
      deterministicIds: false,
      theme: KNOWN_THEMES.indexOf(opts.theme) >= 0 ? opts.theme : 'default',
      fontFamily: fontFamily,
      themeVariables: { fontFamily: fontFamily },
      htmlLabels: !!opts.htmlLabels,
      // Labels wrap at spaces within these widths; the generator breaks its own labels to fit.
      flowchart: { htmlLabels: !!opts.htmlLabels, wrappingWidth: 300 },
      mindmap: { maxNodeWidth: 220 },
      // Sequence diagrams name "Open Sans" by default: use the one stack everywhere.
      sequence: { actorFontFamily: fontFamily, noteFontFamily: fontFamily, messageFontFamily: fontFamily },
      class: { htmlLabels: !!opts.htmlLabels },
      state: { htmlLabels: !!opts.htmlLabels },
      maxTextSize: opts.maxTextSize,
      // Some shapes (stadium, etc.) are drawn with rough.js, which is random unless seeded.
      handDrawnSeed: 1,
      logLevel: 5,
      // Keys a diagram's own %%{init}%% / front matter can never change
      // (src/render/diagrams/sanitize.ts strips them first; this is the second lock).
      secure: [
        'secure', 'securityLevel', 'startOnLoad', 'maxTextSize', 'suppressErrorRendering', 'maxEdges',
        'themeCSS', 'fontFamily', 'altFontFamily', 'htmlLabels', 'dompurifyConfig', 'handDrawnSeed',
      ],
    };
  }

  function errorInfo(e) {
    var message = e && e.message ? String(e.message) : String(e);
    var line = null;
    var column = null;
    var hash = e && e.hash;
    if (hash && hash.loc && typeof hash.loc.last_line === 'number') {
      // jison: 1-based lines; the position where the unexpected token ends.
      line = hash.loc.last_line;
      column = typeof hash.loc.last_column === 'number' ? hash.loc.last_column + 1 : null;
    } else if (hash && typeof hash.line === 'number') {
      line = hash.line + 1;
    } else {
      // langium and others: "... on line 2, column 8 ..." in the message.
      var m = /line (\d+),? column (\d+)/i.exec(message);
      if (m) {
        line = Number(m[1]);
        column = Number(m[2]);
      } else {
        var m2 = /on line (\d+)/i.exec(message);
        if (m2) line = Number(m2[1]);
      }
    }
    return { message: message, line: line, column: column, name: e && e.name ? String(e.name) : 'Error' };
  }

  function clearScratch(keep) {
    // mermaid.render() leaves a temporary `#d<id>` element in <body> when it
    // throws; start every diagram from the same DOM.
    var children = Array.prototype.slice.call(document.body.children);
    for (var i = 0; i < children.length; i++) {
      var el = children[i];
      if (keep.indexOf(el.id) < 0 && el.tagName !== 'SCRIPT') el.remove();
    }
  }

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

  function round3(x) {
    return Math.round(x * 1000) / 1000;
  }

  function hang(mode) {
    if (mode === 'busy') {
      // Simulates a layout that never finishes: the page's main thread is stuck.
      // eslint-disable-next-line no-constant-condition
      for (;;) { /* spin */ }
    }
    return new Promise(function () {});
  }

  /**
   * Renders one diagram. `req` = { id, source, theme, htmlLabels, background,
   * fontFamily, maxTextSize, hang? }. Never throws: returns
   * { ok: true, svg, width, height, warnings } or
   * { ok: false, phase: 'parse'|'render', error, warnings }.
   */
  async function render(req) {
    var warnings = [];
    var container = document.getElementById('render');
    container.textContent = '';
    clearScratch(['render', 'raster']);
    mermaid.initialize(baseConfig(req));
    try {
      await mermaid.parse(req.source);
    } catch (e) {
      clearScratch(['render', 'raster']);
      return { ok: false, phase: 'parse', error: errorInfo(e), warnings: warnings };
    }
    if (req.hang) await hang(req.hang);
    // The CJK face is split by unicode-range: load the parts this diagram's characters need
    // before layout measures them.
    await document.fonts.load('16px "Noto Sans SC"', req.source).catch(function () { return null; });
    var out;
    try {
      out = await mermaid.render(req.id, req.source);
    } catch (e) {
      clearScratch(['render', 'raster']);
      return { ok: false, phase: 'render', error: errorInfo(e), warnings: warnings };
    }
    clearScratch(['render', 'raster']);
    container.innerHTML = out.svg;
    var svg = container.querySelector('svg');
    if (!svg) return { ok: false, phase: 'render', error: { message: 'mermaid returned no <svg>', line: null, column: null, name: 'Error' }, warnings: warnings };
    var role = svg.getAttribute('aria-roledescription') || '';
    var text = svg.textContent || '';
    if (role === 'error' || /Syntax error in text|Maximum text size in diagram exceeded/.test(text)) {
      container.textContent = '';
      return { ok: false, phase: 'parse', error: { message: text.trim() || 'mermaid rendered an error diagram', line: null, column: null, name: 'Error' }, warnings: warnings };
    }
    scrub(svg, !!req.htmlLabels, warnings);
    // Before the ids are renumbered: arrows find their nodes by mermaid's node ids.
    var arrows = window.__cmArrows(svg, req.arrows);
    if (arrows.missed) warnings.push(arrows.missed + ' arrow(s) name a node the diagram does not have: not drawn');
    if (arrows.crowded) warnings.push(arrows.crowded + ' arrow label(s) overlap a box or another label: no free place');
    renumberIds(svg, req.id);
    // mermaid splits labels into one <tspan> per word with the space inside the
    // next tspan (" word"); browsers keep it, other renderers (librsvg) strip it
    // unless told to preserve. The text has no newlines/tabs, so browsers draw it
    // the same either way.
    var texts = svg.querySelectorAll('text');
    for (var t = 0; t < texts.length; t++) {
      texts[t].setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:space', 'preserve');
    }
    var width = 0;
    var height = 0;
    var vb = svg.viewBox && svg.viewBox.baseVal;
    if (vb && vb.width > 0 && vb.height > 0) {
      width = vb.width;
      height = vb.height;
    } else {
      var bb = svg.getBBox();
      width = bb.x + bb.width;
      height = bb.y + bb.height;
    }
    width = round3(width);
    height = round3(height);
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(height));
    if (req.background && req.background !== 'transparent') {
      svg.style.backgroundColor = req.background;
    }
    var xml = new XMLSerializer().serializeToString(svg);
    container.textContent = '';
    return { ok: true, svg: xml, width: width, height: height, warnings: warnings };
  }

  /** Parse only (for validate()). */
  async function parse(req) {
    mermaid.initialize(baseConfig(req));
    try {
      await mermaid.parse(req.source);
      return { ok: true };
    } catch (e) {
      return { ok: false, error: errorInfo(e) };
    } finally {
      clearScratch(['render', 'raster']);
    }
  }

  /**
   * Puts an already rendered SVG (string) in #raster, sized to its width and
   * height attributes, on `background`; returns the box to screenshot.
   */
  async function raster(req) {
    var box = document.getElementById('raster');
    box.style.background = req.background === 'transparent' ? 'transparent' : req.background;
    box.innerHTML = req.svg;
    var svg = box.querySelector('svg');
    svg.style.display = 'block';
    svg.style.maxWidth = 'none';
    // Wait for any image in the SVG (blocked requests fail fast) and a frame.
    await document.fonts.ready;
    await new Promise(function (r) { requestAnimationFrame(function () { r(null); }); });
    var rect = box.getBoundingClientRect();
    return { x: rect.left, y: rect.top, width: rect.width, height: rect.height };
  }

  function clearRaster() {
    document.getElementById('raster').textContent = '';
  }

  window.__cm = { render: render, parse: parse, raster: raster, clearRaster: clearRaster, version: mermaid.version || null };

  // Load every @font-face of the page before signalling ready (mermaid-cli
  // does the same): layout measures text, so late fonts would change sizes.
  // (Not the CJK chunks: render() loads the few a diagram needs.)
  Promise.all(Array.from(document.fonts, function (f) {
    return f.family.replace(/["']/g, '') === 'Noto Sans SC' ? null : f.load().catch(function () { return null; });
  }))
    .then(function () { return document.fonts.ready; })
    .then(function () {
      window.__fontsLoaded = Array.from(document.fonts).filter(function (f) { return f.status === 'loaded'; }).length;
      window.__ready = true;
    });
})();
