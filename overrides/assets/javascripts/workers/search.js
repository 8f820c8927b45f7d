// The search worker Material's search box talks to (its `config.search`, set in the `config`
// block of overrides/main.html), answering with Pagefind instead of a lunr index of the whole
// site. Material's protocol (integrations/search/worker/message): SETUP (0) -> READY (1);
// QUERY (2, the text typed) -> RESULT (3, {items: [[page, ...sections]]}), each document
// {location, title, text, score, terms}; title and text are HTML, shown as such by Material.
//
// A page view fetches Pagefind's script (pagefind/pagefind.js) and nothing more; the first
// query its WebAssembly and page list, what each slice of the word index weighs and which
// words are on many pages (pagefind/chunks.json), the slices its words need, and one fragment
// per result shown. A query fetches at most QUERY_BUDGET of slices and fragments, and asks
// Pagefind for at most SEARCH_WORK (unless one word alone is over either): its cheapest words
// are searched, the others looked for in the results' text (plan, ranked). Strings from notes
// are escaped here; only the <mark> elements are markup.
// How the index is written: scripts/vault_plugin/search.py and pagefind_bundle.py.
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const MAX_RESULTS = 10; // pages whose fragments are fetched and shown (Material shows 10 at first)
const MAX_SECTIONS = 5; // headings with matches, listed under "N more on this page"
const EXCERPT_WORDS = 30;
const DEBOUNCE_MS = 150; // a query typed on within this time is not searched at all
// What one query may fetch of the index: its words' slices and its results' fragments. Pagefind's
// slices hold 20,000 word positions each, 30-90 KB at 10,000 notes whatever the word (its
// commonest words more), so a title of six words would need 300 KB of them. The first query
// may fetch 300 KB: Pagefind's WebAssembly (72 KB), its page list (71 KB at 10,000 notes) and
// chunks.json (11 KB) leave about 145 KB, and typing pauses search on the way (README, "Search").
const QUERY_BUDGET = 130_000;
const FRAGMENT_BYTES = 2_000; // a result's fragment, about: 1.5-1.9 KB
// Its slices: what is left once the first MAX_RESULTS fragments are paid for. Where words were
// left out, the rest of QUERY_BUDGET looks through more results for them.
const SLICES_BUDGET = QUERY_BUDGET - MAX_RESULTS * FRAGMENT_BYTES;
const MAX_CANDIDATES = 20;
// Typing has stopped: the word being typed is searched with a new slice. A query whose cheapest
// word alone is over the budget ("the", "a" at 10,000 notes: 401 KB and 184 KB) waits longer,
// so that a sentence typed on never fetches them.
const SETTLED_MS = 250;
const OVER_BUDGET_MS = 600;
// Pagefind's search() takes about 40 µs per page found and word searched (Chromium, 2 cores, its
// WebAssembly just compiled: 390 ms for one word on 9,100 pages, 690 ms for two on 8,400). Of
// the 1 s from the last key to the results, 250 ms are the pause above and 100 ms 20 fragments:
// a query searches at most 10,000 of them (about 400 ms), unless one word alone is more.
const SEARCH_WORK = 10_000;
const FREQUENT_PAGES = 1_000; // chunks.json lists the words on more pages (pagefind_bundle.py)

