"""Reading LGL / TR-News style corpora (a tiny file written here)."""

from __future__ import annotations

from pathlib import Path

from sitrep.evaluation.geoparsing import read_corpus

XML = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="7"><text><![CDATA[Rain fell on Gao and Kidal.]]></text>
<toponyms><toponym><start>13</start><end>16</end><phrase>Gao</phrase>
<gaztag geonameid="2457163"><lat>16.27</lat><lon>-0.04</lon></gaztag></toponym>
<toponym><start>19</start><end>24</end><phrase>Kidal</phrase></toponym></toponyms></article></articles>
"""


def test_geoparsing_reader_aligns_offsets_and_keeps_unplaced_toponyms(tmp_path: Path) -> None:
    path = tmp_path / "c.xml"
    path.write_text(XML, encoding="utf-8")
    (article,) = read_corpus(path)
    gao, kidal = article.toponyms
    assert (gao.start, gao.end, gao.latitude) == (13, 16, 16.27)
    assert article.text[kidal.start : kidal.end] == "Kidal"  # offset 19 was off by two
    assert kidal.latitude is None
