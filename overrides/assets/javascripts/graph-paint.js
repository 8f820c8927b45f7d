// The graph's painting on the canvas (kb.graph.paint): colours from Material's palette, the
// nodes, their rings and labels, and where a node can be hovered and clicked.
//
// What is painted comes in a `scene`, which the view (graph-view.js) keeps up to date:
//   colors     palette(): the colours and font of this frame
//   frame      the nodes to paint this frame; node.group: its colour group, -1 for none
//   inView     the drawn nodes inside the visible area, best connected first
//   hovered    the node under the pointer, or null; highlighted: it and its drawn neighbours
//   centre     the node of the current page, or undefined
//   radius(node), toScreen(x, y) -> {x, y}, width(): from force-graph
(() => {
  const graph = ((window.kb ??= {}).graph ??= {});
  const MAX_LABELS = 300; // labels tried per frame at most, best connected first: never thousands
  const LABEL_PX = 12; // label size on screen, whatever the zoom
  const LABEL_CHARS = 36; // longer titles are shortened unless the node is hovered
  // Labels fade in with zoom, as in Obsidian: a note is named once its disc is LABEL_FROM px
  // across on screen (so hubs, drawn bigger, first) and fully at LABEL_FULL px.
  const LABEL_FROM = 5;
  const LABEL_FULL = 8;
  const DOT_PX = 3; // a node smaller than this on screen is painted as a square: no arc to trace
  const GROUP_COLORS = 10; // --kb-graph-group-0 ... -9 in obsidian.css, light and dark

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
      groups: Array.from({ length: GROUP_COLORS }, (_, i) => flat(`--kb-graph-group-${i}`, "rgba(0, 0, 0, 0.54)")),
    };
  }

  // Where a node can be hovered and clicked: its disc, at least 8 px across on screen; a square
  // while that small (thousands of them are painted at once, each in its own colour).
  function hitArea(node, color, ctx, scale, radius) {
    const r = Math.max(radius, 4 / scale);
    ctx.fillStyle = color;
    if (r * scale <= 4) {
      ctx.fillRect(node.x - r, node.y - r, 2 * r, 2 * r);
      return;
    }
    ctx.beginPath();
    ctx.arc(node.x, node.y, r, 0, 2 * Math.PI);
    ctx.fill();
  }

  // A node's colour: this page's note in the accent colour, else its group's colour; a note in
  // no group is grey, or in the link colour while it is highlighted (hovered or a neighbour).
  function colorOf(node, scene) {
    const { colors, highlighted, centre } = scene;
    if (node === centre) return colors.current;
    if (node.group >= 0) return colors.groups[node.group];
    return highlighted.has(node) ? colors.near : colors.node;
  }

  // The frame's nodes batched by colour and opacity, faintest first.
  function batches(scene) {
    const { hovered, highlighted, centre } = scene;
    const byKey = new Map();
    for (const node of scene.frame) {
      const color = colorOf(node, scene);
      const alpha = hovered && !highlighted.has(node) && node !== centre ? 0.2 : 1;
      const key = `${alpha} ${color}`;
      if (!byKey.has(key)) byKey.set(key, { color, alpha, nodes: [] });
      byKey.get(key).nodes.push(node);
    }
    return [...byKey.values()].sort((a, b) => a.alpha - b.alpha);
  }

  // One path per colour: thousands of separate fills are what makes big graphs slow. A node
  // a few pixels across is a square (the eye cannot tell, the rasteriser can).
  // Then a ring around this page's note and the hovered one.
  function nodes(ctx, scale, scene) {
    for (const { color, alpha, nodes: batch } of batches(scene)) {
      ctx.globalAlpha = alpha;
      ctx.fillStyle = color;
      ctx.beginPath();
      for (const node of batch) {
        const r = scene.radius(node);
        if (r * scale * 2 < DOT_PX) {
          ctx.rect(node.x - r, node.y - r, 2 * r, 2 * r);
        } else {
          ctx.moveTo(node.x + r, node.y);
          ctx.arc(node.x, node.y, r, 0, 2 * Math.PI);
        }
      }
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    ctx.lineWidth = 2 / scale;
    ctx.strokeStyle = scene.colors.halo;
    for (const node of [scene.centre, scene.hovered]) {
      if (!node || !scene.frame.includes(node)) continue;
      ctx.beginPath();
      ctx.arc(node.x, node.y, scene.radius(node), 0, 2 * Math.PI);
      ctx.stroke();
    }
  }

  // Label widths on screen, measured once per font and text.
  const widths = new Map();
  function textWidth(text, bold, font) {
    const key = `${bold ? "b" : ""}${font}\n${text}`;
    if (!widths.has(key)) {
      measurer.font = `${bold ? "600 " : ""}${LABEL_PX}px ${font}`;
      widths.set(key, measurer.measureText(text).width);
    }
    return widths.get(key);
  }

  // How strongly a node is named at this zoom: 0 (not at all) to 1. The hovered note, its
  // neighbours and this page's note are always named in full.
  function labelAlpha(node, scale, scene) {
    if (node === scene.hovered || node === scene.centre || scene.highlighted.has(node)) return 1;
    const across = 2 * scene.radius(node) * scale;
    return Math.max(0, Math.min(1, (across - LABEL_FROM) / (LABEL_FULL - LABEL_FROM)));
  }

  // Who may be named, in order: the hovered note, this page's, the hovered note's neighbours
  // (best connected first), or else the notes in view big enough on screen, best connected first.
  function labelCandidates(scale, scene) {
    const { hovered, centre, highlighted, inView } = scene;
    const candidates = [hovered, centre].filter(Boolean);
    if (hovered) candidates.push(...[...highlighted].sort((a, b) => b.degree - a.degree));
    else {
      for (const node of inView) {
        if (candidates.length >= MAX_LABELS) break;
        if (labelAlpha(node, scale, scene) > 0) candidates.push(node);
      }
    }
    return [...new Set(candidates)].slice(0, MAX_LABELS);
  }

  // Where a node's label goes on screen: under the node, kept inside the canvas sideways (so a
  // note at the edge is still named in full). Its text is shortened unless the node is hovered.
  function labelBox(node, scale, scene) {
    const full = node === scene.hovered;
    const text = full || node.title.length <= LABEL_CHARS ? node.title : `${node.title.slice(0, LABEL_CHARS - 1)}…`;
    const width = textWidth(text, full, scene.colors.font);
    const at = scene.toScreen(node.x, node.y);
    const x = Math.max(width / 2 + 4, Math.min(scene.width() - width / 2 - 4, at.x));
    const top = at.y + scene.radius(node) * scale;
    return { text, full, shift: (x - at.x) / scale, x0: x - width / 2 - 2, x1: x + width / 2 + 2, y0: top, y1: top + LABEL_PX + 4 };
  }

  // Labels go on top of everything, each where it overlaps no label already placed (the hovered
  // and the current note are named anyway), faded in with the zoom. Returns how many were drawn.
  function labels(ctx, scale, scene) {
    const placed = [];
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3 / scale;
    for (const node of labelCandidates(scale, scene)) {
      const box = labelBox(node, scale, scene);
      const free = !placed.some((other) => box.x0 < other.x1 && other.x0 < box.x1 && box.y0 < other.y1 && other.y0 < box.y1);
      if (!free && !box.full && node !== scene.centre) continue;
      placed.push(box);
      const x = node.x + box.shift;
      const y = node.y + scene.radius(node) + 2 / scale;
      ctx.globalAlpha = labelAlpha(node, scale, scene);
      ctx.font = `${box.full || node === scene.centre ? "600 " : ""}${LABEL_PX / scale}px ${scene.colors.font}`;
      ctx.strokeStyle = scene.colors.halo;
      ctx.strokeText(box.text, x, y);
      ctx.fillStyle = scene.colors.text;
      ctx.fillText(box.text, x, y);
    }
    ctx.globalAlpha = 1;
    return placed.length;
  }

  graph.paint = { palette, hitArea, nodes, labels, colorOf, GROUP_COLORS };
})();
