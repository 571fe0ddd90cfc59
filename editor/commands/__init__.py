"""Sub-commands of `postdesk` that need no window: the same core the GUI uses."""
