from django import template

register = template.Library()


@register.inclusion_tag("audio/includes/player.html")
def audio_player(audio, key: str = "", lead: bool = False):
    """The native HTML5 player for one audio file, with its title, credit, captions and transcript.

    `key` tells apart players of the same file on one page (a lead and a body block); no
    third-party player: the browser's own controls are labelled and work from the keyboard.
    """
    dom_id = f"audio-{key}-{audio.pk}" if audio else ""
    return {"audio": audio, "dom_id": dom_id, "lead": lead}
