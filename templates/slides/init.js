(function () {
  var q = window.location.search;
  var exporting = /[?&]export\b/.test(q);
  var root = document.documentElement;
  if (exporting) {
    root.classList.add('cm-export');
    // Exports carry no links: a PDF would record them as absolute file:// URLs of a temp folder.
    Array.prototype.forEach.call(document.querySelectorAll('a.cm-link, a.cm-maplink'), function (a) { a.removeAttribute('href'); });
  }
  // A diagram pane at full size pans with the arrow keys: they scroll it instead of changing slides.
  Array.prototype.forEach.call(document.querySelectorAll('.cm-pan'), function (pane) {
    pane.addEventListener('keydown', function (e) {
      var on = pane.parentNode.querySelector('.cm-zoom-switch');
      if (on && on.checked && /^(Arrow|Page|Home|End)/.test(e.key)) e.stopPropagation();
    });
  });
  document.querySelector('.reveal').addEventListener('pdf-ready', function () { root.setAttribute('data-cm-pdf', '1'); });
  Reveal.initialize({
    width: 1280, height: 720, margin: 0, display: 'flex', minScale: 0.1, maxScale: 4,
    center: false, hash: false, history: false, respondToHashChanges: true,
    controls: !exporting, progress: !exporting, slideNumber: exporting ? false : 'c/t', showSlideNumber: 'all',
    overview: true, keyboard: true, touch: true, help: true,
    transition: exporting ? 'none' : 'fade', backgroundTransition: 'none', transitionSpeed: 'fast',
    fragments: false, pdfMaxPagesPerSlide: 1, pdfSeparateFragments: false,
    showNotes: /[?&]notes\b/.test(q) ? 'separate-page' : false,
    plugins: typeof RevealNotes === 'undefined' ? [] : [RevealNotes]
  }).then(function () { root.setAttribute('data-cm-ready', '1'); });
})();
