// Names repeat across thousands of articles: fold each one once. The memo is bounded so a huge
// site cannot grow it without limit.
export function memoized(fold: (text: string) => string, limit = 200_000): (text: string) => string {
  const memo = new Map<string, string>();
  return (text) => {
    let value = memo.get(text);
    if (value === undefined) {
      value = fold(text);
      if (memo.size >= limit) memo.clear();
      memo.set(text, value);
    }
    return value;
  };
}
