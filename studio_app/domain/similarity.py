"""Near-duplicate suggestions for incoming questions: weighted character n-gram cosine.

A question becomes a set of weighted features, taken from its normalised text
(:func:`studio_app.domain.sensitive.normalise`: width, case, traditional characters and
punctuation folded away) once colloquial variants are folded (啥 → 什么, 咋 → 怎么,
哪儿 → 哪里, 新农合 → 医保 …) and modal particles (的 了 吗 啊 呢 吧 …) dropped:

* its topics (路灯, 道路, 医保, 社保, 低保 …, from a small lexicon of village services),
  weighing most: a shared topic is strong evidence, different topics strong evidence
  against (医保 vs 社保 share most characters);
* its intents, what kind of answer is asked for (when, how, who, how much …); the words
  that say so (什么时候, 找谁 …) are not also taken as characters, so the wording of the
  ask does not outweigh what the question is about;
* its character bigrams, and its characters at a lower weight; those nearly every
  question has (什么, 我们, 村里 …) weigh little.

Weights come from these fixed tables, not from corpus statistics, so a pair scores the same
whatever else is in the index, and the threshold means the same on the first question of a
show as on the ten-thousandth. The score is the cosine of the two weighted feature sets,
between 0 and 1.

:class:`DuplicateIndex` keeps an inverted index from feature to questions and finds the
exact best matches while scoring only a few candidates (see :class:`_Search`).
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Collection, Hashable, Iterable
from typing import Generic, TypeVar

from studio_app.domain.sensitive import normalise

#: Scores at or above this suggest a duplicate; tuned on the labelled pairs in
#: ``tests/unit/test_similarity.py``.
DEFAULT_THRESHOLD = 0.55


def _words(text: str) -> tuple[str, ...]:
    """Split a space-separated word list (keeps long lists of words compact)."""
    return tuple(text.split())


#: Colloquial and short forms folded to one spelling before features are taken.
SYNONYMS: dict[str, str] = {
    "啥时候": "什么时候",
    "多会儿": "什么时候",
    "几时": "什么时候",
    "何时": "什么时候",
    "为啥": "为什么",
    "干啥": "做什么",
    "啥": "什么",
    "咋办": "怎么办",
    "咋样": "怎么样",
    "咋": "怎么",
    "怎样": "怎么",
    "如何": "怎么",
    "哪儿": "哪里",
    "哪块": "哪里",
    "俺们": "我们",
    "咱们": "我们",
    "俺": "我",
    "咱": "我",
    "维修": "修",
    "修理": "修",
    "修好": "修",
    "不亮": "坏",
    "医疗保险": "医保",
    "合作医疗": "医保",
    "新农合": "医保",
    "养老保险金": "养老金",
    "小孩": "孩子",
    "娃娃": "孩子",
    "娃": "孩子",
    "能否": "能不能",
    "可不可以": "能不能",
    "可以": "能不能",
}
_SYNONYM_PATTERN = re.compile("|".join(sorted(map(re.escape, SYNONYMS), key=len, reverse=True)))

#: Modal particles and other characters that carry no meaning of their own: dropped.
STOP_CHARACTERS = frozenset("的了吗啊呢吧呀哦嘛啦哈呗哇嗯哎诶")

#: Bigrams nearly every question contains; they weigh little.
COMMON_BIGRAMS = frozenset(
    _words(
        "什么 么时 时候 怎么 么办 么样 哪里 请问 能不 不能 我们 我家 村里 "
        "为什 多少 有没 没有 是不 不是 一下 现在 问题 需要 这个 那个 还有 "
        "今年 已经 就是 我想 想问 问一 到底 一直 能够 要求 希望 情况 帮忙 "
        "帮助 解决 反映 政府 领导 相关 部门 谁管 找谁 你们 他们 如果 这样 "
        "大家 好久 很久 一个 几个 能给 给我"
    )
)
#: Characters of those words: as single characters they weigh less still.
COMMON_CHARACTERS = frozenset(
    "什么时候怎哪里请问能不我们家村为多少有没是一下现在这那个还就想要你他给吗"
)

BIGRAM_WEIGHT = 1.0
COMMON_BIGRAM_WEIGHT = 0.25
CHARACTER_WEIGHT = 0.4
COMMON_CHARACTER_WEIGHT = 0.1

#: What a question is about: words of a village's public services, each folded to one
#: topic. A shared topic is strong evidence of a duplicate, different topics strong
#: evidence against (医保 vs 社保, 路灯 vs 路), which shared characters alone miss.
TOPICS: dict[str, tuple[str, ...]] = {
    "路灯": _words("路灯 灯泡 照明"),
    "道路": _words("道路 路面 土路 水泥路 硬化 修路 坑洼 村道 公路 马路 路"),
    "桥": _words("桥 护栏"),
    "供水": _words("自来水 停水 水管 供水 水压 水质 饮水 吃水 水费 水龙头"),
    "供电": _words("停电 电压 电费 电表 供电 电线"),
    "供暖": _words("暖气 供暖 取暖 采暖"),
    "燃气": _words("燃气 天然气 煤气"),
    "网络": _words("网络 信号 宽带 基站 网速"),
    "垃圾": _words("垃圾 清运 保洁 环卫 垃圾桶"),
    "污染": _words("污水 排污 臭味 污染 噪音"),
    "医保": _words("医保 报销 住院 门诊 看病 就医 大病"),
    "社保": _words("社保 社会保险"),
    "养老": _words("养老金 养老 退休金 退休"),
    "低保": _words("低保 特困 救助 五保"),
    "残疾": _words("残疾 残疾人 残疾证 残联"),
    "高龄": _words("高龄 老年 老人 食堂"),
    "补贴": _words("补贴 补助 补偿 补偿款 惠农 直补"),
    "土地": _words("土地 征地 征收 宅基地 承包地 确权 流转"),
    "住房": _words("危房 房屋 改造 翻修 建房 房子"),
    "户口": _words("户口 户籍 迁户 落户"),
    "证件": _words("身份证 证件 社保卡 结婚证 出生证"),
    "入学": _words("学校 上学 入学 学区 幼儿园 小学 初中 转学"),
    "学费": _words("学费 助学金 资助 营养餐"),
    "校车": _words("校车 接送"),
    "就业": _words("招工 就业 找工作 招聘 技能培训 送工"),
    "欠薪": _words("欠薪 拖欠 欠工资 工资"),
    "农业": _words("种子 化肥 农药 玉米 小麦 水稻 种粮 收购 销路"),
    "养殖": _words("养殖 生猪 牛羊 禽"),
    "交通": _words("公交 班车 客车 车票 违章 驾照"),
    "治安": _words("小偷 被盗 打架 诈骗 治安 报警 监控"),
    "河道": _words("河道 河沟 水渠 堤坝"),
    "绿化": _words("绿化 种树 砍树"),
    "厕所": _words("厕所 公厕 改厕"),
    "纠纷": _words("纠纷 邻居 调解 占地 吵架"),
}
#: The kind of answer asked for; questions asking for different things differ.
INTENTS: dict[str, tuple[str, ...]] = {
    "when": _words("什么时候 多久 多长时间 哪天 几号"),
    "how": _words("怎么办理 怎么申请 怎么办 怎么弄 怎么 流程"),
    "who": _words("找谁 谁管 谁来管 谁来 谁负责 归谁管 哪个部门 什么部门 归哪个部门管"),
    "what": _words("什么材料 哪些材料 材料 什么手续 手续 条件 标准 什么政策 政策 资格"),
    "how_much": _words("多少钱 多少"),
    "where": _words("哪里 在哪 什么地方"),
    "why": _words("为什么 怎么回事 原因"),
    "whether": _words("能不能 有没有 是不是 行不行"),
}
TOPIC_WEIGHT = 2.5
INTENT_WEIGHT = 1.0

K = TypeVar("K", bound=Hashable)

#: Slack for floating-point error in the score bounds.
_EPSILON = 1e-9
#: Posting lists longer than this are worth a check of the best candidates first.
_VERIFY_BEFORE = 64


def comparable_text(text: str) -> str:
    """The text features are taken from: normalised, variants folded, particles dropped."""
    folded = _SYNONYM_PATTERN.sub(lambda m: SYNONYMS[m.group()], normalise(text)[0])
    return "".join(char for char in folded if char not in STOP_CHARACTERS)


def _lexicon_pattern(
    lexicon: dict[str, tuple[str, ...]], prefix: str
) -> tuple[re.Pattern[str], dict[str, str]]:
    label = {word: prefix + key for key, words in lexicon.items() for word in words}
    return re.compile("|".join(sorted(map(re.escape, label), key=len, reverse=True))), label


_TOPIC_PATTERN, _TOPIC_LABEL = _lexicon_pattern(TOPICS, "#")
_INTENT_PATTERN, _INTENT_LABEL = _lexicon_pattern(INTENTS, "?")


def features(text: str) -> dict[str, float]:
    """The weighted features of ``text``: characters, bigrams, topics and intents.

    The words that say what kind of answer is wanted (什么时候, 找谁, 多少钱 …) become one
    intent feature each and are left out of the characters and bigrams, so that the
    wording of the ask does not outweigh what the question is about.
    """
    core = comparable_text(text)
    weights: dict[str, float] = {}
    for match in _TOPIC_PATTERN.finditer(core):
        weights[_TOPIC_LABEL[match.group()]] = TOPIC_WEIGHT
    segments: list[str] = []
    position = 0
    for match in _INTENT_PATTERN.finditer(core):
        weights[_INTENT_LABEL[match.group()]] = INTENT_WEIGHT
        segments.append(core[position : match.start()])
        position = match.end()
    segments.append(core[position:])
    for segment in segments:
        for char in segment:
            weights[char] = (
                COMMON_CHARACTER_WEIGHT if char in COMMON_CHARACTERS else CHARACTER_WEIGHT
            )
        for index in range(len(segment) - 1):
            bigram = segment[index : index + 2]
            weights[bigram] = COMMON_BIGRAM_WEIGHT if bigram in COMMON_BIGRAMS else BIGRAM_WEIGHT
    return weights


def _norm(weights: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in weights.values()))


def _cosine(a: dict[str, float], norm_a: float, b: dict[str, float], norm_b: float) -> float:
    if not norm_a or not norm_b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * w for feature, w in a.items() if feature in b)
    return min(1.0, dot / (norm_a * norm_b))


def text_similarity(a: str, b: str) -> float:
    """How alike two questions are, 0 (nothing shared) to 1 (the same after folding)."""
    fa, fb = features(a), features(b)
    return _cosine(fa, _norm(fa), fb, _norm(fb))


class DuplicateIndex(Generic[K]):
    """Questions indexed by key, to suggest the likely duplicates of a new one."""

    def __init__(self, items: Iterable[tuple[K, str]] = ()) -> None:
        """Start empty, or with ``(key, text)`` pairs."""
        self._features: dict[K, dict[str, float]] = {}
        self._norms: dict[K, float] = {}
        self._postings: dict[str, set[K]] = {}
        self._serial: dict[K, int] = {}  # insertion order, to break ties
        self._next_serial = 0
        for key, text in items:
            self.add(key, text)

    def __len__(self) -> int:
        return len(self._features)

    def __contains__(self, key: object) -> bool:
        return key in self._features

    def add(self, key: K, text: str) -> None:
        """Index ``text`` under ``key``; a key already present gets the new text."""
        self.remove(key)
        weights = features(text)
        self._features[key] = weights
        self._norms[key] = _norm(weights)
        self._serial[key] = self._next_serial
        self._next_serial += 1
        for feature in weights:
            self._postings.setdefault(feature, set()).add(key)

    def remove(self, key: K) -> None:
        """Forget ``key``; forgetting a key that is not indexed does nothing."""
        weights = self._features.pop(key, None)
        if weights is None:
            return
        del self._norms[key]
        del self._serial[key]
        for feature in weights:
            keys = self._postings[feature]
            keys.discard(key)
            if not keys:
                del self._postings[feature]

    def similar(
        self,
        text: str,
        *,
        limit: int = 3,
        threshold: float = DEFAULT_THRESHOLD,
        exclude: Collection[K] = (),
    ) -> list[tuple[K, float]]:
        """The indexed questions most like ``text``: ``(key, score)``, best first.

        Only questions sharing something with ``text`` and scoring at or above
        ``threshold`` are returned, at most ``limit`` of them;
        keys in ``exclude`` (the question itself, say) are skipped. Ties keep the order in
        which the keys were added.
        """
        query = features(text)
        query_norm = _norm(query)
        if not query_norm or limit <= 0:
            return []
        search = _Search(self, query, query_norm, limit, threshold, exclude)
        return search.run()


class _Search(Generic[K]):
    """One :meth:`DuplicateIndex.similar` query: the exact top ``limit`` by cosine, pruned.

    A feature weighs the same in every question, so the dot product of the query and a
    question is the summed squared weight of the features they share. Features are walked
    rarest first, each adding its squared weight to the partial dot product of the
    questions in its posting list. A question not met yet can share only features still
    to come, so it scores at most ``|rest| / |query|``; once that is below the cut-off, no
    new candidate can qualify and the walk stops. The cut-off starts at the threshold and
    rises to the ``limit``-th best full score as good matches turn up: before a long
    posting list, the best partial candidates are scored in full, which on a crowded index
    usually ends the walk early. At the end, a candidate is scored in full only if its
    partial dot product plus what it could still share reaches the cut-off.
    """

    def __init__(
        self,
        index: DuplicateIndex[K],
        query: dict[str, float],
        query_norm: float,
        limit: int,
        threshold: float,
        exclude: Collection[K],
    ) -> None:
        self.index = index
        self.query = query
        self.query_norm = query_norm
        self.limit = limit
        self.threshold = threshold
        self.exclude = exclude
        self.cutoff = threshold
        self.partial: dict[K, float] = {}
        self.pending: list[str] = []  # shared features not walked yet
        self.scores: dict[K, float] = {}  # candidates scored in full (never excluded ones)
        self.best: list[float] = []  # min-heap of the ``limit`` best full scores

    def run(self) -> list[tuple[K, float]]:
        postings = self.index._postings
        query = self.query
        shared = sorted((f for f in query if f in postings), key=lambda f: len(postings[f]))
        rest = sum(query[f] ** 2 for f in shared)
        partial = self.partial
        for position, feature in enumerate(shared):
            self.pending = shared[position:]
            keys = postings[feature]
            if len(keys) > max(_VERIFY_BEFORE, len(partial)) and len(partial) >= self.limit:
                self._verify(heapq.nlargest(self.limit, partial, key=partial.__getitem__))
            if math.sqrt(rest) / self.query_norm + _EPSILON < self.cutoff:
                break
            weight = query[feature] ** 2
            get = partial.get
            for key in keys:
                partial[key] = get(key, 0.0) + weight
            rest -= weight
        else:
            self.pending = []
        rest = max(rest, 0.0)
        norms = self.index._norms
        ranked: list[tuple[float, K]] = []
        for key, dot in partial.items():
            if key in self.scores:
                continue
            norm = norms[key]
            upper = (dot + min(rest, norm * norm - dot)) / (self.query_norm * norm) + _EPSILON
            if upper >= self.cutoff:
                ranked.append((upper, key))
        ranked.sort(key=lambda item: item[0], reverse=True)
        for upper, key in ranked:
            if upper < self.cutoff:
                break
            self._verify((key,))
        serial = self.index._serial
        floor = max(self.threshold - _EPSILON, _EPSILON)  # questions sharing nothing: never
        found = [(key, score) for key, score in self.scores.items() if score >= floor]
        found.sort(key=lambda item: (-item[1], serial[item[0]]))
        return found[: self.limit]

    def _verify(self, keys: Iterable[K]) -> None:
        """Score ``keys`` in full: partial dot product plus the pending features they have."""
        index = self.index
        query = self.query
        for key in keys:
            if key in self.scores or key in self.exclude:
                continue
            weights = index._features[key]
            dot = self.partial.get(key, 0.0)
            dot += sum(query[f] ** 2 for f in self.pending if f in weights)
            score = min(1.0, dot / (self.query_norm * index._norms[key]))
            self.scores[key] = score
            if len(self.best) < self.limit:
                heapq.heappush(self.best, score)
            elif score > self.best[0]:
                heapq.heapreplace(self.best, score)
            if len(self.best) == self.limit and self.best[0] > self.cutoff:
                self.cutoff = self.best[0]
