// The graph's data: assets/graph.json, fetched and indexed once per visit, and which of its
// notes and links a graph shows (kb.graph.data).
//
// graph.json: { nodes: [{ url, title, tags, folder }], links: [[source index, target index]] },
// URLs relative to the site root, folder the note's top folder ("" at the vault root).
(() => {
  const graph = ((window.kb ??= {}).graph ??= {});
  let loaded; // the indexed graph, once per visit; forgotten on failure so a later page tries again

  function load() {
    loaded ??= fetch(new URL("assets/graph.json", __md_scope))
      .then((response) => {
        if (!response.ok) throw new Error(`Could not load graph.json: HTTP ${response.status}`);
        return response.json();
      })
      .then(index)
      .catch((error) => {
        loaded = undefined;
        throw error;
      });
    return loaded;
  }

  // A nested tag a/b also counts as tag a (as on the tag pages).
  const withParents = (tag) => String(tag).split("/").map((_, i, parts) => parts.slice(0, i + 1).join("/"));

  // Neighbours ignore link direction; tags are listed by name with their note counts.
  function index(json) {
    const nodes = json.nodes.map((node, i) => ({
      index: i,
      url: String(node.url),
      title: String(node.title),
      tags: new Set((node.tags ?? []).flatMap(withParents)),
      folder: String(node.folder ?? ""),
      // Top-level tags, case-insensitive: a colour group "#ml" holds #ml/ranking too.
      tagGroups: [...new Set((node.tags ?? []).map((tag) => String(tag).split("/")[0]).filter(Boolean))],
    }));
    const neighbours = nodes.map(() => new Set());
    for (const [a, b] of json.links) {
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

  // The current page's URL as graph.json writes it, or null outside the site.
  function currentUrl() {
    const here = new URL(location.href);
    here.hash = here.search = "";
    const root = __md_scope.href;
    if (!here.href.startsWith(root)) return null;
    return here.href.slice(root.length).replace(/index\.html$/, "") || "./";
  }

  // The notes with a tag (every note for "").
  function tagged(data, tag) {
    return data.nodes.filter((node) => !tag || node.tags.has(tag)).map((node) => node.index);
  }

  // A note and the notes up to `depth` links away from it.
  function neighbourhood(data, centre, depth) {
    const seen = new Set([centre]);
    let frontier = [centre];
    for (let step = 0; step < depth; step++) {
      frontier = [...new Set(frontier.flatMap((index) => [...data.neighbours[index]].filter((other) => !seen.has(other))))];
      frontier.forEach((index) => seen.add(index));
    }
    return [...seen];
  }

  // The links among the chosen notes, each once: { nodes: [index], links: [[index, index]] }.
  function subgraph(data, indices) {
    const shown = new Set(indices);
    const links = [];
    for (const index of indices) {
      for (const other of data.neighbours[index]) {
        if (other > index && shown.has(other)) links.push([index, other]);
      }
    }
    return { nodes: indices, links };
  }

  // Colour groups, as Obsidian's graph has them: { list: [{ name, count }], of: [group index
  // or -1 per note] }. By "folder" (top folder; notes at the vault root are in none), "tag"
  // (top-level tag) or "none". Only the `max` largest groups are listed (coloured), largest
  // first; a note in several (tags) belongs to the first listed, as Obsidian's first matching
  // group wins, and each next group is the one with the most notes not yet in a listed group.
  function groups(data, by, max) {
    const keys = data.nodes.map((node) => {
      if (by === "folder") return node.folder ? [node.folder] : [];
      if (by === "tag") return [...new Set(node.tagGroups.map((tag) => tag.toLowerCase()))];
      return [];
    });
    const names = new Map(); // key -> name as first written
    data.nodes.forEach((node, i) => {
      const written = by === "tag" ? node.tagGroups.map((tag) => `#${tag}`) : [node.folder];
      written.forEach((name) => {
        const key = by === "tag" ? name.slice(1).toLowerCase() : name;
        if (!names.has(key)) names.set(key, name);
      });
    });
    const of = new Array(data.nodes.length).fill(-1);
    const list = [];
    while (list.length < max) {
      const counts = new Map();
      keys.forEach((noteKeys, i) => of[i] < 0 && noteKeys.forEach((key) => counts.set(key, (counts.get(key) ?? 0) + 1)));
      const best = [...counts].sort(([a, m], [b, n]) => n - m || names.get(a).localeCompare(names.get(b)))[0];
      if (!best) break;
      keys.forEach((noteKeys, i) => of[i] < 0 && noteKeys.includes(best[0]) && (of[i] = list.length));
      list.push({ name: names.get(best[0]), count: best[1] });
    }
    return { list, of, others: of.filter((group) => group < 0).length };
  }

  // Colour by top folder when the vault has folders, else by tag.
  function defaultGrouping(data) {
    return new Set(data.nodes.map((node) => node.folder).filter(Boolean)).size >= 2 ? "folder" : "tag";
  }

  graph.data = { load, currentUrl, tagged, neighbourhood, subgraph, groups, defaultGrouping };
})();
