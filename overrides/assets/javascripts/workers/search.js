// The search worker Material's search box talks to (its `config.search`, set in the `config`
// block of overrides/main.html), answering with Pagefind instead of a lunr index of the whole
// site. Material's protocol (integrations/search/worker/message): SETUP (0) -> READY (1);
// QUERY (2, the text typed) -> RESULT (3, {items: [[page, ...sections]]}), each document
// {location, title, text, score, terms}; title and text are HTML, shown as such by Material.
//
// A page view fetches Pagefind's script (pagefind/pagefind.js) and nothing more; the first
// query its WebAssembly and page list, the slices of the index its words need, and one
// fragment per result shown. Strings from notes are escaped here; only the <mark> elements are markup.
// How the index is written: scripts/vault_plugin/search.py.
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const MAX_RESULTS = 10; // pages whose fragments are fetched and shown (Material shows 10 at first)
const MAX_SECTIONS = 5; // headings with matches, listed under "N more on this page"
const EXCERPT_WORDS = 30;
const DEBOUNCE_MS = 150; // a query typed on within this time is not searched at all

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

const site = new URL("../../../", self.location.href); // this file is assets/javascripts/workers/search.js
let pagefind = null; // the module, once loaded and set up
let script = null; // the promise of Pagefind's script (imported on SETUP: 46 KB of the page view's budget)
let latest = 0; // the id of the last query received: older ones are dropped

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
function markedTitle(title, words) {
  const text = title.replace(INSERTED_SPACE, "").replace(SEPARATOR, " ");
  const wanted = words.filter((w) => w.length > 0).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
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

async function load() {
  if (pagefind === null) {
    const module = await importScript();
    await module.options({ basePath: new URL("pagefind/", site).pathname, baseUrl: site.pathname, excerptLength: EXCERPT_WORDS });
    await module.init();
    pagefind = module;
  }
  return pagefind;
}

const relative = (url) => (url.startsWith(site.pathname) ? url.slice(site.pathname.length) : url.replace(/^\//, ""));

// One result: the page (its excerpt shown), then its headings with matches, scored lower so
// Material folds them under "N more on this page".
function documents(data, score, terms, words) {
  const page = { location: relative(data.url), title: markedTitle(data.meta.title || data.url, words), text: `<p>${safeExcerpt(data.excerpt)}</p>`, score, terms };
  const sections = (data.sub_results || [])
    .filter((sub) => sub.url.includes("#") && sub.title !== data.meta.title)
    .sort((a, b) => (b.locations?.length || 0) - (a.locations?.length || 0))
    .slice(0, MAX_SECTIONS)
    .map((sub, i) => ({ location: relative(sub.url), title: markedTitle(sub.title, words), text: `<p>${safeExcerpt(sub.excerpt)}</p>`, score: score / (2 + i), terms }));
  return [page, ...sections];
}

async function search(query, id) {
  const words = query.split(/\s+/).filter(Boolean);
  // One Latin letter matches most pages: nothing fetched until there is more (a CJK character is a word).
  if (words.length === 0 || (query.trim().length < 2 && !HAS_LETTER.test(query))) return { items: [] };
  await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS));
  if (id !== latest) return null;
  const pf = await load();
  const phrased = pagefindQuery(query);
  const found = await pf.search(phrased);
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
  const shown = results.slice(0, MAX_RESULTS);
  const pages = await Promise.all(shown.map((result) => result.data()));
  if (id !== latest) return null;
  const terms = Object.fromEntries(words.map((w) => [w, true]));
  return { items: pages.map((data, i) => documents(data, MAX_RESULTS - i, terms, words)) };
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
