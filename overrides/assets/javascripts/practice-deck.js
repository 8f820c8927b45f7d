// The Practice page's deck: assets/practice.json, fetched and indexed once per visit
// (kb.practice.deck.load()). Its format: scripts/vault_plugin/practice.py (deck_json).
// Each question gets `turn`, its place in its note (0 for the note's first question), and
// its note's tags with their parents; the deck's tags come with their question counts.
(() => {
  const practice = ((window.kb ??= {}).practice ??= {});
  const { LEVELS } = practice.schedule; // practice-schedule.js comes first
  let deckLoad; // the deck, once per visit; forgotten on failure so a later visit tries again

  function loadDeck() {
    deckLoad ??= fetch(new URL("assets/practice.json", __md_scope))
      .then((response) => {
        if (!response.ok) throw new Error(`Could not load practice.json: HTTP ${response.status}`);
        return response.json();
      })
      .then(indexDeck)
      .catch((error) => {
        deckLoad = undefined;
        throw error;
      });
    return deckLoad;
  }

  // A nested tag a/b counts as tag a too (as on the tag pages and in the graph).
  const withParents = (tag) => String(tag).split("/").map((_, i, parts) => parts.slice(0, i + 1).join("/"));

  function indexDeck(json) {
    const notes = json.notes.map((note) => ({
      title: String(note.title),
      url: String(note.url),
      tags: new Set((note.tags ?? []).flatMap(withParents)),
    }));
    const turns = new Map(); // note -> questions of it so far
    const questions = json.questions.map((question) => ({
      id: String(question.id),
      turn: turns.set(question.note, (turns.get(question.note) ?? -1) + 1).get(question.note),
      note: notes[question.note],
      anchor: String(question.anchor),
      level: LEVELS.includes(question.level) ? question.level : null,
      html: String(question.html),
    }));
    const counts = new Map();
    for (const question of questions) for (const tag of question.note.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    const tags = [...counts].sort(([a], [b]) => a.localeCompare(b));
    return { questions, tags };
  }

  practice.deck = { load: loadDeck };
})();
