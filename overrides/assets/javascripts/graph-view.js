// One drawn graph (kb.graph.View): the force-graph instance in a canvas host, its layout
// (forces, zoom to fit, settling), hover and click. graph-paint.js paints each frame.
//
// view.show({ nodes: [index], links: [[index, index]] }) lays out and draws those notes of
// graph.json (returns how many); view.colourBy(grouping) colours them by group (returns the
// groups, for the legend); view.settled, view.stats, view.screenPosition(url) and
// view.colorAt(url) serve the tests; view.restyle() follows a palette change; view.destroy()
// frees it once its page is left.
(() => {
  const graph = ((window.kb ??= {}).graph ??= {});
  const LARGE = 1000; // from this many nodes: a seeded layout on a time budget, no warm-up before the first frame
  const MAX_FIT_ZOOM = 3; // fitting a few notes into the canvas stops at this zoom
  const LAYOUT_MS = 3000; // a large graph's layout stops by then, however far it got (then a 400 ms zoom to fit)
  const SEED_SPACING = 20; // graph units between seeded neighbours: about the settled layout's density
  const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
  // While the reader pans or zooms a view with more links than this in it, links are left out
  // (as sigma.js's hideEdgesOnMove does): thousands of strokes are most of a frame's cost.
  const MOVING_LINKS = 4000;

  // Where a large graph's notes start, so that it settles fast and each colour group clusters:
  // each group (largest first, the notes in none last) fills a disc of its own, the discs laid
  // on a sunflower spiral, the notes in each disc too. -> [{x, y}] by graph.json index.
  function seeds(groupOf, count) {
    const members = new Map();
    groupOf.forEach((group, index) => {
      if (!members.has(group)) members.set(group, []);
      members.get(group).push(index);
    });
    const order = [...members.keys()].sort((a, b) => (a < 0) - (b < 0) || members.get(b).length - members.get(a).length);
    const at = new Array(count);
    let before = 0;
    order.forEach((group, k) => {
      const notes = members.get(group);
      const distance = k === 0 ? 0 : SEED_SPACING * 1.2 * Math.sqrt(before + notes.length / 2);
      const cx = distance * Math.cos(k * GOLDEN_ANGLE);
      const cy = distance * Math.sin(k * GOLDEN_ANGLE);
      notes.forEach((index, j) => {
        const r = SEED_SPACING * Math.sqrt(j + 0.5);
        at[index] = { x: cx + r * Math.cos(j * GOLDEN_ANGLE), y: cy + r * Math.sin(j * GOLDEN_ANGLE) };
      });
      before += notes.length;
    });
    return at;
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

  class View {
    // centre: the graph.json index of the current page's note, or undefined.
    constructor(host, data, { global, centre }) {
      Object.assign(this, { host, data, global, centre });
      this.objects = new Map(); // graph.json index -> node object: force-graph keeps positions on it across filters
      this.groups = { list: [], of: data.nodes.map(() => -1), others: data.nodes.length }; // colour groups (colourBy)
      this.seeded = null; // where a large graph's notes start (seeds()), once
      this.drawn = new Set(); // the node objects drawn
      this.byDegree = []; // the same, best connected first: whose labels win a crowded spot
      this.linkCount = 0;
      this.stats = { shownAt: 0, settleMs: null, ticks: 0, labels: 0, frames: 0, scale: 1 }; // for the tests and the bench
      this.area = null; // the visible part of the graph this frame, in graph coordinates
      this.linksInView = { last: 0, counting: 0 }; // links in the visible area: last frame, this one so far
      this.moving = false; // the reader is panning or zooming
      this.visible = true; // the canvas is on screen
      this.collect = this.collect.bind(this);
      this.paintHit = this.paintHit.bind(this);
      this.scene = {
        colors: graph.paint.palette(host),
        frame: [],
        inView: [],
        hovered: null,
        highlighted: new Set(),
        centre: undefined,
        radius: (node) => node.size * this.forceGraph.nodeRelSize(),
        toScreen: (x, y) => this.forceGraph.graph2ScreenCoords(x, y),
        width: () => this.forceGraph.width(),
      };
      this.resetLayout();
      this.forceGraph = this.create();
      this.setForces();
      this.observe();
    }

    create() {
      return new ForceGraph(this.host)
        .width(this.host.clientWidth || 300)
        .height(this.host.clientHeight || 300)
        .backgroundColor("transparent")
        .nodeLabel(null) // no HTML tooltip: labels are drawn on the canvas
        .linkLabel(null)
        .nodeVal("val")
        .nodeCanvasObjectMode(() => "replace")
        .nodeCanvasObject(this.collect)
        .nodePointerAreaPaint(this.paintHit)
        .linkPointerAreaPaint(() => {}) // links are not hovered: keep thousands of strokes off the hit canvas
        .linkVisibility((link) => this.inArea(link))
        .linkColor((link) => this.linkColor(link))
        .linkWidth((link) => (this.touchesHovered(link) ? 1.5 : 1))
        .onRenderFramePre(() => this.beforeFrame())
        .onRenderFramePost((ctx, scale) => this.afterFrame(ctx, scale))
        .onNodeHover((node) => this.hover(node))
        .onNodeClick((node) => this.open(node))
        .onZoom(() => this.userMoved && (this.moving = true))
        .onZoomEnd(() => this.stopMoving())
        .onEngineTick(() => this.tick())
        .onEngineStop(() => this.stop());
    }

    // The layout spreads to the canvas's shape: a wide canvas pulls less sideways than up and down.
    // A neighbourhood is dense (its notes link to each other too): soft links let it spread out.
    setForces() {
      const fg = this.forceGraph;
      fg.d3Force("gravity", gravity(this.global ? 0.06 : 0.25, () => fg.height() / fg.width()));
      fg.d3Force("charge").strength(this.global ? -80 : -160);
      fg.d3Force("link").distance(this.global ? 40 : 50);
      if (!this.global) fg.d3Force("link").strength(0.08);
    }

    // Once the reader zooms or pans, the view is theirs; the canvas follows its box's size;
    // off screen and settled, the animation loop stops until the graph is seen again.
    observe() {
      for (const type of ["wheel", "pointerdown", "touchstart"]) {
        this.host.addEventListener(type, () => (this.userMoved = true), { passive: true });
      }
      this.resize = new ResizeObserver(([entry]) => {
        const { width, height } = entry.contentRect;
        if (width > 0 && height > 0) this.forceGraph.width(Math.floor(width)).height(Math.floor(height));
      });
      this.resize.observe(this.host);
      this.seen = new IntersectionObserver(([entry]) => {
        this.visible = entry.isIntersecting;
        if (this.visible) this.forceGraph.resumeAnimation();
        else if (!this.engineRunning) this.forceGraph.pauseAnimation();
      });
      this.seen.observe(this.host);
    }

    resetLayout() {
      this.userMoved = false; // the reader zoomed or panned: stop fitting the view for them
      this.fitted = false; // the view has been fitted to the layout at least once
      this.ticks = 0; // layout steps since the graph was (re)drawn
      this.settled = false; // the layout has stopped and the zoom to fit is over
      this.settleAt = 0; // when the zoom to fit will be over
      this.engineRunning = true;
    }

    nodeFor(index) {
      if (!this.objects.has(index)) {
        const { url, title } = this.data.nodes[index];
        const degree = this.data.neighbours[index].size;
        // Radius grows with the log of the degree: 1 alone, 2 with 7 links, 3 with 63.
        const size = 1 + Math.log2(1 + degree) / 3;
        const group = this.groups.of[index];
        this.objects.set(index, { id: index, url, title, degree, size, val: size * size, group, ...this.seeded?.[index] });
      }
      return this.objects.get(index);
    }

    // Colours the notes by "folder", "tag" or "none" (kb.graph.data.groups) and returns the
    // groups, for the legend. A large graph's first layout starts from these groups (show()).
    colourBy(grouping) {
      this.groups = graph.data.groups(this.data, grouping, graph.paint.GROUP_COLORS);
      for (const [index, node] of this.objects) node.group = this.groups.of[index];
      this.redraw();
      return this.groups;
    }

    show(selection) {
      if (selection.nodes.length >= LARGE && !this.seeded) this.seeded = seeds(this.groups.of, this.data.nodes.length);
      const nodes = selection.nodes.map((index) => this.nodeFor(index));
      this.drawn = new Set(nodes);
      this.byDegree = [...nodes].sort((a, b) => b.degree - a.degree);
      this.linkCount = selection.links.length;
      this.tune(nodes.length);
      const centre = this.objects.get(this.centre);
      Object.assign(this.scene, {
        // Thousands of links drawn at full strength are a black tangle: fainter the more there are.
        colors: graph.paint.palette(this.host, this.linkAlpha()),
        hovered: null,
        highlighted: new Set(),
        centre: this.drawn.has(centre) ? centre : undefined,
      });
      this.resetLayout();
      Object.assign(this.stats, { shownAt: performance.now(), settleMs: null, ticks: 0 });
      if (!this.visible) this.forceGraph.resumeAnimation();
      this.forceGraph.graphData({ nodes, links: selection.links.map(([source, target]) => ({ source, target })) });
      // The first frame as soon as the warm-up is done (force-graph runs it on a timer), not at
      // the next animation frame: a page captured without animation frames still shows the graph.
      setTimeout(() => {
        if (this.host.isConnected && this.fit(0)) this.forceGraph.pauseAnimation().resumeAnimation(); // resuming draws a frame at once
      }, 30);
      this.host.setAttribute("aria-label", `Graph of ${nodes.length} ${nodes.length === 1 ? "note" : "notes"}`);
      return nodes.length;
    }

    // Small graphs are laid out before the first frame; big ones settle in view, from their
    // seeded places, in fewer steps, with a coarser, cheaper repulsion, and stop after
    // LAYOUT_MS whatever the machine's speed.
    tune(count) {
      const large = count >= LARGE;
      this.forceGraph.d3Force("charge").theta(large ? 1.5 : 0.9);
      this.forceGraph
        .nodeRelSize(this.global ? 3 : 4)
        .warmupTicks(large ? 0 : this.global ? 60 : 120)
        .cooldownTicks(large ? 120 : this.global ? 300 : 120)
        .cooldownTime(large ? LAYOUT_MS : 15000)
        .d3AlphaDecay(large ? 0.06 : 0.0228);
    }

    linkAlpha() {
      return Math.min(1, (1000 / Math.max(1, this.linkCount)) ** 0.7);
    }

    // Whether a link is drawn: only if it may cross the visible area (not when both its ends lie
    // beyond one edge: zoomed in on a large graph, most links are skipped), and not while the
    // reader moves a view crowded with links.
    inArea({ source: a, target: b }) {
      const area = this.area;
      const inside = !area || !((a.x < area.x0 && b.x < area.x0) || (a.x > area.x1 && b.x > area.x1) ||
        (a.y < area.y0 && b.y < area.y0) || (a.y > area.y1 && b.y > area.y1));
      if (inside) this.linksInView.counting++;
      return inside && !(this.moving && this.linksInView.last > MOVING_LINKS);
    }

    // The view stopped moving: links come back once it has been still for a moment.
    stopMoving() {
      clearTimeout(this.stillTimer);
      this.stillTimer = setTimeout(() => {
        this.moving = false;
        this.redraw();
      }, 120);
    }

    touchesHovered(link) {
      const { hovered } = this.scene;
      return hovered !== null && (link.source === hovered || link.target === hovered);
    }

    linkColor(link) {
      const { hovered, colors } = this.scene;
      return !hovered ? colors.link : this.touchesHovered(link) ? colors.near : colors.linkDim;
    }

    // The hovered node and its drawn neighbours stand out; the rest fade.
    hover(node) {
      const scene = this.scene;
      scene.hovered = node ?? null;
      scene.highlighted = new Set(node ? [node] : []);
      for (const other of node ? this.data.neighbours[node.id] : []) {
        const neighbour = this.objects.get(other);
        if (this.drawn.has(neighbour)) scene.highlighted.add(neighbour);
      }
      this.redraw();
    }

    // A click on another note opens it, by instant navigation when Material has it on.
    open(node) {
      if (node.id !== this.centre) kb.navigate(new URL(node.url, __md_scope).href);
    }

    beforeFrame() {
      const a = this.forceGraph.screen2GraphCoords(0, 0);
      const b = this.forceGraph.screen2GraphCoords(this.forceGraph.width(), this.forceGraph.height());
      this.area = { x0: a.x, y0: a.y, x1: b.x, y1: b.y };
      this.linksInView = { last: this.linksInView.counting, counting: 0 };
      this.scene.inView = this.byDegree.filter((node) => node.x >= a.x && node.x <= b.x && node.y >= a.y && node.y <= b.y);
      this.scene.frame = [];
    }

    // force-graph calls this for each node after drawing the links; afterFrame() paints the
    // nodes together (graph-paint.js), so here they are only gathered, if in view.
    collect(node) {
      const r = this.scene.radius(node);
      const area = this.area;
      if (area && (node.x + r < area.x0 || node.x - r > area.x1 || node.y + r < area.y0 || node.y - r > area.y1)) return;
      this.scene.frame.push(node);
    }

    afterFrame(ctx, scale) {
      this.stats.scale = scale;
      this.stats.frames++;
      graph.paint.nodes(ctx, scale, this.scene);
      this.stats.labels = graph.paint.labels(ctx, scale, this.scene);
      if (this.settleAt && performance.now() >= this.settleAt && !this.engineRunning) this.settle();
    }

    paintHit(node, color, ctx, scale) {
      graph.paint.hitArea(node, color, ctx, scale, this.scene.radius(node));
    }

    // Follow the layout as it spreads, until the reader takes over.
    tick() {
      this.settled = false; // a new layout, or a dragged node pulling the others
      this.settleAt = 0;
      this.stats.ticks++;
      if (!this.fitted) this.fit(0);
      else if (++this.ticks % 30 === 0) this.fit(250);
    }

    stop() {
      this.engineRunning = false;
      if (!this.visible) {
        // Off screen: fit at once (no animation can run), and stop the loop after this frame
        // (force-graph asks for the next one once this callback returns).
        this.fit(0);
        this.settle();
        setTimeout(() => !this.visible && !this.engineRunning && this.forceGraph.pauseAnimation());
        return;
      }
      this.fit(400);
      this.settleAt = performance.now() + 450;
      setTimeout(() => this.redraw(), 500); // a frame after the zoom, to call settle() from
    }

    // Settled: the hit canvas (which force-graph repaints at most every 800 ms) is brought up
    // to date now, so a click lands on the node drawn under the pointer.
    settle() {
      this.settleAt = 0;
      this.forceGraph.nodePointerAreaPaint(this.paintHit); // re-setting it repaints the hit canvas
      this.settled = true;
      this.stats.settleMs ??= performance.now() - this.stats.shownAt;
    }

    // Fits the drawn notes into the canvas, but never zooms in so far that a few notes look huge.
    // False when there is nothing to fit yet (no layout) or the reader has taken the view over.
    fit(duration) {
      const fg = this.forceGraph;
      const box = this.drawn.size > 0 && !this.userMoved ? this.box() : null;
      if (!box || ![...box.x, ...box.y].every(Number.isFinite)) return false;
      this.fitted = true;
      const padding = 40;
      const zoom = Math.min(
        MAX_FIT_ZOOM,
        (fg.width() - 2 * padding) / Math.max(1, box.x[1] - box.x[0]),
        (fg.height() - 2 * padding) / Math.max(1, box.y[1] - box.y[0]),
      );
      fg.centerAt((box.x[0] + box.x[1]) / 2, (box.y[0] + box.y[1]) / 2, duration);
      fg.zoom(zoom, duration);
      return true;
    }

    // The box to fit: every drawn note; in a large graph, all but the 1% farthest out on each
    // side (notes without links drift to the edges and would shrink the rest to a dot).
    box() {
      if (this.drawn.size < LARGE) return this.forceGraph.getGraphBbox();
      const inner = (values) => {
        values.sort((a, b) => a - b);
        const cut = Math.floor(values.length / 100);
        return [values[cut], values[values.length - 1 - cut]];
      };
      const nodes = [...this.drawn];
      return { x: inner(nodes.map((node) => node.x)), y: inner(nodes.map((node) => node.y)) };
    }

    // Re-setting the painter is how force-graph is told to draw again (it redraws only on change).
    redraw() {
      this.forceGraph.nodeCanvasObject(this.collect);
    }

    // Where a node is drawn, in viewport CSS pixels; null when it is not drawn.
    screenPosition(url) {
      const node = this.objects.get(this.data.byUrl.get(url));
      if (!node || !this.drawn.has(node) || !Number.isFinite(node.x) || !Number.isFinite(node.y)) return null;
      const at = this.forceGraph.graph2ScreenCoords(node.x, node.y);
      const box = this.host.getBoundingClientRect();
      return { x: box.left + at.x, y: box.top + at.y };
    }

    // The colour a node is painted in (as the canvas writes it), or null when it is not drawn.
    colorAt(url) {
      const node = this.objects.get(this.data.byUrl.get(url));
      return node && this.drawn.has(node) ? graph.paint.colorOf(node, this.scene) : null;
    }

    restyle() {
      this.scene.colors = graph.paint.palette(this.host, this.linkAlpha());
      this.redraw();
    }

    destroy() {
      clearTimeout(this.stillTimer);
      this.resize.disconnect();
      this.seen.disconnect();
      this.forceGraph._destructor();
    }
  }

  graph.View = View;
})();
