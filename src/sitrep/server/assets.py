"""The browser files the web app needs from npm packages: the map library, marker clustering,
TopoJSON decoding and a low-resolution world basemap. Nothing comes from a CDN at run time.

They are installed by ``scripts/setup-browser`` (``npm ci``, then copied into the git-ignored
``src/sitrep/web/vendor/``). The server looks for them, in order, in ``$SITREP_WEB_VENDOR``, in
``sitrep/web/vendor/`` and in the ``node_modules/`` of a source checkout, and serves only the files
listed in ``VENDOR_FILES`` under ``/vendor/``.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

__all__ = ["VENDOR_FILES", "VendorAssets", "copy_vendor_files", "find_vendor_root"]

# what the app asks for -> its path inside node_modules (the vendor folder keeps the same layout)
VENDOR_FILES: dict[str, str] = {
    "leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet.css": "leaflet/dist/leaflet.css",
    "images/layers.png": "leaflet/dist/images/layers.png",
    "images/layers-2x.png": "leaflet/dist/images/layers-2x.png",
    "images/marker-icon.png": "leaflet/dist/images/marker-icon.png",
    "images/marker-icon-2x.png": "leaflet/dist/images/marker-icon-2x.png",
    "images/marker-shadow.png": "leaflet/dist/images/marker-shadow.png",
    "leaflet.markercluster.js": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "MarkerCluster.css": "leaflet.markercluster/dist/MarkerCluster.css",
    "MarkerCluster.Default.css": "leaflet.markercluster/dist/MarkerCluster.Default.css",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "countries-110m.json": "world-atlas/countries-110m.json",
    "countries-50m.json": "world-atlas/countries-50m.json",
}
WEB_DIR = Path(__file__).resolve().parent.parent / "web"


def _candidates() -> list[Path]:
    found = []
    env = os.environ.get("SITREP_WEB_VENDOR")
    if env:
        found.append(Path(env).expanduser())
    found.append(WEB_DIR / "vendor")
    found.append(WEB_DIR.parent.parent.parent / "node_modules")  # src/sitrep/web -> checkout
    return found


def find_vendor_root() -> Path | None:
    """The first folder holding every vendor file, or None when the packages are not installed."""
    for root in _candidates():
        if all((root / path).is_file() for path in VENDOR_FILES.values()):
            return root
    return None


def copy_vendor_files(node_modules: Path, target: Path = WEB_DIR / "vendor") -> int:
    """Copy the files the app needs from ``node_modules`` into ``target``; return how many."""
    for path in VENDOR_FILES.values():
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node_modules / path, destination)
    return len(VENDOR_FILES)


@dataclass
class VendorAssets:
    """The vendor files as the server found them at start-up."""

    root: Path | None

    @classmethod
    def discover(cls) -> VendorAssets:
        return cls(find_vendor_root())

    @property
    def available(self) -> bool:
        return self.root is not None

    def path(self, name: str) -> Path | None:
        """The file behind ``/vendor/<name>``; None for names not listed or not installed."""
        relative = VENDOR_FILES.get(name)
        if relative is None or self.root is None:
            return None
        return self.root / relative


if __name__ == "__main__":  # python -m sitrep.server.assets NODE_MODULES: used by setup-browser
    import sys

    source = Path(sys.argv[1] if len(sys.argv) > 1 else "node_modules")
    print(f"copied {copy_vendor_files(source)} files into {WEB_DIR / 'vendor'}")
