"""A small chart of a trade series for an alert email (matplotlib, no display, no pyplot state).

Imported lazily by :func:`feeds.trade.chart_png`: matplotlib is slow to import.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # no display  # noqa: E402

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402


def short_number(value: float, _pos: object = None) -> str:
    """``1.1M``, ``650k``, ``31``: axis labels a reader takes in at a glance (no ``1e6`` offset)."""
    size = abs(value)
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if size >= limit:
            return f"{value / limit:.3g}{suffix}"
    return f"{value:.3g}"


def chart_png(series: Sequence[tuple[str, float]], baseline: float | None = None,
              low_line: float | None = None, title: str = "") -> bytes:
    """PNG bytes (about 480 × 160 px) of ``(period, value)`` points, with the baseline and the low line.

    Text is drawn literally (no mathtext: a ``$`` in a name stays a ``$``).
    An empty series gives ``b""``.
    """
    if not series:
        return b""
    periods = [p for p, _ in series]
    values = [v for _, v in series]
    fig = Figure(figsize=(4.8, 1.6), dpi=100, facecolor="white")
    ax = fig.add_axes((0.09, 0.2, 0.89, 0.66))
    xs = list(range(len(values)))
    ax.plot(xs, values, color="#1f77b4", linewidth=1.4, marker="o", markersize=2)
    if baseline is not None:
        ax.axhline(baseline, color="#555555", linestyle="--", linewidth=0.9)
    if low_line is not None:
        ax.axhline(low_line, color="#d62728", linestyle=":", linewidth=0.9)
        ax.fill_between(xs, values, low_line, where=[v < low_line for v in values], color="#d62728", alpha=0.15)
    ax.set_xticks([0, len(xs) - 1] if len(xs) > 1 else [0])
    ax.set_xticklabels([periods[0], periods[-1]] if len(xs) > 1 else [periods[0]], fontsize=7)
    for label in ax.get_xticklabels():
        label.set_parse_math(False)
    ax.yaxis.set_major_formatter(FuncFormatter(short_number))
    ax.tick_params(axis="y", labelsize=7)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(title[:80], fontsize=8, loc="left", parse_math=False)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", facecolor="white")
    return buf.getvalue()
