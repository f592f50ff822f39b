"""Generated documents and statistics: PDF forms, Excel exports, dashboards, export jobs."""
