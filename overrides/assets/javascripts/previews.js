// Hover previews: resting the pointer on (or tabbing to) a link in the article that leads to
// another page of this site shows that page's title and opening lines in a popover beside it.
// Wikilinks, backlinks and any other internal page link qualify; heading permalinks, tags and
// links within the same page do not. Listeners sit on `document`, so pages shown by Material's
// instant navigation need no new binding. Fetched pages are kept for the visit.
(() => {
  const SHOW_DELAY = 300; // ms on a link before its preview is fetched and shown
  const HIDE_DELAY = 200; // ms to carry the pointer from the link into the popover
  const MAX_CHARS = 600; // characters of text in a preview, about
  const MAX_BLOCKS = 5;
  const SKIP = [
    "h1", ".note-aliases", ".note-tags", ".headerlink", "#backlinks", ".local-graph", ".kb-graph",
    ".mermaid-diagram", ".md-source-file", "script", "style", "template",
  ].join(", ");
  // What a copied block must not carry: anything that runs, loads, submits or changes the page's base URL.
  const REMOVE = "script, style, template, noscript, iframe, frame, object, embed, video, audio, form, button, base, meta, link, .headerlink, .kb-graph, .mermaid-diagram";
  const URL_ATTRIBUTES = [["href", ["http:", "https:", "mailto:"]], ["src", ["http:", "https:", "data:"]]];

  const pages = new Map(); // page URL (no fragment) -> Promise of its HTML
  let popover = null; // the one preview element, appended to <body>
  let shownFor = null; // the link whose preview is shown
  let pendingFor = null; // the link whose preview is being prepared
  let generation = 0; // bumped to drop a preview that is still being prepared
  let showTimer = 0;
  let hideTimer = 0;
  let touching = false; // a touch screen: taps follow links, no previews
  let focusedAt = 0; // focus scrolls the link into view: that scroll must not hide its preview
  let pointerY = null;

  // The link the event target is in, if it leads to another page of this site (a preview's worth).
  function previewable(target) {
    if (!(target instanceof Element)) return null;
    const link = target.closest("a[href]");
    if (!link || !link.closest(".md-content") || link.closest(".kb-preview")) return null;
    if (link.matches(".headerlink, .tag, .md-content__button, [download]")) return null;
    let url;
    try {
      url = new URL(link.href);
    } catch {
      return null;
    }
    if (url.origin !== location.origin || !url.href.startsWith(__md_scope.href)) return null;
    if (url.pathname === location.pathname && url.search === location.search) return null; // same page
    const name = url.pathname.split("/").pop();
    if (name.includes(".") && !/\.html?$/i.test(name)) return null; // a file, not a page
    return link;
  }

  // The page's URL as assets/graph.json writes it: relative to the site root, no fragment.
  function siteUrl(url) {
    const page = new URL(url);
    page.hash = "";
    return page.href.startsWith(__md_scope.href) ? page.href.slice(__md_scope.href.length) || "./" : page.href;
  }

  function fetchPage(url) {
    const key = new URL(url);
    key.hash = "";
    let page = pages.get(key.href);
    if (!page) {
      page = fetch(key, { credentials: "same-origin" }).then((response) => {
        if (!response.ok) throw new Error(`Preview of ${key}: HTTP ${response.status}`);
        if (!(response.headers.get("content-type") ?? "text/html").includes("html")) throw new Error(`Preview of ${key}: not HTML`);
        return response.text();
      });
      page.catch(() => pages.delete(key.href)); // try again on the next hover
      pages.set(key.href, page);
    }
    return page;
  }

  const chars = (element) => element.textContent.replace(/\s+/g, " ").trim().length;
  const isHeading = (element) => /^H[1-6]$/.test(element.tagName);

  // The blocks to show: the section or block a #fragment names, else the page's opening.
  function blocks(article, id) {
    const target = id ? article.ownerDocument.getElementById(id) : null;
    if (target && article.contains(target) && !target.matches("h1")) {
      if (!isHeading(target)) {
        if (target.tagName !== "LI") return [target];
        const list = target.parentElement.cloneNode(false); // a list item needs its list
        list.append(target.cloneNode(true));
        return [list];
      }
      const level = Number(target.tagName[1]);
      return collect(target, (element) => isHeading(element) && Number(element.tagName[1]) <= level);
    }
    const h1 = article.querySelector("h1");
    const first = h1 && h1.parentElement === article ? h1.nextElementSibling : article.firstElementChild;
    return collect(first, () => false);
  }

  function collect(first, ends) {
    const chosen = [];
    let total = 0;
    for (let element = first; element && chosen.length < MAX_BLOCKS && total < MAX_CHARS; element = element.nextElementSibling) {
      if (chosen.length > 0 && ends(element)) break;
      if (element.matches(SKIP)) continue;
      const length = chars(element);
      if (length === 0 && !element.querySelector("img")) continue;
      chosen.push(element);
      total += length;
    }
    return chosen;
  }

  // A copy for this page: no ids, scripts or players; links and images resolved against the
  // page they come from, and out of the tab order (a tooltip holds no focus).
  function adopt(block, base) {
    const copy = document.importNode(block, true);
    copy.querySelectorAll(REMOVE).forEach((element) => element.remove());
    for (const element of [copy, ...copy.querySelectorAll("*")]) {
      for (const name of element.getAttributeNames()) {
        if (/^on/i.test(name) || ["id", "srcset", "aria-describedby", "aria-labelledby", "for", "name"].includes(name)) {
          element.removeAttribute(name);
        }
      }
      for (const [name, schemes] of URL_ATTRIBUTES) {
        const value = element.getAttribute(name);
        if (value === null) continue;
        let resolved = null;
        try {
          resolved = new URL(value, base);
        } catch {
          // not a URL: dropped below
        }
        if (resolved && schemes.includes(resolved.protocol)) element.setAttribute(name, resolved.href);
        else element.removeAttribute(name);
      }
      if (element.tagName === "A") element.tabIndex = -1;
      if (element.tagName === "IMG") element.loading = "lazy";
    }
    return copy;
  }

  // Keeps the first MAX_CHARS characters of text (ending on a word) and drops the rest.
  // Math is kept whole or not at all: half a formula does not typeset.
  function truncate(container) {
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    let total = 0;
    let cut = null;
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const length = text.data.length;
      if (total + length <= MAX_CHARS) {
        total += length;
        continue;
      }
      const math = text.parentElement?.closest(".arithmatex");
      if (math && container.contains(math)) {
        cut = document.createTextNode(" …");
        math.replaceWith(cut);
      } else {
        const keep = text.data.slice(0, MAX_CHARS - total);
        const space = keep.lastIndexOf(" ");
        text.data = `${(space > keep.length / 2 ? keep.slice(0, space) : keep).trimEnd()} …`;
        cut = text;
      }
      break;
    }
    if (!cut) return;
    // Everything after the cut, at every level up to the container, goes.
    for (let node = cut; node && node !== container; node = node.parentNode) {
      while (node.nextSibling) node.nextSibling.remove();
    }
  }

  async function build(url) {
    const html = await fetchPage(url);
    const page = new DOMParser().parseFromString(html, "text/html");
    const article = page.querySelector("article.md-content__inner");
    if (!article) return null;
    const h1 = article.querySelector("h1")?.cloneNode(true);
    h1?.querySelectorAll(".headerlink").forEach((element) => element.remove());
    const title = (h1?.textContent ?? "").trim() || page.title.trim();
    let id = "";
    try {
      id = decodeURIComponent(url.hash.slice(1));
    } catch {
      id = url.hash.slice(1);
    }

    const heading = document.createElement("p");
    heading.className = "kb-preview__title";
    heading.textContent = title;
    const body = document.createElement("div");
    body.className = "kb-preview__body md-typeset";
    for (const block of blocks(article, id)) body.append(adopt(block, url));
    truncate(body);
    // On any page: loader.js loads KaTeX for the first preview with math if the page had none.
    // Typeset before it is shown, so it is placed at its final size; untypeset if KaTeX fails.
    await kb.typesetMath(body).catch(console.error);
    return { title: heading, body };
  }

  function ensurePopover() {
    if (!popover?.isConnected) {
      popover = document.createElement("div");
      popover.className = "kb-preview";
      popover.id = "kb-preview";
      popover.setAttribute("role", "tooltip");
      popover.hidden = true;
      document.body.append(popover);
    }
    return popover;
  }

  function show(link, url, content) {
    hide();
    const element = ensurePopover();
    element.replaceChildren(content.title, content.body);
    element.dataset.url = siteUrl(url);
    shownFor = link;
    link.setAttribute("aria-describedby", element.id);
    place(link, element);
  }

  // Below the link (the line of it under the pointer), else above; always inside the viewport.
  function place(link, element) {
    element.style.visibility = "hidden";
    element.style.left = element.style.top = "0px";
    element.hidden = false;
    const rects = [...link.getClientRects()];
    const rect = rects.find((r) => pointerY !== null && r.top <= pointerY && pointerY <= r.bottom) ?? rects[0] ?? link.getBoundingClientRect();
    const { width, height } = element.getBoundingClientRect();
    const margin = 8;
    const gap = 6;
    const viewWidth = document.documentElement.clientWidth;
    const viewHeight = document.documentElement.clientHeight;
    const left = Math.max(margin, Math.min(rect.left, viewWidth - width - margin));
    let top = rect.bottom + gap;
    if (top + height > viewHeight - margin) {
      top = rect.top - gap - height >= margin ? rect.top - gap - height : Math.max(margin, viewHeight - margin - height);
    }
    element.style.left = `${Math.round(left)}px`;
    element.style.top = `${Math.round(top)}px`;
    element.style.visibility = "";
  }

  function hide() {
    clearTimeout(hideTimer);
    if (shownFor) shownFor.removeAttribute("aria-describedby");
    shownFor = null;
    if (popover) popover.hidden = true;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  function cancel() {
    clearTimeout(showTimer);
    pendingFor = null;
    generation++;
  }

  function schedule(link) {
    cancel();
    pendingFor = link;
    const token = generation;
    showTimer = setTimeout(async () => {
      const url = new URL(link.href);
      try {
        const content = await build(url);
        if (token !== generation || !link.isConnected) return;
        if (content) show(link, url, content);
      } catch (error) {
        console.warn("No preview:", error);
      } finally {
        if (token === generation) pendingFor = null;
      }
    }, SHOW_DELAY);
  }

  document.addEventListener("pointerdown", (event) => {
    touching = event.pointerType === "touch";
    if (!(event.target instanceof Element && event.target.closest(".kb-preview"))) {
      cancel();
      hide();
    }
  }, true);

  document.addEventListener("pointermove", (event) => {
    if (event.pointerType === "mouse") touching = false;
    pointerY = event.clientY;
  }, { passive: true });

  document.addEventListener("mouseover", (event) => {
    if (touching) return;
    pointerY = event.clientY;
    if (event.target instanceof Element && event.target.closest(".kb-preview")) {
      clearTimeout(hideTimer); // the pointer reached the popover: keep it
      return;
    }
    const link = previewable(event.target);
    if (!link) return;
    if (link === shownFor) clearTimeout(hideTimer);
    else if (link !== pendingFor) schedule(link);
  });

  document.addEventListener("mouseout", (event) => {
    if (!(event.target instanceof Element)) return;
    const from = event.target.closest(".kb-preview") ?? event.target.closest("a[href]");
    if (!from || (event.relatedTarget instanceof Node && from.contains(event.relatedTarget))) return;
    if (from === pendingFor) cancel();
    if (from === shownFor || from === popover) hideSoon();
  });

  document.addEventListener("focusin", (event) => {
    const link = previewable(event.target);
    if (!link || link === shownFor) return;
    focusedAt = performance.now();
    pointerY = null;
    schedule(link);
  });

  document.addEventListener("focusout", (event) => {
    if (event.target === pendingFor) cancel();
    if (event.target === shownFor) hide();
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && (shownFor || pendingFor)) {
      cancel();
      hide();
    }
  });

  // Any scroll moves the link away from its preview (except the scroll that focus itself causes).
  window.addEventListener("scroll", () => {
    if (performance.now() - focusedAt < 300) {
      if (shownFor && popover) place(shownFor, popover);
      return;
    }
    cancel();
    hide();
  }, { capture: true, passive: true });

  // document$ (Material) emits on the first page and after every instant navigation.
  document$.subscribe(() => {
    cancel();
    hide();
  });
})();
