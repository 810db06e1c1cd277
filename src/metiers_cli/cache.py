"""The cache: a knowledge base parsed, checked and indexed once, then read back in milliseconds.

One file per base, in the user's cache folder, rebuilt whenever the base's path, size or modification time
(or metiers, or Python) changes. Its sections are read through mmap, only as far as a command needs: `show ID`
reads the core and one role's record, completion only the ids, search the search index. Every section and
every record carries a CRC32: a corrupt, truncated or foreign cache is never believed, only rebuilt. A cache
folder that is missing, read-only or full just means working without a cache (METIERS_NO_CACHE=1 does the
same on purpose).
"""

from __future__ import annotations

import marshal
import os
import struct
import sys
import zlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from . import __version__

FORMAT = 8
MAGIC = b"metiers-cache\n"
_HEADER = struct.Struct("<14sQ")  # magic, length of the marshalled meta that follows
SUFFIX = ".cache"
MARSHAL_VERSION = 4


class CacheMiss(Exception):
    """This cache can't be used: absent, stale, foreign or damaged (``file``: the cache file, if known)."""

    def __init__(self, reason: str, file: Path | None = None):
        super().__init__(reason)
        self.file = file


def discard(file: Path | None) -> None:
    """Remove a cache file found damaged while in use, so that the next read rebuilds it."""
    if file is not None:
        try:
            file.unlink()
        except OSError:
            pass


def cache_dir() -> Path | None:
    """Where caches live, or None when caching is off."""
    if os.environ.get("METIERS_NO_CACHE", "") not in ("", "0"):
        return None
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "metiers"


def cache_file(base: Path) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    name = str(base.resolve()).encode("utf-8", "surrogateescape")
    # a short, stable name; the path itself is checked inside the file, so a collision is only a miss
    return folder / f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}{SUFFIX}"


def _stamp(base: Path) -> dict:
    info = base.stat()
    return {"path": str(base.resolve()), "size": info.st_size, "mtime_ns": info.st_mtime_ns,
            "format": FORMAT, "metiers": __version__, "python": list(sys.version_info[:2])}


# --- reading ---------------------------------------------------------------------------------------------


class CacheReader:
    """An open cache file: its meta, and its sections on demand."""

    def __init__(self, path: Path, stamp: dict | None):
        import mmap

        self.path = path
        try:
            with open(path, "rb") as stream:
                size = os.fstat(stream.fileno()).st_size
                if size < _HEADER.size:
                    raise CacheMiss("too short")
                self.mm = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as exc:
            raise CacheMiss(str(exc)) from None
        magic, length = _HEADER.unpack_from(self.mm, 0)
        if magic != MAGIC or _HEADER.size + length > size:
            raise CacheMiss("foreign or truncated")
        self.meta = self._unmarshal(_HEADER.size, length, None)
        if not isinstance(self.meta, dict) or self.meta.get("total") != size:
            raise CacheMiss("truncated")
        if stamp is not None and any(self.meta.get(k) != v for k, v in stamp.items()):
            raise CacheMiss("stale")
        self.sections = self.meta["sections"]

    def _unmarshal(self, offset: int, length: int, crc: int | None):
        data = self.mm[offset:offset + length]
        if len(data) != length or (crc is not None and zlib.crc32(data) != crc):
            raise CacheMiss("damaged", self.path)
        try:
            return marshal.loads(data)
        except (EOFError, ValueError, TypeError) as exc:
            raise CacheMiss(f"damaged: {exc}", self.path) from None

    def section(self, name: str):
        offset, length, crc = self.sections[name]
        return self._unmarshal(offset, length, crc)

    def blob(self, name: str, start: int, end: int, crc: int) -> bytes:
        offset, length, _crc = self.sections[name]
        if not 0 <= start <= end <= length:
            raise CacheMiss("damaged offsets", self.path)
        data = self.mm[offset + start:offset + end]
        if zlib.crc32(data) != crc:
            raise CacheMiss("damaged record", self.path)
        return data


def open_cache(base: Path) -> CacheReader:
    """The fresh cache of this base, or CacheMiss."""
    path = cache_file(base)
    if path is None:
        raise CacheMiss("caching is off")
    try:
        stamp = _stamp(base)
    except OSError as exc:
        raise CacheMiss(str(exc)) from None
    return CacheReader(path, stamp)


# --- writing ---------------------------------------------------------------------------------------------


