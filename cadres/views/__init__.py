"""Pages of the cadres app, one module per page family: `units`, `cadres`, `imports` (the roster)."""
