// Render page, part 1 (loaded before page.js): the mermaid config every diagram starts
// from, how a mermaid error names its line and column, and the scratch clean-up between
// diagrams. Plain browser JavaScript, never run in Node; src/render/page.ts loads it.
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

  var parts = window.__cmParts || (window.__cmParts = {});
  parts.baseConfig = baseConfig;
  parts.errorInfo = errorInfo;
  parts.clearScratch = clearScratch;
})();
