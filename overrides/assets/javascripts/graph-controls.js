// The graph's controls (kb.graph.controls), above its canvas: the tag filter of the graph page
// and the depth buttons of a note's local graph, plus the message shown instead of a graph.
// Each control calls back with the reader's choice; graph.js decides what that shows.
(() => {
  const graph = ((window.kb ??= {}).graph ??= {});

  function element(tag, properties = {}) {
    return Object.assign(document.createElement(tag), properties);
  }

  // "Tag [all tags | #a (3) | #a/b (1) ...]": onChoose(tag), "" for every note.
  function tagFilter(tags, onChoose) {
    const choice = element("select");
    choice.append(element("option", { value: "", textContent: "all tags" }));
    for (const [tag, tagged] of tags) {
      choice.append(element("option", { value: tag, textContent: `#${tag} (${tagged})` }));
    }
    choice.addEventListener("change", () => onChoose(choice.value));
    const filter = element("label", { className: "kb-graph__filter" });
    filter.append(element("span", { textContent: "Tag" }), choice);
    return filter;
  }

  // "Depth [1] [2]", a toggle group whose first button starts pressed: onChoose(depth).
  function depthButtons(depths, onChoose) {
    const group = element("div", { className: "kb-graph__depth" });
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Depth");
    const caption = element("span", { textContent: "Depth" });
    caption.setAttribute("aria-hidden", "true");
    group.append(caption);
    const buttons = depths.map((depth, i) => {
      const button = element("button", { type: "button", textContent: String(depth) });
      button.setAttribute("aria-pressed", String(i === 0));
      button.addEventListener("click", () => {
        buttons.forEach((other) => other.setAttribute("aria-pressed", String(other === button)));
        onChoose(depth);
      });
      return button;
    });
    group.append(...buttons);
    return group;
  }

  function message(text) {
    return element("p", { className: "kb-graph__message", textContent: text });
  }

  graph.controls = { tagFilter, depthButtons, message };
})();
