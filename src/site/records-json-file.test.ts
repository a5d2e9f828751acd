// records.json from its pieces: a plan handed to another thread writes what the pieces write, and
// a kept piece that is not its article's is refused rather than copied.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chunksOf, NotKeptError, planOf, writeChunks, writePlanned } from './records-json-file.ts';
import type { KeptJson } from '../link/records.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'records-json-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const last = path.join(dir, 'last.json');
const lastText = '{"articles":[{"id":"a","title":"Zinc"},{"id":"b","title":"Tin – ½"},{"id":"c","title":"Gold"}]}';
fs.writeFileSync(last, lastText);
const placeOf = (id: string): KeptJson => {
  const from = Buffer.byteLength(lastText.slice(0, lastText.indexOf(`{"id":"${id}"`)));
  const length = Buffer.byteLength(lastText.slice(lastText.indexOf(`{"id":"${id}"`)).replace(/(\}).*$/s, '$1'));
  return { from, length, starts: `{"id":"${id}",` };
};

describe('records.json from its pieces', () => {
  const chunks = () => ['{"articles":[', placeOf('a'), ',', '{"id":"n","title":"New"}', ',', placeOf('b'), ',', placeOf('c'), ']', ',"metals":[]', '}'];

  it('writes the same file from a plan as from the pieces, the plan as the pieces were', () => {
    const direct = path.join(dir, 'direct.json');
    const bytes = writeChunks(direct, chunks(), last);
    const plan = planOf(path.join(dir, 'planned.json'), last, chunks());
    expect([...chunksOf(structuredClone(plan))]).toEqual(['{"articles":[', placeOf('a'), ',{"id":"n","title":"New"},', placeOf('b'), ',', placeOf('c'), '],"metals":[]}']);
    expect(writePlanned(structuredClone(plan))).toBe(bytes);
    expect(fs.readFileSync(plan.file, 'utf8')).toBe('{"articles":[{"id":"a","title":"Zinc"},{"id":"n","title":"New"},{"id":"b","title":"Tin – ½"},{"id":"c","title":"Gold"}],"metals":[]}');
    expect(JSON.parse(fs.readFileSync(plan.file, 'utf8')).articles).toHaveLength(4);
  });

  it("refuses a kept piece that does not start with its article's id: the plan is then not written", () => {
    const wrong = { ...placeOf('b'), starts: '{"id":"c",' };
    expect(() => writeChunks(path.join(dir, 'wrong.json'), ['[', wrong, ']'], last)).toThrow(NotKeptError);
    expect(writePlanned(planOf(path.join(dir, 'wrong-planned.json'), last, ['[', wrong, ']']))).toBeNull();
  });
});
