// One drill: what the Practice page's <div class="kb-practice"> shows (kb.practice.Drill),
// built from the deck (practice-deck.js) and the stored progress (practice-schedule.js).
// Everything from the deck lands as text (textContent), except a question's HTML, which the
// build rendered and reduced to text, code, math and lists (scripts/vault_plugin/safe_html.py).
//
// kb.practice.session is the visit's session (cards shown, the one on screen, the filters
// they were chosen under), kept while instant navigation swaps pages, so "Show the note" and
// Back return to the same card.
(() => {
  const practice = kb.practice;
  const { schedule } = practice;
  const LEVEL_NAMES = { E: "Easy", M: "Medium", H: "Hard" };
  const session = (practice.session = { history: [], position: -1, seen: new Set(), filterKey: "", opened: "" });

  // -- small DOM helpers ------------------------------------------------------------------------

  function element(tag, properties = {}, ...children) {
    const node = Object.assign(document.createElement(tag), properties);
    node.append(...children);
    return node;
  }

  function button(action, label, key, extra = {}) {
    const node = element("button", { type: "button", className: `md-button kb-practice__button kb-practice__button--${action}`, ...extra });
    node.dataset.action = action;
    node.append(label);
    if (key) node.append(" ", element("kbd", { className: "kb-practice__key", textContent: key }));
    return node;
  }

  // -- one drill: the Practice page's element ---------------------------------------------------

  class Drill {
    constructor(root, deck) {
      this.root = root;
      this.deck = deck;
      this.state = schedule.load();
      this.saved = true;
      this.revealed = false;
      this.build();
      this.filter(false);
    }

    build() {
      const { filters } = this.state;
      if (!this.deck.tags.some(([tag]) => tag === filters.tag)) filters.tag = ""; // a tag no note carries any more
      this.levelButtons = schedule.LEVELS.map((level) => {
        const node = button("level", `${level} · ${LEVEL_NAMES[level]}`, "", { title: `Only ${LEVEL_NAMES[level].toLowerCase()} questions` });
        node.dataset.level = level;
        node.setAttribute("aria-pressed", String(filters.levels.includes(level)));
        return node;
      });
      this.tagSelect = element("select", { className: "kb-practice__tag", id: "kb-practice-tag" },
        element("option", { value: "", textContent: "All tags" }),
        ...this.deck.tags.map(([tag, count]) => element("option", { value: tag, textContent: `#${tag} (${count})` })));
      this.tagSelect.value = filters.tag;
      this.reviewButton = button("review", "Only “review again”", "", { title: "Only the questions you last marked “review again”" });
      this.reviewButton.setAttribute("aria-pressed", String(filters.review));
      const levels = element("div", { className: "kb-practice__levels", role: "group" }, ...this.levelButtons);
      levels.setAttribute("aria-label", "Difficulty");
      const tagLabel = element("label", { className: "kb-practice__tag-label", htmlFor: "kb-practice-tag", textContent: "Tag " }, this.tagSelect);
      this.status = element("p", { className: "kb-practice__status" });
      this.status.setAttribute("aria-live", "polite");

      this.card = element("section", { className: "kb-practice__card", tabIndex: -1 });
      this.card.setAttribute("aria-label", "Question");
      this.level = element("span", { className: "kb-practice__level" });
      this.noteLink = element("a", { className: "kb-practice__note" });
      this.box = element("span", { className: "kb-practice__box" });
      this.question = element("div", { className: "kb-practice__question" });
      this.openLink = element("a", { className: "md-button kb-practice__button kb-practice__open", textContent: "Show the note" });
      this.revealButton = button("reveal", "Reveal", "Space");
      this.knewButton = button("knew", "Knew it", "1");
      this.againButton = button("again", "Review again", "2");
      this.marks = element("div", { className: "kb-practice__marks" }, this.knewButton, this.againButton);
      this.answer = element("div", { className: "kb-practice__answer" },
        element("p", { className: "kb-practice__hint", textContent: "Compare your answer with the note, then mark it:" }),
        this.openLink);
      this.card.append(
        element("p", { className: "kb-practice__meta" }, this.level, " ", element("span", {}, "from ", this.noteLink), " ", this.box),
        this.question, this.revealButton, this.answer, this.marks,
        element("div", { className: "kb-practice__moves" }, button("previous", "Previous", "K"), button("next", "Next", "J")),
      );
      this.empty = element("p", { className: "kb-practice__empty" });
      this.confirm = element("span", { className: "kb-practice__confirm", hidden: true },
        "Forget every mark in this browser? ", button("reset-confirm", "Yes, reset", ""), " ", button("reset-cancel", "Cancel", ""));
      this.notice = element("p", { className: "kb-practice__notice", hidden: true,
        textContent: "This browser does not let the page keep your progress (private mode?): it lasts until you leave." });

      this.root.tabIndex = -1; // focus goes here when no card is shown
      this.root.replaceChildren(
        element("div", { className: "kb-practice__filters" }, levels, tagLabel, this.reviewButton),
        this.status, this.card, this.empty,
        element("div", { className: "kb-practice__reset" }, button("reset", "Reset progress", ""), " ", this.confirm),
        this.notice,
      );
      this.root.addEventListener("click", (event) => this.onClick(event));
      // The question "Show the note" opens, for the note's page (its URL may lose the fragment
      // to navigation.tracking before the page is shown).
      this.openLink.addEventListener("click", () => {
        session.opened = this.deck.questions[this.current]?.anchor ?? "";
      });
      this.tagSelect.addEventListener("change", () => this.changeFilters({ tag: this.tagSelect.value }));
    }

    onClick(event) {
      const target = event.target instanceof Element ? event.target.closest("button[data-action]") : null;
      if (!target || !this.root.contains(target)) return;
      const action = target.dataset.action;
      // A filter chosen with the pointer hands the keys to the card (Space reveals); chosen
      // with the keyboard (a click of detail 0), focus stays to choose another.
      const byPointer = event.detail > 0;
      if (action === "level") {
        const levels = new Set(this.state.filters.levels);
        levels.has(target.dataset.level) ? levels.delete(target.dataset.level) : levels.add(target.dataset.level);
        this.changeFilters({ levels: schedule.LEVELS.filter((level) => levels.has(level)) }, byPointer);
      } else if (action === "review") {
        this.changeFilters({ review: !this.state.filters.review }, byPointer);
      } else if (action === "reset") {
        this.confirm.hidden = false;
        this.confirm.querySelector("button").focus();
      } else if (action === "reset-cancel") {
        this.confirm.hidden = true;
      } else if (action === "reset-confirm") {
        this.resetProgress();
      } else {
        this.act(action);
      }
    }

    // A key or button: reveal, knew, again, next, previous.
    act(action) {
      if (this.current === undefined) return;
      if (action === "reveal") this.reveal();
      else if (action === "knew" || action === "again") this.mark(action === "knew");
      else if (action === "next") this.next();
      else if (action === "previous") this.previous();
    }

    // -- filters and order ----------------------------------------------------------------------

    changeFilters(change, focusCard = false) {
      Object.assign(this.state.filters, change);
      this.persist();
      this.filter(true);
      if (focusCard) (this.card.hidden ? this.root : this.card).focus();
    }

    matches(question) {
      const { levels, tag, review } = this.state.filters;
      if (levels.length > 0 && !levels.includes(question.level)) return false;
      if (tag && !question.note.tags.has(tag)) return false;
      return !review || this.state.questions[question.id]?.last === "again";
    }

    // Apply the filters: the session goes on where it was if they did not change.
    filter(changed) {
      const { levels, tag, review } = this.state.filters;
      this.levelButtons.forEach((node) => node.setAttribute("aria-pressed", String(levels.includes(node.dataset.level))));
      this.reviewButton.setAttribute("aria-pressed", String(review));
      this.tagSelect.value = tag;
      this.positions = this.deck.questions.map((_, position) => position).filter((position) => this.matches(this.deck.questions[position]));
      const key = JSON.stringify([levels, tag, review]);
      if (changed || key !== session.filterKey || !this.positions.includes(session.history[session.position])) {
        Object.assign(session, { history: [], position: -1, seen: new Set(), filterKey: key });
        this.next();
      } else {
        this.show(session.history[session.position]);
      }
    }

    // The next card: forward in the session's history, else the first in practice order
    // not yet shown in this session (unless due again), wrapping round when all were shown.
    next() {
      if (session.position < session.history.length - 1) {
        session.position++;
        this.show(session.history[session.position]);
        return;
      }
      const now = Date.now();
      const current = session.history[session.position];
      const questionOf = (position) => this.deck.questions[position];
      const fresh = (position) => position !== current && (!session.seen.has(position) || this.isDueReview(position, now));
      let candidates = this.positions.filter(fresh);
      if (candidates.length === 0) {
        session.seen.clear();
        candidates = this.positions.filter((position) => position !== current);
      }
      if (candidates.length === 0 && current !== undefined && this.positions.includes(current)) candidates = [current];
      const [chosen] = schedule.order(candidates, questionOf, this.state, now);
      if (chosen === undefined) {
        this.show(undefined);
        return;
      }
      session.history = session.history.slice(0, session.position + 1).concat(chosen);
      session.position = session.history.length - 1;
      this.show(chosen);
    }

    previous() {
      if (session.position > 0) {
        session.position--;
        this.show(session.history[session.position]);
      }
    }

    isDueReview(position, now) {
      const entry = this.state.questions[this.deck.questions[position].id];
      return entry !== undefined && entry.due <= now;
    }

    // -- the card -------------------------------------------------------------------------------

    show(position) {
      this.current = position;
      this.revealed = false;
      this.confirm.hidden = true;
      const question = position === undefined ? undefined : this.deck.questions[position];
      this.card.hidden = question === undefined;
      this.empty.hidden = question !== undefined;
      this.root.dataset.state = question === undefined ? "empty" : "ready";
      this.updateStatus();
      if (question === undefined) {
        this.empty.textContent = this.state.filters.review
          ? "No question is marked “review again” among these filters. Mark one with “Review again” (2) and it shows here."
          : "No question matches these filters.";
        delete this.card.dataset.id;
        return;
      }
      session.seen.add(position);
      const entry = this.state.questions[question.id];
      this.card.dataset.id = question.id;
      this.card.dataset.level = question.level ?? "";
      this.card.dataset.last = entry?.last ?? "";
      this.level.textContent = question.level ? `${question.level} · ${LEVEL_NAMES[question.level]}` : "No level";
      this.level.className = `kb-practice__level kb-practice__level--${question.level ?? "none"}`;
      this.noteLink.textContent = question.note.title;
      this.noteLink.href = new URL(question.note.url, __md_scope).href;
      this.openLink.href = new URL(`${question.note.url}#${question.anchor}`, __md_scope).href;
      this.box.textContent = this.describe(entry);
      this.question.innerHTML = question.html; // rendered and reduced to safe HTML by the build (safe_html.py)
      this.question.className = "kb-practice__question";
      kb.typesetMath(this.question).catch(console.error);
      this.setRevealed(false);
    }

    describe(entry) {
      if (!entry) return "new";
      const due = entry.due <= Date.now() ? "due now" : `due ${new Date(entry.due).toLocaleString([], { dateStyle: "medium", timeStyle: "short" })}`;
      return `box ${entry.box} · ${entry.last === "again" ? "review again" : "knew it"} · ${due}`;
    }

    setRevealed(revealed) {
      this.revealed = revealed;
      this.card.dataset.revealed = String(revealed);
      this.revealButton.hidden = revealed;
      this.answer.hidden = !revealed;
    }

    reveal() {
      if (this.revealed) return;
      const hadFocus = this.root.contains(document.activeElement);
      this.setRevealed(true);
      if (hadFocus) this.knewButton.focus();
    }

    mark(knew) {
      const question = this.deck.questions[this.current];
      this.state.questions[question.id] = schedule.mark(this.state.questions[question.id], knew, Date.now());
      this.persist();
      const hadFocus = this.root.contains(document.activeElement);
      this.positions = this.positions.filter((position) => position === this.current || this.matches(this.deck.questions[position]));
      this.next();
      if (hadFocus) (this.card.hidden ? this.root : this.card).focus();
    }

    resetProgress() {
      const filters = this.state.filters;
      this.state = schedule.reset();
      this.state.filters = filters;
      this.persist();
      this.filter(true);
      this.card.focus();
    }

    persist() {
      this.saved = schedule.save(this.state);
      this.notice.hidden = this.saved;
    }

    // Another tab of this site changed the progress: take it, keep the card.
    reload() {
      this.state = schedule.load();
      this.filter(false);
    }

    updateStatus() {
      const now = Date.now();
      let due = 0;
      let fresh = 0;
      let again = 0;
      for (const position of this.positions) {
        const entry = this.state.questions[this.deck.questions[position].id];
        if (!entry) fresh++;
        else if (entry.due <= now) due++;
        if (entry?.last === "again") again++;
      }
      const total = this.positions.length;
      this.status.textContent = `${total} questions: ${due} due, ${fresh} new, ${total - due - fresh} waiting; ${again} marked “review again”.`;
      this.root.dataset.count = String(total);
    }
  }
  practice.Drill = Drill;
})();
