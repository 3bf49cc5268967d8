"""Article URLs from the web: polite fetching, feeds and sitemaps, pages into articles."""