// Scripts written without spaces between words (Han, kana) and their punctuation: the index
// has each character as a word (search.py, UNSPACED: the same ranges). Korean is not among
// them: it spaces its words, and Pagefind finds a word by its start (with its particles).
const LETTERS = "\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff66-\\uff9f\\u{20000}-\\u{3134f}";
const PUNCTUATION = "\\u3000-\\u303f\\uff00-\\uff65\\uffa0-\\uffef";
const UNSPACED = LETTERS + PUNCTUATION;
const LETTER_RUN = new RegExp(`[${LETTERS}]+`, "gu");
const HAS_LETTER = new RegExp(`[${LETTERS}]`, "u");
const PUNCTUATION_CHAR = new RegExp(`[${PUNCTUATION}]`, "gu");
// A space the index put between two such characters (a <mark> may stand beside it).
const INSERTED_SPACE = new RegExp(`(?<=[${UNSPACED}](?:</?mark>)*)[ \\u2008]+(?=(?:</?mark>)*[${UNSPACED}])`, "gu");
const SEPARATOR = /\u2008/g;
// What Pagefind drops from a query before looking its words up (coupled_search.ts), and a
// text's punctuation when it is checked for a word the search left out.
const QUERY_PUNCTUATION = /[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu;
const MARKS = /\p{M}/gu;

const site = new URL("../../../", self.location.href); // this file is assets/javascripts/workers/search.js
let pagefind = null; // the promise of the module, loaded and set up (on the first query)
let script = null; // the promise of Pagefind's script (imported on SETUP: 46 KB of the page view's budget)
let latest = 0; // the id of the last query received: older ones are dropped
let costs = null; // the promise of pagefind/chunks.json: {chunks: [[first word, last word, bytes], ...], frequent, pages}
const fetched = new Set(); // the slices searched so far (Pagefind keeps them): they cost nothing again
// What this typing fetched of slices (since the box held another start): a pause inside a word
// fetches the slice of that prefix, and all of it stays within SLICES_BUDGET.
let typed = { start: null, bytes: 0 };

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// Pagefind's excerpt: the page's text with <mark> around matches, '<' and '>' escaped, '&' not.
// Rebuilt from its text: every piece escaped, only <mark> and </mark> kept as markup.
function safeExcerpt(excerpt) {
  return excerpt
    .replace(INSERTED_SPACE, "")
    .split(/(<\/?mark>)/)
    .map((part) => (part === "<mark>" || part === "</mark>" ? part : escapeHTML(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">"))))
    .join("");
}

// A title (plain text from Pagefind) as HTML, the query's words marked.
// Titles keep the index's separator (excerpts turn it into a space), so a real space between
// two such characters stays ("ベース 分割払い").
function markedTitle(title, words) {
  const text = title.replace(SEPARATOR, "");
  const wanted = words.filter((w) => w.length > 0).map(escapeRegExp);
  if (wanted.length === 0) return escapeHTML(text);
  const pattern = new RegExp(`(${wanted.join("|")})`, "giu");
  return text.split(pattern).map((part, i) => (i % 2 ? `<mark>${escapeHTML(part)}</mark>` : escapeHTML(part))).join("");
}

// The query as Pagefind reads it: a run of CJK characters becomes an exact phrase of single
// characters, as the text was indexed.
function pagefindQuery(query) {
  return query
    .replace(PUNCTUATION_CHAR, " ")
    .replace(LETTER_RUN, (run) => ([...run].length === 1 ? ` ${run} ` : ` "${[...run].join(" ")}" `))
    .replace(/\s+/g, " ")
    .trim();
}

function importScript() {
  script ??= import(new URL("pagefind/pagefind.js", site).href).catch((error) => {
    script = null; // a later query tries again
    throw error;
  });
  return script;
}

function load() {
  pagefind ??= (async () => {
    const module = await importScript();
    await module.options({ basePath: new URL("pagefind/", site).pathname, baseUrl: site.pathname, excerptLength: EXCERPT_WORDS });
    await module.init();
    return module;
  })().catch((error) => {
    pagefind = null; // a later query tries again
    throw error;
  });
  return pagefind;
}

function loadCosts() {
  costs ??= fetch(new URL(`pagefind/chunks.json?ts=${Date.now()}`, site))
    .then((response) => (response.ok ? response.json() : {}))
    .catch(() => ({})) // an older index without it: every word is searched
    .then((data) => ({
      chunks: (data.chunks || []).map(([first, last, bytes]) => [utf8(first), utf8(last), bytes]),
      frequent: data.frequent || [],
      pages: data.pages || FREQUENT_PAGES,
    }));
  return costs;
}

// Words as Pagefind's WebAssembly compares them: UTF-8 bytes.
const utf8 = (text) => new TextEncoder().encode(text);

