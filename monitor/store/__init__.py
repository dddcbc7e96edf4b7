"""The store: every SQL statement of the monitor lives in this package, one
module per table group, each a set of typed functions taking a session (or a
session factory). Nothing outside it imports SQL constructs or runs
statements (``tests/test_store_boundary.py`` fails if something does).

- :mod:`~monitor.store.db` engine, URLs, transactions, the SQLite write lock
- :mod:`~monitor.store.models`, ``migrations/``, :mod:`~monitor.store.schema`
- :mod:`~monitor.store.feeds` config sync, due feeds, leases, poll health, notices
- :mod:`~monitor.store.items` items by feed and GUID, the tagging queue
- :mod:`~monitor.store.events` event rows
- :mod:`~monitor.store.trade` observations, reported trade state, trade signals
- :mod:`~monitor.store.deliveries` the outbox: due rows, claims, leases, send records
- :mod:`~monitor.store.cycles`, :mod:`~monitor.store.instances` (heartbeats, retention)
- :mod:`~monitor.store.status` read-only status queries
- :mod:`~monitor.store.upsert` dialect-aware ``INSERT ... ON CONFLICT``
"""
