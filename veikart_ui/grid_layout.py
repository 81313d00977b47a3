"""The initiative grid's key columns and their widths, so that they are read at 1440 px without
scrolling sideways (the Tiltak page; checked in a real browser by tests/test_app_browser_tables.py).

At 1440 px with the sidebar open the grid is 980 px wide; the row marker takes 33 px. The
key columns come first and are sized to their longest value (an area such as "Digital
hjemmeoppfølging" whole, the longest ids whole); the id stays pinned while the other columns scroll.
"""

from __future__ import annotations

KEY_WIDTHS = {"id": 150, "name": 358, "area": 185, "lead_region": 142, "status": 105}
"""Pixels of each key column, in the order shown."""
PARTICIPANTS_WIDTH = 215
"""Room for five region chips (HSO HV HMN HN NHN) without cutting the last."""
ROW_MARKER = 33
"""The editor's row marker column at the left."""
GRID_AT_1440 = 980
"""The grid's width at 1440 px with the sidebar open, as measured in Chromium."""
