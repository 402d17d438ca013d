"""Cross-source deduplication: exact by canonical key, near by n-gram MinHash on title and lead."""

from __future__ import annotations

import difflib
import re
import struct
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from toshiken.hub.dates import canonical_dates, to_western_years
from toshiken.hub.minhash import LshIndex, MinHasher, jaccard, shingles
from toshiken.hub.model import Item, MergedItem
from toshiken.hub.normalize import match_key, normalize_text

TITLE_THRESHOLD = 0.5  # Jaccard of title n-grams alone
SHARED_TITLE_THRESHOLD = 0.3  # when both carry a partnership word
COMBINED_THRESHOLD = 0.45  # Jaccard of title + lead n-grams, when the titles agree somewhat
COMBINED_TITLE_FLOOR = 0.3
LEAD_CHARS = 120
MAX_CANDIDATES = 32  # the newest LSH candidates checked exactly (see minhash.LshIndex)
# Phrases that say nothing about which story it is.
_BOILERPLATE = re.compile(
    r"(のお知らせ|お知らせ|についてのご案内|について|のご案内|ご案内|を開催します|開催します|"
    r"が開催されます|開催されます|開催のお知らせ|の開催|開催|を実施します|実施します|の実施|実施|"
    r"を行います|します|です|"
    r"[【】\[\]「」『』()〈〉<>|!?・、。:])"
)
_NUMBER = re.compile(r"\d+")
# Words that mark a story several members publish together.
SHARED_MARKERS = ("連携中枢", "都市圏", "圏域", "合同", "共同", "広域", "連携")
# Words that make a different story of the same event: present on one side only, they veto.
STATUS_WORDS = ("中止", "延期", "変更", "休館", "休園", "結果", "交通規制", "募集", "出店", "工事")
# A content word: any kanji, katakana or alphanumeric, or two hiragana (みかん; not a particle).
_CONTENT = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ffA-Za-z0-9]|[\u3041-\u309f]{2}")
_NONE: frozenset[str] = frozenset()  # one shared empty set: most fingerprints name no member


def _frozen(values: Iterable[str]) -> frozenset[str]:
    """frozenset(values), the shared empty one when empty (Python 3.11 makes a new one each time:
    216 bytes per fingerprint, 18,000 fingerprints nationwide)."""
    found = frozenset(values)
    return found if found else _NONE


def dedup_text(text: str, own_name: str = "") -> str:
    """What near-duplicate detection compares: normalised, dates as digits, boilerplate and the
    publisher's own name removed."""
    text = canonical_dates(to_western_years(normalize_text(text)))
    if own_name:
        text = text.replace(own_name, " ")
    return match_key(_BOILERPLATE.sub(" ", text))


@dataclass(frozen=True)
class Fingerprint:
    """What matching compares. Kept small: an index holds one per item (nationwide, tens of
    thousands), so n-grams are made again when a candidate is checked (a few per new item)
    rather than kept."""

    key: str  # dedup_text of the title
    lead_key: str  # dedup_text of the lead's start
    numbers: frozenset[str]
    named: frozenset[str]  # members whose names the text holds
    shared: bool  # the text holds a partnership word
    signature: tuple[int, ...]  # () once placed in an index (which keeps it packed)

    @property
    def title(self) -> frozenset[str]:
        return shingles(self.key)

    @property
    def combined(self) -> frozenset[str]:
        return self.title | shingles(self.lead_key)


class NameFinder:
    """Which members a text names: names indexed by their first two characters, so that a text
    is read once however many members there are (1,741 nationwide)."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self._short: list[tuple[str, str]] = []  # one-character names, if any
        self._by_prefix: dict[str, list[tuple[str, str]]] = {}
        for code, name in names.items():
            if len(name) >= 2:
                self._by_prefix.setdefault(name[:2], []).append((name, code))
            elif name:
                self._short.append((name, code))

    def codes_in(self, text: str) -> frozenset[str]:
        found = {code for name, code in self._short if name in text}
        for i in range(len(text) - 1):
            for name, code in self._by_prefix.get(text[i : i + 2], ()):
                if text.startswith(name, i):
                    found.add(code)
        return _frozen(found)


def fingerprint(
    item: Item,
    hasher: MinHasher,
    own_name: str = "",
    names: Mapping[str, str] | NameFinder = {},  # noqa: B006 (read only)
    signature: tuple[int, ...] | None = None,
) -> Fingerprint:
    """What matching compares; a stored `signature` (after a restart) saves hashing again.
    `names`: the members' names by code (or a NameFinder made of them, when there are many)."""
    title_key = dedup_text(item.title, own_name)
    lead_key = dedup_text(item.lead[:LEAD_CHARS], own_name)
    title_grams = shingles(title_key)
    numbers = _frozen(_NUMBER.findall(title_key))
    text = normalize_text(f"{item.title} {item.lead}")
    finder = names if isinstance(names, NameFinder) else NameFinder(names)
    named = finder.codes_in(text)
    shared = any(marker in text for marker in SHARED_MARKERS)
    if signature is None or len(signature) != len(hasher.masks):
        signature = hasher.signature(title_grams | shingles(lead_key))
    return Fingerprint(title_key, lead_key, numbers, named, shared, signature)


def _numbers_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """第1回 vs 第2回, 6月 vs 7月: both titles carry numbers and neither set holds the other."""
    return bool(a and b and not (a <= b or b <= a))


