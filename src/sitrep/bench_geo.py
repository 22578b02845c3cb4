"""Geocoding benchmarks: toponyms resolved per second, gazetteer import rows per second and memory.

    python -m sitrep.bench_geo resolve            # on the seed-like text, many times
    python -m sitrep.bench_geo import FILE...     # GeoNames files into a temporary gazetteer

Speed is reported here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

_SAMPLE = (
    "GAO, Mali (Reuters) - Gunmen attacked the village of Ouatagouna, 30 km north of Ansongo, on Sunday, "
    "local officials said. Soldiers were deployed between Gao and Ansongo. The army said its drones struck "
    "insurgent positions near Tinzaouaten in the Kidal region, close to the Algerian border. In Burkina Faso, "
    "fighters overran a post outside Djibo, in the Soum province, while protesters marched in Ouagadougou. "
    "Officials in Bamako said Menaka and Tombouctou were calm."
)


def bench_resolve(repeat: int = 200) -> dict[str, float]:
    """Documents of the sample text geocoded repeatedly (parse excluded): toponyms per second."""
    from sitrep.gazetteer import open_default_gazetteer
    from sitrep.model import Article
    from sitrep.nlp import load_nlp
    from sitrep.pipeline.document import Document
    from sitrep.pipeline.places import Geocoder
    from sitrep.pipeline.segment import split_sentences

    geocoder = Geocoder(open_default_gazetteer())
    nlp = load_nlp([{"label": "GPE", "pattern": "sitrep-bench"}], key="bench")
    sentences = split_sentences(_SAMPLE)
    docs = list(nlp.pipe(s.text for s in sentences))
    count = 0
    started = time.perf_counter()
    for i in range(repeat):
        fresh = split_sentences(_SAMPLE)
        for sentence, doc in zip(fresh, docs, strict=True):
            sentence.doc = doc
        document = Document(Article(id=str(i), text=_SAMPLE), fresh)
        toponyms = geocoder.toponyms(document, [])
        geocoder.locate(document, toponyms, [0], None)
        count += len(toponyms)
    seconds = time.perf_counter() - started
    return {"documents": repeat, "toponyms": count, "seconds": round(seconds, 3),
            "toponyms_per_second": round(count / seconds), "ms_per_document": round(1000 * seconds / repeat, 2)}  # fmt: skip


def bench_import(files: list[Path]) -> dict[str, float]:
    """Import GeoNames files into a fresh temporary gazetteer (embedded default first)."""
    from sitrep.gazetteer import build_embedded, import_geonames

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gazetteer.db"
        started = time.perf_counter()
        # the embedded build runs in a child process so that the peak memory below is the import's own
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            pool.apply(build_embedded, (path,))
        built = time.perf_counter() - started
        report = import_geonames(files, path)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"embedded_build_seconds": round(built, 1), "rows": sum(report.rows.values()),
            "import_seconds": round(report.seconds, 1), "rows_per_second": round(report.rows_per_second),
            "import_peak_rss_mb": round(peak_mb)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="what", required=True)
    resolve = sub.add_parser("resolve")
    resolve.add_argument("--repeat", type=int, default=200)
    imports = sub.add_parser("import")
    imports.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args(argv)
    result = bench_resolve(args.repeat) if args.what == "resolve" else bench_import(args.files)
    for key, value in result.items():
        print(f"{key:24} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
