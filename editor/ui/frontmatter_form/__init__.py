"""The frontmatter form: a view of the open post's frontmatter block."""
