"""The link checker: the vault model's findings, printed for people, tools and CI."""
