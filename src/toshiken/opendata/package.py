"""The Frictionless data package of the whole catalog, its files, the bulk ZIP and the export."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from toshiken.opendata.formats import MEDIA_TYPES, iso, render, table_schema
from toshiken.opendata.model import FORMATS, Catalog

DESCRIPTOR = "datapackage.json"


def data_files(catalog: Catalog) -> dict[str, bytes]:
    """Every dataset's CSV and JSON by file name, in catalog order."""
    return {d.file_name(fmt): render(catalog, d, fmt) for d in catalog.datasets for fmt in FORMATS}


def datapackage(catalog: Catalog, files: dict[str, bytes] | None = None) -> dict[str, object]:
    """datapackage.json: one tabular resource per dataset's CSV, with its schema and checksum."""
    files = files if files is not None else data_files(catalog)
    license = catalog.license
    resources = []
    for d in catalog.datasets:
        path = d.file_name("CSV")
        resources.append(
            {
                "name": d.name,
                "path": path,
                "title": d.title,
                "description": d.notes,
                "format": "csv",
                "mediatype": MEDIA_TYPES["CSV"],
                "encoding": "utf-8-sig",
                "bytes": len(files[path]),
                "hash": "sha256:" + hashlib.sha256(files[path]).hexdigest(),
                "sources": [{"title": d.source}] if d.source else [],
                "schema": table_schema(d.table),
            }
        )
    package: dict[str, object] = {
        "name": catalog.name,
        "title": catalog.title,
        "description": catalog.description,
        "licenses": [{"name": license.id, "path": license.url, "title": license.title}],
        "resources": resources,
    }
    if catalog.modified is not None:
        package["created"] = iso(catalog.modified).split(".")[0] + "Z"
    return package


def descriptor_bytes(catalog: Catalog, files: dict[str, bytes] | None = None) -> bytes:
    return json.dumps(datapackage(catalog, files), ensure_ascii=False, indent=1).encode("utf-8")


def zip_name(catalog: Catalog) -> str:
    return f"{catalog.name}.zip"


def bulk_zip(catalog: Catalog, files: dict[str, bytes] | None = None) -> bytes:
    """Every file and datapackage.json in one ZIP; entries dated by the catalog's data."""
    files = files if files is not None else data_files(catalog)
    stamp = catalog.modified.timetuple()[:6] if catalog.modified else (1980, 1, 1, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in {DESCRIPTOR: descriptor_bytes(catalog, files), **files}.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), content,
                             compress_type=zipfile.ZIP_DEFLATED)  # fmt: skip
    return buffer.getvalue()


def export(catalog: Catalog, directory: Path) -> list[Path]:
    """Write the files, datapackage.json and the bulk ZIP into a folder; return what was written."""
    directory.mkdir(parents=True, exist_ok=True)
    files = data_files(catalog)
    outputs = {
        **files,
        DESCRIPTOR: descriptor_bytes(catalog, files),
        zip_name(catalog): bulk_zip(catalog, files),
    }
    written = []
    for name, content in outputs.items():
        path = directory / name
        path.write_bytes(content)
        written.append(path)
    return written
