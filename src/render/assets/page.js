// Page-side half of src/render/, the last of its scripts. Loaded (as a classic script, after
// mermaid's bundled mermaid.min.js, mermaid-config.js and svg-hygiene.js, which leave their
// functions in `window.__cmParts`, and arrows.js, which leaves `window.__cmArrows`) by the HTML
// page that src/render/page.ts writes to a temp dir. Plain browser JavaScript: it never runs in
// Node.
//
// Exposes `window.__cm` = { render, parse, raster } and sets
// `window.__ready = true` once mermaid is loaded and every font of the page's
// @font-face rules is loaded (text is measured during layout, so a font that
// arrives later would change sizes).
/* global mermaid */
(function () {
  'use strict';

  var parts = window.__cmParts;
  var baseConfig = parts.baseConfig;
  var errorInfo = parts.errorInfo;
  var clearScratch = parts.clearScratch;
  var renumberIds = parts.renumberIds;
  var scrub = parts.scrub;

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
    // gitGraph names commits without an id by Math.random(): a fixed seed per diagram keeps
    // the SVG byte-identical from build to build (put back in render's finally).
    var random = Math.random;
    Math.random = seeded(1);
    try {
      return await layout(req, container, warnings);
    } finally {
      Math.random = random;
    }
  }

  /** A small seeded generator (mulberry32): the same numbers for the same seed, in [0, 1). */
  function seeded(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** render()'s work once mermaid is set up: parse, lay out, clean the SVG, measure it. */
  async function layout(req, container, warnings) {
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
