from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def quote_languages() -> list[tuple[str, str]]:
    """The configured languages (DATELINE_LANGUAGES), read when the form is built: a callable, so
    adding a language changes no migration."""
    return [("", _("Same as the article")), *((code, name) for code, name in settings.LANGUAGES)]


class QuoteBlock(blocks.StructBlock):
    """Words someone said, with who said it and, when quoted from another outlet, which one."""

    quote = blocks.TextBlock(label=_("Quote"), max_length=2000)
    attribution = blocks.CharBlock(label=_("Attribution"), max_length=200, help_text=_("Who said it."))
    source = blocks.CharBlock(
        label=_("Source outlet"),
        max_length=200,
        required=False,
        help_text=_("The outlet it was first published by, if not us."),
    )
    source_url = blocks.URLBlock(label=_("Source link"), required=False)
    language = blocks.ChoiceBlock(
        label=_("Language of the quote"),
        choices=quote_languages,
        required=False,
        help_text=_("Set when the quote is in another language than the article, for screen readers."),
    )

    class Meta:
        icon = "openquote"
        template = "news/blocks/quote_block.html"
        label = _("Quote")


class PhotoBlock(blocks.StructBlock):
    """A photo inside the article body, with its caption and credit."""

    photo = ImageChooserBlock(label=_("Photo"))
    caption = blocks.CharBlock(
        label=_("Caption"),
        max_length=500,
        required=False,
        help_text=_("Leave empty to use the photo's own caption."),
    )

    class Meta:
        icon = "image"
        template = "news/blocks/photo_block.html"
        label = _("Photo")


class AudioBlock(blocks.StructBlock):
    """A sound file inside the article body, played by the browser's own player (dateline.audio)."""

    audio = SnippetChooserBlock("audio.Audio", label=_("Audio"))

    class Meta:
        icon = "media"
        template = "news/blocks/audio_block.html"
        label = _("Audio")


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, label=_("Paragraph"), template="news/blocks/paragraph_block.html"
    )
    subheading = blocks.CharBlock(
        max_length=200, label=_("Sub-heading"), icon="title", template="news/blocks/subheading_block.html"
    )
    quote = QuoteBlock()
    photo = PhotoBlock()
    audio = AudioBlock()
    embed = EmbedBlock(
        label=_("Embed"),
        help_text=_("A link to a video or post, such as YouTube or Vimeo."),
        template="news/blocks/embed_block.html",
    )