def _role_record(kb, role, places, covered) -> bytes:
    record = {name: getattr(role, name) for name in role._fields
              if name not in ("skills", "distinctions", "salary", "experience")}
    record["skills"] = (role.skills.savoir_faire, role.skills.savoir_etre)
    record["distinctions"] = tuple((d.role, d.text) for d in role.distinctions)
    record["salary"] = None if role.salary is None else (
        role.salary.min, role.salary.max, role.salary.currency, role.salary.label, role.salary.source)
    record["experience"] = None if role.experience is None else (role.experience.min_years,
                                                                  role.experience.source)
    record["_placements"] = tuple((p.structure, p.above, p.manages, p.group, p.node.covers, p.node.note)
                                  for p in places)
    record["_covered_by"] = tuple(covered)
    return marshal.dumps(record, MARSHAL_VERSION)


def _chart_data(nodes) -> tuple:
    return tuple((n.role, n.label, n.covers, n.note, _chart_data(n.children)) for n in nodes)


def serialize(kb, stamp: dict) -> list[bytes]:
    """The whole cache file for a valid, checked knowledge base, as chunks to write one after the other."""
    from array import array

    from . import orgchart
    from .search import role_names, search_index

    places, covered = orgchart.placements(kb), orgchart.covered_by(kb)
    records, offsets, crcs = [], array("Q", [0]), array("I")
    for rid, role in kb.roles.items():
        record = _role_record(kb, role, places.get(rid, []), covered.get(rid, []))
        records.append(record)
        offsets.append(offsets[-1] + len(record))
        crcs.append(zlib.crc32(record))
    core = {
        "version": kb.version, "rome": kb.rome,
        "sources": [tuple(s) for s in kb.sources.values()],
        "families": [tuple(f) for f in kb.families.values()],
        "glossary": [tuple(t) for t in kb.glossary.values()],
        "structure_names": {s.id: s.name for s in kb.structures.values()},
        "role_ids": list(kb.roles), "offsets": offsets.tobytes(), "crcs": crcs.tobytes(),
    }
    structures = [(s.id, s.name, s.description, _chart_data(s.chart), s.sources) for s in kb.structures.values()]
    names = role_names(kb).state()
    index = search_index(kb)
    from .search import TEXT_FIELDS

    # postings: for each word of the sorted vocabulary, its name docs then, per kind of text, its roles; all in
    # one blob, found through an offsets array (six per word), so that a search reads only the words it needs
    blob, posting_offsets, posting_crcs = [], array("Q", [0]), array("I")
    mappings = (index.name_postings, *(index.text_postings[field] for field in TEXT_FIELDS))
    end = 0
    for word in index.vocabulary:
        for mapping in mappings:
            numbers = mapping.get(word)
            raw = numbers.tobytes() if numbers is not None else b""
            blob.append(raw)
            end += len(raw)
            posting_offsets.append(end)
            posting_crcs.append(zlib.crc32(raw))
    search = {"sort_titles": index.sort_titles, "first_doc": index.first_doc.tobytes(),
              "doc_field": index.doc_field, "doc_len": index.doc_len.tobytes(), "vocabulary": index.vocabulary,
              "offsets": posting_offsets.tobytes(), "crcs": posting_crcs.tobytes()}
    marshalled = [(name, marshal.dumps(value, MARSHAL_VERSION))
                  for name, value in (("core", core), ("structures", structures), ("names", names),
                                      ("search", search))]
    parts = [(name, [data], len(data), zlib.crc32(data)) for name, data in marshalled]
    parts += [("roles", records, offsets[-1], None), ("postings", blob, end, None)]
    meta = dict(stamp, sections={}, total=0)
    # two passes: the meta's own length moves every offset
    for _ in range(2):
        head = marshal.dumps(meta, MARSHAL_VERSION)
        offset = _HEADER.size + len(head)
        sections = {}
        for name, _chunks, length, crc in parts:
            sections[name] = (offset, length, crc)
            offset += length
        meta = dict(stamp, sections=sections, total=offset)
    head = marshal.dumps(meta, MARSHAL_VERSION)
    assert _HEADER.size + len(head) == sections["core"][0]
    return [_HEADER.pack(MAGIC, len(head)), head, *(chunk for _n, chunks, _l, _c in parts for chunk in chunks)]


def store(base: Path, kb, stamp: dict, progress=None) -> None:
    """Write the cache; any failure just leaves no cache (or the previous one) behind."""
    from .files import write_atomic

    path = cache_file(base)
    if path is None:
        return
    try:
        if progress is not None:
            progress.phase("Index de recherche et cache")
        data = serialize(kb, stamp)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, replace=True)
    except (OSError, MemoryError):
        pass


# --- the knowledge base, read from a cache -------------------------------------------------------------


