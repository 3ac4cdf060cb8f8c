// The site's search query (plain ES5, run by the page and by the tests alike): whole-word matches
// first — a passage with the whole phrase before one with the words apart — then prefix matches,
// then, only when there is room, fuzzy matches for words of 5 letters or more. No result twice. Each result
// carries its passage: the text around the first match, for the page to show with the match marked.
function cmSearch(index, query, max) {
  var q = String(query || '').trim();
  if (!q) return [];
  max = max || 20;
  var phrase = q.toLowerCase().replace(/\s+/g, ' ');
  var prefix = function (term) { return term.length >= 3; };
  var options = function (p, f) { return { prefix: p, fuzzy: f, combineWith: 'AND', boost: { title: 2 } }; };
  var exact = index.search(q, options(false, false));
  var has = function (h) { return (h.title + ' ' + h.text).toLowerCase().replace(/\s+/g, ' ').indexOf(phrase) >= 0 ? 1 : 0; };
  exact.forEach(function (h, i) { h._phrase = has(h); h._order = i; });
  exact.sort(function (a, b) { return b._phrase - a._phrase || a._order - b._order; });
  var out = [];
  var seen = {};
  var take = function (h) {
    var key = h.href + '\u0000' + h.title;
    if (seen[key] || out.length >= max) return;
    seen[key] = true;
    out.push({ kind: h.kind, title: h.title, chapter: h.chapter, href: h.href, slides: h.slides, passage: cmPassage(h.text, phrase, h.terms || []), fuzzy: false });
  };
  // Tiers: whole words (the phrase first), then words that start so, then — if there is room — near spellings.
  exact.forEach(take);
  if (out.length < max) index.search(q, options(prefix, false)).forEach(take);
  if (out.length < max) {
    var fuzzy = index.search(q, options(prefix, function (term) { return term.length >= 5 ? 0.2 : false; }));
    fuzzy.forEach(function (h) {
      var before = out.length;
      take(h);
      if (out.length > before) out[out.length - 1].fuzzy = true;
    });
  }
  return out;
}

/** The text around the first match: the phrase if it is there, else the first matched word. */
function cmPassage(text, phrase, terms) {
  var t = String(text || '').replace(/\s+/g, ' ');
  if (!t) return null;
  var low = t.toLowerCase();
  var at = low.indexOf(phrase);
  var len = phrase.length;
  if (at < 0) {
    for (var i = 0; i < terms.length; i++) {
      var k = low.search(new RegExp('(^|[^\\p{L}\\p{N}])' + terms[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'u'));
      if (k >= 0) {
        var start = low.charAt(k).match(/[\p{L}\p{N}]/u) ? k : k + 1;
        if (at < 0 || start < at) { at = start; len = terms[i].length; }
      }
    }
  }
  if (at < 0) return { before: '', match: '', after: t.length > 180 ? t.slice(0, 179).replace(/\s+\S*$/, '') + '…' : t };
  var from = Math.max(0, at - 70);
  var to = Math.min(t.length, at + len + 110);
  if (from > 0) from = t.indexOf(' ', from) + 1 || from;
  if (to < t.length) { var sp = t.lastIndexOf(' ', to); if (sp > at + len) to = sp; }
  return { before: (from > 0 ? '…' : '') + t.slice(from, at), match: t.slice(at, at + len), after: t.slice(at + len, to) + (to < t.length ? '…' : '') };
}
