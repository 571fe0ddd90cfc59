"""Pure-Python logic of Postdesk. Never imports Qt."""
