// Draws ```mermaid fences, which superfences renders as <div class="mermaid-diagram">source</div>.
// Mermaid is vendored (the site works offline); loader.js loads it once a page with a diagram is shown.
// The class is not `mermaid` on purpose: Material would fetch Mermaid from a CDN for that one.
(() => {
  let diagramCount = 0; // Mermaid needs an id that is unique in the document for each drawing

  function theme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";
  }

  // Replaces the element's content with the SVG. The source is kept in data-source so the
  // diagram can be drawn again; data-rendered marks it as done.
  async function draw(element) {
    element.dataset.source ??= element.textContent;
    const { svg, bindFunctions } = await mermaid.render(`mermaid-diagram-${diagramCount++}`, element.dataset.source);
    element.innerHTML = svg;
    bindFunctions?.(element);
    element.dataset.rendered = "";
  }

  async function drawAll(elements) {
    await kb.libraries.mermaid();
    // suppressErrorRendering: a broken diagram keeps its source on the page instead of
    // Mermaid's error picture, and the error goes to the console.
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: theme(), suppressErrorRendering: true });
    for (const element of elements) {
      await draw(element).catch((error) => console.error("Mermaid diagram not drawn:", error, element));
    }
  }

  // document$ (Material) emits on the first page and after every instant navigation.
  document$.subscribe(() => {
    const pending = document.querySelectorAll(".mermaid-diagram:not([data-rendered])");
    if (pending.length > 0) drawAll(pending).catch(console.error);
  });

  // Material's palette toggle switches the scheme in place: redraw in the matching theme.
  new MutationObserver(() => {
    const drawn = document.querySelectorAll(".mermaid-diagram[data-rendered]");
    if (drawn.length > 0) drawAll(drawn).catch(console.error);
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
})();
