"""What search engines and feed readers get: feeds and sitemaps, all built on ``published()``."""
