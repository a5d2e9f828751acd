// The one kind of memo the generator keeps: values made once and reused while a build goes on,
// forgotten all at once when the memo holds `limit` of them, so that a site of 100,000 articles
// cannot grow one without bound. Each use says in a line what it saves (measured, BENCHMARKS.md).

export class BoundedMemo<K, V> {
  private readonly values = new Map<K, V>();

  constructor(private readonly limit: number) {}

  /** The value kept for `key`, made by `make` when there is none. */
  get(key: K, make: (key: K) => V): V {
    let value = this.values.get(key);
    if (value === undefined) {
      value = make(key);
      if (this.values.size >= this.limit) this.values.clear();
      this.values.set(key, value);
    }
    return value;
  }

  /** The value kept for `key`, if there is one; nothing is made or kept. */
  peek(key: K): V | undefined {
    return this.values.get(key);
  }
}

/** `fold` remembered: names repeat across thousands of articles, and each is folded once. */
export function memoized(fold: (text: string) => string, limit = 200_000): (text: string) => string {
  const memo = new BoundedMemo<string, string>(limit);
  return (text) => memo.get(text, fold);
}
