// The graph's controls (kb.graph.controls), above its canvas: the tag filter and the colour
// groups (choice and legend) of the graph page, the depth buttons of a note's local graph,
// plus the message shown instead of a graph. Every name from a note is DOM text.
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

  // "Colour by [folder | tag | none]": onChoose(grouping).
  function groupChoice(current, onChoose) {
    const choice = element("select");
    for (const [value, label] of [["folder", "folder"], ["tag", "tag"], ["none", "nothing"]]) {
      choice.append(element("option", { value, textContent: label, selected: value === current }));
    }
    choice.addEventListener("change", () => onChoose(choice.value));
    const control = element("label", { className: "kb-graph__filter" });
    control.append(element("span", { textContent: "Colour by" }), choice);
    return control;
  }

  // The legend of the colour groups (kb.graph.data.groups): a swatch, the group's name and its
  // number of notes; then "other notes", in the neutral colour, when some are in no group.
  // A <details> element, so the reader can fold it away. Empty (hidden) with no groups.
  function legend(groups, by) {
    const box = element("details", { className: "kb-graph__legend", open: true });
    box.hidden = groups.list.length === 0;
    box.append(element("summary", { textContent: by === "tag" ? "Tags" : "Folders" }));
    const list = element("ul");
    const row = (group, name, count) => {
      const item = element("li");
      const swatch = element("span", { className: "kb-graph__swatch" });
      swatch.dataset.group = String(group);
      swatch.setAttribute("aria-hidden", "true");
      item.append(swatch, element("span", { className: "kb-graph__group", textContent: name }),
        element("span", { className: "kb-graph__count", textContent: count.toLocaleString("en") }));
      item.dataset.group = String(group);
      return item;
    };
    groups.list.forEach((group, i) => list.append(row(i, group.name, group.count)));
    if (groups.others > 0) list.append(row(-1, by === "folder" ? "other folders, vault root" : "other tags, untagged", groups.others));
    box.append(list);
    return box;
  }

  function message(text) {
    return element("p", { className: "kb-graph__message", textContent: text });
  }

  graph.controls = { tagFilter, depthButtons, groupChoice, legend, message };
})();
