"""A synthetic Obsidian vault for benchmarks and tests: every link resolves, every byte is seeded.

    python scripts/bench/synthetic_vault.py OUT --notes 1000 [--seed 0]

``generate(root, n_notes, seed)`` writes ``n_notes`` notes (plus ``index.md``, the home page,
and a few PNG files in ``attachments/``) into ``root``, which must be missing or empty.
Notes are spread over about sqrt(N)/2 folders nested one or two levels deep and are about
3-4 KB each, written the way people write in Obsidian: frontmatter (title sometimes,
aliases, tags), headings (some repeated within a note, some non-ASCII), paragraphs with
``^block`` ids, lists that start right after a paragraph line and nest by a tab or two
spaces, about ten wikilinks of every form (plain, labelled, to a heading, to nested
headings, to a heading of the same note, to a block, by folder path, by alias, in a table
with ``\\|``, image embeds with and without a width, note and section transclusions),
code with ``[[`` that is not a link, math, callouts (one folded), highlights, ``%%``
comments and, in about one note in twenty, a mermaid diagram.

Names are unique across the vault (case- and Unicode-insensitively), aliases never clash
with a name, and transclusions never form a cycle and nest at most two deep, so the vault
is correct: a strict build passes, and page sizes do not grow with the vault.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import struct
import sys
import unicodedata
import zlib
from dataclasses import dataclass, field

FORBIDDEN = set('*"\\/<>:|?#^[]')

# -- vocabulary ------------------------------------------------------------------------

CONCEPTS = [
    "Gradient boosting", "Feature store", "Embedding table", "Candidate generation", "Two-tower model",
    "Learning rate schedule", "Negative sampling", "Calibration", "Precision at k", "Recall",
    "AB testing", "Data drift", "Label leakage", "Online inference", "Batch scoring", "Model registry",
    "Shadow deployment", "Canary release", "Kreuzvalidierung", "Präzision", "Régularisation L2",
    "Über-Anpassung", "Cold start", "Query understanding", "Approximate nearest neighbours",
    "HNSW index", "Product quantization", "Knowledge distillation", "Quantization", "Mixed precision",
    "Data parallelism", "Sharding", "Parameter server", "Logistic regression", "Random forest",
    "Transformer encoder", "Attention", "Tokenization", "BM25", "Reranking", "Click model",
    "Position bias", "Counterfactual evaluation", "Bandits", "Thompson sampling", "Feature hashing",
    "Stratified sampling", "Class imbalance", "Focal loss", "Contrastive loss", "Triplet loss",
    "Beam search", "Caching", "Rate limiting", "Backfill", "Point-in-time join", "Feature freshness",
    "Model monitoring", "Concept drift", "Fairness metrics", "Guardrail metrics", "Latency budget",
    "Throughput", "GPU memory", "Vector database", "Retrieval-augmented generation", "Prompt caching",
    "LLM evaluation", "Hallucination", "Spam detection", "Fraud detection", "Ads ranking",
    "Feed ranking", "Search ranking", "Churn prediction", "ETA prediction", "Image search",
    "Speech recognition", "Dédoublonnage", "Label noise", "Active learning", "Data versioning",
]
ASPECTS = [
    "", "", "", "basics", "in practice", "at scale", "trade-offs", "pitfalls", "for ranking",
    "for search", "(interview)", "(draft)", "Q&A", "cheat sheet", "deep dive", "examples", "design",
    "metrics", "für Einsteiger", "checklist", "failure modes", "vs. baselines", "— summary",
    "worked example", "notes", "in ads", "at Spotify", "l'essentiel", "ablation",
]
ALIAS_WORDS = ["primer", "overview", "explained", "refresher", "memo", "crib", "recap", "sketch"]
FOLDER_TOPICS = [
    "Foundations", "Evaluation", "Data", "Serving", "Retrieval", "Ranking", "Infrastructure",
    "Case studies", "LLM systems", "Modèles", "Experimentation", "Monitoring", "Training",
    "Features", "Privacy & Safety", "Interview prep", "Papers", "Zettelkasten", "Inbox", "Archive",
]
SUBFOLDERS = [
    "Basics", "Advanced", "Offline", "Online", "Deep dives", "Examples", "2023", "2024", "Drafts",
    "Übungen", "Worked problems", "Reading notes",
]
TAGS = [
    "ml", "ml/evaluation", "ml/ranking", "ml/retrieval", "systems", "systems/serving", "data",
    "interview", "llm", "statistics", "to-review", "case-study",
]
H2_POOL = [
    "Overview", "Motivation", "How it works", "Präzision & Recall", "Trade-offs: latency vs. cost",
    "Failure modes", "Metrics", "In production", "Interview angle", "Data requirements", "Scaling",
    "Größenordnungen", "Costs", "Monitoring", "Alternatives", "Open questions", "Références",
    "When not to use it", "Numbers to know", "Design sketch",
]
H2_UNLINKED = ["Using `partial_fit`", "The **short** version"]  # inline markup: never a link target
H3_DUPLICATED = ["Example", "Pitfalls", "Details"]
H3_POOL = ["Edge cases", "Variante für Streaming", "Sketch", "Numbers", "Why it works", "Caveats", "Été 2024 update"]
BLOCK_WORDS = ["key-idea", "definition", "summary", "rule", "takeaway", "formula"]
IMAGES = [
    "diagram-1.png", "diagram-2.png", "diagram-3.png", "architecture overview.png",
    "Pasted image 20240312101500.png", "Pasted image 20240521093012.png",
]
TERMS = [
    "offline metric", "online metric", "feature pipeline", "training set", "validation split",
    "serving path", "label", "embedding", "candidate set", "ranking model", "baseline", "cache",
    "index", "shard", "replica", "request", "user history", "click log", "loss", "gradient",
]

PLAIN_SENTENCES = [
    "A small gain in the {t} rarely survives contact with the {u}.",
    "Start with the simplest {t} that could work and measure it against a {u}.",
    "Most of the cost hides in the {t}, not in the model itself.",
    "Latency matters more than a fraction of a point in the {t}.",
    "Write down what the {t} is before arguing about the {u}.",
    "The {t} and the {u} must be computed by the same code, or they drift apart.",
    "Interviewers usually want the reasoning, not the exact number.",
    "Keep a time-ordered {t}; random splits leak the future into the past.",
    "Every extra {t} is another thing to monitor, backfill and explain.",
    "When traffic doubles, the {t} is usually the first thing to break.",
    "Logging the {t} at serving time makes the next model much easier to train.",
    "A stale {t} silently degrades quality long before anyone notices.",
    "Report the {t} per segment, since the average hides the interesting failures.",
    "If the {t} is cheap, retrain daily; if not, fine-tune on the recent {u}.",
    "The {t} should be versioned together with the {u} that produced it.",
]
LINK_SENTENCES = [
    "See {link} for the details.",
    "This builds directly on {link}.",
    "Compare it with {link}, which makes the opposite trade-off.",
    "The standard baseline here is {link}.",
    "In an interview, mention {link} before going deeper.",
    "A common follow-up question is about {link}.",
    "{link} explains why the {t} behaves this way.",
    "For the serving side, {link} is the relevant note.",
    "The same idea shows up in {link}, with a different {t}.",
    "Worth rereading: {link}.",
]
# Inline syntax every note uses once each, in sentences of their own.
INLINE_EXTRAS = [
    [  # inline math
        "The cost grows as $\\mathcal{{O}}(n \\log n)$ in the number of items.",
        "With $k = 10$ candidates per request the {t} stays small.",
        "Inline display math also works: $$p(y \\mid x) = \\sigma(w^\\top x)$$ in a sentence.",
    ],
    [  # highlight
        "==Never tune on the test set.==",
        "==The {t} is the contract between training and serving.==",
    ],
    [  # comments, with a link that must not count
        "%%comment with [[x]]: rewrite this paragraph%%",
        "%%TODO link [[A note that does not exist]] once it is written%%",
    ],
    [  # code spans with brackets that are not links
        "Writing `[[not a link]]` in code shows the syntax without linking.",
        "In Python, `scores[[0, 2]]` picks two rows, not a link.",
    ],
]
DISPLAY_MATH = [
    "$$\n\\text{{F1}} = \\frac{{2PR}}{{P + R}}\n$$",
    "$$\n\\mathcal{{L}} = -\\sum_i y_i \\log p_i + (1 - y_i) \\log (1 - p_i)\n$$",
    "$$\n\\text{{NDCG@}}k = \\frac{{1}}{{Z}} \\sum_{{i=1}}^{{k}} \\frac{{2^{{r_i}} - 1}}{{\\log_2(i + 1)}}\n$$",
]
CODE_BLOCKS = [
    "```python\nimport numpy as np\n\n# a 2x2 example: [[ is code here, not a link\nx = np.array([[1, 2], [3, 4]])\nprint(x @ x.T)\n```",
    "```python\nimport numpy as np\n\nweights = np.array([[1, 2], [3, 4]])\nscores = weights.sum(axis=1)  # shape (2,)\n```",
]
MERMAID = "```mermaid\ngraph LR\n  A[Logs] --> B[Features]\n  B --> C[Model]\n  C --> D[Serving]\n  D -->|feedback| A\n```"


def key(text: str) -> str:
    """Obsidian compares names case- and normalization-insensitively."""
    return unicodedata.normalize("NFC", text).casefold()


def valid_name(name: str) -> bool:
    return bool(name.strip()) and name == name.strip() and not name.startswith(".") and not (FORBIDDEN & set(name))


# -- the plan: names, folders, headings and block ids of every note, before any text --


@dataclass
class Section:
    title: str  # H2
    subs: list[str] = field(default_factory=list)  # H3 titles under it
    linkable: bool = True


@dataclass
class NotePlan:
    index: int
    folder: str  # "Top" or "Top/Sub"
    name: str
    title: str | None = None
    aliases: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)
    embed: tuple[int, str | None] | None = None  # (target index, heading or None)
    depth: int = 0  # how deep its transclusions nest

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.name}.md"

    def linkable_headings(self) -> list[str]:
        found = []
        for section in self.sections:
            if section.linkable:
                found.append(section.title)
            found.extend(section.subs)
        return found

    def nested_pairs(self) -> list[tuple[str, str]]:
        return [(s.title, sub) for s in self.sections if s.linkable for sub in s.subs]


def heading_link(title: str) -> str:
    """How Obsidian writes a heading in a link: without the characters links cannot hold."""
    return " ".join(title.replace(":", " ").split())


def _folders(rng: random.Random, n_notes: int) -> list[str]:
    count = max(1, round(math.sqrt(n_notes) / 2))
    n_top = max(1, math.ceil(count / 2))
    tops = []
    for i in range(n_top):
        base = FOLDER_TOPICS[i % len(FOLDER_TOPICS)]
        tops.append(base if i < len(FOLDER_TOPICS) else f"{base} {i // len(FOLDER_TOPICS) + 1}")
    folders = list(tops)
    used = {key(f) for f in folders}
    while len(folders) < count:
        top = rng.choice(tops)
        sub = rng.choice(SUBFOLDERS)
        candidate, n = f"{top}/{sub}", 2
        while key(candidate) in used:
            candidate, n = f"{top}/{sub} {n}", n + 1
        used.add(key(candidate))
        folders.append(candidate)
    return folders


def _initials(name: str) -> str:
    letters = [w[0] for w in name.replace("-", " ").split() if w[0].isalnum()]
    return "".join(letters).upper() or "X"


def plan(n_notes: int, seed: int = 0) -> list[NotePlan]:
    rng = random.Random(seed)
    folders = _folders(rng, n_notes)
    taken: set[str] = set()
    notes: list[NotePlan] = []
    for i in range(n_notes):
        concept, aspect = rng.choice(CONCEPTS), rng.choice(ASPECTS)
        base = f"{concept} {aspect}".strip()
        name, n = base, 2
        while key(name) in taken:
            name, n = f"{base} {n}", n + 1
        taken.add(key(name))
        notes.append(NotePlan(i, rng.choice(folders), name))
    for note in notes:  # aliases: after all names, so none can clash with a name
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            word = rng.choice(ALIAS_WORDS)
            base = _initials(note.name) if rng.random() < 0.5 else f"{note.name.split()[0]} {word}"
            alias, n = base, 2
            while key(alias) in taken:
                alias, n = f"{base} {n}", n + 1
            taken.add(key(alias))
            note.aliases.append(alias)
        if rng.random() < 0.4:
            note.title = rng.choice((f"{note.name} — notes", f"{note.name}: what to know", note.name.upper()))
        note.tags = rng.sample(TAGS, rng.randint(1, 3))
        titles = rng.sample(H2_POOL, rng.randint(4, 5))
        note.sections = [Section(t) for t in titles]
        if rng.random() < 0.15:
            note.sections.insert(rng.randint(1, len(note.sections)), Section(rng.choice(H2_UNLINKED), linkable=False))
        # Two sections get H3s; one H3 title appears under both (a repeated heading).
        first, second = rng.sample([s for s in note.sections if s.linkable], 2)
        repeated = rng.choice(H3_DUPLICATED)
        others = rng.sample(H3_POOL, 2)
        first.subs = [repeated, others[0]]
        second.subs = [others[1], repeated] if rng.random() < 0.5 else [repeated]
        n_blocks = rng.choice((1, 1, 2, 2, 0))
        ids: list[str] = []
        while len(ids) < n_blocks:
            block = rng.choice(BLOCK_WORDS) if rng.random() < 0.5 else "".join(rng.choice("abcdef0123456789") for _ in range(6))
            if block not in ids:
                ids.append(block)
        note.blocks = ids
    # Transclusions: about one note in five embeds an earlier note (no cycles), at most two deep.
    for note in notes[1:]:
        if rng.random() < 0.2:
            candidates = [t for t in rng.sample(notes[: note.index], min(note.index, 8)) if t.depth < 2]
            if candidates:
                target = candidates[0]
                heading = rng.choice(target.linkable_headings()) if rng.random() < 0.5 else None
                note.embed = (target.index, heading)
                note.depth = target.depth + 1
    return notes


# -- writing notes ---------------------------------------------------------------------


@dataclass
class _Pools:
    """The whole plan, indexed the ways links pick their targets."""

    notes: list[NotePlan]
    by_folder: dict[str, list[int]] = field(default_factory=dict)
    with_blocks: list[NotePlan] = field(default_factory=list)
    with_aliases: list[NotePlan] = field(default_factory=list)

    def __post_init__(self) -> None:
        for note in self.notes:
            self.by_folder.setdefault(note.folder, []).append(note.index)
        self.with_blocks = [n for n in self.notes if n.blocks]
        self.with_aliases = [n for n in self.notes if n.aliases]


class _Writer:
    """Renders one note; links are drawn from the plan so every one resolves."""

    def __init__(self, vault: "_Pools", note: NotePlan, rng: random.Random):
        self.notes, self.by_folder = vault.notes, vault.by_folder
        self.with_blocks, self.with_aliases = vault.with_blocks, vault.with_aliases
        self.note, self.rng = note, rng

    def other(self, pool: list[NotePlan] | None = None) -> NotePlan | None:
        """Another note: from the same folder 40 % of the time, else any; or one of ``pool``
        (None when the pool holds only this note)."""
        rng, note = self.rng, self.note
        if pool is not None and not pool:
            return None
        for _ in range(20):
            if pool is None:
                local = self.by_folder[note.folder]
                index = rng.choice(local) if rng.random() < 0.4 and len(local) > 1 else rng.randrange(len(self.notes))
                target = self.notes[index]
            else:
                target = rng.choice(pool)
            if target.index != note.index:
                return target
        if pool is not None:
            others = [t for t in pool if t.index != note.index]
            return rng.choice(others) if others else None
        return self.notes[(note.index + 1) % len(self.notes)]

    def term(self) -> str:
        return self.rng.choice(TERMS)

    def label(self) -> str:
        return self.rng.choice(("this", "the basics", "why it matters", "a worked example", "the trade-off", "here"))

    # Every form of link, in the proportions a real vault has.
    def prose_links(self) -> list[str]:
        rng, note = self.rng, self.note
        links = [f"[[{self.other().name}]]", f"[[{self.other().name}|{self.label()}]]"]
        target = self.other()
        links.append(f"[[{target.name}#{heading_link(rng.choice(target.linkable_headings()))}]]")
        target = self.other()
        h2, h3 = rng.choice(target.nested_pairs())
        links.append(f"[[{target.name}#{heading_link(h2)}#{heading_link(h3)}]]")
        links.append(f"[[#{heading_link(rng.choice(note.linkable_headings()))}]]")
        target = self.other(self.with_blocks)
        if target is not None:
            links.append(f"[[{target.name}#^{rng.choice(target.blocks)}]]")
        target = self.other()
        folder = target.folder if rng.random() < 0.6 else target.folder.rsplit("/", 1)[-1]
        links.append(f"[[{folder}/{target.name}]]")
        target = self.other(self.with_aliases)
        if target is not None:
            links.append(f"[[{rng.choice(target.aliases)}]]")
        for _ in range(rng.randint(0, 1)):
            target = self.other()
            if rng.random() < 0.5:
                links.append(f"[[{target.name}]]")
            else:
                heading = heading_link(rng.choice(target.linkable_headings()))
                links.append(f"[[{target.name}#{heading}|{heading.lower()}]]")
        rng.shuffle(links)
        return links

    def sentence(self, link: str | None = None) -> str:
        t, u = self.term(), self.term()
        if link is None:
            return self.rng.choice(PLAIN_SENTENCES).format(t=t, u=u)
        return self.rng.choice(LINK_SENTENCES).format(link=link, t=t)

    def paragraph(self, links: list[str], n_links: int = 1, block: str | None = None, extra: str | None = None) -> str:
        rng = self.rng
        parts = [self.sentence() for _ in range(rng.randint(1, 3))]
        for _ in range(n_links):
            if links:
                parts.insert(rng.randint(0, len(parts)), self.sentence(links.pop()))
        if extra:  # never last before a block id: `%%...%% ^id` is a needless edge case
            parts.insert(rng.randint(0, len(parts) - (1 if block else 0)), extra.format(t=self.term()))
        text = " ".join(parts)
        return f"{text} ^{block}" if block else text

    def bullet_list(self, links: list[str], indent: str) -> str:
        rng = self.rng
        lead = rng.choice(("The main levers are:", "What to check first:", "In short:", "Typical choices:"))
        lines = [self.sentence() + " " + lead]  # the list starts on the next line: no blank line
        for i in range(rng.randint(2, 3)):
            item = self.sentence(links.pop()) if links and i == 0 else self.sentence()
            lines.append(f"- {item}")
            for _ in range(rng.randint(0, 2)):
                nested = rng.choice((f"the {self.term()}", f"$k$ versus the {self.term()}", f"`{self.term()}` in the config"))
                lines.append(f"{indent}- Check {nested}.")
        return "\n".join(lines)

    def table(self) -> str:
        rows = ["| Approach | Note | Cost |", "| --- | --- | --- |"]
        for i, (label, cost) in enumerate((("Baseline", "low"), ("Stronger", "medium"), ("Best offline", "high"))):
            if i == 0 or self.rng.random() < 0.4:
                rows.append(f"| {label} | [[{self.other().name}\\|{label.lower()}]] | {cost} |")
            else:
                rows.append(f"| {label} | the {self.term()} | {cost} |")
        return "\n".join(rows)

    def image(self) -> str:
        image = self.rng.choice(IMAGES)
        return f"![[{image}|{self.rng.choice((200, 320, 480))}]]" if self.rng.random() < 0.5 else f"![[{image}]]"

    def callouts(self, links: list[str]) -> list[str]:
        tip = f"> [!tip] {self.rng.choice(('Rule of thumb', 'In the interview', 'Remember'))}\n> {self.sentence(links.pop() if links else None)}"
        folded = f"> [!note]- Folded details\n> {self.sentence()}\n> {self.sentence()}"
        return [tip, folded]

    def render(self) -> str:
        rng, note = self.rng, self.note
        out = ["---"]
        if note.title is not None:
            out.append(f"title: {json.dumps(note.title, ensure_ascii=False)}")
        if note.aliases:
            out.append("aliases:")
            out.extend(f"  - {json.dumps(a, ensure_ascii=False)}" for a in note.aliases)
        elif rng.random() < 0.3:
            out.append("aliases: []")
        out.append(f"tags: [{', '.join(note.tags)}]" if rng.random() < 0.5 else "tags:\n" + "\n".join(f"  - {t}" for t in note.tags))
        out += ["---", ""]
        if rng.random() < 0.3:
            out += [f"# {note.title or note.name}", ""]
        links = self.prose_links()
        blocks = list(note.blocks)
        indent = "\t" if rng.random() < 0.5 else "  "
        # Pieces to spread over the sections, in a shuffled order.
        pieces = [
            self.bullet_list(links, indent),
            self.table(),
            self.image(),
            rng.choice(CODE_BLOCKS),
            rng.choice(DISPLAY_MATH).format(),
            *self.callouts(links),
            self.paragraph(links, 1),
            self.paragraph(links, 1),
        ]
        if rng.random() < 0.05:
            pieces.append(MERMAID)
        if note.embed is not None:
            target, heading = self.notes[note.embed[0]], note.embed[1]
            pieces.append(f"![[{target.name}#{heading_link(heading)}]]" if heading else f"![[{target.name}]]")
        rng.shuffle(pieces)
        out += [self.paragraph(links, 2, block=blocks.pop() if blocks else None), ""]
        per_section = math.ceil(len(pieces) / len(note.sections))
        extras = [rng.choice(kind) for kind in INLINE_EXTRAS]
        rng.shuffle(extras)
        for section in note.sections:
            out += [f"## {section.title}", ""]
            block = blocks.pop() if blocks and rng.random() < 0.5 else None
            out += [self.paragraph(links, 1, block=block, extra=extras.pop() if extras else None), ""]
            for _ in range(per_section):
                if pieces:
                    out += [pieces.pop(), ""]
            for sub in section.subs:
                out += [f"### {sub}", "", self.paragraph(links, 1), ""]
        while blocks or extras:
            extra = extras.pop() if extras else None
            out += [self.paragraph(links, 1, block=blocks.pop() if blocks else None, extra=extra), ""]
        while links:
            out += [self.paragraph(links, 2), ""]
        return "\n".join(out).rstrip("\n") + "\n"


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A tiny valid PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * height, 9)) + chunk(b"IEND", b"")


def _home(notes: list[NotePlan], rng: random.Random) -> str:
    picks = sorted(rng.sample(range(len(notes)), min(len(notes), 24)))
    lines = [
        "---", "title: Home", "---", "",
        "# Synthetic knowledge base", "",
        "A generated vault for benchmarks: every link below and in the notes resolves.", "",
        "## Start here", "",
    ]
    for i in picks:
        note = notes[i]
        lines.append(f"- [[{note.folder}/{note.name}|{note.name}]]" if i % 2 else f"- [[{note.name}]]")
    return "\n".join(lines) + "\n"


def generate(root: str, n_notes: int, seed: int = 0) -> dict:
    """Write the vault into ``root`` (created; must be missing or empty). Returns a summary."""
    if n_notes < 2:
        raise ValueError("a vault needs at least 2 notes")
    if os.path.isdir(root) and os.listdir(root):
        raise FileExistsError(f"{root} is not empty")
    notes = plan(n_notes, seed)
    pools = _Pools(notes)
    os.makedirs(os.path.join(root, "attachments"), exist_ok=True)
    for i, image in enumerate(IMAGES):
        rgb = ((40 * i) % 256, (90 + 50 * i) % 256, (200 - 30 * i) % 256)
        with open(os.path.join(root, "attachments", image), "wb") as handle:
            handle.write(_png(16, 16, rgb))
    total = 0
    for note in notes:
        text = _Writer(pools, note, random.Random(f"{seed}:{note.index}")).render()
        full = os.path.join(root, *note.path.split("/"))
        os.makedirs(os.path.dirname(full), exist_ok=True)
        data = text.encode("utf-8")
        with open(full, "wb") as handle:
            handle.write(data)
        total += len(data)
    with open(os.path.join(root, "index.md"), "wb") as handle:
        handle.write(_home(notes, random.Random(f"{seed}:home")).encode("utf-8"))
    return {
        "notes": n_notes,
        "folders": len(pools.by_folder),
        "attachments": len(IMAGES),
        "note_bytes": total,
        "mean_note_bytes": total // n_notes,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="folder to write the vault into (missing or empty)")
    parser.add_argument("--notes", type=int, default=1000, help="number of notes (default 1000), plus index.md")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        summary = generate(args.out, args.notes, args.seed)
    except (FileExistsError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(
        f"{summary['notes']} notes in {summary['folders']} folders, {summary['attachments']} attachments, "
        f"{summary['mean_note_bytes']} bytes per note on average -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
