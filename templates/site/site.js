// Search over the prebuilt index (minisearch; the index from ../search-index.js): works from file://.
// Keyboard: "/" focuses the box, ↓/↑ move through the results, Esc goes back and clears.
(function () {
  var input = document.getElementById('cm-q');
  var list = document.getElementById('cm-results');
  var count = document.getElementById('cm-count');
  if (!input || !list || typeof MiniSearch === 'undefined' || typeof cmSearch === 'undefined') return;
  var prefix = document.body.getAttribute('data-prefix') || '';
  var options = JSON.parse(document.getElementById('cm-search-options').textContent);
  // The index is one file for the whole site (search-index.js), so a chapter's page does not change
  // when another chapter's text does; without it the box stays inert.
  if (typeof window.CM_SEARCH_INDEX !== 'string') return;
  var index = MiniSearch.loadJSON(window.CM_SEARCH_INDEX, options);
  // Interface words: English here, the course's language from #cm-ui when the site is not English.
  var uiEl = document.getElementById('cm-ui');
  var UI = uiEl ? JSON.parse(uiEl.textContent) : null;
  var KINDS = UI ? { section: UI.section, term: UI.term, analogy: UI.analogy, takeaway: UI.takeaway } : { section: 'Section', term: 'Term', analogy: 'Analogy', takeaway: 'Takeaway' };
  var MAX = 20;
  function counted(n) {
    if (!UI) return n ? n + (n === MAX ? '+' : '') + ' result' + (n === 1 ? '' : 's') : 'No results';
    return n === 0 ? UI.noResults : n === 1 ? UI.oneResult : UI.results.replace('{n}', n + (n === MAX ? '+' : ''));
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function show(query) {
    list.textContent = '';
    var q = query.trim();
    if (!q) { count.textContent = ''; return; }
    var hits = cmSearch(index, q, MAX);
    count.textContent = counted(hits.length);
    hits.forEach(function (h) {
      var li = el('li');
      var a = el('a');
      a.href = prefix + h.href;
      a.appendChild(el('span', 'kind', KINDS[h.kind] || h.kind));
      a.appendChild(el('span', 'title', h.title));
      a.appendChild(el('span', 'where', h.chapter));
      if (h.passage) {
        // The matching passage, the match marked (text nodes only: course text is never HTML here).
        var p = el('span', 'text');
        p.appendChild(document.createTextNode(h.passage.before));
        if (h.passage.match) p.appendChild(el('mark', null, h.passage.match));
        p.appendChild(document.createTextNode(h.passage.after));
        a.appendChild(p);
      }
      li.appendChild(a);
      list.appendChild(li);
    });
  }
  function links() { return Array.prototype.slice.call(list.querySelectorAll('a')); }
  input.addEventListener('input', function () { show(input.value); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' && links().length) { e.preventDefault(); links()[0].focus(); }
    if (e.key === 'Escape') { input.value = ''; show(''); }
  });
  list.addEventListener('keydown', function (e) {
    var all = links();
    var i = all.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && i < all.length - 1) { e.preventDefault(); all[i + 1].focus(); }
    if (e.key === 'ArrowUp') { e.preventDefault(); (i > 0 ? all[i - 1] : input).focus(); }
    if (e.key === 'Escape') { input.focus(); }
  });
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    var typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable);
    if (e.key === '/' && !typing) { e.preventDefault(); input.focus(); }
  });
})();
