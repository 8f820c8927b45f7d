// Draws the note graph from assets/graph.json into each <div class="kb-graph">:
// data-graph="global" (the graph page) shows every note, with a tag filter;
// data-graph="local" data-url="..." (the end of each note) shows that note and its neighbours.
//
// This file is the graphs' lifecycle: each page Material shows (first load or instant
// navigation) gets its graphs mounted, and the graphs of the page left are destroyed. The
// parts, loaded before it: graph-data.js (graph.json and what a graph shows), graph-paint.js
// (the canvas), graph-controls.js (tag filter, depth buttons), graph-view.js (one drawn graph).
// force-graph (vendored) and graph.json are loaded once per visit, once a page with a graph is shown.
//
// A drawn element gets data-ready="1", data-nodes and `el.kbGraph` for the browser tests
// (tests/browser/README.md): { settled, stats, screenPosition(url), colorAt(url) }.
(() => {
  const { data: graphData, controls, View } = kb.graph;
  const live = new Set(); // { element, view } of the graphs drawn, destroyed once their page is left

  // What a graph shows first, and on each choice of its controls. The graph page colours its
  // notes by group (folder or tag) with a legend; a note's local graph does not.
  function wire(element, view, data, { global, centre }) {
    const bar = element.querySelector(".kb-graph__controls");
    const show = (indices) => {
      element.dataset.nodes = String(view.show(graphData.subgraph(data, indices)));
    };
    if (!global) {
      bar.append(controls.depthButtons([1, 2], (depth) => show(graphData.neighbourhood(data, centre, depth))));
      show(graphData.neighbourhood(data, centre, 1));
      return;
    }
    const colourBy = (grouping) => {
      const legend = controls.legend(view.colourBy(grouping), grouping);
      const shown = element.querySelector(".kb-graph__legend");
      if (shown) shown.replaceWith(legend);
      else element.append(legend);
      element.dataset.grouping = grouping;
    };
    const grouping = graphData.defaultGrouping(data);
    bar.append(
      controls.tagFilter(data.tags, (tag) => show(graphData.tagged(data, tag))),
      controls.groupChoice(grouping, colourBy),
    );
    colourBy(grouping);
    show(graphData.tagged(data, ""));
  }

  function mount(element, data) {
    const global = element.dataset.graph === "global";
    const centre = data.byUrl.get(global ? graphData.currentUrl() : element.dataset.url); // undefined: not a note
    if (!global && centre === undefined) {
      element.replaceChildren(controls.message("This page is not in the graph."));
      element.dataset.nodes = "0";
      element.dataset.ready = "1";
      return;
    }
    const bar = Object.assign(document.createElement("div"), { className: "kb-graph__controls" });
    const host = Object.assign(document.createElement("div"), { className: "kb-graph__canvas" });
    element.replaceChildren(bar, host);
    const view = new View(host, data, { global, centre });
    wire(element, view, data, { global, centre });
    element.kbGraph = {
      get settled() {
        return view.settled;
      },
      get stats() {
        return { ...view.stats, running: view.engineRunning, hovered: view.scene.hovered !== null };
      },
      screenPosition: (url) => view.screenPosition(url),
      colorAt: (url) => view.colorAt(url),
    };
    live.add({ element, view });
    element.dataset.ready = "1";
  }

  async function mountAll(elements) {
    for (const element of elements) element.dataset.state = "loading";
    try {
      const [data] = await Promise.all([graphData.load(), kb.libraries.forceGraph()]);
      for (const element of elements) {
        if (!element.isConnected) continue; // the reader has left the page
        mount(element, data);
        element.dataset.state = "ready";
      }
    } catch (error) {
      for (const element of elements) {
        element.dataset.state = "error";
        element.replaceChildren(controls.message("The graph could not be loaded."));
      }
      throw error;
    }
  }

  function unmountLeft() {
    for (const drawn of live) {
      if (drawn.element.isConnected) continue;
      drawn.view.destroy();
      live.delete(drawn);
    }
  }

  // document$ (Material) emits on the first page and after every instant navigation.
  document$.subscribe(() => {
    unmountLeft();
    const pending = [...document.querySelectorAll(".kb-graph:not([data-state])")];
    if (pending.length > 0) mountAll(pending).catch(console.error);
  });

  // Material's palette toggle switches the scheme in place: recolour the graphs.
  new MutationObserver(() => live.forEach(({ view }) => view.restyle())).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme", "data-md-color-primary", "data-md-color-accent"],
  });
})();
