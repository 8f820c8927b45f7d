// Typesets each page's math (loader.js holds the KaTeX options and loads KaTeX on the first
// page that has math; a page without math loads nothing).
(() => {
  // document$ (Material) emits on the first page and after every instant navigation.
  document$.subscribe(() => {
    kb.typesetMath(document).catch(console.error);
  });
})();
