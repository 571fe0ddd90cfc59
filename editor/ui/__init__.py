"""Qt widgets of Postdesk: thin views over editor.core."""
