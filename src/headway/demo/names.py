"""Word lists for the demo organisation: orgs, teams, products, people, comments."""

from __future__ import annotations

__all__ = ["FIRST", "LAST", "ORGS", "PRODUCTS", "TEAMS"]

ORGS = ("commerce", "consumer", "data", "infrastructure", "corporate", "growth", "risk", "media")

#: (team, org) — forty product teams across the five main orgs.
TEAMS = (
    ("payments", "commerce"), ("checkout", "commerce"), ("pricing", "commerce"),
    ("catalog", "commerce"), ("orders", "commerce"), ("fulfilment", "commerce"),
    ("returns", "commerce"), ("invoicing", "commerce"),
    ("search", "consumer"), ("recommendations", "consumer"), ("mobile-app", "consumer"),
    ("web-storefront", "consumer"), ("notifications", "consumer"), ("accounts", "consumer"),
    ("reviews", "consumer"), ("loyalty", "consumer"), ("messaging", "consumer"),
    ("data-platform", "data"), ("analytics", "data"), ("ml-platform", "data"),
    ("experimentation", "data"), ("data-quality", "data"), ("forecasting", "data"),
    ("streaming", "data"), ("identity", "infrastructure"), ("edge", "infrastructure"),
    ("ci-cd", "infrastructure"), ("kubernetes", "infrastructure"),
    ("developer-portal", "infrastructure"), ("security", "infrastructure"),
    ("databases", "infrastructure"), ("networking", "infrastructure"),
    ("finance-systems", "corporate"), ("hr-systems", "corporate"), ("legal-tech", "corporate"),
    ("procurement", "corporate"), ("support-tools", "corporate"), ("it-ops", "corporate"),
    ("crm", "corporate"), ("billing-ops", "corporate"),
)  # fmt: skip

PRODUCTS = (
    "api", "worker", "gateway", "web", "scheduler", "ledger", "sync", "indexer", "pipeline",
    "service", "console", "events", "store", "router", "batch", "cache", "proxy", "engine",
    "exporter", "reconciler", "notifier", "admin", "backend", "jobs", "streamer", "auth",
    "reports", "importer", "search", "ingest",
)  # fmt: skip

FIRST = (
    "ana", "ben", "chen", "dana", "eli", "fatima", "gus", "hana", "ivan", "jade", "kofi",
    "lena", "mateo", "nina", "omar", "priya", "quinn", "rosa", "sam", "tara", "umar", "vera",
    "wei", "xena", "yusuf", "zoe", "aiko", "bruno", "carla", "dev", "emma", "farid", "gita",
    "hugo", "isla", "jon", "kira", "liam", "maya", "noah", "olga", "paul", "rhea", "sven",
    "tomas", "uma", "vic", "wanda", "yara", "zain", "arjun", "bea", "cyrus", "dora", "emil",
    "flor", "gabe", "hiro", "ines", "jana",
)  # fmt: skip

LAST = (
    "garcia", "smith", "kim", "nguyen", "patel", "okafor", "rossi", "muller", "silva", "cohen",
    "tanaka", "novak", "haddad", "jensen", "lopez", "ivanova", "mensah", "dubois", "khan",
    "larsen", "moreau", "singh", "weber", "yilmaz", "zhang", "costa", "fischer", "brown",
    "ali", "sato", "kowalski", "ortiz", "park", "reyes", "schmidt", "wong", "adeyemi", "berg",
    "chopra", "diaz", "evans", "fernandez", "gomez", "hansen", "ito", "johansson", "kumar",
    "lee", "martin", "nakamura", "olsen", "perez", "quist", "rahman", "sousa", "torres",
    "usman", "vargas", "walsh", "xu",
)  # fmt: skip
