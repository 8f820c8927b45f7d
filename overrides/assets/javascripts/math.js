// Typesets the math that pymdownx.arithmatex leaves in the page (generic mode):
// <span class="arithmatex">\(...\)</span> inline and <div class="arithmatex">\[...\]</div> display.
// KaTeX is vendored (the site works offline) and loaded only once a page with math is shown.
(() => {
  // This file is assets/javascripts/math.js; KaTeX lives in assets/vendor/katex/.
  const vendor = new URL("../vendor/katex/", document.currentScript.src);
  const options = {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: false, // a typo shows as red source text, not as a broken page
  };
  let katexLoaded; // one load per visit, shared by every page instant navigation shows

  // Everything goes into <body>: on instant navigation Material drops each <head> element
  // that the next page's HTML does not have, and KaTeX's stylesheet must stay.

  function loadScript(url) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`Could not load ${url}`));
      document.body.append(script);
    });
  }

  function loadKatex() {
    if (!katexLoaded) {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = new URL("katex.min.css", vendor);
      document.body.append(css);
      // auto-render reads the global `katex` as it runs, so it must come second.
      katexLoaded = loadScript(new URL("katex.min.js", vendor))
        .then(() => loadScript(new URL("contrib/auto-render.min.js", vendor)));
    }
    return katexLoaded;
  }

  // document$ (Material) emits on the first page and after every instant navigation.
  // Rendering is idempotent: typeset math has no delimiters left to find.
  document$.subscribe(() => {
    const elements = document.querySelectorAll(".arithmatex");
    if (elements.length === 0) return;
    loadKatex()
      .then(() => elements.forEach((element) => renderMathInElement(element, options)))
      .catch(console.error);
  });
})();
