/**
 * Words that carry no meaning a reader searches for. Kept short on purpose: a word like 表示 or
 * 美国 is frequent but still a word someone may ask about, and BM25 already weighs frequent words down.
 */
const STOP_WORDS = new Set(
  [
    // Chinese particles, pronouns, conjunctions, prepositions, auxiliaries (simplified: text is folded first).
    '的 了 着 过 地 得 之 和 与 及 以及 并 并且 而 而且 或 或者 也 又 还 都 就 才 便 即 则 却 但 但是 然而 因为 所以 因此 如果 虽然 即使',
    '在 于 对 对于 关于 把 被 将 给 向 从 自 到 由 为 为了 以 按 按照 据 根据 随着 通过 经过 比 跟 同 让 使',
    '是 有 没有 没 不 非 无 这 那 这个 那个 这些 那些 这样 那样 此 其 其中 该 各 每 某 本 所 所有 一些 一个 一 些',
    '我 我们 你 你们 他 他们 她 她们 它 它们 自己 咱们 谁 什么 哪 哪里 怎么 怎样 如何 多少 几 吗 呢 吧 啊 呀 么 嘛 哦 的话',
    // Question words: a question asks about the other words, these only make it a question.
    '哪些 哪个 哪位 哪儿 为什么 为何 是否 是不是 有没有 怎么样 怎么办 何时 何地 什么样 什么时候 多久 多大 几个 几次',
    '已 已经 曾 曾经 正 正在 会 能 可 可以 可能 要 应 应该 需要 得以 等 等等 个 们 上 下 中 内 外 里 后 前 时 时候 之后 之前 以来 以后 以前',
    '很 更 最 太 非常 比较 较 十分 极 越 再 仍 仍然 还是 只 只是 仅 仅仅 甚至 尤其 特别 也是 就是 不是 还有 以及',
    // English stop words, for Latin text in Chinese articles.
    'a an the and or of to in on at by for with from as is are was were be been it its this that these those not no',
  ].join(' ').split(/\s+/),
);

/** Changes with the list: stop words are left out of the index, so a snapshot depends on them. */
export const STOP_WORDS_VERSION = [...STOP_WORDS].join(' ').length.toString(36) + ':' + STOP_WORDS.size;

/** True for a stop word, or for a token with no letter or digit (punctuation, spaces, symbols). */
export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token) || !/[\p{L}\p{N}]/u.test(token);
}
