/**
 * Chinese function words that carry no topic: dropped from the tokens. Kept short on purpose — TF-IDF already
 * discounts words found everywhere, and a long list drops words that do matter (不, 没有 in 路灯不亮, 没有人管).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    '的 了 是 在 我 我们 你 你们 他 她 它 他们 这 那 这个 那个 这些 那些 和 与 及 或 而 并 也 都 就 又 还 再 ' +
    '被 把 让 给 对 向 从 到 于 以 为 为了 因为 所以 但 但是 而且 如果 虽然 然后 之 其 该 此 等 等等 啊 吧 呢 吗 ' +
    '呀 哦 嗯 么 着 过 地 得 个 之后 以及 一个 一些 自己 什么 怎么 如何 请问 您好 你好 谢谢 感谢 尊敬 领导'
  ).split(' '),
);