def _substituted(a: str, b: str) -> bool:
    """春 vs 秋, 梨 vs みかん, ランナー vs ボランティア: a content word replaced, not just added."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return any(
        tag == "replace" and _CONTENT.search(a[i1:i2]) and _CONTENT.search(b[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    )


def _status_flip(a: str, b: str) -> bool:
    return any((word in a) != (word in b) for word in STATUS_WORDS)


def _separate_stories(a: Item, fa: Fingerprint, b: Item, fb: Fingerprint) -> bool:
    """Different members' own notices (児童手当の現況届 in every town) are different stories.

    Across members, a shared story shows itself: a partnership word, or one member naming the
    other (or both naming a third). Similar leads prove nothing: members copy boilerplate.
    """
    if a.source_id == b.source_id:
        return True  # one list does not post a story twice under two addresses
    if a.municipality == b.municipality:
        return False
    if fa.shared or fb.shared:
        return False
    return not (b.municipality in fa.named or a.municipality in fb.named or fa.named & fb.named)


def is_near_duplicate(a: Item, fa: Fingerprint, b: Item, fb: Fingerprint) -> bool:
    """Same story? Exact key, or similar n-grams with no numeric, wording or separate-story veto.

    Fingerprints must come from `fingerprint(item, hasher, own_name, names)` with the members'
    names, so that a member naming another is seen.
    """
    if a.key == b.key:
        return True
    if _separate_stories(a, fa, b, fb):  # cheapest veto first: most candidates end here
        return False
    title_a, title_b = fa.title, fb.title
    title_sim = jaccard(title_a, title_b)
    if title_sim < min(SHARED_TITLE_THRESHOLD, COMBINED_TITLE_FLOOR):
        return False
    if _numbers_conflict(fa.numbers, fb.numbers):
        return False
    if _status_flip(fa.key, fb.key) or _substituted(fa.key, fb.key):
        return False
    if title_sim >= (SHARED_TITLE_THRESHOLD if fa.shared and fb.shared else TITLE_THRESHOLD):
        return True
    return (
        title_sim >= COMBINED_TITLE_FLOOR
        and jaccard(title_a | shingles(fa.lead_key), title_b | shingles(fb.lead_key))
        >= COMBINED_THRESHOLD
    )


class DedupIndex:
    """Items seen so far, grouped into merged items; feed it new items one at a time."""

    def __init__(self, names: Mapping[str, str] = {}, hasher: MinHasher | None = None) -> None:
        self.names = dict(names)
        self.finder = NameFinder(self.names)
        self.hasher = hasher or MinHasher()
        self._lsh = LshIndex()
        self._prints: dict[str, tuple[Item, Fingerprint]] = {}  # item key -> item, fingerprint
        self._signatures: dict[str, bytes] = {}  # item key -> packed signature, until stored
        self._group_of: dict[str, str] = {}  # item key -> merged id
        self._groups: dict[str, MergedItem] = {}

    def __len__(self) -> int:
        return len(self._groups)

    def add(self, item: Item) -> MergedItem:
        """Place one item: into the merged item of its key or of a near duplicate, or a new one."""
        if item.key in self._group_of:
            return self._join(self._group_of[item.key], item)
        own = self.names.get(item.municipality, "")
        print_ = fingerprint(item, self.hasher, own, self.finder)
        target = None
        for key in self._lsh.candidates(print_.signature, MAX_CANDIDATES):
            other, other_print = self._prints[str(key)]
            if is_near_duplicate(item, print_, other, other_print):
                target = self._group_of[other.key]
                break
        self._keep(item, print_)
        if target is None:
            self._group_of[item.key] = item.key
            self._groups[item.key] = MergedItem(id=item.key, primary=item, members=(item,))
            return self._groups[item.key]
        self._group_of[item.key] = target
        return self._join(target, item)

    def restore(
        self, group_id: str, members: Sequence[tuple[Item, bytes | tuple[int, ...] | None]]
    ) -> None:
        """Put back a stored merged item as it was decided (no matching), e.g. after a restart.
        Signatures may come packed as stored (64 big-endian uint64): unpacked one at a time, as
        18,000 unpacked at once held ~50 MB of Python ints."""
        for item, signature in members:
            if item.key not in self._prints:
                own = self.names.get(item.municipality, "")
                if isinstance(signature, bytes):
                    signature = struct.unpack(f">{len(signature) // 8}Q", signature)
                print_ = fingerprint(item, self.hasher, own, self.finder, signature or None)
                self._keep(item, print_, stored=True)
            self._group_of.setdefault(item.key, group_id)
            if group_id not in self._groups:
                self._groups[group_id] = MergedItem(id=group_id, primary=item, members=(item,))
            else:
                self._join(group_id, item)

    def _keep(self, item: Item, print_: Fingerprint, stored: bool = False) -> None:
        self._lsh.insert(item.key, print_.signature)
        if not stored:  # a restored item's signature is in storage already
            packed = struct.pack(f">{len(print_.signature)}Q", *print_.signature)
            self._signatures[item.key] = packed
        self._prints[item.key] = (item, replace(print_, signature=()))

    def signature(self, key: str) -> tuple[int, ...] | None:
        """The MinHash signature of an item added to the index and not yet taken (for storage)."""
        packed = self._signatures.get(key)
        return struct.unpack(f">{len(packed) // 8}Q", packed) if packed else None

    def take_signature(self, key: str) -> tuple[int, ...] | None:
        """`signature`, then forgotten: storage takes each once (512 bytes an item, which a
        long-running collector would otherwise keep for every item it ever saw)."""
        found = self.signature(key)
        self._signatures.pop(key, None)
        return found

    def _join(self, group_id: str, item: Item) -> MergedItem:
        group = self._groups[group_id]
        if any(m.key == item.key and m.source_id == item.source_id for m in group.members):
            return group
        group = replace(group, members=(*group.members, item))
        self._groups[group_id] = group
        return group

    def extend(self, items: Iterable[Item]) -> None:
        for item in items:
            self.add(item)

    def merged(self) -> list[MergedItem]:
        return list(self._groups.values())
