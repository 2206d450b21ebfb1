"""The semantic layer: KPI definitions compiled to SQL and evaluated."""
