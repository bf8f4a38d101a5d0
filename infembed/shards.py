"""The embedding-shard format shared by ``infembed encode`` (writer) and ``index``/``search`` (readers).

A shard directory holds::

    manifest.json          # see MANIFEST_FORMAT below
    shard-00000.npy        # [n, d] float16 or float32, row i ↔ line i of the .ids file
    shard-00000.ids        # one passage id per line, UTF-8 (non-empty, no whitespace: data.id_problem)
    shard-00001.npy ...

``manifest.json``::

    {
      "format": "infembed-shards/1",
      "model_fingerprint": "<sha256 of the model config + weights>",
      "dim": 384, "dtype": "float16", "normalized": true,
      "settings": {...},                      # whatever the writer needs to refuse a mismatched rerun
      "shards": [{"name": "shard-00000", "count": 1000, "sha256": "<of the .npy bytes>", "done": true}, ...],
      "complete": true                        # every shard of the run is written
    }

Every file is written to a temporary name in the same directory and renamed when complete, so a
crash leaves either the old file or the new one, never half of one (:mod:`infembed.io`).

The writer's bookkeeping lives here too (:class:`ShardRun`): a run ``shard_id`` of ``num_shards``
(``n > 1``) keeps ``manifest.part-IIIII-of-NNNNN.json`` instead of ``manifest.json``; whichever run
finishes last (or any rerun once all parts are complete) merges the parts into ``manifest.json``,
deterministically, so two runs racing to merge write the same bytes. A rerun resumes from the
run's manifest: a shard it lists is kept when its ``.npy`` sha256 and ``.ids`` still match.

How the ``n`` runs split the corpus (``settings.split``):

* ``"ranges"``: run ``i`` reads only part ``i`` of the file (a byte range for JSONL, a range of row
  groups for parquet: :func:`infembed.data.corpus_part`) and cuts it into its own shards
  ``shard-IIIII-KKKKK`` (part ``i``, ``k``-th shard of the part). The merged manifest lists the parts'
  shards in part order, which is file order, and checks that no passage id is in two parts.
* ``"round-robin"`` (a ``.gz`` corpus, which cannot be split): every run reads the whole file, numbers
  the passages and writes the shards ``k % n == i`` of the single-run layout ``shard-KKKKK``.

A shard directory may be a URL (``s3://``, ``memory://``, ...; :mod:`infembed.io`): the writer then
writes every file as one object. The readers below (:func:`list_shards`, :func:`load_all`, and so
``infembed index build``) read local directories only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .data import DataError, SeenIds, id_problem
from .io import (
    atomic_write_bytes,
    atomic_write_json,
    is_file,
    is_remote,
    join,
    list_names,
    open_binary,
    read_bytes,
    remove,
)

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = "infembed-shards/1"
SHARD_DTYPES = ("float16", "float32")
# A file whose mtime is within this of the moment it was checked is "racy": a same-size rewrite in
# the same file-system clock tick would keep its mtime, so its sha256 is compared on every check.
RACY_NS = 2_000_000_000


def shard_name(index: int) -> str:
    return f"shard-{index:05d}"


def npy_bytes(array: np.ndarray) -> bytes:
    import io

    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(array), allow_pickle=False)
    return buf.getvalue()


def write_shard(directory: str | os.PathLike, index: int, ids: list[str], embeddings: np.ndarray,
                name: str | None = None) -> dict:
    """Write one shard (``.ids`` first, ``.npy`` last, both atomically); return its manifest entry.

    Args:
        directory: a local folder or a URL (each file is then written as one object).
        ids: ``n`` passage ids (no newlines).
        embeddings: ``[n, d]`` float16 or float32.
        name: the file stem (default :func:`shard_name` of ``index``).
    """
    if embeddings.ndim != 2 or embeddings.shape[0] != len(ids):
        raise ValueError(f"shard {index}: embeddings {embeddings.shape} do not match {len(ids)} ids")
    for pid in ids:
        problem = id_problem(pid) if isinstance(pid, str) else f"is a {type(pid).__name__}, not a string"
        if problem is not None:
            raise ValueError(f"shard {index}: passage id {pid!r:.60} {problem}; ids must be non-empty strings "
                             "without whitespace (see infembed.data.id_problem)")
    name = name or shard_name(index)
    atomic_write_bytes(join(directory, f"{name}.ids"), ("\n".join(ids) + ("\n" if ids else "")).encode())
    data = npy_bytes(embeddings)
    atomic_write_bytes(join(directory, f"{name}.npy"), data)
    return {"name": name, "count": len(ids), "sha256": hashlib.sha256(data).hexdigest(), "done": True}


def read_manifest(directory: str | os.PathLike) -> dict:
    if is_remote(directory) or re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:/[^/]", str(directory)):
        raise ValueError(f"{directory}: shard directories are read from local folders only (`infembed encode` "
                         "can write to a URL, `index build` and `search` cannot read one); copy the folder "
                         "down first (e.g. `aws s3 sync`, `gsutil rsync`, `huggingface-cli download`)")
    path = Path(directory) / MANIFEST_NAME
    if not path.is_file():
        raise FileNotFoundError(
            f"{directory} is not an embedding-shard directory: {MANIFEST_NAME} is missing "
            "(create one with `infembed encode --out DIR`)"
        )
    try:
        manifest = json.loads(path.read_text())
    except json.JSONDecodeError as e:
        raise ValueError(f"{path}: invalid JSON ({e})") from e
    if manifest.get("format") != MANIFEST_FORMAT:
        raise ValueError(f"{path}: format {manifest.get('format')!r} is not {MANIFEST_FORMAT!r}")
    return manifest


_REENCODE = "rerun the same `infembed encode` command to re-encode it (it redoes shards that fail their checksum)"


def file_sha256(path: str | os.PathLike) -> str:
    """sha256 of a file's bytes (local or a URL), read 4 MiB at a time."""
    h = hashlib.sha256()
    with open_binary(path, decompress=False) as f:
        while chunk := f.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def npy_layout(path: Path) -> tuple[tuple[int, ...], np.dtype, int]:
    """``(shape, dtype, data offset)`` from a ``.npy`` header, checking that the file holds all the
    bytes the header promises (a truncated shard is named here, not by a numpy traceback)."""
    try:
        with open(path, "rb") as f:
            version = np.lib.format.read_magic(f)
            if version == (1, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
            elif version == (2, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
            else:
                raise ValueError(f"unsupported .npy version {version}")
            offset = f.tell()
    except FileNotFoundError:
        raise DataError(f"{path} is missing; {_REENCODE}") from None
    except (ValueError, OSError, EOFError) as e:
        raise DataError(f"{path}: not a readable .npy file ({e}); {_REENCODE}") from None
    if dtype.hasobject or fortran:
        raise DataError(f"{path}: holds {'objects' if dtype.hasobject else 'a Fortran-order array'}, not a "
                        f"shard; {_REENCODE}")
    expected = offset + int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    size = path.stat().st_size
    if size != expected:
        raise DataError(f"{path}: {size} bytes, but its header ({shape} {dtype}) needs {expected}: the file is "
                        f"{'truncated' if size < expected else 'longer than its array'}; {_REENCODE}")
    return shape, dtype, offset


def file_state(path: Path) -> dict:
    """``{size, mtime_ns, sha256}`` of a file, refusing one that changes while it is hashed."""
    before = path.stat()
    digest = file_sha256(path)
    after = path.stat()
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns):
        raise DataError(f"{path} changed while it was being read; wait for the writer to finish and retry")
    return {"size": after.st_size, "mtime_ns": after.st_mtime_ns, "sha256": digest}


def check_file_state(path: Path, recorded: dict, checked_ns: int, fix: str) -> bool:
    """Check that ``path`` still is the file described by ``recorded`` (from :func:`file_state`, taken
    no earlier than ``checked_ns``, a ``time.time_ns()``).

    The rule: the size must match; the sha256 is compared again only when the mtime differs or is
    racy (within :data:`RACY_NS` of ``checked_ns``), so an unchanged file costs one ``stat``. A
    rewrite that keeps both the size and the mtime of a file older than that is not detected.

    Returns:
        whether the file was re-hashed. Raises :class:`DataError` naming the file and ``fix``.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DataError(f"{path} is missing; {fix}") from None
    if st.st_size != recorded["size"]:
        raise DataError(f"{path}: {st.st_size} bytes, but {recorded['size']} when it was checked; {fix}")
    if st.st_mtime_ns == recorded["mtime_ns"] and recorded["mtime_ns"] < checked_ns - RACY_NS:
        return False
    if file_sha256(path) != recorded["sha256"]:
        raise DataError(f"{path}: its content changed (sha256 differs from the one recorded); {fix}")
    return True


@dataclass(frozen=True)
class Shard:
    name: str
    count: int
    npy_path: Path
    ids_path: Path
    sha256: str = ""  # of the .npy bytes, from the manifest

    def read_ids(self) -> list[str]:
        """The shard's ``count`` passage ids (one per line of the ``.ids`` file)."""
        try:
            text = self.ids_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise DataError(f"{self.ids_path} is missing; {_REENCODE}") from None
        except UnicodeDecodeError as e:
            raise DataError(f"{self.ids_path}: not UTF-8 ({e.reason}); {_REENCODE}") from None
        ids = text.split("\n")
        if ids[-1] == "":
            ids.pop()
        if len(ids) != self.count:
            raise DataError(f"{self.ids_path}: {len(ids)} ids, the manifest says {self.count}; {_REENCODE}")
        return ids

    def load(self, mmap: bool = True) -> tuple[list[str], np.ndarray]:
        """Return ``(ids, embeddings [count, d])``; the array is memory-mapped when ``mmap``.

        A missing, truncated or mis-shaped file raises :class:`~infembed.data.DataError` naming it.
        """
        ids = self.read_ids()
        shape, dtype, _ = npy_layout(self.npy_path)
        if len(shape) != 2 or shape[0] != self.count or dtype.name not in SHARD_DTYPES:
            raise DataError(f"{self.npy_path}: holds a {shape} {dtype} array, the manifest says {self.count} "
                            f"rows of float16/float32; {_REENCODE}")
        try:
            emb = np.load(self.npy_path, mmap_mode="r" if mmap else None, allow_pickle=False)
        except (ValueError, OSError, EOFError) as e:
            raise DataError(f"{self.npy_path}: cannot be read ({e}); {_REENCODE}") from None
        return ids, emb

    def verify(self, dim: int) -> dict[str, dict]:
        """Check the shard against its manifest entry: ``.npy`` header ``[count, dim]`` float16/float32,
        its size, its sha256, and ``count`` valid ids. Returns ``{file name: file_state}`` for both files.
        """
        shape, found, _ = npy_layout(self.npy_path)
        if tuple(shape) != (self.count, dim) or found.name not in SHARD_DTYPES:
            raise DataError(f"{self.npy_path}: holds a {shape} {found} array, the manifest says "
                            f"({self.count}, {dim}) float16/float32; {_REENCODE}")
        npy = file_state(self.npy_path)
        if npy["sha256"] != self.sha256:
            raise DataError(f"{self.npy_path}: sha256 {npy['sha256'][:12]}… does not match the manifest's "
                            f"{self.sha256[:12]}…: the file changed after `infembed encode` wrote it; {_REENCODE}")
        for n, pid in enumerate(self.read_ids(), start=1):
            if (problem := id_problem(pid)) is not None:
                raise DataError(f"{self.ids_path}:{n}: passage id {pid!r:.60} {problem}; {_REENCODE}")
        return {self.npy_path.name: npy, self.ids_path.name: file_state(self.ids_path)}


def list_shards(directory: str | os.PathLike, *, require_complete: bool = True) -> list[Shard]:
    """The finished shards of a directory, in order. Refuses an unfinished run unless asked."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    if require_complete and not manifest.get("complete", False):
        raise ValueError(
            f"{directory}: the encoding run is not complete (rerun the same `infembed encode` "
            "command to finish it)"
        )
    return [
        Shard(s["name"], int(s["count"]), directory / f"{s['name']}.npy", directory / f"{s['name']}.ids",
              s.get("sha256", ""))
        for s in manifest["shards"]
        if s.get("done")
    ]


def iter_shards(directory: str | os.PathLike, mmap: bool = True) -> Iterator[tuple[list[str], np.ndarray]]:
    """Yield ``(ids, embeddings [n, d])`` shard by shard (bounded memory)."""
    for shard in list_shards(directory):
        yield shard.load(mmap=mmap)


def load_all(directory: str | os.PathLike) -> tuple[list[str], np.ndarray]:
    """Concatenate every shard: ``(ids, embeddings [N, d])`` (loads everything into memory)."""
    ids: list[str] = []
    arrays = []
    for shard_ids, emb in iter_shards(directory, mmap=True):
        ids.extend(shard_ids)
        arrays.append(np.asarray(emb))
    manifest = read_manifest(directory)
    if not arrays:
        return ids, np.zeros((0, int(manifest["dim"])), dtype=manifest["dtype"])
    return ids, np.concatenate(arrays, axis=0)


# ----------------------------------------------------------------------------- the writer's bookkeeping

_SHARD_FILE = re.compile(r"^(shard-\d{5,}(?:-\d{5,})?)\.(npy|ids)$")
_PART_FILE = re.compile(r"^manifest\.part-(\d{5})-of-(\d{5})\.json$")
SPLITS = ("ranges", "round-robin")


def head_diff(a: dict, b: dict) -> list[str]:
    """What differs between two manifest heads (format, model, dim, dtype, normalized, settings)."""
    diffs = []
    for key in ("format", "model_fingerprint", "dim", "dtype", "normalized"):
        if a.get(key) != b.get(key):
            diffs.append(f"{key}: {a.get(key)!r} in the directory vs {b.get(key)!r} now")
    sa, sb = a.get("settings", {}), b.get("settings", {})
    for key in sorted(set(sa) | set(sb)):
        if sa.get(key) != sb.get(key):
            diffs.append(f"settings.{key}: {sa.get(key)!r} in the directory vs {sb.get(key)!r} now")
    return diffs


def manifest_stats(entries: list[dict], passages: int, skipped: int) -> dict:
    """The ``stats`` of a finished manifest from its shard entries and the corpus counts."""
    return {"passages": passages, "skipped_invalid": skipped,
            "encoded_rows": sum(e["count"] for e in entries),
            "empty": sum(e.get("empty", 0) for e in entries),
            "truncated": sum(e.get("truncated", 0) for e in entries)}


def _read_ids(path) -> list[str]:
    text = read_bytes(path).decode("utf-8")
    return text.split("\n")[:-1] if text else []


def shard_is_intact(directory: str | os.PathLike, entry: dict) -> bool:
    """Whether a manifest entry's files are there, the ``.npy`` has its sha256 and the ``.ids`` its count."""
    name = entry.get("name", "")
    npy, ids = join(directory, f"{name}.npy"), join(directory, f"{name}.ids")
    if not (entry.get("done") and is_file(npy) and is_file(ids)):
        return False
    if file_sha256(npy) != entry.get("sha256"):
        return False
    text, count = read_bytes(ids).decode("utf-8"), int(entry["count"])
    return text == "" if count == 0 else (text.endswith("\n") and text.count("\n") == count)


def _read_json(path) -> dict:
    return json.loads(read_bytes(path))


@dataclass
class ShardRun:
    """The manifest bookkeeping of one writer run ``shard_id`` of ``num_shards`` over ``out`` (a local
    folder or a URL).

    ``head`` is the manifest without its shards (format, model fingerprint, dim, dtype, normalized,
    settings); a directory holding another head is refused. ``split`` (see the module doc):
    ``"round-robin"`` owns the shards ``k % num_shards == shard_id`` of the single-run layout;
    ``"ranges"`` owns its own shards ``shard-IIIII-KKKKK`` of corpus part ``part`` (recorded in its
    manifest part and checked when the parts are merged).
    """

    out: Path | str
    head: dict
    shard_id: int = 0
    num_shards: int = 1
    split: str = "round-robin"
    part: dict | None = None

    def __post_init__(self) -> None:
        if self.split not in SPLITS:
            raise ValueError(f"split={self.split!r}: choose one of {SPLITS}")
        if self.split == "ranges" and self.part is None:
            raise ValueError("split='ranges' needs the run's corpus part")

    @property
    def manifest_path(self) -> Path | str:
        """``manifest.json`` for a single run, else this run's part."""
        if self.num_shards == 1:
            return join(self.out, MANIFEST_NAME)
        return join(self.out, f"manifest.part-{self.shard_id:05d}-of-{self.num_shards:05d}.json")

    def part_path(self, shard_id: int) -> Path | str:
        return join(self.out, f"manifest.part-{shard_id:05d}-of-{self.num_shards:05d}.json")

    def name(self, shard: int) -> str:
        """The file stem of this run's shard ``shard``."""
        return f"shard-{self.shard_id:05d}-{shard:05d}" if self.split == "ranges" else shard_name(shard)

    def key(self, name: str) -> int | None:
        """The shard number of one of this run's files (stem ``name``), or ``None`` when it is not this run's."""
        parts = name.split("-")
        if self.split == "ranges":
            return int(parts[2]) if len(parts) == 3 and int(parts[1]) == self.shard_id else None
        return int(parts[1]) if len(parts) == 2 and self.mine(int(parts[1])) else None

    def mine(self, shard: int) -> bool:
        return self.split == "ranges" or shard % self.num_shards == self.shard_id

    def clear(self) -> None:
        """``overwrite``: delete this run's shard files and manifests (other runs' shards are theirs)."""
        for name in list_names(self.out):
            m = _SHARD_FILE.match(name)
            if (m and self.key(m.group(1)) is not None) or (name.startswith(".shard-") and ".tmp-" in name) \
                    or name == MANIFEST_NAME:
                remove(join(self.out, name))
            elif (pm := _PART_FILE.match(name)) and (int(pm.group(2)) != self.num_shards
                                                     or int(pm.group(1)) == self.shard_id):
                remove(join(self.out, name))

    def resume(self) -> dict[int, dict]:
        """``{shard: manifest entry}`` of this run's shards that are already written and intact.

        Raises:
            ValueError: a manifest in ``out`` is unreadable or records another model / other settings.
        """
        resumed: dict[int, dict] = {}
        own = str(self.manifest_path)
        for name in list_names(self.out):
            if not (name.startswith("manifest") and name.endswith(".json")):
                continue
            path = join(self.out, name)
            try:
                existing = _read_json(path)
            except json.JSONDecodeError:
                raise ValueError(f"{path}: unreadable manifest; rerun with --overwrite to start over") from None
            diffs = head_diff(existing, self.head)
            if diffs:
                raise ValueError(
                    f"{self.out} already holds shards from a different run ({name}):\n  " + "\n  ".join(diffs)
                    + "\nUse another --out directory, or --overwrite to replace them."
                )
            if str(path) == own:
                for entry in existing.get("shards", []):
                    k = self.key(entry["name"])
                    if k is not None and shard_is_intact(self.out, entry):
                        resumed[k] = entry
                    elif entry.get("done"):
                        log.warning("%s: %s does not match its checksum; encoding it again", self.out, entry["name"])
        return resumed

    def check_resumed_ids(self, entry: dict, ids: list[str], source: object) -> None:
        """Refuse a kept shard whose ``.ids`` are not the ids the corpus ``source`` has there now."""
        have = _read_ids(join(self.out, f"{entry['name']}.ids"))[: entry["count"]]
        if have != ids:
            raise ValueError(f"{join(self.out, entry['name'] + '.ids')} does not match the corpus (was {source} "
                             "edited in place?); rerun with --overwrite")

    def write_manifest(self, entries: dict[int, dict], *, complete: bool, num_shards_total: int | None = None,
                       passages: int | None = None, skipped_invalid: int | None = None) -> None:
        """Atomically write this run's manifest; a complete one also records the totals and stats."""
        manifest = {**self.head, "shards": [entries[k] for k in sorted(entries)], "complete": complete}
        if self.num_shards > 1:
            manifest["shard_id"] = self.shard_id
        if self.split == "ranges":
            manifest["part"] = self.part
        if num_shards_total is not None:
            manifest["num_shards_total"] = num_shards_total
            manifest["stats"] = manifest_stats(manifest["shards"], passages, skipped_invalid)
        atomic_write_json(self.manifest_path, manifest)

    def merge(self, on_duplicate=None) -> bool:
        """Write ``manifest.json`` from the ``num_shards`` parts when every part is complete; return
        whether ``manifest.json`` now covers the whole corpus.

        ``"ranges"``: the parts must tile the corpus, and no passage id may be in two parts (every
        ``.ids`` file is read: ~16 bytes of memory per passage); a duplicate calls
        ``on_duplicate(id)`` (which should raise a message naming both lines) and raises
        :class:`~infembed.data.DataError`, and ``manifest.json`` is not written. A corpus without a
        valid passage raises too.
        """
        if self.num_shards == 1:
            return True
        parts = []
        for i in range(self.num_shards):
            p = self.part_path(i)
            if not is_file(p):
                return False
            try:
                part = _read_json(p)
            except json.JSONDecodeError:
                return False  # a half-visible write on an odd file system: the other run will merge
            if not part.get("complete") or head_diff(part, self.head):
                return False
            parts.append(part)
        if self.split == "ranges":
            return self._merge_ranges(parts, on_duplicate)
        total = {p["num_shards_total"] for p in parts}
        entries = sorted((e for p in parts for e in p["shards"]), key=lambda e: e["name"])
        if len(total) != 1 or [e["name"] for e in entries] != [shard_name(k) for k in range(total.pop())]:
            raise RuntimeError(f"{self.out}: the {self.num_shards} manifest parts do not cover the shards exactly once")
        manifest = {**self.head, "shards": entries, "complete": True, "num_shards_total": len(entries),
                    "stats": manifest_stats(entries, parts[0]["stats"]["passages"],
                                            parts[0]["stats"]["skipped_invalid"])}
        atomic_write_json(join(self.out, MANIFEST_NAME), manifest)
        return True

    def _merge_ranges(self, parts: list[dict], on_duplicate) -> bool:
        spans = [p.get("part") or {} for p in parts]
        edges = [(s.get("start"), s.get("end")) for s in spans]
        tiled = (edges[0][0] == 0 and edges[-1][1] == spans[0].get("total")
                 and all(a[1] == b[0] for a, b in zip(edges, edges[1:]))
                 and len({(s.get("unit"), s.get("total")) for s in spans}) == 1)
        if not tiled:
            raise RuntimeError(f"{self.out}: the {self.num_shards} manifest parts do not cover the corpus exactly "
                               f"once ({edges}); rerun them with --overwrite")
        entries = [e for p in parts for e in sorted(p["shards"], key=lambda e: e["name"])]
        passages = sum(p["stats"]["passages"] for p in parts)
        skipped = sum(p["stats"]["skipped_invalid"] for p in parts)
        if passages == 0:
            corpus = self.head.get("settings", {}).get("corpus", "the corpus")
            raise DataError(f"{corpus}: no valid passages" + (f" ({skipped} invalid records skipped)" if skipped else ""))
        self._check_ids_across_parts(entries, on_duplicate)
        manifest = {**self.head, "shards": entries, "complete": True, "num_shards_total": len(entries),
                    "stats": manifest_stats(entries, passages, skipped)}
        atomic_write_json(join(self.out, MANIFEST_NAME), manifest)
        return True

    def _check_ids_across_parts(self, entries: list[dict], on_duplicate) -> None:
        """Refuse a passage id that two shards hold (each run checked its own part; this checks them all)."""
        seen = SeenIds()
        starts = np.cumsum([0] + [int(e["count"]) for e in entries])  # [S + 1] first row of each shard
        cache: dict[int, list[str]] = {}

        def id_at(row: int) -> tuple[str, str]:
            s = int(np.searchsorted(starts, row, side="right") - 1)
            if s not in cache:
                cache.clear()
                cache[s] = _read_ids(join(self.out, f"{entries[s]['name']}.ids"))
            return cache[s][row - starts[s]], entries[s]["name"]

        def hit(row: int, earlier: int) -> None:
            (a, name_a), (b, name_b) = id_at(earlier), id_at(row)
            if a == b:
                if on_duplicate is not None:
                    on_duplicate(b)
                raise DataError(f"{self.out}: passage id {b!r} is in {name_a} and in {name_b}: two parts of the "
                                "corpus hold it (ids must be unique); fix the corpus and rerun with --overwrite")

        for s, entry in enumerate(entries):
            for row, pid in enumerate(_read_ids(join(self.out, f"{entry['name']}.ids")), start=int(starts[s])):
                if (earlier := seen.add(pid, row)) is not None:
                    hit(row, earlier)
            for row, earlier in seen.check():
                hit(row, earlier)
