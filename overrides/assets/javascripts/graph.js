// Draws the note graph from assets/graph.json into each <div class="kb-graph">:
// data-graph="global" (the graph page) shows every note, with a tag filter;
// data-graph="local" data-url="..." (the end of each note) shows that note and its neighbours.
// force-graph is vendored (the site works offline); it and the JSON are loaded once per visit,
// and only once a page with a graph is shown.
(() => {
  // This file is assets/javascripts/graph.js; force-graph lives in assets/vendor/force-graph/.
  const bundle = new URL("../vendor/force-graph/force-graph.min.js", document.currentScript.src);
  const LARGE = 1000; // from this many nodes: shorter layout, smaller nodes, labels only when zoomed in
  const MAX_LABELS = 300; // with more notes in view, only the hovered and the current one are named
  const MAX_FIT_ZOOM = 3; // fitting a few notes into the canvas stops at this zoom
  const LABEL_PX = 12; // label size on screen, whatever the zoom
  const LABEL_CHARS = 36; // longer titles are shortened unless the node is hovered
  let libraryLoaded; // one load per visit, shared by every page instant navigation shows
  let dataLoaded; // graph.json, fetched and indexed once per visit
  const live = new Set(); // drawn graphs, destroyed once their page is left

  // Into <body>: on instant navigation Material drops each <head> element the next page lacks.
  function loadLibrary() {
    libraryLoaded ??= new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = bundle;
      script.onload = resolve;
      script.onerror = () => {
        libraryLoaded = undefined; // let a later page try again
        reject(new Error(`Could not load ${bundle}`));
      };
      document.body.append(script);
    });
    return libraryLoaded;
  }

  function loadData() {
    dataLoaded ??= fetch(new URL("assets/graph.json", __md_scope))
      .then((response) => {
        if (!response.ok) throw new Error(`Could not load graph.json: HTTP ${response.status}`);
        return response.json();
      })
      .then(indexGraph)
      .catch((error) => {
        dataLoaded = undefined;
        throw error;
      });
    return dataLoaded;
  }

  // Neighbours ignore link direction; a nested tag a/b also counts as tag a (as on the tag pages).
  function indexGraph(data) {
    const nodes = data.nodes.map((node, index) => ({
      index,
      url: String(node.url),
      title: String(node.title),
      tags: new Set((node.tags ?? []).flatMap((tag) => String(tag).split("/").map((_, i, parts) => parts.slice(0, i + 1).join("/")))),
    }));
    const neighbours = nodes.map(() => new Set());
    for (const [a, b] of data.links) {
      if (a === b || !nodes[a] || !nodes[b]) continue;
      neighbours[a].add(b);
      neighbours[b].add(a);
    }
    const tagCounts = new Map();
    for (const node of nodes) for (const tag of node.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
    return {
      nodes,
      neighbours,
      byUrl: new Map(nodes.map((node) => [node.url, node.index])),
      tags: [...tagCounts].sort(([a], [b]) => a.localeCompare(b)),
    };
  }

  // The page's URL as graph.json writes it (relative to the site root), for the global graph.
  function currentUrl() {
    const here = new URL(location.href);
    here.hash = here.search = "";
    const root = __md_scope.href;
    if (!here.href.startsWith(root)) return null;
    return here.href.slice(root.length).replace(/index\.html$/, "") || "./";
  }

  // CSS colours as [r, g, b, a] (the canvas parses any colour syntax for us), and back.
  const parser = document.createElement("canvas").getContext("2d");
  const measurer = document.createElement("canvas").getContext("2d");
  function rgba(color) {
    parser.fillStyle = "#000";
    parser.fillStyle = color;
    const value = parser.fillStyle; // "#rrggbb" or "rgba(r, g, b, a)"
    if (value.startsWith("#")) return [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16)).concat(1);
    return value.match(/[\d.]+/g).map(Number);
  }
  const css = ([r, g, b, a]) => `rgba(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)}, ${a})`;
  const fade = (color, alpha) => {
    const [r, g, b, a] = rgba(color);
    return css([r, g, b, a * alpha]);
  };
  // A translucent colour as it looks on the background, made opaque: links do not show through.
  const flatten = (color, background) => {
    const [r, g, b, a] = rgba(color);
    const under = rgba(background);
    return css([r * a + under[0] * (1 - a), g * a + under[1] * (1 - a), b * a + under[2] * (1 - a), 1]);
  };

  // Material's variables, so the light (default) and dark (slate) schemes both work.
  function palette(element, linkAlpha = 1) {
    const style = getComputedStyle(element);
    const get = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
    const background = get("--md-default-bg-color", "#fff");
    const link = fade(get("--md-default-fg-color--lighter", "rgba(0, 0, 0, 0.32)"), linkAlpha);
    const flat = (name, fallback) => flatten(get(name, fallback), background);
    return {
      node: flat("--md-default-fg-color--light", "rgba(0, 0, 0, 0.54)"),
      near: flat("--md-typeset-a-color", "#4051b5"),
      current: flat("--md-accent-fg-color", "#526cfe"),
      link,
      linkDim: fade(link, 0.25),
      text: get("--md-default-fg-color", "rgba(0, 0, 0, 0.87)"),
      halo: background,
      font: style.fontFamily || "sans-serif",
    };
  }

  // A weak pull towards the centre, so notes without links (or cut off by a filter) stay in view;
  // squash() is the canvas's height over its width, so the layout takes the canvas's shape.
  function gravity(strength, squash) {
    let nodes = [];
    const force = (alpha) => {
      const x = strength * Math.min(1, squash()) ** 2 * alpha;
      const y = (strength * alpha) / Math.max(1, squash()) ** 2;
      for (const node of nodes) {
        node.vx -= node.x * x;
        node.vy -= node.y * y;
      }
    };
    force.initialize = (all) => (nodes = all);
    return force;
  }

  function render(element, data) {
    const global = element.dataset.graph === "global";
    const centreUrl = global ? currentUrl() : element.dataset.url;
    const centre = data.byUrl.get(centreUrl); // undefined when the page is not a note
    element.replaceChildren();

    if (!global && centre === undefined) {
      const message = document.createElement("p");
      message.className = "kb-graph__message";
      message.textContent = "This page is not in the graph.";
      element.append(message);
      element.dataset.nodes = "0";
      element.dataset.ready = "1";
      return;
    }

    const controls = document.createElement("div");
    controls.className = "kb-graph__controls";
    const host = document.createElement("div");
    host.className = "kb-graph__canvas";
    element.append(controls, host);

    // One node object per note for this graph: force-graph keeps positions on it across filters.
    const objects = new Map();
    const nodeFor = (index) => {
      let node = objects.get(index);
      if (!node) {
        const source = data.nodes[index];
        const degree = data.neighbours[index].size;
        // Radius grows with the log of the degree: 1 alone, 2 with 7 links, 3 with 63.
        const size = 1 + Math.log2(1 + degree) / 3;
        node = { id: index, url: source.url, title: source.title, degree, size, val: size * size };
        objects.set(index, node);
      }
      return node;
    };

    // Which notes are drawn: all (or those with the chosen tag), or the neighbourhood to a depth.
    function select(option) {
      let indices;
      if (global) {
        indices = data.nodes.filter((node) => !option || node.tags.has(option)).map((node) => node.index);
      } else {
        const seen = new Set([centre]);
        let frontier = [centre];
        for (let depth = 0; depth < option; depth++) {
          const next = [];
          for (const index of frontier) {
            for (const other of data.neighbours[index]) {
              if (!seen.has(other)) {
                seen.add(other);
                next.push(other);
              }
            }
          }
          frontier = next;
        }
        indices = [...seen];
      }
      const shown = new Set(indices);
      const links = [];
      for (const index of indices) {
        for (const other of data.neighbours[index]) {
          if (other > index && shown.has(other)) links.push({ source: index, target: other });
        }
      }
      return { nodes: indices.map(nodeFor), links };
    }

    let colors = palette(element);
    let hovered = null;
    let highlighted = new Set(); // the hovered node and its neighbours
    let view = null; // the visible part of the graph this frame, in graph coordinates
    let inView = []; // the nodes inside it
    let frame = []; // the nodes to paint this frame, gathered as force-graph walks them
    let userMoved = false; // the reader zoomed or panned: stop fitting the view for them
    let fitted = false; // the view has been fitted to the layout at least once
    let ticks = 0; // layout steps since the graph was (re)drawn
    let settled = false; // the layout has stopped and the zoom to fit is over
    let settleAt = 0; // when the zoom to fit will be over
    let engineRunning = true;
    let visible = true;
    let count = 0;
    let linkCount = 0;
    const linkAlpha = () => Math.min(1, Math.sqrt(1000 / Math.max(1, linkCount)));
    let byDegree = []; // the drawn nodes, best connected first: whose labels win a crowded spot
    let drawn = new Set(); // the drawn nodes
    const touches = (link, node) => link.source === node || link.target === node;
    const radius = (node) => node.size * graph.nodeRelSize();

    const graph = new ForceGraph(host)
      .width(host.clientWidth || 300)
      .height(host.clientHeight || 300)
      .backgroundColor("transparent")
      .nodeLabel(null) // no HTML tooltip: labels are drawn on the canvas
      .linkLabel(null)
      .nodeVal("val")
      .nodeCanvasObjectMode(() => "replace")
      .nodeCanvasObject(collect)
      .nodePointerAreaPaint(paintHit)
      .linkPointerAreaPaint(() => {}) // links are not hovered: keep thousands of strokes off the hit canvas
      .linkColor((link) => (!hovered ? colors.link : touches(link, hovered) ? colors.near : colors.linkDim))
      .linkWidth((link) => (hovered && touches(link, hovered) ? 1.5 : 1))
      .onRenderFramePre(() => {
        const a = graph.screen2GraphCoords(0, 0);
        const b = graph.screen2GraphCoords(graph.width(), graph.height());
        inView = byDegree.filter((node) => node.x >= a.x && node.x <= b.x && node.y >= a.y && node.y <= b.y);
        view = { x0: a.x, y0: a.y, x1: b.x, y1: b.y };
        frame = [];
      })
      .onRenderFramePost((ctx, scale) => {
        drawNodes(ctx, scale);
        drawLabels(ctx, scale);
        if (settleAt && performance.now() >= settleAt && !engineRunning) settle();
      })
      .onNodeHover((node) => {
        hovered = node ?? null;
        highlighted = new Set();
        if (node) {
          highlighted.add(node);
          for (const other of data.neighbours[node.id]) {
            if (drawn.has(objects.get(other))) highlighted.add(objects.get(other));
          }
        }
        redraw();
      })
      .onNodeClick((node) => {
        if (node.id !== centre) location.href = new URL(node.url, __md_scope).href;
      })
      .onEngineTick(() => {
        settled = false; // a new layout, or a dragged node pulling the others
        settleAt = 0;
        // Follow the layout as it spreads, until the reader takes over.
        if (!fitted) fit(0);
        else if (++ticks % 30 === 0) fit(250);
      })
      .onEngineStop(() => {
        engineRunning = false;
        if (!visible) {
          // Off screen: fit at once (no animation can run), and stop the loop after this frame
          // (force-graph asks for the next one once this callback returns).
          fit(0);
          settle();
          setTimeout(() => !visible && !engineRunning && graph.pauseAnimation());
          return;
        }
        fit(400);
        settleAt = performance.now() + 450;
        setTimeout(redraw, 500); // a frame after the zoom, to call settle() from
      });
    // The layout spreads to the canvas's shape: a wide canvas pulls less sideways than up and down.
    graph.d3Force("gravity", gravity(global ? 0.06 : 0.25, () => graph.height() / graph.width()));
    graph.d3Force("charge").strength(global ? -80 : -160);
    graph.d3Force("link").distance(global ? 40 : 50);
    // A neighbourhood is dense (its notes link to each other too): soft links let it spread out.
    if (!global) graph.d3Force("link").strength(0.08);

    // Settled: the hit canvas (which force-graph repaints at most every 800 ms) is brought up
    // to date now, so a click lands on the node drawn under the pointer.
    function settle() {
      settleAt = 0;
      graph.nodePointerAreaPaint(paintHit); // re-setting it repaints the hit canvas
      settled = true;
    }

    // Where a node can be hovered and clicked: its disc, at least 4 px across on screen.
    function paintHit(node, color, ctx, scale) {
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.arc(node.x, node.y, Math.max(radius(node), 4 / scale), 0, 2 * Math.PI);
      ctx.fill();
    }

    // Fits the drawn notes into the canvas, but never zooms in so far that a few notes look huge.
    // False when there is nothing to fit yet (no layout) or the reader has taken the view over.
    function fit(duration) {
      const box = count > 0 && !userMoved ? graph.getGraphBbox() : null;
      if (!box || ![...box.x, ...box.y].every(Number.isFinite)) return false; // not laid out yet
      fitted = true;
      const padding = 40;
      const k = Math.min(
        MAX_FIT_ZOOM,
        (graph.width() - 2 * padding) / Math.max(1, box.x[1] - box.x[0]),
        (graph.height() - 2 * padding) / Math.max(1, box.y[1] - box.y[0]),
      );
      graph.centerAt((box.x[0] + box.x[1]) / 2, (box.y[0] + box.y[1]) / 2, duration);
      graph.zoom(k, duration);
      return true;
    }

    // Re-setting the painter is how force-graph is told to draw again (it redraws only on change).
    function redraw() {
      graph.nodeCanvasObject(collect);
    }

    // force-graph calls this for each node after drawing the links; the nodes are then painted
    // together, one path per colour: thousands of separate fills are what makes big graphs slow.
    function collect(node) {
      const r = radius(node);
      if (view && (node.x + r < view.x0 || node.x - r > view.x1 || node.y + r < view.y0 || node.y - r > view.y1)) return;
      frame.push(node);
    }

    function drawNodes(ctx, scale) {
      const groups = new Map(); // colour and opacity -> nodes
      for (const node of frame) {
        const near = highlighted.has(node);
        const color = node.id === centre ? colors.current : near ? colors.near : colors.node;
        const alpha = hovered && !near && node.id !== centre ? 0.2 : 1;
        const key = `${alpha} ${color}`;
        if (!groups.has(key)) groups.set(key, { color, alpha, nodes: [] });
        groups.get(key).nodes.push(node);
      }
      for (const { color, alpha, nodes } of [...groups.values()].sort((a, b) => a.alpha - b.alpha)) {
        ctx.globalAlpha = alpha;
        ctx.fillStyle = color;
        ctx.beginPath();
        for (const node of nodes) {
          const r = radius(node);
          ctx.moveTo(node.x + r, node.y);
          ctx.arc(node.x, node.y, r, 0, 2 * Math.PI);
        }
        ctx.fill();
      }
      ctx.globalAlpha = 1;
      // A ring around this page's note and the hovered one.
      ctx.lineWidth = 2 / scale;
      ctx.strokeStyle = colors.halo;
      for (const node of [objects.get(centre), hovered]) {
        if (!node || !frame.includes(node)) continue;
        ctx.beginPath();
        ctx.arc(node.x, node.y, radius(node), 0, 2 * Math.PI);
        ctx.stroke();
      }
    }

    // Labels go on top of everything, each where it overlaps no label already placed: the hovered
    // note first, then this page's, then the best connected. A crowded view shows fewer labels;
    // zooming in makes room for more. Past MAX_LABELS notes in view only those first two are named.
    function drawLabels(ctx, scale) {
      const candidates = [];
      if (hovered) candidates.push(hovered);
      if (objects.has(centre)) candidates.push(objects.get(centre));
      if (hovered) candidates.push(...[...highlighted].sort((a, b) => b.degree - a.degree));
      else if (inView.length <= MAX_LABELS) candidates.push(...inView);
      const placed = [];
      const done = new Set();
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      ctx.lineJoin = "round";
      ctx.lineWidth = 3 / scale;
      for (const node of candidates) {
        if (done.has(node)) continue;
        done.add(node);
        const full = node === hovered;
        const text = full || node.title.length <= LABEL_CHARS ? node.title : `${node.title.slice(0, LABEL_CHARS - 1)}…`;
        const width = textWidth(text, full);
        const at = graph.graph2ScreenCoords(node.x, node.y);
        // Kept inside the canvas sideways, so a note at the edge is still named in full.
        const x = Math.max(width / 2 + 4, Math.min(graph.width() - width / 2 - 4, at.x));
        const box = { x0: x - width / 2 - 2, x1: x + width / 2 + 2, y0: at.y + radius(node) * scale, y1: at.y + radius(node) * scale + LABEL_PX + 4 };
        const free = !placed.some((other) => box.x0 < other.x1 && other.x0 < box.x1 && box.y0 < other.y1 && other.y0 < box.y1);
        if (!free && !full && node.id !== centre) continue;
        placed.push(box);
        ctx.font = `${full || node.id === centre ? "600 " : ""}${LABEL_PX / scale}px ${colors.font}`;
        const labelX = node.x + (x - at.x) / scale;
        const labelY = node.y + radius(node) + 2 / scale;
        ctx.strokeStyle = colors.halo;
        ctx.strokeText(text, labelX, labelY);
        ctx.fillStyle = colors.text;
        ctx.fillText(text, labelX, labelY);
      }
    }

    // Label widths on screen, measured once per text.
    const widths = new Map();
    function textWidth(text, bold) {
      const key = `${bold ? "b" : ""}${text}`;
      let width = widths.get(key);
      if (width === undefined) {
        measurer.font = `${bold ? "600 " : ""}${LABEL_PX}px ${colors.font}`;
        width = measurer.measureText(text).width;
        widths.set(key, width);
      }
      return width;
    }

    function show(option) {
      const shown = select(option);
      count = shown.nodes.length;
      byDegree = [...shown.nodes].sort((a, b) => b.degree - a.degree);
      const large = count >= LARGE;
      // Small graphs are laid out before the first frame; big ones settle in view, in fewer steps.
      graph.d3Force("charge").theta(large ? 1.5 : 0.9); // coarser, cheaper repulsion for big graphs
      graph
        .nodeRelSize(large ? 2 : global ? 3 : 4)
        .warmupTicks(large ? 0 : global ? 60 : 120)
        .cooldownTicks(large ? 120 : global ? 300 : 120)
        .d3AlphaDecay(large ? 0.06 : 0.0228);
      // Thousands of links drawn at full strength are a black tangle: fainter the more there are.
      linkCount = shown.links.length;
      colors = palette(element, linkAlpha());
      hovered = null;
      highlighted = new Set();
      userMoved = false;
      fitted = false;
      ticks = 0;
      settled = false;
      settleAt = 0;
      drawn = new Set(shown.nodes);
      engineRunning = true;
      if (!visible) graph.resumeAnimation();
      graph.graphData(shown);
      // The first frame as soon as the warm-up is done (force-graph runs it on a timer), not at
      // the next animation frame: a page captured without animation frames still shows the graph.
      setTimeout(() => {
        if (!element.isConnected || !fit(0)) return;
        graph.pauseAnimation().resumeAnimation(); // resuming draws a frame at once
      }, 30);
      host.setAttribute("aria-label", `Graph of ${count} ${count === 1 ? "note" : "notes"}`);
      element.dataset.nodes = String(count);
    }

    if (global) {
      const filter = document.createElement("label");
      filter.className = "kb-graph__filter";
      const caption = document.createElement("span");
      caption.textContent = "Tag";
      const choice = document.createElement("select");
      const all = document.createElement("option");
      all.value = "";
      all.textContent = "all tags";
      choice.append(all);
      for (const [tag, tagged] of data.tags) {
        const option = document.createElement("option");
        option.value = tag;
        option.textContent = `#${tag} (${tagged})`;
        choice.append(option);
      }
      choice.addEventListener("change", () => show(choice.value));
      filter.append(caption, choice);
      controls.append(filter);
      show("");
    } else {
      const group = document.createElement("div");
      group.className = "kb-graph__depth";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Depth");
      const caption = document.createElement("span");
      caption.textContent = "Depth";
      caption.setAttribute("aria-hidden", "true");
      group.append(caption);
      const buttons = [1, 2].map((depth) => {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = String(depth);
        button.setAttribute("aria-pressed", String(depth === 1));
        button.addEventListener("click", () => {
          buttons.forEach((other) => other.setAttribute("aria-pressed", String(other === button)));
          show(depth);
        });
        group.append(button);
        return button;
      });
      controls.append(group);
      show(1);
    }

    // Once the reader zooms or pans, the view is theirs.
    for (const type of ["wheel", "pointerdown", "touchstart"]) {
      host.addEventListener(type, () => (userMoved = true), { passive: true });
    }
    const resize = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      if (width > 0 && height > 0) graph.width(Math.floor(width)).height(Math.floor(height));
    });
    resize.observe(host);
    // Off screen and settled: stop the animation loop until the graph is seen again.
    const seen = new IntersectionObserver(([entry]) => {
      visible = entry.isIntersecting;
      if (visible) graph.resumeAnimation();
      else if (!engineRunning) graph.pauseAnimation();
    });
    seen.observe(host);

    // For tests (a canvas has no element per node): where a node is drawn, in viewport CSS
    // pixels, and whether the layout and the zoom to fit are over (tests/browser/README.md).
    element.kbGraph = {
      get settled() {
        return settled;
      },
      screenPosition(url) {
        const node = objects.get(data.byUrl.get(url));
        if (!node || !drawn.has(node) || !Number.isFinite(node.x) || !Number.isFinite(node.y)) return null;
        const at = graph.graph2ScreenCoords(node.x, node.y);
        const box = host.getBoundingClientRect();
        return { x: box.left + at.x, y: box.top + at.y };
      },
    };

    live.add({
      element,
      restyle() {
        colors = palette(element, linkAlpha());
        redraw();
      },
      destroy() {
        resize.disconnect();
        seen.disconnect();
        graph._destructor();
      },
    });
    element.dataset.ready = "1";
  }

  async function renderAll(elements) {
    for (const element of elements) element.dataset.state = "loading";
    try {
      const [data] = await Promise.all([loadData(), loadLibrary()]);
      for (const element of elements) {
        if (!element.isConnected) continue; // the reader has left the page
        render(element, data);
        element.dataset.state = "ready";
      }
    } catch (error) {
      for (const element of elements) {
        element.dataset.state = "error";
        const message = document.createElement("p");
        message.className = "kb-graph__message";
        message.textContent = "The graph could not be loaded.";
        element.replaceChildren(message);
      }
      throw error;
    }
  }

  // document$ (Material) emits on the first page and after every instant navigation.
  document$.subscribe(() => {
    for (const drawn of live) {
      if (!drawn.element.isConnected) {
        drawn.destroy();
        live.delete(drawn);
      }
    }
    const pending = [...document.querySelectorAll(".kb-graph:not([data-state])")];
    if (pending.length > 0) renderAll(pending).catch(console.error);
  });

  // Material's palette toggle switches the scheme in place: recolour the graphs.
  new MutationObserver(() => live.forEach((drawn) => drawn.restyle())).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme", "data-md-color-primary", "data-md-color-accent"],
  });
})();
