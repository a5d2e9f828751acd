// A second renderer in its own thread: it links the same records into the same site (the link
// stage is deterministic), then renders and writes the pages it is given. Rendering is most of a
// cold build, and a thread renders on one core only.
import v8 from 'node:v8';
import { link } from '../link/link.ts';
import { revivedFacts } from '../store/held-facts.ts';
import { SiteRenderer } from '../render/render-site.ts';
import { writePages, type PageChoice, type PortableRenderOptions } from './write-pages.ts';
import { readRecordBody, type RecordFolder } from '../store/record-cache.ts';
import type { HeldRecord } from '../types.ts';

export interface RenderTask {
  /** The articles' held records, v8-serialised (one buffer is cheaper to hand over than the objects). */
  records: Uint8Array;
  /** Where the whole records are, for article pages (null: each held record carries its own). */
  recordFolder: RecordFolder | null;
  dir: string;
  options: PortableRenderOptions;
  pages: PageChoice;
  /** Work out each page's input key (the build keeps them for the next build). */
  keys: boolean;
}

export interface RenderTaskResult {
  /** Input keys of the pages it rendered: site path → key. */
  keys: [string, string][];
  /** Related articles of the article pages it rendered (SiteRenderer.relatedIds). */
  related: [string, string][];
  /** Shapes of the older list pages it rendered (SiteRenderer.listShapes). */
  shapes: [string, string][];
  rendered: number;
}

export default async function renderPages(task: RenderTask): Promise<RenderTaskResult> {
  const records = v8.deserialize(task.records) as HeldRecord[];
  for (const r of records) r.facts = revivedFacts(r.facts);
  const site = link(records);
  const folder = task.recordFolder;
  const recordBodies = (held: HeldRecord) => held.full ?? (folder ? readRecordBody(folder, held.source.relPath, held.source.digest) : undefined);
  // the pages it is given are to be rendered: none is taken as unchanged
  const renderer = new SiteRenderer(site, { ...task.options, unchanged: task.keys ? () => false : undefined }, recordBodies);
  const written = await writePages(task.dir, renderer, undefined, task.pages);
  return { keys: [...renderer.pageKeys], related: [...renderer.relatedIds], shapes: [...renderer.listShapes], rendered: written.rendered };
}