function compare(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

// The first `length` bytes of a word, or null where that cuts a character (Rust's str::get).
const head = (bytes, length) => (length < bytes.length && (bytes[length] & 0xc0) === 0x80 ? null : bytes.subarray(0, length));

// The slices Pagefind fetches for a word (pagefind_web's request_indexes), or more: the one
// whose bounds enclose it and every slice that may hold a word it begins. Bounds are the
// shortest prefixes telling neighbours apart ("rank" to "rank", "ranki" to "rar": both of
// those for "ranking").
function slicesOf(word, chunks) {
  const term = utf8(word);
  return chunks.flatMap(([first, last], index) => {
    const enclosing = compare(first, term) <= 0 && compare(term, last) <= 0;
    const from = head(term, Math.min(term.length, first.length)), to = head(term, Math.min(term.length, last.length));
    const bound = head(first, Math.min(term.length, first.length)), end = head(last, Math.min(term.length, last.length));
    const begun = from && to && bound && end && compare(from, bound) >= 0 && compare(to, end) <= 0;
    return enclosing || begun ? [index] : [];
  });
}

// About how many pages Pagefind's search finds for a word, where it is on many (`frequent`:
// [[stem, pages], ...], the index's words on over FREQUENT_PAGES); 0 for the others. Pagefind
// looks a word up by its stem and finds every word that stem begins. So a listed word the query word
// begins counts ("lo": "loss", "low"), and a listed word that begins the query word as a stem
// would ("doubl" for "doubles", "rank" for "ranking": at most three letters shorter, at least
// three long; "is" is not the stem of "isotonic").
function pagesOf(word, frequent) {
  const length = word.length;
  return frequent.reduce((most, [stem, pages]) => {
    const finds = stem.startsWith(word) || (word.startsWith(stem) && stem.length >= 3 && length - stem.length <= 3);
    return finds && pages > most ? pages : most;
  }, 0);
}

// The words Pagefind looks up for a query: without punctuation, lower-cased, split on spaces.
function lookedUp(query) {
  return [...new Set(query.replace(QUERY_PUNCTUATION, "").toLowerCase().split(/\s+/).filter(Boolean))];
}

// Which words to search, within SLICES_BUDGET for the slices they need (slicesOf; words may
// share slices) and SEARCH_WORK for Pagefind's search. A query counts every slice it searches,
// fetched before or not, so that typing on never adds up to more: words whose slices were all
// fetched come first (a query typed on keeps the words it searched), then the cheapest. The
// first word is always searched. A word over the budget by itself ("the") is heavy: it comes
// last and costs only what is new. New slices also stay within what this typing has left of
// SLICES_BUDGET (`typed`). Pagefind's search takes time in proportion to the pages found (the
// pages every word searched is on: at most the fewest any one of them is on, pagesOf) times
// the words searched; two words each on 9,000 of 10,000 pages are not searched together. The
// words left out (`skipped`) are looked for in the results' text; a last word under three
// letters in a longer query ("contrastive l") is being typed: neither searched nor looked for.
function plan(words, { chunks, frequent, pages: all }, typing = true) {
  const priced = words.map((word, order) => {
    // Pagefind folds accents ("für" is looked up as "fur"): both, to be safe.
    const folded = word.normalize("NFD").replace(MARKS, "");
    const slices = [...new Set([...slicesOf(word, chunks), ...slicesOf(folded, chunks)])];
    const unsearched = typing && order === words.length - 1 && words.length > 1 && [...word].length < 3 && !HAS_LETTER.test(word);
    const pages = Math.max(Math.min(FREQUENT_PAGES, all), pagesOf(word, frequent), pagesOf(folded, frequent));
    const heavy = slices.reduce((sum, index) => sum + chunks[index][2], 0) > SLICES_BUDGET;
    const fresh = slices.some((index) => !fetched.has(index));
    return { word, order, slices, unsearched, pages, heavy, fresh, bytes: slices.reduce((sum, index) => sum + (fetched.has(index) ? 0 : chunks[index][2]), 0) };
  });
  const searched = [], skipped = [], taken = new Set();
  let spent = 0, fetching = typed.bytes, found = Infinity;
  const first = (a, b) => a.heavy - b.heavy || a.fresh - b.fresh || a.bytes - b.bytes || a.order - b.order;
  for (const term of priced.filter((term) => !term.unsearched).sort(first)) {
    const bytes = term.slices.reduce((sum, index) => sum + (taken.has(index) || (term.heavy && fetched.has(index)) ? 0 : chunks[index][2]), 0);
    const fresh = term.slices.reduce((sum, index) => sum + (taken.has(index) || fetched.has(index) ? 0 : chunks[index][2]), 0);
    const work = (searched.length + 1) * Math.min(found, term.pages);
    if (searched.length > 0 && (spent + bytes > SLICES_BUDGET || fetching + fresh > SLICES_BUDGET || work > SEARCH_WORK)) {
      skipped.push(term.word);
      continue;
    }
    spent += bytes;
    fetching += fresh;
    found = Math.min(found, term.pages);
    term.slices.forEach((index) => taken.add(index));
    searched.push(term);
  }
  searched.sort((a, b) => a.order - b.order);
  const fresh = searched.filter((term) => term.fresh).map((term) => term.word);
  return { searched: searched.map((term) => term.word), skipped, slices: [...taken], spent, fetches: fetching - typed.bytes, fresh, whole: searched.length === words.length };
}

// Text compared word for word: lower-case, without accents, the index's separators or
// punctuation (dropped, as Pagefind drops it from queries, or made a space).
function plain(text) {
  const base = text.replace(SEPARATOR, "").normalize("NFD").replace(MARKS, "").toLowerCase();
  return [base.replace(QUERY_PUNCTUATION, ""), base.replace(QUERY_PUNCTUATION, " ")];
}

// A word Pagefind was not asked for, found in a page's title or text: at the start of a word
// (a Latin word may go on: "regular" finds "regularisation"), or anywhere for Han and kana.
function holds(texts, word) {
  const [wanted] = plain(word);
  const pattern = new RegExp(`${HAS_LETTER.test(wanted) ? "" : "(?<![\\p{L}\\p{N}])"}${escapeRegExp(wanted)}`, "u");
  return texts.some((text) => pattern.test(text));
}

const spaced = (text) => text.replace(/\s+/g, " ").trim();

// The results in the order shown, each group in Pagefind's order: a page titled exactly as
// the query; pages whose title holds every word; pages whose text holds the words the search
// left out; the others.
function ranked(pages, query, skipped) {
  const wanted = spaced(plain(query)[0]);
  const words = lookedUp(query);
  // The words left out and, where some were, each Han or kana run whole (searched a character
  // at a time then, not as a phrase).
  const required = skipped.length === 0 ? [] : [...skipped, ...(query.match(LETTER_RUN) || [])];
  const rank = (data) => {
    const title = plain(data.meta?.title || "");
    if (spaced(title[0]) === wanted) return 0;
    if (words.every((word) => holds(title, word))) return 1;
    return required.every((word) => holds([...title, ...plain(data.content || "")], word)) ? 2 : 3;
  };
  return pages.map((data, i) => ({ data, i, rank: rank(data) })).sort((a, b) => a.rank - b.rank || a.i - b.i).map(({ data }) => data);
}

const relative = (url) => (url.startsWith(site.pathname) ? url.slice(site.pathname.length) : url.replace(/^\//, ""));

// One result: the page (its excerpt shown), then its headings with matches, scored lower so
// Material folds them under "N more on this page".
// An excerpt (escaped HTML, Pagefind's <mark> kept) with the words the search left out marked
// too, where a word starts with them.
function markedToo(excerpt, skipped) {
  if (skipped.length === 0) return excerpt;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}&])(${skipped.map((word) => escapeRegExp(escapeHTML(word))).join("|")})`, "giu");
  let marked = false;
  return excerpt.split(/(<\/?mark>)/).map((part) => {
    if (part === "<mark>" || part === "</mark>") {
      marked = part === "<mark>";
      return part;
    }
    return marked ? part : part.replace(pattern, "<mark>$1</mark>");
  }).join("");
}

function documents(data, score, terms, words, skipped) {
  const excerpt = (text) => `<p>${markedToo(safeExcerpt(text), skipped)}</p>`;
  const page = { location: relative(data.url), title: markedTitle(data.meta.title || data.url, words), text: excerpt(data.excerpt), score, terms };
  const sections = (data.sub_results || [])
    .filter((sub) => sub.url.includes("#") && sub.title !== data.meta.title)
    .sort((a, b) => (b.locations?.length || 0) - (a.locations?.length || 0))
    .slice(0, MAX_SECTIONS)
    .map((sub, i) => ({ location: relative(sub.url), title: markedTitle(sub.title, words), text: excerpt(sub.excerpt), score: score / (2 + i), terms }));
  return [page, ...sections];
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Search as planned, and the results as Material's RESULT message.
async function answer(pf, query, planned, id) {
  const { searched, skipped, slices, spent, fetches, whole } = planned;
  // Every word searched: the query as written (a Han or kana run an exact phrase); else the
  // words searched, each on its own.
  const phrased = whole ? pagefindQuery(query) : searched.join(" ");
  const found = await pf.search(phrased);
  slices.forEach((index) => fetched.add(index));
  typed.bytes += fetches;
  if (id !== latest || !found) return null;
  let results = found.results;
  // Pagefind 1.5.2's exact phrases miss a page that also holds one of the phrase's characters
  // with a diacritic (テ and デ, la and là): then the characters are searched in any order too,
  // and those pages follow the exact matches.
  if (phrased.includes('"') && results.length < MAX_RESULTS) {
    const loose = await pf.search(phrased.replace(/"/g, ""));
    if (id !== latest || !loose) return null;
    const seen = new Set(results.map((result) => result.id));
    results = [...results, ...loose.results.filter((result) => !seen.has(result.id))];
  }
  const looked = skipped.length === 0 ? MAX_RESULTS : Math.min(MAX_CANDIDATES, Math.floor(Math.max(0, QUERY_BUDGET - spent) / FRAGMENT_BYTES));
  const pages = ranked(await Promise.all(results.slice(0, looked).map((result) => result.data())), query, skipped);
  if (id !== latest) return null;
  const words = query.split(/\s+/).filter(Boolean);
  const terms = Object.fromEntries(words.map((w) => [w, true]));
  return { items: pages.map((data, i) => documents(data, pages.length - i, terms, words, skipped)) };
}

// Answers a query once typing has paused: DEBOUNCE_MS, or SETTLED_MS where the word being
// typed needs a new slice (its slice changes as its letters come: "ra", "rank", "ranki"), and
// OVER_BUDGET_MS more where the cheapest word alone is over the budget.
async function search(query, id) {
  // One Latin letter matches most pages: nothing fetched until there is more (a CJK character is a word).
  if (query.trim().length === 0 || (query.trim().length < 2 && !HAS_LETTER.test(query))) return { items: [] };
  const loading = Promise.all([load(), loadCosts()]); // the first query's set-up, while typing goes on
  loading.catch(() => {}); // a query dropped below does not leave it unhandled
  await sleep(DEBOUNCE_MS);
  if (id !== latest) return null;
  const [pf, index] = await loading;
  if (id !== latest) return null;
  const start = query.trim().slice(0, 2).toLowerCase();
  if (start !== typed.start) typed = { start, bytes: 0 }; // another query, not this one typed on
  const words = lookedUp(pagefindQuery(query));
  const typing = /\S$/.test(query); // the last word may go on
  let planned = plan(words, index, typing);
  if (typing && planned.fresh.includes(words[words.length - 1])) {
    await sleep(SETTLED_MS - DEBOUNCE_MS);
    if (id !== latest) return null;
    planned = plan(words, index, typing);
  }
  if (planned.spent > SLICES_BUDGET) {
    await sleep(OVER_BUDGET_MS);
    if (id !== latest) return null;
  }
  return answer(pf, query, planned, id);
}

self.onmessage = async ({ data: message }) => {
  if (message.type === SETUP) {
    postMessage({ type: READY });
    // Pagefind's script now (its index, WebAssembly and page list wait for the first query):
    // the first query then fits its budget at 10,000 notes (README, "Search").
    importScript().catch(() => {});
  } else if (message.type === QUERY) {
    const id = ++latest;
    try {
      const result = await search(String(message.data || ""), id);
      if (result !== null) postMessage({ type: RESULT, data: result });
    } catch (error) {
      console.error("search:", error);
      if (id === latest) postMessage({ type: RESULT, data: { items: [] } });
    }
  }
};
