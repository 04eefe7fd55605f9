"""Write processed documents into the warehouse's append-only `raw` schema."""
