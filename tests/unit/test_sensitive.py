"""Unit tests for studio_app.domain.sensitive: normalisation, matching, the default list."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio_app.domain.sensitive import (
    Hit,
    SensitiveWords,
    normalise,
    parse_word_list,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_LIST = REPO_ROOT / "resources" / "sensitive_words" / "default.txt"

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, database=None)


@pytest.fixture(scope="module")
def default_words() -> SensitiveWords:
    return SensitiveWords.from_file(DEFAULT_LIST)


# ---------------------------------------------------------------- normalise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("赌博", "赌博"),
        ("ＡＢＣ１２３", "abc123"),  # full width → half width, lower case
        ("FuCk", "fuck"),
        ("賭博網站", "赌博网站"),  # traditional → simplified
        ("後來個們裡", "后来个们里"),
        ("赌 博", "赌博"),
        ("赌\u3000博", "赌博"),  # ideographic space
        ("赌\u200b博", "赌博"),  # zero-width space
        ("赌\u200d\ufeff博", "赌博"),  # zero-width joiner, BOM
        ("赌😀博", "赌博"),  # emoji
        ("赌❤️博", "赌博"),  # emoji + variation selector
        ("赌、博。", "赌博"),
        ("F.U.C.K", "fuck"),
        ("f-u_c*k!", "fuck"),
        ("①②", "12"),
        ("㎏", "kg"),  # one original character, two normalised ones
        ("Straße", "strasse"),  # case folding
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text)[0] == expected


def test_normalise_maps_back_to_the_original() -> None:
    text = "賭 博ＡＢ㎏😀x\u200by"
    normalised, origin = normalise(text)
    assert normalised == "赌博abkgxy"
    assert origin == [0, 2, 3, 4, 5, 5, 7, 9]


@given(st.text(max_size=60))
@PROPERTY_SETTINGS
def test_normalise_map_is_increasing_and_points_at_the_source(text: str) -> None:
    normalised, origin = normalise(text)
    assert len(origin) == len(normalised)
    assert origin == sorted(origin)
    assert all(0 <= index < len(text) for index in origin)
    # Each normalised character comes from its original character alone.
    for char, index in zip(normalised, origin, strict=True):
        assert char in normalise(text[index])[0]


@given(st.text(max_size=60))
@PROPERTY_SETTINGS
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)[0]
    assert normalise(once)[0] == once


# ---------------------------------------------------------------- matching

GAMBLING = SensitiveWords(["赌博", "网赌", "fuck", "ass", "他妈的"])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("赌博", ["赌博"]),
        ("赌 博", ["赌 博"]),
        ("赌*博", ["赌*博"]),
        ("賭博", ["賭博"]),
        ("赌、博", ["赌、博"]),
        ("赌\u200b博", ["赌\u200b博"]),
        ("我们村有人赌！博，谁管？", ["赌！博"]),
        ("F.U.C.K", ["F.U.C.K"]),
        ("ｆｕｃｋ this", ["ｆｕｃｋ"]),
        ("what the f u c k.", ["f u c k"]),
        ("網賭和赌博", ["網賭", "赌博"]),
        ("他 妈 的", ["他 妈 的"]),
        ("kick his ass", ["ass"]),
    ],
)
def test_matches(text: str, found: list[str]) -> None:
    hits = GAMBLING.matches(text)
    assert [text[h.start : h.end] for h in hits] == found


@pytest.mark.parametrize(
    "text",
    [
        "",
        "赌",
        "博彩",  # not listed here
        "ｄｕ博",  # pinyin is not folded
        "this is a class",  # Latin words stand alone: ass in class
        "assess the damage",
        "fuckfuck",  # ... on both sides
        "村里的路灯坏了",
        "赌场",
    ],
)
def test_no_match(text: str) -> None:
    assert GAMBLING.matches(text) == ()


def test_hit_reports_the_listed_spelling_and_span() -> None:
    words = SensitiveWords(["賭博"])
    assert words.matches("有人赌 博") == (Hit("賭博", 2, 5),)


def test_matching_is_leftmost_longest_and_never_overlaps() -> None:
    words = SensitiveWords(["网赌", "赌博", "赌博网站", "网站"])
    text = "网赌博网站"
    hits = words.matches(text)
    assert [text[h.start : h.end] for h in hits] == ["网赌", "网站"]
    hits = words.matches("赌博网站和网站")
    assert [h.word for h in hits] == ["赌博网站", "网站"]


def test_a_latin_word_may_touch_chinese_and_digits_break_it() -> None:
    words = SensitiveWords(["fuck"])
    assert len(words.matches("你fuck我")) == 1
    assert words.matches("fuck2") == ()


def test_from_text_skips_comments_blanks_and_duplicates() -> None:
    words = SensitiveWords.from_text(
        "# a comment\n\n  赌博  \n網賭 # inline comment\n赌 博\n賭博\n   # indented comment\nFUCK\n"
    )
    assert words.words == ("赌博", "網賭", "FUCK")
    assert len(words) == 3


def test_parse_word_list() -> None:
    assert parse_word_list("a\n# b\n\n c # d\n#\n") == ["a", "c"]


def test_words_that_normalise_to_nothing_are_skipped() -> None:
    assert len(SensitiveWords(["", "  ", "***", "😀"])) == 0
    assert SensitiveWords([]).matches("赌博") == ()


def test_from_file_reads_utf8_with_or_without_bom(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("赌博\n", encoding="utf-8")
    bom = tmp_path / "bom.txt"
    bom.write_text("赌博\n", encoding="utf-8-sig")
    for path in (plain, bom):
        assert SensitiveWords.from_file(path).words == ("赌博",)
    assert SensitiveWords.from_file(str(plain)).words == ("赌博",)


# ---------------------------------------------------------------- the default list


def test_default_list_loads_and_has_no_duplicates(default_words: SensitiveWords) -> None:
    listed = parse_word_list(DEFAULT_LIST.read_text(encoding="utf-8"))
    assert 50 <= len(listed) <= 100
    keys = [normalise(word)[0] for word in listed]
    assert all(keys)
    assert len(set(keys)) == len(keys), "duplicates after normalisation"
    assert len(default_words) == len(listed)


def test_default_list_words_match_themselves(default_words: SensitiveWords) -> None:
    for word in default_words.words:
        hits = default_words.matches(f"——{word}——")
        assert [h.word for h in hits] == [word]


@pytest.mark.parametrize(
    "text", ["赌 博", "赌*博", "賭博", "赌、博", "赌\u200b博", "F.U.C.K", "網賭", "他 媽 的"]
)
def test_default_list_catches_the_usual_dodges(default_words: SensitiveWords, text: str) -> None:
    assert default_words.matches(text)


@pytest.mark.parametrize(
    "text",
    [
        "村口的路灯坏了三个月了，什么时候修？",
        "体操队的场地能不能借用？",
        "城乡居民养老金什么时候开始发？",
        "This is a class about classic assessment.",
        "我们村的博物馆什么时候开放？",
    ],
)
def test_default_list_leaves_ordinary_questions_alone(
    default_words: SensitiveWords, text: str
) -> None:
    assert default_words.matches(text) == ()


def test_traditional_forms_of_the_default_list_match(default_words: SensitiveWords) -> None:
    import zhconv  # type: ignore[import-untyped]

    for word in default_words.words:
        traditional = zhconv.convert(word, "zh-hant")
        assert default_words.matches(traditional), (word, traditional)


# ---------------------------------------------------------------- properties

#: What people insert between characters: spaces, punctuation, symbols, emoji, zero-width.
FILLERS = st.text(
    alphabet=st.sampled_from(
        " \u3000\t.,;:!?*-_/\\|~·、，。！？…“”《》【】()（）\u200b\u200c\u200d\ufeff😀❤️✨★☆♥"
    ),
    max_size=3,
)
CHINESE_CONTEXT = st.text(alphabet=st.sampled_from("村里有人在说这个问题，。！"), max_size=6)


@given(data=st.data(), word_index=st.integers(min_value=0))
@PROPERTY_SETTINGS
def test_symbols_inserted_between_characters_still_match(
    default_words: SensitiveWords, data: st.DataObject, word_index: int
) -> None:
    word = default_words.words[word_index % len(default_words)]
    fillers = [data.draw(FILLERS) for _ in range(len(word) - 1)]
    disguised = word[0] + "".join(f + c for f, c in zip(fillers, word[1:], strict=True))
    before, after = data.draw(CHINESE_CONTEXT), data.draw(CHINESE_CONTEXT)
    text = before + disguised + after
    single = SensitiveWords([word])
    hits = single.matches(text)
    assert [h.word for h in hits] == [word]
    assert hits[0].start == len(before)
    assert hits[0].end == len(before) + len(disguised)


@given(st.text(max_size=80))
@PROPERTY_SETTINGS
def test_hits_are_ordered_disjoint_and_inside_the_text(text: str) -> None:
    hits = GAMBLING.matches(text)
    previous_end = 0
    for hit in hits:
        assert previous_end <= hit.start < hit.end <= len(text)
        previous_end = hit.end
