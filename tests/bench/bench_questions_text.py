"""Text work on residents' questions: sensitive words, duplicate suggestions, masking.

All inputs are synthetic and seeded, built before the clock starts:

(a) ``SensitiveWords.matches`` on a 500-character text against 5 000 words: the default
    list plus words of 2-4 characters drawn from the characters of the question corpus
    (so the trie is walked often, as with a real list). Target: well under 1 ms.
(b) ``DuplicateIndex.similar`` against an index of 10 000 generated village questions
    (60 subjects × many places, complaints and asks), for questions not in the index.
    Target: < 2 ms per query. Also the time to build the index.
(c) ``mask_personal_data`` on a question of ~80 characters holding a mobile number, an
    address and a name.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable
from pathlib import Path

from studio_app.domain.masking import mask_personal_data
from studio_app.domain.sensitive import SensitiveWords, parse_word_list
from studio_app.domain.similarity import DuplicateIndex
from tests.bench.figures import BenchmarkError, Figure, Target

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_WORDS = REPO_ROOT / "resources" / "sensitive_words" / "default.txt"

WORDS = 5_000
TEXT_CHARS = 500
INDEX_SIZE = 10_000
RUNS = 2_000
QUICK_RUNS = 200
WARMUP = 50

PLACES = (
    "村口",
    "村东头",
    "三组",
    "学校门口",
    "镇上",
    "我家门前",
    "河边",
    "小区",
    "卫生室旁边",
    "老街",
    "新村",
    "村委会门口",
    "桥头",
    "菜市场",
    "后山",
    "广场",
    "五组",
    "七组",
)
SUBJECTS = (
    "路灯",
    "水泥路",
    "自来水",
    "医保",
    "养老金",
    "低保",
    "垃圾桶",
    "校车",
    "宅基地",
    "危房改造",
    "种粮补贴",
    "宽带",
    "公交",
    "护栏",
    "排水沟",
    "卫生室",
    "广场舞音响",
    "高龄补贴",
    "残疾证",
    "户口",
    "身份证",
    "社保",
    "暖气",
    "天然气",
    "电费",
    "化肥",
    "玉米收购",
    "小麦种子",
    "生猪养殖",
    "土地流转",
    "征地补偿",
    "厕所改造",
    "河道",
    "绿化带",
    "监控",
    "红白喜事",
    "快递点",
    "老年食堂",
    "幼儿园",
    "学区",
    "助学金",
    "招工信息",
    "拖欠工资",
    "邻里纠纷",
    "停车",
    "违章",
    "驾照",
    "农村医保",
    "大病救助",
    "五保户",
    "退役军人",
    "结婚登记",
    "出生证明",
    "殡葬",
    "防汛",
    "秸秆焚烧",
    "野猪",
    "空心房",
    "危桥",
    "水井",
)
COMPLAINTS = (
    "坏了三个月了",
    "一直没人管",
    "问题反映好几次了",
    "太差了",
    "不够用",
    "经常出问题",
    "收费太高",
    "听说要调整",
    "去年就说要弄",
    "大家意见很大",
    "",
    "",
    "",
)
ASKS = (
    "什么时候能修？",
    "怎么申请？",
    "找谁反映？",
    "需要什么材料？",
    "今年还有吗？",
    "每年交多少钱？",
    "能不能解决一下？",
    "啥时候能弄好啊",
    "到底归哪个部门管？",
    "去哪里办理？",
    "有什么政策？",
    "为什么还没到账？",
    "能不能加装？",
)


def question_corpus(count: int, seed: int) -> list[str]:
    """``count`` synthetic village questions (seeded, may repeat)."""
    pick = random.Random(seed).choice
    return [
        f"{pick(PLACES)}的{pick(SUBJECTS)}{pick(COMPLAINTS)}，{pick(ASKS)}" for _ in range(count)
    ]


def _word_list(seed: int) -> list[str]:
    rng = random.Random(seed)
    words = parse_word_list(DEFAULT_WORDS.read_text(encoding="utf-8"))
    chars = [c for c in "".join(question_corpus(2_000, seed)) if "\u4e00" <= c <= "\u9fff"]
    seen = set(words)
    while len(words) < WORDS:
        word = "".join(rng.choice(chars) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def _sensitive_text(seed: int) -> str:
    text = "".join(question_corpus(40, seed + 1))[: TEXT_CHARS - 20]
    text = text[:100] + "赌*博" + text[100:300] + "網 賭" + text[300:] + "F.U.C.K"
    return text[:TEXT_CHARS].ljust(TEXT_CHARS, "。")


def _time_ms(call: Callable[[], object], runs: int) -> list[float]:
    samples: list[float] = []
    gc.collect()
    for index in range(WARMUP + runs):
        started = time.perf_counter()
        call()
        elapsed = time.perf_counter() - started
        if index >= WARMUP:
            samples.append(elapsed * 1000)
    return samples


def run(quick: bool) -> list[Figure]:
    """Measure (a), (b) and (c)."""
    runs = QUICK_RUNS if quick else RUNS

    words = SensitiveWords(_word_list(7))
    text = _sensitive_text(7)
    if len(words) < WORDS or not words.matches(text):
        raise BenchmarkError("sensitive-word fixture is wrong: too few words or no hit")
    match_ms = _time_ms(lambda: words.matches(text), runs)

    started = time.perf_counter()
    index: DuplicateIndex[int] = DuplicateIndex(enumerate(question_corpus(INDEX_SIZE, 11)))
    build_ms = (time.perf_counter() - started) * 1000
    queries = question_corpus(WARMUP + runs, 12)
    hits = 0
    query_ms: list[float] = []
    gc.collect()
    for position, query in enumerate(queries):
        started = time.perf_counter()
        found = index.similar(query)
        elapsed = time.perf_counter() - started
        hits += bool(found)
        if position >= WARMUP:
            query_ms.append(elapsed * 1000)
    if not hits:
        raise BenchmarkError("no query found a similar question: the fixture is wrong")

    question = "我叫王小明，手机13800138000，住人民路88号5栋2单元301室，门口的路灯坏了三个月了。"
    mask_ms = _time_ms(lambda: mask_personal_data(question, names=["王小明"]), runs)

    return [
        Figure.of(
            "text.sensitive_5k_words.match_500_chars",
            "ms",
            match_ms,
            spread="p99",
            target=Target(1.0, requirement="5 000 words, 500-char text: well under 1 ms"),
            note="normalise (width, case, traditional, symbols dropped) + trie walk",
            words=len(words),
            chars=TEXT_CHARS,
        ),
        Figure.of(
            "text.duplicates_10k.similar",
            "ms",
            query_ms,
            spread="p99",
            target=Target(2.0, requirement="< 2 ms per query with 10 000 questions indexed"),
            note=f"{hits}/{len(queries)} queries had a suggestion at the default threshold",
            index=INDEX_SIZE,
        ),
        Figure.of("text.duplicates_10k.build", "ms", [build_ms], spread="max", index=INDEX_SIZE),
        Figure.of(
            "text.masking.question_80_chars",
            "ms",
            mask_ms,
            spread="p99",
            note="mobile + address + context name + asker name, masked and re-checked",
        ),
    ]
