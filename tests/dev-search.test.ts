// The dev server's search index, made in the background: a change while it is being made gives
// the index of the newer site, without another request from the waiting search page.
import { describe, expect, it } from 'vitest';
import { link } from '../src/link/link.ts';
import { SiteRenderer } from '../src/render/render-site.ts';
import { DevSearch } from '../src/site/dev-search.ts';
import { recordOf } from './helpers/records.ts';
import { testRenderOptions } from './helpers/render-options.ts';

const rendererOf = (count: number) => new SiteRenderer(link(Array.from({ length: count }, (_, n) => recordOf(`note-${n}.txt`, '2025-03-01', [{ name: 'Orebody Metals' }], [], ['copper']))), testRenderOptions());
const shards = (search: DevSearch) => JSON.parse(String(search.file('pagefind/shards.json')!.body)) as { shards: { pages: number }[]; updating: boolean };

describe('the dev search index', () => {
  it('is made of the newer site when the site changes while it is being made', async () => {
    let ready!: () => void;
    const answered = new Promise<void>((resolve) => (ready = resolve));
    const search = new DevSearch(() => {}, () => ready());
    search.refresh(rendererOf(3));
    // the search page asks: the index starts being made
    expect(shards(search)).toEqual({ shards: [], updating: true });
    // a rebuild before it is done
    search.refresh(rendererOf(5));
    await answered;
    const list = shards(search);
    expect(list.updating).toBe(false);
    expect(list.shards).toHaveLength(1);
    // five article pages and the pages of their entities
    expect(list.shards[0]!.pages).toBeGreaterThan(5);
  }, 30_000);
});
