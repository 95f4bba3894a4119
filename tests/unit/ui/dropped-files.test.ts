/** What a refused drop is called in its message: the dropped items as a person dropped them. */
import { describe, expect, it } from 'vitest';
import { droppedName } from '../../../src/ui/state/dropped-files';

const found = (...paths: string[]) => paths.map((path) => ({ path, file: new File([], path.split('/').at(-1)!) }));

describe('droppedName', () => {
  it('names a dropped folder once, however many files it holds', () => {
    expect(droppedName(found('shapes/square/0.png', 'shapes/hbar/0.png'))).toBe('"shapes"');
  });

  it('lists several dropped items, then a count past five', () => {
    expect(droppedName(found('hbar/0.png', 'square/0.png', 'vbar/0.png'))).toBe('"hbar", "square" and "vbar"');
    expect(droppedName(found(...'abcdefg'.split('').map((c) => `${c}/0.png`)))).toBe('"a", "b", "c", "d", "e" and 2 more');
  });
});