class LazyRoles(Mapping):
    """role id -> Role, each built from its record on first use."""

    def __init__(self, reader: CacheReader, ids: list[str], offsets, crcs):
        self._reader, self._ids, self._offsets, self._crcs = reader, ids, offsets, crcs
        self._position = {rid: i for i, rid in enumerate(ids)}
        self._roles: dict = {}
        self._records: dict = {}

    def record(self, role_id: str) -> dict:
        record = self._records.get(role_id)
        if record is None:
            i = self._position[role_id]
            data = self._reader.blob("roles", self._offsets[i], self._offsets[i + 1], self._crcs[i])
            try:
                record = self._records[role_id] = marshal.loads(data)
            except (EOFError, ValueError, TypeError):
                raise CacheMiss("damaged record", self._reader.path) from None
        return record

    def __getitem__(self, role_id: str):
        role = self._roles.get(role_id)
        if role is None:
            from .model import Distinction, Experience, Role, Salary, Skills

            record = dict(self.record(role_id))
            record.pop("_placements"), record.pop("_covered_by")
            record["skills"] = Skills(*record["skills"])
            record["distinctions"] = tuple(Distinction(*d) for d in record["distinctions"])
            record["salary"] = Salary(*record["salary"]) if record["salary"] else None
            record["experience"] = Experience(*record["experience"]) if record["experience"] else None
            role = self._roles[role_id] = Role(**record)
        return role

    def __contains__(self, role_id) -> bool:
        return role_id in self._position

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class _PerRole(Mapping):
    """role id -> a list computed from that role's record (placements, covering roles)."""

    def __init__(self, roles: LazyRoles, build: Callable[[str, dict], list]):
        self._roles, self._build, self._done = roles, build, {}

    def __getitem__(self, role_id: str) -> list:
        if role_id not in self._done:
            if role_id not in self._roles:
                raise KeyError(role_id)
            self._done[role_id] = self._build(role_id, self._roles.record(role_id))
        return self._done[role_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._roles)

    def __len__(self) -> int:
        return len(self._roles)


class LazyStructures(Mapping):
    """structure id -> Structure, all built from the structures section on first use."""

    def __init__(self, reader: CacheReader, ids: list[str]):
        self._reader, self._ids, self._all = reader, ids, None

    def _load(self) -> dict:
        if self._all is None:
            from .model import ChartNode, Structure

            def nodes(data) -> tuple:
                return tuple(ChartNode(role, label, covers, note, nodes(children))
                             for role, label, covers, note, children in data)

            self._all = {sid: Structure(sid, name, description, nodes(chart), sources)
                         for sid, name, description, chart, sources in self._reader.section("structures")}
        return self._all

    def __getitem__(self, structure_id: str):
        return self._load()[structure_id]

    def __contains__(self, structure_id) -> bool:
        return structure_id in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def read(base: Path):
    """The knowledge base from its fresh cache (records built lazily), or CacheMiss."""
    from array import array

    from .model import Family, KnowledgeBase, Source, Term

    reader = open_cache(base)
    core = reader.section("core")
    offsets, crcs = array("Q"), array("I")
    offsets.frombytes(core["offsets"])
    crcs.frombytes(core["crcs"])
    roles = LazyRoles(reader, core["role_ids"], offsets, crcs)
    kb = KnowledgeBase(
        version=core["version"],
        sources={s[0]: Source(*s) for s in core["sources"]},
        families={f[0]: Family(*f) for f in core["families"]},
        roles=roles,
        structures=LazyStructures(reader, list(core["structure_names"])),
        glossary={t[0]: Term(*t) for t in core["glossary"]},
        rome=core["rome"], path=str(base), structure_names=core["structure_names"],
    )
    kb.provided.update(
        placements=lambda: _PerRole(roles, _placements_from),
        covered_by=lambda: _PerRole(roles, lambda rid, record: list(record["_covered_by"])),
        role_names=lambda: _names_from(reader),
        search=lambda: _search_from(reader, kb),
    )
    return kb


def _placements_from(role_id: str, record: dict) -> list:
    from .model import ChartNode
    from .orgchart import Placement

    return [Placement(structure, ChartNode(role_id, None, covers, note, ()), above, manages, group)
            for structure, above, manages, group, covers, note in record["_placements"]]


def _names_from(reader: CacheReader):
    from .search import NameIndex

    return NameIndex.from_state(reader.section("names"))


