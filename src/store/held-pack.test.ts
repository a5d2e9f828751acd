import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { HeldPack } from './held-pack.ts';
import { tempFolders } from '../../tests/helpers/temp-folders.ts';

const folder = tempFolders('held-pack-');
const packFile = () => path.join(folder(), 'held.pack');

const part = (text: string) => Buffer.from(text.repeat(50));

describe('the held pack', () => {
  it('gives back each part at the place it was given, in this process and the next', async () => {
    const file = packFile();
    const pack = new HeldPack(file);
    const places = ['copper', 'zinc', 'nickel'].map((t) => pack.append(part(t)));
    expect(await pack.flush()).toBe(true);
    const reopened = new HeldPack(file);
    expect(places.map((p) => reopened.read(p)?.toString())).toEqual(['copper', 'zinc', 'nickel'].map((t) => t.repeat(50)));
    // a place past the end of the file gives nothing
    expect(reopened.read([reopened.size, 10])).toBeUndefined();
    reopened.close();
  });

  it('is written again with only the parts asked for, in that order', async () => {
    const file = packFile();
    const pack = new HeldPack(file);
    const [a, , c] = ['copper', 'zinc', 'nickel'].map((t) => pack.append(part(t)));
    await pack.flush();
    const moved = await pack.compact([c!, a!]);
    expect(moved.map((p) => pack.read(p)?.toString())).toEqual(['nickel'.repeat(50), 'copper'.repeat(50)]);
    expect(moved[0]![0]).toBe(0);
    // the zinc part is left behind
    expect(fs.statSync(file).size).toBe(c![1] + a![1]);
    pack.close();
  });

  it('says its places do not hold when another process appended to the file meanwhile', async () => {
    const file = packFile();
    const pack = new HeldPack(file);
    pack.append(part('copper'));
    await pack.flush();
    fs.appendFileSync(file, 'another build');
    pack.append(part('zinc'));
    expect(await pack.flush()).toBe(false);
  });
});
