"""Modal dialogs shared by the tabs."""
