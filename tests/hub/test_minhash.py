from hypothesis import given
from hypothesis import strategies as st

from toshiken.hub.minhash import LshIndex, MinHasher, estimate, jaccard, shingles


def test_shingles_and_jaccard() -> None:
    assert shingles("あいう") == {"あい", "いう", "あいう"}
    assert shingles("あ") == {"あ"}
    assert jaccard(shingles("熊本市"), shingles("熊本市")) == 1.0


def test_estimate_tracks_jaccard() -> None:
    hasher = MinHasher(num_perm=128)
    a = shingles("くまもと都市圏合同就職説明会を開催します")
    b = shingles("くまもと都市圏合同就職説明会の開催について")
    assert abs(estimate(hasher.signature(a), hasher.signature(b)) - jaccard(a, b)) < 0.15


@given(st.text(min_size=1, max_size=40))
def test_identical_text_is_always_a_candidate(text: str) -> None:
    hasher, index = MinHasher(), LshIndex()
    signature = hasher.signature(shingles(text))
    index.insert("k", signature)
    assert index.candidates(signature) == ["k"]
    assert estimate(signature, signature) == 1.0


def test_candidates_are_the_newest_first_each_once() -> None:
    hasher, index = MinHasher(), LshIndex()
    signature = hasher.signature(shingles("合同就職説明会"))
    for key in ("old", "mid", "new"):
        index.insert(key, signature)
    assert index.candidates(signature) == ["new", "mid", "old"]
    assert index.candidates(signature, 2) == ["new", "mid"]
    other = hasher.signature(shingles("まったく別の話題です"))
    assert "new" not in index.candidates(other)
