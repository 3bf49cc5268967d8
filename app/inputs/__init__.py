"""Input: files and records turned into `ArticleInput`s, or `InputError`s saying what was wrong and where."""
