"""The live preview: a WebEngine page fed with rendered blocks."""
