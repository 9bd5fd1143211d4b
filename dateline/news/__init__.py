"""The newsroom's content: sections, articles, people, tags and body blocks. Knows photos and core, never comments."""
