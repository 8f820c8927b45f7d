// The Practice page: the notes' interview questions one at a time. This file wires it up:
// a drill (practice-drill.js) on each Practice page Material shows, the keys, and the question
// highlighted on the note page "Show the note" opened. The deck: practice-deck.js; the
// progress in localStorage and the Leitner schedule: practice-schedule.js.
//
// Keys (not while typing in a field; Space and Enter keep their meaning on a button or link):
//   Space / Enter reveal, 1 knew it, 2 review again, J / → next, K / ← previous.
//
// State for the browser tests (tests/browser/README.md): the drill element gets data-state
// ("loading", "ready", "empty", "error") and data-count; the card data-id, data-level and
// data-revealed.
(() => {
  const { schedule, deck, Drill, session } = kb.practice;
  let active = null; // the drill on screen

  // One small element, for the error message.
  function element(tag, properties = {}) {
    return Object.assign(document.createElement(tag), properties);
  }

  // -- keys, for the drill on screen --------------------------------------------------------------

  const KEYS = { " ": "reveal", Enter: "reveal", 1: "knew", 2: "again", j: "next", J: "next", ArrowRight: "next", k: "previous", K: "previous", ArrowLeft: "previous" };

  document.addEventListener("keydown", (event) => {
    if (!active?.root.isConnected || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const action = KEYS[event.key];
    if (!action) return;
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest("input, textarea, select, [contenteditable]")) return;
    if (action === "reveal" && target?.closest("button, a[href], summary")) return; // the focused control's own key
    if (active.card.hidden) return;
    event.preventDefault();
    active.act(action);
  });

  window.addEventListener("storage", (event) => {
    if (event.key === schedule.STORAGE_KEY && active?.root.isConnected) active.reload();
  });

  // -- lifecycle ----------------------------------------------------------------------------------

  async function mount(root) {
    root.dataset.state = "loading";
    try {
      const loaded = await deck.load();
      if (!root.isConnected) return; // the reader has left the page
      active = new Drill(root, loaded);
    } catch (error) {
      root.dataset.state = "error";
      root.replaceChildren(element("p", { className: "kb-practice__message", textContent: "The questions could not be loaded." }));
      throw error;
    }
  }

  // On a note page reached from a card: the question item its URL names, highlighted.
  function markTarget() {
    document.querySelectorAll(".kb-question--target").forEach((node) => node.classList.remove("kb-question--target"));
    let id = session.opened;
    session.opened = "";
    try {
      id ||= decodeURIComponent(location.hash.slice(1));
    } catch {
      return;
    }
    const target = id ? document.getElementById(id) : null;
    if (!target?.matches(".admonition.question li, details.question li")) return;
    target.classList.add("kb-question--target");
    const folded = target.closest("details:not([open])"); // a folded callout: [!question]-
    if (folded) folded.open = true;
    target.scrollIntoView({ block: "center" });
  }

  // document$ (Material) emits on the first page and after every instant navigation.
  document$.subscribe(() => {
    markTarget();
    const root = document.querySelector(".kb-practice:not([data-state])");
    if (root) mount(root).catch(console.error);
  });
})();
