"""Car-rental website."""
