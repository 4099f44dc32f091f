// portal-build default theme: full-text search over the prebuilt index in search/ (README,
// "Search"). Loaded on every page: each form[data-search-form] becomes an instant-search box
// with a dropdown of results, and the search page (search/?q=…) lists every match with facets.
// The index comes from repositories and is untrusted: its text reaches the page only through
// textContent and setAttribute, never as HTML.
(function () {
  "use strict";

  // ==========================================================================
  // 1. Words: the tokeniser and stemmer (must give exactly the Swift side's terms;
  //    Tests/PortalSearchTests/Fixtures/words.json holds the shared vectors)
  // ==========================================================================

  // Lucene EnglishAnalyzer's stop words; the manifest's stopWords replace them once loaded.
  var DEFAULT_STOP_WORDS = ["a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in",
    "into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
    "these", "they", "this", "to", "was", "will", "with"];
  var stopWords = new Set(DEFAULT_STOP_WORDS);

  // A word: runs of letters, marks and digits joined by single - _ . between two of them.
  var WORD = /[\p{L}\p{M}\p{N}]+(?:[-_.][\p{L}\p{M}\p{N}]+)*/gu;
  var IS_UPPER = /^\p{Lu}$/u;
  var IS_LOWER = /^\p{Ll}$/u;
  var IS_DIGIT = /^\p{Nd}$/u;
  var ASCII = /^[\x00-\x7f]*$/;
  var OTHER = 0, UPPER = 1, LOWER = 2, DIGIT = 3, JOINER = 4;

  /** The camelCase class of one code point of a word: UPPER (Lu), LOWER (Ll), DIGIT (Nd), JOINER or OTHER. */
  function charClass(ch) {
    if (ch < "\x80") {
      if (ch >= "a" && ch <= "z") return LOWER;
      if (ch >= "A" && ch <= "Z") return UPPER;
      if (ch >= "0" && ch <= "9") return DIGIT;
      return ch === "-" || ch === "_" || ch === "." ? JOINER : OTHER;
    }
    if (IS_UPPER.test(ch)) return UPPER;
    if (IS_LOWER.test(ch)) return LOWER;
    return IS_DIGIT.test(ch) ? DIGIT : OTHER;
  }

  /** Lowercases each code point on its own (so Σ always gives σ, never the final ς). */
  function lowercase(text) {
    if (ASCII.test(text)) return text.toLowerCase();
    var out = "";
    for (var ch of text) out += ch.toLowerCase();
    return out;
  }

  /** The number of code points in `text`. */
  function codePointLength(text) {
    var count = 0;
    for (var i = 0; i < text.length; i++) {
      var unit = text.charCodeAt(i);
      if (unit < 0xdc00 || unit > 0xdfff || i === 0 || text.charCodeAt(i - 1) < 0xd800 || text.charCodeAt(i - 1) > 0xdbff) count++;
    }
    return count;
  }

  /** The light stemmer, on parts of only a–z with 4+ letters: plurals, then -ing/-ed, then -e. */
  function stem(word) {
    if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
    if (word.endsWith("ies") && word.length > 4) word = word.slice(0, -3) + "y";
    else if (word.endsWith("sses")) word = word.slice(0, -2);
    else if (word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) word = word.slice(0, -1);
    var suffix = word.endsWith("ing") ? 3 : word.endsWith("ed") ? 2 : 0;
    if (suffix) {
      var rest = word.slice(0, -suffix);
      if (rest.length >= 3 && /[aeiouy]/.test(rest)) {
        word = rest;
        var last = word.charAt(word.length - 1);
        if (word.length >= 4 && last === word.charAt(word.length - 2) && "bdgkmnprt".indexOf(last) >= 0) word = word.slice(0, -1);
      }
    }
    if (word.endsWith("e") && word.length - 1 >= 4) word = word.slice(0, -1);
    return word;
  }

  /**
   * Cuts one word (as matched by WORD, starting at UTF-16 offset `start` of its text) into
   * parts at joiners and camelCase boundaries (on the original case). Returns
   * {start, end, text (lowercased), pieces (parts before any was dropped), parts: [{start, end,
   * raw (lowercased), term (stemmed)}]} where parts are only the kept ones.
   */
  function splitWord(word, start) {
    var chars = Array.from(word);
    var classes = chars.map(charClass);
    var offsets = new Array(chars.length + 1);
    offsets[0] = start;
    for (var k = 0; k < chars.length; k++) offsets[k + 1] = offsets[k] + chars[k].length;
    var pieces = [];
    var from = 0;
    for (var i = 0; i < chars.length; i++) {
      var current = classes[i];
      if (current === JOINER) {
        pieces.push([from, i]);
        from = i + 1;
      } else if (i > from && current === UPPER) {
        var previous = classes[i - 1];
        var next = i + 1 < chars.length ? classes[i + 1] : OTHER;
        if (previous === LOWER || previous === DIGIT || (previous === UPPER && next === LOWER)) {
          pieces.push([from, i]);
          from = i;
        }
      }
    }
    pieces.push([from, chars.length]);
    var parts = [];
    pieces.forEach(function (piece) {
      var raw = lowercase(chars.slice(piece[0], piece[1]).join(""));
      var length = codePointLength(raw);
      if (length < 2 || length > 64 || stopWords.has(raw)) return;
      parts.push({ start: offsets[piece[0]], end: offsets[piece[1]], raw: raw, term: stem(raw) });
    });
    return { start: start, end: start + word.length, text: lowercase(word), pieces: pieces.length, parts: parts };
  }

  /** Every word of `text`, with offsets, including words whose parts were all dropped. */
  function scan(text) {
    var words = [];
    var pattern = new RegExp(WORD.source, "gu");
    var match;
    while ((match = pattern.exec(text)) !== null) words.push(splitWord(match[0], match.index));
    return words;
  }

  /** A joined word's whole term: its lowercased text when it has 2+ parts and 2–64 code points, else null. */
  function wholeTerm(word) {
    if (word.pieces < 2) return null;
    var length = codePointLength(word.text);
    return length >= 2 && length <= 64 ? word.text : null;
  }

  /** The index words of `text`: [{whole: lowercased word or null when it has 1 part, parts: [stemmed parts]}]. */
  function words(text) {
    var out = [];
    scan(String(text)).forEach(function (word) {
      var whole = wholeTerm(word);
      if (whole === null && word.parts.length === 0) return;
      out.push({ whole: whole, parts: word.parts.map(function (part) { return part.term; }) });
    });
    return out;
  }

  /** The index terms of `text` in emission order: each joined word whole, then its parts. */
  function terms(text) {
    var out = [];
    words(text).forEach(function (word) {
      if (word.whole !== null) out.push(word.whole);
      Array.prototype.push.apply(out, word.parts);
    });
    return out;
  }

  // ==========================================================================
  // 2. Loading index files: fetch over http(s), the .js twin from file:// (or when fetch
  //    fails); every file is loaded once
  // ==========================================================================

  var root = document.body.getAttribute("data-root") || "";
  var SEARCH_FOLDER = root + "search/";
  var isFile = location.protocol === "file:";
  var files = new Map();   // path → Promise of the parsed JSON
  var scripts = new Map(); // twin script path → Promise that it ran
  var handedOver = new Map(); // path → data a twin script handed over, until it is asked for
  var filesPerTwin = 8;    // docs/, terms/ and sets/ files per twin script (the manifest says; README "Search")

  var api = {
    words: words,
    terms: terms,
    stem: stem,
    /** Milliseconds from running a query (after the debounce) to the DOM showing its results. */
    lastQueryMs: null,
    /** UTF-8 bytes of every index file loaded so far. */
    bytesLoaded: 0,
    /** How many index files were loaded (not counting cache hits). */
    filesLoaded: 0,
    /** The twin scripts run so far (file://), as search/-relative paths without `.js`. */
    twinScripts: function () { return Array.from(scripts.keys()); }
  };

  /** The number of UTF-8 bytes of `text`. */
  function utf8Length(text) {
    var bytes = 0;
    for (var i = 0; i < text.length; i++) {
      var unit = text.charCodeAt(i);
      if (unit < 0x80) bytes += 1;
      else if (unit < 0x800) bytes += 2;
      else if (unit >= 0xd800 && unit <= 0xdbff) { bytes += 4; i++; }
      else bytes += 3;
    }
    return bytes;
  }

  // Twin scripts call this: portalSearchData("terms/3", [...]); a group's twin calls it once
  // per file it holds.
  window.portalSearchData = function (path, data) {
    handedOver.set(path, data);
  };

  /** The twin script holding search/<path>.json: terms/<n> is in terms/group-<n / filesPerTwin>
   *  (docs/ and sets/ alike); the other files have their own. */
  function twinScript(path) {
    var numbered = /^(docs|terms|sets)\/(\d+)$/.exec(path);
    return numbered ? numbered[1] + "/group-" + Math.floor(Number(numbered[2]) / filesPerTwin) : path;
  }

  /** Runs search/<script>.js once, with a script tag (a failed load may be retried). */
  function runScript(script) {
    var loading = scripts.get(script);
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = SEARCH_FOLDER + script + ".js";
      tag.addEventListener("load", function () {
        tag.remove();
        var entry = window.performance && performance.getEntriesByName ? performance.getEntriesByName(tag.src)[0] : null;
        if (entry && entry.encodedBodySize) api.bytesLoaded += entry.encodedBodySize;
        resolve(Boolean(entry && entry.encodedBodySize));
      });
      tag.addEventListener("error", function () {
        tag.remove();
        scripts.delete(script);
        reject(new Error("search: cannot load " + tag.src));
      });
      document.head.appendChild(tag);
    });
    scripts.set(script, loading);
    return loading;
  }

  /** The data of search/<path>.json from its twin script (which may hold other files' too). */
  function loadTwin(path) {
    var script = twinScript(path);
    return runScript(script).then(function (counted) {
      if (!handedOver.has(path)) throw new Error("search: " + SEARCH_FOLDER + script + ".js did not call portalSearchData for " + path);
      var data = handedOver.get(path);
      handedOver.delete(path);
      if (!counted) api.bytesLoaded += utf8Length(JSON.stringify(data));
      return data;
    });
  }

  /** Fetches search/<path>.json and parses it. */
  function fetchJSON(path) {
    return fetch(SEARCH_FOLDER + path + ".json", { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("search: " + response.url + " answered " + response.status);
      var length = response.headers.get("Content-Length");
      var encoded = response.headers.get("Content-Encoding");
      return response.text().then(function (text) {
        api.bytesLoaded += length && !encoded ? Number(length) : utf8Length(text);
        return JSON.parse(text);
      });
    });
  }

  /** The parsed index file search/<path>.json, loaded once (a failed load may be retried). */
  function load(path) {
    var promise = files.get(path);
    if (promise) return promise;
    promise = (isFile ? loadTwin(path) : fetchJSON(path).catch(function () { return loadTwin(path); }))
      .then(function (data) { api.filesLoaded++; return data; });
    promise.catch(function () { files.delete(path); });
    files.set(path, promise);
    return promise;
  }

  // ==========================================================================
  // 3. Index access: manifest, term shards, postings, document sets, spelling lists
  // ==========================================================================

  var postingsCache = new Map(); // term → decoded postings (see decodePostings)
  var setsCache = new Map();     // set number → Promise of a bitmap (Uint8Array)

  /** The manifest (its stop words replace the built-in list). */
  function manifest() {
    return load("manifest").then(function (data) {
      if (Array.isArray(data.stopWords)) stopWords = new Set(data.stopWords);
      if (data.filesPerTwin > 0) filesPerTwin = data.filesPerTwin;
      return data;
    });
  }

  /** The last index i with list[i] ≤ key (UTF-16 order), or -1. */
  function floorIndex(list, key) {
    var low = 0, high = list.length - 1, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (list[middle] <= key) { found = middle; low = middle + 1; } else high = middle - 1;
    }
    return found;
  }

  /** The shard number holding `term`. */
  function shardOf(index, term) {
    return Math.max(0, floorIndex(index.shards, term));
  }

  /** Shard i's entries, [[term, df, postings, set?], …] sorted by term. */
  function shard(i) {
    return load("terms/" + i);
  }

  /** The position of the first entry of `entries` whose term is ≥ `term`. */
  function lowerBound(entries, term) {
    var low = 0, high = entries.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (entries[middle][0] < term) low = middle + 1; else high = middle;
    }
    return low;
  }

  /** The shard entry of `term`, or null when the term is not in the index. */
  function lookup(index, term) {
    return shard(shardOf(index, term)).then(function (entries) {
      var at = lowerBound(entries, term);
      return at < entries.length && entries[at][0] === term ? entries[at] : null;
    });
  }

  /**
   * Decodes a shard entry once into typed arrays: {term, df, docs (Int32Array, ascending),
   * scores (Int32Array), low (the lowest listed score), set (the number of its full document
   * set when it lists only its top documents, else -1)}.
   */
  function decodePostings(entry) {
    var cached = postingsCache.get(entry[0]);
    if (cached) return cached;
    var flat = entry[2] || [];
    var count = flat.length >> 1;
    var docs = new Int32Array(count);
    var scores = new Int32Array(count);
    var doc = 0, low = Infinity;
    for (var i = 0; i < count; i++) {
      doc += flat[2 * i];
      docs[i] = doc;
      var score = flat[2 * i + 1];
      scores[i] = score;
      if (score < low) low = score;
    }
    var set = entry.length > 3 && typeof entry[3] === "number" ? entry[3] : -1;
    var postings = { term: entry[0], df: entry[1], docs: docs, scores: scores, low: count ? low : 0, set: set };
    postingsCache.set(entry[0], postings);
    return postings;
  }

  /** Decodes sets/<n>.json ({bits: base64} or {ids: deltas}) into a bitmap of `documents` bits. */
  function decodeSet(data, documents) {
    var bits = new Uint8Array((documents + 7) >> 3);
    if (typeof data.bits === "string") {
      var bytes = atob(data.bits);
      var length = Math.min(bytes.length, bits.length);
      for (var i = 0; i < length; i++) bits[i] = bytes.charCodeAt(i);
    } else if (Array.isArray(data.ids)) {
      var doc = 0;
      for (var k = 0; k < data.ids.length; k++) {
        doc += data.ids[k];
        if (doc < documents) bits[doc >> 3] |= 1 << (doc & 7);
      }
    }
    return bits;
  }

  /** The full document set of a common term, as a bitmap (loaded once). */
  function loadSet(index, postings) {
    var promise = setsCache.get(postings.set);
    if (!promise) {
      promise = load("sets/" + postings.set).then(function (data) { return decodeSet(data, index.documents); });
      setsCache.set(postings.set, promise);
    }
    return promise;
  }

  /** Up to `limit` terms starting with `prefix`, most frequent first: [[term, df, …], …] entries. */
  function prefixEntries(index, prefix, limit) {
    var first = shardOf(index, prefix);
    var shards = [first];
    // A later shard can hold prefixed terms only when its first term starts with the prefix.
    for (var i = first + 1; i < index.shards.length && shards.length < 3 && index.shards[i].startsWith(prefix); i++) shards.push(i);
    return Promise.all(shards.map(shard)).then(function (lists) {
      var found = [];
      lists.forEach(function (entries) {
        for (var at = lowerBound(entries, prefix); at < entries.length && entries[at][0].startsWith(prefix); at++) found.push(entries[at]);
      });
      found.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0); });
      return found.slice(0, limit);
    });
  }

  /** Whether `a` and `b` are one insertion, deletion, substitution or adjacent transposition apart. */
  function oneEditApart(a, b) {
    if (a === b) return false;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
      return a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2); // transposition
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1); // deletion or insertion
  }

  /**
   * The 3 most frequent indexed words one edit away from `raw` or its stem `term`, sharing
   * their first letter (the spelling list spell/<i>.json of that letter): shard entries.
   */
  function spellingEntries(index, raw, term) {
    var letter = raw.charAt(0);
    var list = index.spell || [];
    var number = list.indexOf(letter);
    if (number < 0) return Promise.resolve([]);
    return load("spell/" + number).then(function (words) {
      // Entries are [word, df]: only the 3 most frequent candidates' shards are loaded.
      var near = [];
      (words || []).forEach(function (item) {
        var word = Array.isArray(item) ? item[0] : item;
        if (typeof word !== "string" || word.charAt(0) !== letter) return;
        if (oneEditApart(word, raw) || oneEditApart(word, term)) near.push([word, Array.isArray(item) ? item[1] : 0]);
      });
      near.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
      var counted = near.length > 0 && near[0][1] > 0;
      return Promise.all(near.slice(0, counted ? 3 : 64).map(function (pair) { return lookup(index, pair[0]); }));
    }).then(function (entries) {
      return entries.filter(Boolean).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); }).slice(0, 3);
    });
  }

  // ==========================================================================
  // 4. Queries: words → required slots with weighted alternatives → ranked documents
  // ==========================================================================

  var PREFIX_WEIGHT = 0.8;
  var SPELLING_WEIGHT = 0.5;
  var PREFIX_EXPANSIONS = 16;

  /**
   * Parses a query into words: {text, slots: [{raw, term, prefix}], whole, wholePrefix,
   * optional}. Every slot (a kept part) is required; `whole` (a joined word's whole term) only
   * adds a bonus. The last word, unless the query ends in whitespace, also matches as a prefix
   * (its last part's raw text, and a joined word's whole text). A last word made only of a stop
   * word is kept as an optional prefix, so typing "the" can still find "theme".
   */
  function parseQuery(query) {
    var scanned = scan(query);
    var typing = query.length > 0 && !/\s$/u.test(query);
    var parsed = [];
    scanned.forEach(function (word, i) {
      var last = typing && i === scanned.length - 1;
      var slots = word.parts.map(function (part, k) {
        var prefix = last && k === word.parts.length - 1 && codePointLength(part.raw) >= 2 ? part.raw : null;
        return { raw: part.raw, term: part.term, prefix: prefix };
      });
      var whole = wholeTerm(word);
      if (slots.length === 0 && whole !== null) {
        // Every part was dropped (e.g. "e.g"): the whole word is what must match.
        slots.push({ raw: whole, term: whole, prefix: last ? whole : null });
        whole = null;
      }
      if (slots.length > 0) {
        parsed.push({ text: word.text, slots: slots, whole: whole, wholePrefix: last && whole !== null, optional: false });
      } else if (last && codePointLength(word.text) >= 2) {
        parsed.push({ text: word.text, slots: [{ raw: word.text, term: null, prefix: word.text }], whole: null, wholePrefix: false, optional: true });
      }
    });
    return parsed;
  }

  /**
   * The alternatives of one slot: [{p: postings, w: weight, bits}] (exact ×1, prefix ×0.8,
   * spelling ×0.5); `bits` is the term's full document set once loaded (resolveQuery), and
   * null while only its listed postings count.
   */
  function slotAlternatives(index, slot) {
    var exact = slot.term === null ? Promise.resolve(null) : lookup(index, slot.term);
    var prefixed = slot.prefix ? prefixEntries(index, slot.prefix, PREFIX_EXPANSIONS + 1) : Promise.resolve([]);
    return Promise.all([exact, prefixed]).then(function (found) {
      var alternatives = [];
      var seen = new Set();
      if (found[0]) {
        alternatives.push({ p: decodePostings(found[0]), w: 1, bits: null });
        seen.add(found[0][0]);
      }
      found[1].forEach(function (entry) {
        if (seen.has(entry[0]) || seen.size >= PREFIX_EXPANSIONS + (found[0] ? 1 : 0)) return;
        seen.add(entry[0]);
        alternatives.push({ p: decodePostings(entry), w: PREFIX_WEIGHT, bits: null });
      });
      // Spelling: a word of 5+ code points not in the index (unless it is being typed and
      // already has prefix matches: "rollb" is a beginning, not a typo).
      if (found[0] || slot.term === null || codePointLength(slot.raw) < 5 || found[1].length > 0) return alternatives;
      return spellingEntries(index, slot.raw, slot.term).then(function (near) {
        near.forEach(function (entry) {
          if (seen.has(entry[0])) return;
          seen.add(entry[0]);
          alternatives.push({ p: decodePostings(entry), w: SPELLING_WEIGHT, bits: null });
        });
        return alternatives;
      });
    });
  }

  /** The bonus alternatives of a joined word's whole term (exact ×1, and as a prefix ×0.8 when typing). */
  function wholeAlternatives(index, word) {
    if (word.whole === null) return Promise.resolve([]);
    return slotAlternatives(index, { raw: word.whole, term: word.whole, prefix: word.wholePrefix ? word.whole : null })
      .then(function (alternatives) { return alternatives.filter(function (a) { return a.w >= PREFIX_WEIGHT; }); });
  }

  /**
   * Resolves every word's alternatives and loads the document sets of their common terms.
   * With a `limit` (the dropdown shows only the best few) no larger than the index's top-K,
   * sets are skipped to save bytes: all of them for a one-slot query (a common term's listed
   * postings are its K best-scoring documents, so the best `limit` are among them), and prefix
   * expansions' otherwise (their K best documents stand for them).
   */
  function resolveQuery(index, parsed, limit) {
    var lean = Boolean(limit) && limit <= index.top;
    return Promise.all(parsed.map(function (word) {
      return Promise.all([Promise.all(word.slots.map(function (slot) { return slotAlternatives(index, slot); })), wholeAlternatives(index, word)])
        .then(function (found) { return { text: word.text, optional: word.optional, slots: found[0], bonus: found[1], source: word }; });
    })).then(function (resolved) {
      var single = resolved.length === 1 && resolved[0].slots.length === 1 && resolved[0].bonus.length === 0;
      var sets = [];
      resolved.forEach(function (word) {
        word.slots.concat([word.bonus]).forEach(function (alternatives) {
          alternatives.forEach(function (a) {
            if (a.p.set < 0 || (lean && (single || a.w === PREFIX_WEIGHT))) return;
            sets.push(loadSet(index, a.p).then(function (bits) { a.bits = bits; }));
          });
        });
      });
      return Promise.all(sets).then(function () { return resolved; });
    });
  }

  /** The weighted score of document `doc` for one alternative, or -1 when the term is not in it. */
  function alternativeScore(alternative, doc) {
    var p = alternative.p, docs = p.docs, bits = alternative.bits;
    // A common term's set holds every document of its postings: a miss there is a miss.
    if (bits !== null && (bits[doc >> 3] & (1 << (doc & 7))) === 0) return -1;
    var low = 0, high = docs.length - 1;
    while (low <= high) {
      var middle = (low + high) >> 1, value = docs[middle];
      if (value === doc) return p.scores[middle] * alternative.w;
      if (value < doc) low = middle + 1; else high = middle - 1;
    }
    if (bits !== null) return p.low * alternative.w;
    return -1;
  }

  /** The best score of `doc` among `alternatives`, or -1. */
  function bestScore(alternatives, doc) {
    var best = -1;
    for (var i = 0; i < alternatives.length; i++) {
      var score = alternativeScore(alternatives[i], doc);
      if (score > best) best = score;
    }
    return best;
  }

  /** A word's score for `doc` (every slot's best plus the whole-word bonus), or -1 when a slot misses. */
  function wordScore(word, doc) {
    var total = 0;
    for (var i = 0; i < word.slots.length; i++) {
      var score = bestScore(word.slots[i], doc);
      if (score < 0) return -1;
      total += score;
    }
    var bonus = bestScore(word.bonus, doc);
    return bonus > 0 ? total + bonus : total;
  }

  /** Whether every alternative's documents are its listed postings (no document set in use). */
  function isComplete(alternatives) {
    return alternatives.every(function (a) { return a.bits === null; });
  }

  /** The ascending documents of any of `alternatives`' postings lists. */
  function unionOfPostings(alternatives) {
    var size = 0;
    alternatives.forEach(function (a) { size += a.p.docs.length; });
    var all = new Int32Array(size);
    var at = 0;
    alternatives.forEach(function (a) { all.set(a.p.docs, at); at += a.p.docs.length; });
    all.sort();
    var unique = 0;
    for (var i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[unique++] = all[i];
    return all.subarray(0, unique);
  }

  /** The bitmap of the documents having any of `alternatives`. */
  function slotBitmap(alternatives, documents) {
    var bits = new Uint8Array((documents + 7) >> 3);
    alternatives.forEach(function (a) {
      var p = a.p;
      if (a.bits) for (var i = 0; i < bits.length; i++) bits[i] |= a.bits[i];
      for (var k = 0; k < p.docs.length; k++) bits[p.docs[k] >> 3] |= 1 << (p.docs[k] & 7);
    });
    return bits;
  }

  /** The ascending documents whose bit is set. */
  function bitmapDocuments(bits, documents) {
    var count = 0;
    for (var i = 0; i < bits.length; i++) for (var b = bits[i]; b; b &= b - 1) count++;
    var docs = new Int32Array(count);
    var at = 0;
    for (var byte = 0; byte < bits.length; byte++) {
      var value = bits[byte];
      if (value === 0) continue;
      for (var bit = 0; bit < 8; bit++) if (value & (1 << bit)) { var doc = byte * 8 + bit; if (doc < documents) docs[at++] = doc; }
    }
    return docs.subarray(0, at);
  }

  /**
   * Candidate documents for a group of required slots: the smallest complete slot's postings,
   * or, when every slot has a common term, the intersection of the slots' document sets.
   */
  function candidates(slots, documents) {
    var best = null, bestSize = Infinity;
    slots.forEach(function (alternatives) {
      if (!isComplete(alternatives)) return;
      var size = 0;
      alternatives.forEach(function (a) { size += a.p.docs.length; });
      if (size < bestSize) { best = alternatives; bestSize = size; }
    });
    if (best) return unionOfPostings(best);
    if (slots.length === 0) return new Int32Array(0);
    var bits = null;
    slots.forEach(function (alternatives) {
      var slot = slotBitmap(alternatives, documents);
      if (bits === null) bits = slot;
      else for (var i = 0; i < bits.length; i++) bits[i] &= slot[i];
    });
    return bitmapDocuments(bits, documents);
  }

  /** Documents having every required word, with their scores: {docs, scores}. */
  function matchAll(resolved, documents) {
    var required = resolved.filter(function (word) { return !word.optional; });
    var optional = resolved.filter(function (word) { return word.optional; });
    var slots = [];
    (required.length ? required : optional).forEach(function (word) { Array.prototype.push.apply(slots, word.slots); });
    var pool = candidates(slots, documents);
    var docs = new Int32Array(pool.length);
    var scores = new Float64Array(pool.length);
    var count = 0;
    for (var i = 0; i < pool.length; i++) {
      var doc = pool[i], total = 0, ok = true;
      for (var w = 0; w < required.length && ok; w++) {
        var score = wordScore(required[w], doc);
        if (score < 0) ok = false; else total += score;
      }
      if (!ok) continue;
      for (var o = 0; o < optional.length; o++) {
        var extra = wordScore(optional[o], doc);
        if (extra > 0) total += extra;
      }
      docs[count] = doc;
      scores[count++] = total;
    }
    return { docs: docs.subarray(0, count), scores: scores.subarray(0, count) };
  }

  /** The fallback when no document has every word: documents with the most words, and how many. */
  function matchMost(resolved, documents) {
    var counts = new Uint8Array(documents);
    var sums = new Float64Array(documents);
    var most = 0;
    resolved.forEach(function (word) {
      if (word.optional) return;
      var pool = candidates(word.slots, documents);
      for (var i = 0; i < pool.length; i++) {
        var score = wordScore(word, pool[i]);
        if (score < 0) continue;
        var n = ++counts[pool[i]];
        sums[pool[i]] += score;
        if (n > most) most = n;
      }
    });
    var size = 0;
    if (most > 0) for (var d = 0; d < documents; d++) if (counts[d] === most) size++;
    var docs = new Int32Array(size);
    var scores = new Float64Array(size);
    var at = 0;
    if (most > 0) for (var e = 0; e < documents; e++) if (counts[e] === most) { docs[at] = e; scores[at++] = sums[e]; }
    return { docs: docs, scores: scores, words: most };
  }

  /** Orders matches by score (highest first), then document id; only the first `limit` when given. */
  function rank(docs, scores, limit) {
    var before = function (a, b) { return scores[a] > scores[b] || (scores[a] === scores[b] && docs[a] < docs[b]); };
    if (limit && limit < docs.length / 4) {
      var top = [];
      for (var i = 0; i < docs.length; i++) {
        if (top.length === limit && !before(i, top[limit - 1])) continue;
        var at = top.length === limit ? limit - 1 : top.length;
        while (at > 0 && before(i, top[at - 1])) { top[at] = top[at - 1]; at--; }
        top[at] = i;
      }
      return Int32Array.from(top.map(function (k) { return docs[k]; }));
    }
    var order = Array.from({ length: docs.length }, function (_, k) { return k; });
    order.sort(function (a, b) { return scores[b] - scores[a] || docs[a] - docs[b]; });
    var ranked = new Int32Array(limit ? Math.min(limit, order.length) : order.length);
    for (var j = 0; j < ranked.length; j++) ranked[j] = docs[order[j]];
    return ranked;
  }

  /** Whether some common term counted only its listed postings (so `total` is a lower bound). */
  function skippedSets(resolved) {
    return resolved.some(function (word) {
      return word.slots.concat([word.bonus]).some(function (alternatives) {
        return alternatives.some(function (a) { return a.p.set >= 0 && a.bits === null; });
      });
    });
  }

  /**
   * Runs a query: resolves to {docs (ranked Int32Array), total (matches before `limit`), all
   * (whether they have every word), words (how many words they have), wordCount, highlight,
   * atLeast (total is a lower bound)}. With a `limit`, only the best `limit` need be exact.
   */
  function search(query, limit) {
    return manifest().then(function (index) {
      var parsed = parseQuery(query);
      return resolveQuery(index, parsed, limit).then(function (resolved) {
        var highlight = highlighter(parsed, resolved);
        var wordCount = parsed.filter(function (word) { return !word.optional; }).length;
        if (resolved.length === 0) return { docs: new Int32Array(0), total: 0, all: true, words: 0, wordCount: 0, highlight: highlight };
        var found = matchAll(resolved, index.documents);
        var all = true, matched = wordCount;
        if (found.docs.length === 0 && wordCount > 1) {
          found = matchMost(resolved, index.documents);
          all = false;
          matched = found.words;
        }
        return { docs: rank(found.docs, found.scores, limit), total: found.docs.length, all: all, words: matched, wordCount: wordCount,
                 highlight: highlight, atLeast: skippedSets(resolved) };
      });
    });
  }

  // ==========================================================================
  // 5. Result data: document metadata chunks, entities and facets, URLs
  // ==========================================================================

  /** Document d's metadata {doc, label, title, url, entity, context, snippet} (docs/<chunk>.json). */
  function documentInfo(index, doc) {
    var chunk = Math.floor(doc / index.chunk);
    return load("docs/" + chunk).then(function (rows) {
      var row = rows[doc - chunk * index.chunk] || [];
      return { doc: doc, label: row[0] || "", title: row[1] || "", url: row[2] || "", entity: row[3], context: row[4] || "", snippet: row[5] || "" };
    });
  }

  /** The metadata of each of `docs`, in order. */
  function documentInfos(index, docs) {
    return Promise.all(Array.prototype.map.call(docs, function (doc) { return documentInfo(index, doc); }));
  }

  /**
   * A site-relative URL made relative to this page; on file://, folder URLs get index.html.
   * The root prefix ("./" at least) keeps an index URL from ever being read as a scheme.
   */
  function pageURL(url) {
    var href = (root || "./") + url;
    if (!isFile) return href;
    var cut = href.search(/[?#]/);
    var path = cut < 0 ? href : href.slice(0, cut);
    var rest = cut < 0 ? "" : href.slice(cut);
    if (path === "" || path.endsWith("/")) path += "index.html";
    return path + rest;
  }

  /** The search page's URL, with `params` (URLSearchParams or null). */
  function searchPageURL(params) {
    var query = params ? params.toString() : "";
    return pageURL("search/" + (query ? "?" + query : ""));
  }

  // ==========================================================================
  // 6. Rendering: highlighted text, kind chips, result entries (DOM only, no HTML strings)
  // ==========================================================================

  /** What to mark in result text: the query's matched terms, and the prefixes being typed. */
  function highlighter(parsed, resolved) {
    var matched = new Set();
    var prefixes = [];
    parsed.forEach(function (word) {
      if (word.whole) matched.add(word.whole);
      if (word.wholePrefix) prefixes.push(word.whole);
      word.slots.forEach(function (slot) {
        if (slot.term) matched.add(slot.term);
        if (slot.prefix) prefixes.push(slot.prefix);
      });
    });
    resolved.forEach(function (word) {
      word.slots.concat([word.bonus]).forEach(function (alternatives) {
        alternatives.forEach(function (a) { matched.add(a.p.term); });
      });
    });
    return { terms: matched, prefixes: prefixes };
  }

  /** Whether `text` starts with one of `prefixes`. */
  function startsWithAny(text, prefixes) {
    for (var i = 0; i < prefixes.length; i++) if (text.startsWith(prefixes[i])) return true;
    return false;
  }

  /** Appends `text` to `parent`, wrapping the words and parts that match `highlight` in <mark>. */
  function appendHighlighted(parent, text, highlight) {
    var ranges = [];
    if (highlight && text) {
      scan(text).forEach(function (word) {
        if (wholeTerm(word) !== null && (highlight.terms.has(word.text) || startsWithAny(word.text, highlight.prefixes))) {
          ranges.push([word.start, word.end]);
          return;
        }
        word.parts.forEach(function (part) {
          if (highlight.terms.has(part.term) || highlight.terms.has(part.raw) || startsWithAny(part.raw, highlight.prefixes)) ranges.push([part.start, part.end]);
        });
      });
    }
    var at = 0;
    ranges.forEach(function (range) {
      if (range[0] > at) parent.appendChild(document.createTextNode(text.slice(at, range[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(range[0], range[1]);
      parent.appendChild(mark);
      at = range[1];
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  /** An element with a class and optional text. */
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** The kind chip of a result ("Component", "API", …, "Docs"). */
  function chip(label) {
    var node = element("span", "search-chip", label);
    node.setAttribute("data-kind", label.toLowerCase().replace(/[^a-z0-9]+/g, "-"));
    return node;
  }

  /** Fills `container` with a result's chip, title (into `titleNode`), context line and snippet. */
  function fillResult(container, info, highlight, titleNode) {
    var head = element("span", "search-result-head");
    head.appendChild(chip(info.label));
    appendHighlighted(titleNode, info.title, highlight);
    head.appendChild(titleNode);
    container.appendChild(head);
    if (info.context) container.appendChild(element("span", "search-result-context", info.context));
    if (info.snippet) {
      var snippet = element("span", "search-result-snippet");
      appendHighlighted(snippet, info.snippet, highlight);
      container.appendChild(snippet);
    }
  }

  /** Formats a count with its noun: 1 result, 2 results. */
  function plural(count, noun) {
    return count.toLocaleString("en") + " " + noun + (count === 1 ? "" : "s");
  }

  // ==========================================================================
  // 7. Instant search boxes: form[data-search-form] as an ARIA combobox with a listbox
  // ==========================================================================

  var DROPDOWN_RESULTS = 8;
  var DEBOUNCE_MS = 80;

  /** Turns one search form into an instant-search combobox. */
  function enhanceForm(form, number) {
    var input = form.querySelector("input[name=q]");
    if (!input) return;
    form.setAttribute("action", searchPageURL(null));
    form.classList.add("search-enhanced");
    var listId = "search-listbox-" + number;
    var popup = element("div", "search-popup");
    popup.hidden = true;
    var note = element("p", "search-popup-note");
    note.hidden = true;
    var list = element("ul", "search-listbox");
    list.id = listId;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Search results");
    var status = element("p", "visually-hidden");
    status.setAttribute("role", "status");
    popup.appendChild(note);
    popup.appendChild(list);
    form.appendChild(popup);
    form.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    var hrefs = [];   // the URL of each option, in order
    var active = -1;  // the highlighted option, or -1
    var timer = 0;
    var sequence = 0; // only the latest query may render

    function open() {
      if (!list.firstChild && note.hidden) return;
      popup.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      popup.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function setActive(next) {
      var options = list.children;
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = next;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function clear() {
      list.textContent = "";
      note.textContent = "";
      note.hidden = true;
      hrefs = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }

    /** Adds one option to the listbox. */
    function addOption(href, fill, className) {
      var option = element("li", "search-option" + (className ? " " + className : ""));
      option.id = listId + "-" + hrefs.length;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-index", String(hrefs.length));
      option.setAttribute("data-href", href);
      fill(option);
      hrefs.push(href);
      list.appendChild(option);
    }

    /** Runs the box's query and shows its results. */
    function run() {
      var query = input.value;
      var mine = ++sequence;
      if (!query.trim()) { clear(); close(); status.textContent = ""; return; }
      var started = performance.now();
      search(query, DROPDOWN_RESULTS).then(function (result) {
        return manifest().then(function (index) { return documentInfos(index, result.docs); }).then(function (infos) {
          if (mine !== sequence) return;
          clear();
          infos.forEach(function (info) {
            addOption(pageURL(info.url), function (option) { fillResult(option, info, result.highlight, element("span", "search-result-title")); });
          });
          var params = new URLSearchParams();
          params.set("q", query.trim());
          addOption(searchPageURL(params), function (option) { option.textContent = "All results for “" + query.trim() + "”"; }, "search-option-all");
          if (result.total === 0) {
            note.textContent = "No results for “" + query.trim() + "”.";
          } else if (!result.all) {
            note.textContent = "Nothing has every word; showing results with " + result.words + " of " + result.wordCount + ".";
          }
          note.hidden = !note.textContent;
          status.textContent = result.total === 0 ? "No results"
            : plural(result.total, "result") + (result.atLeast ? " or more" : "") + (result.total > DROPDOWN_RESULTS ? ", " + DROPDOWN_RESULTS + " shown" : "");
          if (document.activeElement === input) open();
          api.lastQueryMs = performance.now() - started;
        });
      }).catch(function (error) {
        if (mine !== sequence) return;
        clear();
        note.textContent = "Search is unavailable: the index could not be loaded.";
        note.hidden = false;
        open();
        if (window.console) console.error(error);
      });
    }

    function go(index) {
      if (index >= 0 && index < hrefs.length) location.assign(hrefs[index]);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    input.addEventListener("focus", function () {
      manifest().catch(function () {});
      if (input.value.trim() && list.firstChild) open();
    });
    input.addEventListener("keydown", function (event) {
      var count = hrefs.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) return;
        event.preventDefault();
        if (popup.hidden) { open(); setActive(event.key === "ArrowDown" ? 0 : count - 1); return; }
        var step = event.key === "ArrowDown" ? 1 : -1;
        setActive(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
      } else if (event.key === "Enter") {
        if (!popup.hidden && active >= 0) {
          event.preventDefault();
          go(active);
        }
      } else if (event.key === "Escape") {
        if (!popup.hidden) { event.preventDefault(); close(); }
        else if (input.value) { event.preventDefault(); input.value = ""; sequence++; clear(); status.textContent = ""; }
      }
    });
    form.addEventListener("submit", function (event) {
      // Without a chosen option the form opens the search page (by script: on file:// a form
      // cannot add the index.html that folder URLs need there).
      event.preventDefault();
      clearTimeout(timer);
      var params = new URLSearchParams();
      if (input.value.trim()) params.set("q", input.value.trim());
      location.assign(searchPageURL(params));
    });
    // Keep the focus in the input when an option is pressed.
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) go(Number(option.getAttribute("data-index")));
    });
    list.addEventListener("mousemove", function (event) {
      var option = event.target.closest("[role=option]");
      if (option && Number(option.getAttribute("data-index")) !== active) setActive(Number(option.getAttribute("data-index")));
    });
    form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) close();
    });
  }

  /** `/` focuses the header search box, unless the focus is in a field or editable text. */
  function focusShortcut() {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      var target = event.target;
      if (target && target.closest && target.closest("input, textarea, select, [contenteditable]:not([contenteditable=false])")) return;
      var box = document.querySelector(".site-header form[data-search-form] input[name=q]") || document.querySelector("form[data-search-form] input[name=q]");
      if (!box) return;
      event.preventDefault();
      box.focus();
      box.select();
    });
  }

  // ==========================================================================
  // 8. The search page: every match, facets with disjunctive counts, a shareable URL
  // ==========================================================================

  var PAGE_SIZE = 20;
  var FACET_VALUES_SHOWN = 8;
  var FACET_TITLES = { kind: "Kind", type: "Type", owner: "Owner", lifecycle: "Lifecycle", tag: "Tag", show: "Show" };

  /** The entity a document belongs to: itself, or the owner of its docs section. */
  function entityOf(index, facets, doc) {
    if (doc < index.entities) return doc;
    var sections = facets.sections || [];
    // Past the last entity's sections: a document of no entity (a plugin's page).
    if (sections.length && doc >= sections[sections.length - 1]) return -1;
    var low = 0, high = sections.length - 2, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (sections[middle] <= doc) { found = middle; low = middle + 1; } else high = middle - 1;
    }
    return found;
  }

  /**
   * The page's facet fields: facets.json's fields plus "show" (entities or docs). Each field
   * {name, values: [[key, label]], valuesOf(doc, entity) → value index, array of indexes, or -1}.
   */
  function facetFields(index, facets) {
    var fields = (facets.fields || []).map(function (name, position) {
      return {
        name: name,
        values: (facets.values && facets.values[name]) || [],
        valuesOf: function (doc, entity) {
          var row = entity >= 0 && facets.entities ? facets.entities[entity] : null;
          return row ? row[position] : -1;
        }
      };
    });
    fields.push({
      name: "show",
      values: [["entities", "Entities"], ["docs", "Docs"]],
      valuesOf: function (doc) { return doc < index.entities ? 0 : 1; }
    });
    return fields;
  }

  /** Whether a document's value(s) for a field hit one of the selected value indexes. */
  function hits(value, selected) {
    if (Array.isArray(value)) {
      for (var i = 0; i < value.length; i++) if (selected.has(value[i])) return true;
      return false;
    }
    return selected.has(value);
  }

  /** Adds 1 to counts[value] for each of a document's values. */
  function countValues(counts, value) {
    if (Array.isArray(value)) value.forEach(function (v) { if (v >= 0 && v < counts.length) counts[v]++; });
    else if (value >= 0 && value < counts.length) counts[value]++;
  }

  /**
   * Filters ranked matches and counts facet values disjunctively: a field's counts apply every
   * other field's selection, so choosing more values of one field stays possible.
   */
  function applyFacets(index, facets, fields, selection, docs) {
    var counts = fields.map(function (field) { return new Int32Array(field.values.length); });
    var kept = new Int32Array(docs.length);
    var size = 0;
    var values = new Array(fields.length);
    for (var i = 0; i < docs.length; i++) {
      var doc = docs[i];
      var entity = entityOf(index, facets, doc);
      var failing = -1, failures = 0;
      for (var f = 0; f < fields.length; f++) {
        values[f] = fields[f].valuesOf(doc, entity);
        var selected = selection[fields[f].name];
        if (selected.size && !hits(values[f], selected)) { failures++; failing = f; }
      }
      if (failures === 0) {
        kept[size++] = doc;
        for (var g = 0; g < fields.length; g++) countValues(counts[g], values[g]);
      } else if (failures === 1) {
        countValues(counts[failing], values[failing]);
      }
    }
    return { docs: kept.subarray(0, size), counts: counts };
  }

  /** Runs the search page found in `page` ([data-search-page]). */
  function searchPage(page) {
    var form = page.querySelector("[data-search-page-form]");
    var input = form ? form.querySelector("input[name=q]") : null;
    var facetsBox = page.querySelector("[data-search-facets]");
    var resultsList = page.querySelector("[data-search-results]");
    var status = page.querySelector("[data-search-status]");
    var more = page.querySelector("[data-search-more]");
    var facetsToggle = page.querySelector("[data-search-facets-toggle]");
    if (!form || !input || !resultsList || !status) return;
    page.classList.add("search-page-ready");
    Array.prototype.forEach.call(page.querySelectorAll("[data-search-js]"), function (node) { node.hidden = false; });

    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    var index = null, facets = null, fields = [];
    var selection = {};            // field name → Set of selected value indexes
    var pendingKeys = {};          // field name → keys from the URL, until facets.json is loaded
    ["kind", "type", "owner", "lifecycle", "tag", "show"].forEach(function (name) { pendingKeys[name] = params.getAll(name); });
    var result = null;             // the last query's result
    var filtered = new Int32Array(0);
    var shown = 0;
    var sequence = 0;
    var timer = 0;
    var controls = {};             // field name → {fieldset, items: [{li, checkbox, count}], toggle}

    /** Writes the query and selection into the address bar. */
    function syncURL() {
      if (!window.history || !history.replaceState) return;
      var next = new URLSearchParams();
      if (input.value.trim()) next.set("q", input.value.trim());
      fields.forEach(function (field) {
        field.values.forEach(function (value, i) { if (selection[field.name].has(i)) next.append(field.name, value[0]); });
      });
      var query = next.toString();
      try {
        history.replaceState(null, "", query ? "?" + query : location.pathname);
      } catch (error) {
        // Some browsers refuse to change file:// URLs; the results still show.
      }
    }

    /** Builds one fieldset of checkboxes per facet field (once; counts change later). */
    function buildFacets() {
      if (!facetsBox) return;
      fields.forEach(function (field) {
        var fieldset = element("fieldset", "search-facet");
        fieldset.appendChild(element("legend", null, FACET_TITLES[field.name] || field.name));
        var list = element("ul", "search-facet-values");
        var items = field.values.map(function (value, i) {
          var li = element("li");
          var checkbox = document.createElement("input");
          checkbox.type = "checkbox";
          checkbox.id = "facet-" + field.name + "-" + i;
          checkbox.name = field.name;
          checkbox.value = value[0];
          checkbox.checked = selection[field.name].has(i);
          var label = element("label");
          label.htmlFor = checkbox.id;
          label.appendChild(element("span", "search-facet-label", value[1] || value[0]));
          var count = element("span", "count", "0");
          label.appendChild(count);
          li.appendChild(checkbox);
          li.appendChild(label);
          checkbox.addEventListener("change", function () {
            if (checkbox.checked) selection[field.name].add(i); else selection[field.name].delete(i);
            syncURL();
            var started = performance.now();
            showResults(false).then(function () { api.lastQueryMs = performance.now() - started; });
          });
          return { li: li, checkbox: checkbox, count: count, index: i };
        });
        var toggle = element("button", "search-facet-more");
        toggle.type = "button";
        toggle.hidden = true;
        toggle.setAttribute("aria-expanded", "false");
        toggle.addEventListener("click", function () {
          var expanded = toggle.getAttribute("aria-expanded") !== "true";
          toggle.setAttribute("aria-expanded", expanded ? "true" : "false");
          updateFacets(null, false);
        });
        items.forEach(function (item) { list.appendChild(item.li); });
        fieldset.appendChild(list);
        fieldset.appendChild(toggle);
        facetsBox.appendChild(fieldset);
        controls[field.name] = { fieldset: fieldset, list: list, items: items, toggle: toggle, counts: null };
      });
    }

    /** Labels the narrow screens' filters button with its state and the number of chosen values. */
    function labelFacetsToggle() {
      if (!facetsToggle) return;
      var chosen = 0;
      fields.forEach(function (field) { chosen += selection[field.name].size; });
      var expanded = facetsToggle.getAttribute("aria-expanded") === "true";
      facetsToggle.textContent = (expanded ? "Hide filters" : "Show filters") + (chosen ? " (" + chosen + " chosen)" : "");
    }

    /** Shows each facet's values with their counts; `reorder` sorts them by count (new query only). */
    function updateFacets(counts, reorder) {
      labelFacetsToggle();
      fields.forEach(function (field, f) {
        var control = controls[field.name];
        if (!control) return;
        if (counts) control.counts = counts[f];
        var values = control.counts || new Int32Array(field.values.length);
        if (reorder && field.name !== "show") {
          var sorted = control.items.slice().sort(function (a, b) {
            return values[b.index] - values[a.index] || a.index - b.index;
          });
          sorted.forEach(function (item) { control.list.appendChild(item.li); });
          control.items = sorted;
        }
        var expanded = control.toggle.getAttribute("aria-expanded") === "true";
        var visible = 0, hiddenByCap = 0;
        control.items.forEach(function (item) {
          var n = values[item.index];
          item.count.textContent = n.toLocaleString("en");
          var relevant = n > 0 || item.checkbox.checked;
          var capped = relevant && !expanded && visible >= FACET_VALUES_SHOWN && !item.checkbox.checked;
          if (relevant && !capped) visible++;
          if (capped) hiddenByCap++;
          item.li.hidden = !relevant || capped;
        });
        control.toggle.hidden = !expanded && hiddenByCap === 0;
        control.toggle.textContent = expanded ? "Show fewer" : "Show " + hiddenByCap + " more";
        control.fieldset.hidden = visible === 0;
      });
    }

    /** Renders results from `shown` up to `upTo` (loading their metadata). */
    function appendResults(upTo) {
      var slice = filtered.subarray(shown, Math.min(upTo, filtered.length));
      var mine = sequence;
      return documentInfos(index, slice).then(function (infos) {
        if (mine !== sequence) return;
        infos.forEach(function (info) {
          var li = element("li", "search-result");
          var link = element("a", "search-result-title");
          link.href = pageURL(info.url);
          fillResult(li, info, result.highlight, link);
          resultsList.appendChild(li);
        });
        shown += infos.length;
        if (more) more.hidden = shown >= filtered.length;
      });
    }

    /** Applies the facets to the last result and shows its first page; `reorder` for a new query. */
    function showResults(reorder) {
      var query = input.value.trim();
      sequence++;
      shown = 0;
      if (!result) {
        resultsList.textContent = "";
        if (more) more.hidden = true;
        status.textContent = query ? "" : "Type a word to search entities and docs.";
        updateFacets(fields.map(function (field) { return new Int32Array(field.values.length); }), reorder);
        return Promise.resolve();
      }
      var faceted = applyFacets(index, facets, fields, selection, result.docs);
      filtered = faceted.docs;
      updateFacets(faceted.counts, reorder);
      var text;
      if (result.docs.length === 0) text = "No results for “" + query + "”.";
      else {
        text = plural(filtered.length, "result") + " for “" + query + "”";
        if (filtered.length !== result.docs.length) text += " (" + result.docs.length.toLocaleString("en") + " before filters)";
        text += ".";
        if (!result.all) text += " Nothing has every word; these have " + result.words + " of " + result.wordCount + ".";
      }
      var mine = sequence;
      return appendResults(PAGE_SIZE).then(function () {
        if (mine !== sequence) return;
        // Replace the previous list only now, so it does not flash empty while chunks load.
        while (resultsList.firstChild && resultsList.children.length > shown) resultsList.removeChild(resultsList.firstChild);
        status.textContent = text;
      });
    }

    /** Runs the query in the input over every match. */
    function run() {
      var query = input.value;
      var started = performance.now();
      var mine = ++sequence;
      syncURL();
      if (!query.trim()) { result = null; return showResults(true); }
      return search(query).then(function (found) {
        if (mine !== sequence) return;
        result = found;
        return showResults(true).then(function () { api.lastQueryMs = performance.now() - started; });
      }).catch(function (error) {
        status.textContent = "Search is unavailable: the index could not be loaded.";
        if (window.console) console.error(error);
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      run();
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    if (facetsToggle) {
      facetsToggle.addEventListener("click", function () {
        facetsToggle.setAttribute("aria-expanded", facetsToggle.getAttribute("aria-expanded") === "true" ? "false" : "true");
        labelFacetsToggle();
      });
    }
    if (more) {
      more.addEventListener("click", function () {
        var first = shown;
        appendResults(shown + PAGE_SIZE).then(function () {
          var next = resultsList.children[first];
          var link = next && next.querySelector("a");
          if (link) link.focus();
        });
      });
    }

    status.textContent = "Loading the search index…";
    Promise.all([manifest(), load("facets")]).then(function (loaded) {
      index = loaded[0];
      facets = loaded[1];
      fields = facetFields(index, facets);
      fields.forEach(function (field) {
        var keys = pendingKeys[field.name] || [];
        selection[field.name] = new Set();
        field.values.forEach(function (value, i) { if (keys.indexOf(value[0]) >= 0) selection[field.name].add(i); });
      });
      buildFacets();
      return run();
    }).catch(function (error) {
      status.textContent = "Search is unavailable: the index could not be loaded.";
      if (window.console) console.error(error);
    });
  }

  // ==========================================================================
  // 9. Start-up
  // ==========================================================================

  api.search = function (query, limit) {
    return search(String(query), limit).then(function (result) {
      return { docs: Array.from(result.docs), total: result.total, all: result.all, words: result.words, atLeast: result.atLeast };
    });
  };
  api.documentInfo = function (doc) { return manifest().then(function (index) { return documentInfo(index, doc); }); };
  window.portalSearch = api;

  Array.prototype.forEach.call(document.querySelectorAll("form[data-search-form]"), enhanceForm);
  focusShortcut();
  var page = document.querySelector("[data-search-page]");
  if (page) searchPage(page);
})();
