"""Storage: the SQL schema, writing one article's extraction atomically, and every query the API runs."""
