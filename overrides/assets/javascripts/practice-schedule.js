// Practice mode's memory and schedule (kb.practice.schedule), no DOM: practice.js draws the page.
//
// Progress lives in this browser only, in localStorage under one key, "kb-practice/v1":
//   { version: 1,
//     questions: { "<note path>#<text hash>": { box: 1-5, due: <ms since 1970>, last: "knew" | "again", marks: <count> } },
//     filters: { levels: ["H", ...], tag: "", review: false } }
// A question id comes from assets/practice.json (its note's vault path and a hash of its text):
// editing a question's text starts it afresh; other edits keep its progress.
//
// The schedule is Leitner's boxes. "Knew it" moves a question up one box (a new one to box 2),
// "review again" puts it back in box 1; it is due again after its box's interval. The order:
// due questions first (lowest box, then longest overdue), then new ones, a note at a time in
// turn (every note's first question, then every note's second...: topics interleave), then
// the rest (soonest due first), so practising never runs dry.
(() => {
  const practice = ((window.kb ??= {}).practice ??= {});

  const STORAGE_KEY = "kb-practice/v1";
  const MINUTE = 60 * 1000;
  const DAY = 24 * 60 * MINUTE;
  const LAST_BOX = 5;
  // Due again after a mark, by box (index 0 unused: a question never marked is "new").
  const INTERVALS = [0, 10 * MINUTE, DAY, 3 * DAY, 7 * DAY, 14 * DAY];
  const LEVELS = ["E", "M", "H"];

  const emptyFilters = () => ({ levels: [], tag: "", review: false });
  const empty = () => ({ version: 1, questions: {}, filters: emptyFilters() });

  // What was stored, checked field by field: anything malformed is dropped, never trusted.
  function read(raw) {
    const state = empty();
    let data;
    try {
      data = JSON.parse(raw ?? "null");
    } catch {
      return state;
    }
    if (!data || typeof data !== "object" || data.version !== 1) return state;
    for (const [id, entry] of Object.entries(data.questions ?? {})) {
      const box = Number(entry?.box);
      const due = Number(entry?.due);
      if (!Number.isInteger(box) || box < 1 || box > LAST_BOX || !Number.isFinite(due)) continue;
      state.questions[id] = { box, due, last: entry.last === "again" ? "again" : "knew", marks: Math.max(1, Number(entry.marks) || 1) };
    }
    const filters = data.filters ?? {};
    state.filters = {
      levels: Array.isArray(filters.levels) ? LEVELS.filter((level) => filters.levels.includes(level)) : [],
      tag: typeof filters.tag === "string" ? filters.tag : "",
      review: filters.review === true,
    };
    return state;
  }

  // The stored state; an empty one when storage is unavailable (private mode) or unreadable.
  function load() {
    try {
      return read(localStorage.getItem(STORAGE_KEY));
    } catch {
      return empty();
    }
  }

  // True when saved; false when the browser refuses (the page says progress is not kept).
  function save(state) {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
      return true;
    } catch {
      return false;
    }
  }

  function reset() {
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // nothing stored, nothing to forget
    }
    return empty();
  }

  // A question's entry after a mark at time `now`.
  function mark(entry, knew, now) {
    const box = knew ? Math.min((entry?.box ?? 1) + 1, LAST_BOX) : 1;
    return { box, due: now + INTERVALS[box], last: knew ? "knew" : "again", marks: (entry?.marks ?? 0) + 1 };
  }

  // Sort key of a question (lower first): [group, then within the group]. `turn`: the
  // question's place in its note (0 for a note's first question).
  function rank(entry, turn, position, now) {
    if (!entry) return [1, turn, position]; // new
    if (entry.due <= now) return [0, entry.box, entry.due]; // due
    return [2, entry.due, position]; // waiting
  }

  // The questions (deck positions) in practice order; questionOf(position) gives { id, turn }.
  function order(positions, questionOf, state, now) {
    const keyed = positions.map((position) => {
      const { id, turn } = questionOf(position);
      return [rank(state.questions[id], turn, position, now), position];
    });
    keyed.sort(([a], [b]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    return keyed.map(([, position]) => position);
  }

  const isDue = (entry, now) => !entry || entry.due <= now;

  practice.schedule = { STORAGE_KEY, INTERVALS, LEVELS, load, save, reset, read, mark, order, isDue, emptyFilters };
})();
