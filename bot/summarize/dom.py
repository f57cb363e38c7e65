"""Turn our already-split Document into sumy's object document model, without re-splitting."""

from __future__ import annotations

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

from bot.models import Document
from bot.text.language import news_tokenizer


def to_sumy_document(document: Document) -> ObjectDocumentModel:
    """Build sumy's document from our paragraphs; the title becomes a heading (Edmundson reads it)."""
    tokenizer = news_tokenizer()
    groups = [[Sentence(text, tokenizer) for text in para if text.strip()] for para in document.paragraphs]
    groups = [group for group in groups if group]
    if document.title and document.title.strip():
        heading = Sentence(document.title, tokenizer, is_heading=True)
        if groups:
            groups[0].insert(0, heading)
        else:
            groups = [[heading]]
    paragraphs = [Paragraph(group) for group in groups]
    return ObjectDocumentModel(paragraphs)


def sentence_index(dom: ObjectDocumentModel) -> dict[int, int]:
    """Map each sumy sentence object (by identity) to its position in the article.

    Identity, not text: an article can repeat a sentence word for word, and sumy hashes sentences by text.
    """
    return {id(sentence): position for position, sentence in enumerate(dom.sentences)}
