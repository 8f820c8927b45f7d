// The vendored libraries (assets/vendor/), each loaded once per visit and only when a page
// needs it, and math typesetting with the site's one set of KaTeX options. Loaded before the
// other scripts, which find it all on the `kb` namespace:
//   kb.libraries.katex(), kb.libraries.mermaid(), kb.libraries.forceGraph(): a promise each,
//     resolved once that library is in;
//   kb.typesetMath(root): typesets the math pymdownx.arithmatex left in `root` (generic mode).
(() => {
  const kb = (window.kb ??= {});
  // This file is assets/javascripts/loader.js; the libraries live in assets/vendor/.
  const vendor = new URL("../vendor/", document.currentScript.src);
  const loads = new Map(); // URL -> promise of its load; a failed load is forgotten (a later page tries again)

  // Everything goes into <body>: on instant navigation Material drops each <head> element
  // that the next page's HTML does not have, and what we loaded must stay.
  function loadOnce(url, create) {
    const key = String(url);
    if (!loads.has(key)) {
      const loaded = new Promise((resolve, reject) => {
        const element = create(key);
        element.onload = resolve;
        element.onerror = () => reject(new Error(`Could not load ${key}`));
        document.body.append(element);
      });
      loaded.catch(() => loads.delete(key));
      loads.set(key, loaded);
    }
    return loads.get(key);
  }

  const loadScript = (url) => loadOnce(url, (src) => Object.assign(document.createElement("script"), { src }));
  const loadStyle = (url) => loadOnce(url, (href) => Object.assign(document.createElement("link"), { rel: "stylesheet", href }));
  const file = (path) => new URL(path, vendor);

  kb.libraries = {
    // auto-render reads the global `katex` as it runs, so it comes second. The stylesheet is
    // waited for too: a preview is measured for placing right after typesetting.
    katex: () => Promise.all([
      loadStyle(file("katex/katex.min.css")),
      loadScript(file("katex/katex.min.js")).then(() => loadScript(file("katex/contrib/auto-render.min.js"))),
    ]),
    mermaid: () => loadScript(file("mermaid/mermaid.min.js")),
    forceGraph: () => loadScript(file("force-graph/force-graph.min.js")),
  };

  const KATEX_OPTIONS = Object.freeze({
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: false, // a typo shows as red source text, not as a broken page
  });

  // <span class="arithmatex">\(...\)</span> inline, <div class="arithmatex">\[...\]</div> display.
  // Idempotent: typeset math has no delimiters left to find. KaTeX is loaded only if there is math.
  kb.typesetMath = async (root) => {
    const elements = root.querySelectorAll(".arithmatex");
    if (elements.length === 0) return;
    await kb.libraries.katex();
    elements.forEach((element) => renderMathInElement(element, KATEX_OPTIONS));
  };
})();
