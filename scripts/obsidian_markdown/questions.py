"""Ids for interview questions: each item of a note's question callouts gets the anchor the
vault model gave its question (vault/questions.py), so the practice deck's ``URL#anchor``
lands on it.

The callout processor marks the question callouts it renders; this treeprocessor matches
the marked callouts at the page's top level, in order, with the model's, and sets each
top-level item's id. A callout whose items the model counted otherwise keeps no ids (the
tests check that every anchor of the deck is on its page). Embedded notes get no ids."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from .context import RenderContext

QUESTIONS_MARK = "data-kb-questions"  # set by the callout processor, removed here
LIST_TAGS = ("ul", "ol")


class QuestionIdTreeprocessor(Treeprocessor):
    def __init__(self, md, context: RenderContext):
        super().__init__(md)
        self.context = context

    def run(self, root: etree.Element) -> None:
        marked = [element for element in root.iter() if QUESTIONS_MARK in element.attrib]
        if not marked:
            return
        for element in marked:
            del element.attrib[QUESTIONS_MARK]
        note = self.context.note
        if note is None or self.context.embed_chain or self.context.lines is not None:
            return
        boxes = [child for child in root if child in marked]
        for number, box in enumerate(boxes):
            questions = [q for q in note.questions if q.callout == number]
            items = [item for child in box if child.tag in LIST_TAGS for item in child if item.tag == "li"]
            if len(items) != len(questions):
                continue
            for item, question in zip(items, questions):
                if item.get("id") in (None, question.anchor):
                    item.set("id", question.anchor)
