"""Notifications: the outbox and its channels (email, webhook) and the terminal.

- :mod:`monitor.notify.outbox`: ``flush`` claims due deliveries with a lease and sends them
- :mod:`monitor.notify.email`: SMTP sender, multipart messages rendered with Jinja2
- :mod:`monitor.notify.webhook`: JSON POST sender
- :mod:`monitor.notify.terminal`: rich panels for alert changes
"""
