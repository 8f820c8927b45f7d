// The graph's data: assets/graph.json, fetched and indexed once per visit, and which of its
// notes and links a graph shows (kb.graph.data).
//
// graph.json: { nodes: [{ url, title, tags }], links: [[source index, target index]] }, URLs
// relative to the site root.
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

  graph.data = { load, currentUrl, tagged, neighbourhood, subgraph };
})();
