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


# --------------------------------------------------------------------------- readable neighbourhoods

from pathlib import Path  # noqa: E402

from graphs.draw import AROUND_MAX_NODES, CVD_SAFE  # noqa: E402
from graphs.loader import load_graph  # noqa: E402
from graphs.model import Ecosystem, Edge, Location, Node, ValueChain  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
LONG = "Infineon Technologies Austria AG Villach Frontend Fertigung"


def hub_chain(n: int = 60) -> ValueChain:
    """A hub with ``n`` suppliers (share falling with the index) and ``n`` customers, in 12 ecosystems."""
    ecos = {f"e{i}": Ecosystem(f"e{i}", f"Ecosystem {i}") for i in range(12)}
    nodes = {"hub": Node("hub", "Central hub", "hub", "e0", Location(), ("Central hub",))}
    edges = []
    for i in range(n):
        share = round(0.95 - i * 0.015, 3)
        s, c = f"s{i:02d}", f"c{i:02d}"
        nodes[s] = Node(s, LONG if i == 0 else f"Supplier number {i:02d}", "company", f"e{i % 12}", Location(), (s,))
        nodes[c] = Node(c, f"Customer plant {i:02d}", "site", f"e{(i + 5) % 12}", Location(), (c,))
        edges.append(Edge(s, "hub", "parts", share))
        edges.append(Edge("hub", c, "parts", share))
    return ValueChain(ecosystems=ecos, nodes=nodes, edges=edges, version="hub")


def test_around_keeps_the_strongest_paths_up_to_max_nodes(tmp_path):
    chain = hub_chain()
    out = tmp_path / "hub.svg"
    drawing = draw(chain, out, around="hub")
    assert drawing.nodes == AROUND_MAX_NODES == 40 and drawing.available == 121
    text = svg_text(out)
    assert "40 of 121 nodes, strongest supply paths first" in text
    # the strongest suppliers and customers are in, the weakest out
    assert "Supplier number 01" in text and "Customer plant 01" in text
    assert "Supplier number 59" not in text and "Customer plant 59" not in text
    assert draw(chain, tmp_path / "all.svg", around="hub", max_nodes=None).nodes == 121
    assert draw(chain, tmp_path / "ten.svg", around="hub", max_nodes=10).nodes == 10


def test_labels_are_whole_inside_the_picture_and_apart(tmp_path):
    out = tmp_path / "hub.svg"
    drawing = draw(hub_chain(), out, around="hub", disrupt=["s00"])
    text = svg_text(out)
    assert "\u2026" not in " ".join(t for t, _ in drawing.labels)  # nothing shortened
    assert any(" ".join(t.split()).startswith(LONG) for t, _ in drawing.labels)  # the whole name, wrapped
    assert all(word in text for word in LONG.split())
    width, height = drawing.size
    boxes = [b for _, b in drawing.labels]
    assert len(boxes) == drawing.nodes
    title, title_box = drawing.title
    assert title.replace("\n", " ").startswith(f"Disruption of {' '.join(LONG.split())}:")  # whole, wrapped
    for x0, y0, x1, y1 in [*boxes, title_box, drawing.legend]:
        assert 0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1), (a, b)


def test_flow_runs_left_to_right_and_ecosystems_get_distinct_safe_colours(tmp_path):
    drawing = draw(hub_chain(), tmp_path / "hub.png", around="hub")
    assert drawing.backward == 0
    colours = dict(drawing.colours)
    assert len(set(colours.values())) == len(colours) == 12
    assert set(CVD_SAFE) <= set(colours.values())  # the nine largest get the colour-blind-safe ones
    assert DISRUPTED not in colours.values()


def test_bundled_graph_around_a_chokepoint_is_readable(tmp_path):
    chain = load_graph(REPO / "config" / "graph")
    out = tmp_path / "suez.png"
    drawing = draw(chain, out, around="suez-canal")
    assert drawing.nodes == 40 < drawing.available
    assert drawing.backward == 0
    width, height = drawing.size
    assert all(0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height for _, (x0, y0, x1, y1) in drawing.labels)
    assert "\u2026" not in " ".join(t for t, _ in drawing.labels)
