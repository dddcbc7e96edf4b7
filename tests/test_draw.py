"""``graphs.draw``: real PNG and SVG files of the hand-built chain."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from helpers_impact import hand_chain
from PIL import Image

from graphs.draw import DISRUPTED, DrawError, draw
from graphs.impact import UnknownTargetError

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def svg_text(path) -> str:
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    return " ".join(t for el in root.iter() if el.tag.endswith("text") for t in el.itertext())


def red_pixels(path) -> int:
    r0, g0, b0 = (int(DISRUPTED[i : i + 2], 16) for i in (1, 3, 5))
    img = Image.open(path).convert("RGB")
    return sum(
        count
        for count, (r, g, b) in img.getcolors(maxcolors=1 << 20)
        if abs(r - r0) < 12 and abs(g - g0) < 12 and abs(b - b0) < 12
    )


def test_whole_graph_png(tmp_path):
    out = tmp_path / "chain.png"
    drawing = draw(hand_chain(), out)
    data = out.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert len(data) > 20_000
    assert (drawing.nodes, drawing.edges) == (14, 12)
    width, height = Image.open(out).size
    assert width >= 1200 and height >= 700  # a big canvas, not a thumbnail
    assert red_pixels(out) == 0  # nothing disrupted, nothing red


def test_disruption_png_marks_the_disrupted_node_red(tmp_path):
    out = tmp_path / "what-if.png"
    drawing = draw(hand_chain(), out, disrupt=["silicon-saxony"])
    assert out.read_bytes()[:8] == PNG_SIGNATURE
    assert drawing.impacted == 5
    assert red_pixels(out) > 500


def test_svg_has_names_legend_and_impact_title(tmp_path):
    out = tmp_path / "what-if.svg"
    draw(hand_chain(), out, disrupt=["port-hamburg"])
    text = svg_text(out)
    assert "Disruption of Port of Hamburg: 1 node impacted" in text
    assert "Slovak automotive clust" in text and "0.30" in text  # name (truncated) and score
    assert "Automotive" in text and "Electronics" in text  # ecosystem legend
    assert "silicon-saxony" not in text  # labels are names, not ids


def test_around_draws_only_the_neighbourhood(tmp_path):
    out = tmp_path / "around.svg"
    drawing = draw(hand_chain(), out, around="port-hamburg", depth=1)
    assert drawing.nodes == 3  # the port, Hsinchu fab and the Slovak cluster
    text = svg_text(out)
    assert "Hsinchu fab" in text and "Silicon Saxony" not in text
    assert draw(hand_chain(), tmp_path / "a2.svg", around="port-hamburg", depth=2).nodes == 5


def test_bad_requests_raise_clear_errors(tmp_path):
    with pytest.raises(DrawError, match=r"must end in \.png or \.svg"):
        draw(hand_chain(), tmp_path / "x.jpg")
    with pytest.raises(DrawError, match='did you mean "port-hamburg"'):
        draw(hand_chain(), tmp_path / "x.png", around="port-hambrug")
    with pytest.raises(UnknownTargetError):
        draw(hand_chain(), tmp_path / "x.png", disrupt=["nowhere"])
    assert not (tmp_path / "x.png").exists()
