"""Vision revisions: a draft edited in the app, numbered published revisions, their diffs."""
