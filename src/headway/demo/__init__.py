"""``headway demo``: a realistic, deterministic demo organisation.

One module per dataset generator (``tenants``, ``onboardings``, ``usage``, ``events``,
``sdk``, ``costs``, ``slis``, ``incidents``, ``surveys``), all drawing on one shared
:class:`~headway.demo.org.DemoOrg`; :mod:`headway.demo.build` writes the files and the
``headway.yaml`` template and loads them through the workspace's ingest.
"""

from headway.demo.build import DEFAULT_SEED, DemoResult, Progress, build_demo, generate
from headway.demo.org import DemoOrg, make_org

__all__ = [
    "DEFAULT_SEED",
    "DemoOrg",
    "DemoResult",
    "Progress",
    "build_demo",
    "generate",
    "make_org",
]