def _search_from(reader: CacheReader, kb):
    from array import array

    from .search import TEXT_FIELDS, SearchIndex, role_docs

    data = reader.section("search")

    def unpack(raw: bytes, code: str = "I") -> array:
        values = array(code)
        values.frombytes(raw)
        return values

    first_doc = unpack(data["first_doc"])
    role_ids = list(kb.roles)
    postings = _Postings(reader, data["vocabulary"], unpack(data["offsets"], "Q"), unpack(data["crcs"]))

    def text_of(doc: int) -> str:
        """A text comes from its role's card: read only for the results shown."""
        role = index.role_of(doc)
        return role_docs(kb, kb.roles[role_ids[role]])[doc - first_doc[role]][1]

    index = SearchIndex(
        role_ids, data["sort_titles"], first_doc, data["doc_field"], unpack(data["doc_len"]),
        postings.view(0), {field: postings.view(i) for i, field in enumerate(TEXT_FIELDS, 1)},
        data["vocabulary"], text_of, lambda role: kb.roles[role_ids[role]].title)
    return index


class _Postings:
    """The postings blob of a cache: each list read on demand and checked against its own CRC."""

    LISTS = 5  # name docs, then roles for each of the four kinds of text

    def __init__(self, reader: CacheReader, vocabulary: list[str], offsets, crcs):
        self.reader, self.vocabulary, self.offsets, self.crcs = reader, vocabulary, offsets, crcs

    def numbers(self, word: str, position: int):
        import bisect
        from array import array

        i = bisect.bisect_left(self.vocabulary, word)
        if i == len(self.vocabulary) or self.vocabulary[i] != word:
            return None
        slot = i * self.LISTS + position
        start, end = self.offsets[slot], self.offsets[slot + 1]
        if start == end:
            return None
        values = array("I")
        values.frombytes(self.reader.blob("postings", start, end, self.crcs[slot]))
        return values

    def view(self, position: int) -> _PostingsView:
        return _PostingsView(self, position)


class _PostingsView(Mapping):
    """word -> numbers, for one of the lists kept per word."""

    def __init__(self, postings: _Postings, position: int):
        self._postings, self._position, self._done = postings, position, {}

    def __getitem__(self, word: str):
        values = self._done.get(word)
        if values is None:
            values = self._postings.numbers(word, self._position)
            if values is None:
                raise KeyError(word)
            self._done[word] = values
        return values

    def get(self, word: str, default=None):
        try:
            return self[word]
        except KeyError:
            return default

    def __iter__(self):
        return (w for w in self._postings.vocabulary if self.get(w) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


# --- looking after the cache folder ---------------------------------------------------------------------


def entries() -> list[dict]:
    """Every cache file of the folder: its size, the base it is for, and whether it can still be used."""
    folder = cache_dir()
    if folder is None or not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        entry = {"file": str(path), "size": path.stat().st_size, "base": None, "state": "illisible"}
        try:
            meta = CacheReader(path, None).meta
            entry["base"] = meta.get("path")
            base = Path(entry["base"])
            fresh = base.is_file() and all(meta.get(k) == v for k, v in _stamp(base).items())
            entry["state"] = "à jour" if fresh else "périmé"
        except (CacheMiss, OSError, KeyError, TypeError, ValueError):
            pass
        found.append(entry)
    return found


def clear() -> tuple[int, int]:
    """Delete every cache file (and any temporary one left by an interrupted write): (files, bytes)."""
    folder = cache_dir()
    if folder is None or not folder.is_dir():
        return 0, 0
    count = size = 0
    for path in [*folder.glob(f"*{SUFFIX}"), *folder.glob(f".*{SUFFIX}.*.tmp")]:
        try:
            size += path.stat().st_size
            path.unlink()
            count += 1
        except OSError:
            pass
    return count, size


# --- the entry point -----------------------------------------------------------------------------------


def load_cached(base: Path, progress=None):
    """The base at ``base``: from its cache when fresh, else read, checked, and cached for next time."""
    try:
        return read(base)
    except CacheMiss:
        pass
    except (OSError, KeyError, TypeError, ValueError):
        pass  # anything odd in a cache means: don't trust it
    from .kb import KnowledgeBaseError, load_checked
    import gc

    try:
        stamp = _stamp(base)  # taken before reading: a base edited meanwhile is simply read again next time
    except OSError:
        stamp = None  # load_checked says why in a clear message
    enabled = gc.isenabled()
    gc.disable()  # a large base is millions of objects, none in a cycle: collecting them is pure overhead
    try:
        kb, problems = load_checked(base, progress=progress)
        if problems:
            raise KnowledgeBaseError(problems)
        if stamp is not None:
            store(base, kb, stamp, progress)
    finally:
        if enabled:
            gc.enable()
    return kb


def core_of(base: Path) -> dict | None:
    """The core section (ids, names, glossary) of a base's fresh cache, or None: for completion."""
    try:
        core = open_cache(base).section("core")
    except (CacheMiss, OSError, KeyError, TypeError, ValueError):
        return None
    return core if isinstance(core, dict) else None
