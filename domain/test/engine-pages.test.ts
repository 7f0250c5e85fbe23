import { describe, expect, it } from 'vitest';
import { pagesInTimeOrder, type PageFrom } from '../src/engine-pages.js';

/**
 * The paging of ./engine-pages.ts against an in-memory set that answers as the engine's queries do
 * (the records at or after `from`, by time then id, one page from `firstResult`). The engine itself is
 * read this way in workers/test/scans (the open tasks and the reconciler's running processes).
 */
interface Item {
  id: string;
  time: string;
}

function setOf(times: readonly number[]): Item[] {
  return times
    .map((time, index) => ({ id: `item-${String(index).padStart(3, '0')}`, time: new Date(time).toISOString() }))
    .sort((a, b) => a.time.localeCompare(b.time) || a.id.localeCompare(b.id));
}

async function readAll(items: readonly Item[], pageSize: number) {
  const reads: PageFrom[] = [];
  const pages: string[][] = [];
  const read = async (page: PageFrom) => {
    reads.push(page);
    const from = page.from?.getTime() ?? -Infinity;
    return items
      .filter((item) => Date.parse(item.time) >= from)
      .slice(page.firstResult, page.firstResult + page.maxResults);
  };
  for await (const page of pagesInTimeOrder(read, (item) => item.time, pageSize)) pages.push(page.map((i) => i.id));
  return { pages, reads };
}

/** Sets with runs of records in one millisecond, shorter and longer than a page, at the start, middle and end. */
const SETS: Record<string, number[]> = {
  'every record in its own millisecond': [1, 2, 3, 4, 5, 6, 7],
  'runs of two and three': [1, 1, 2, 3, 3, 3, 4, 5, 5],
  'a run longer than several pages in the middle': [1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 4, 5],
  'the whole set in one millisecond': [7, 7, 7, 7, 7, 7],
  'a run at the end': [1, 2, 9, 9, 9, 9],
  empty: [],
};

describe('reading the engine from where the last page ended', () => {
  for (const [name, times] of Object.entries(SETS)) {
    it(`reads each record once, in order, with every page size: ${name}`, async () => {
      const items = setOf(times);
      for (let pageSize = 1; pageSize <= items.length + 1; pageSize += 1) {
        const { pages } = await readAll(items, pageSize);
        expect(pages.flat(), `pages of ${pageSize}`).toEqual(items.map((item) => item.id));
        expect(pages.every((page) => page.length > 0)).toBe(true);
      }
    });
  }

  it('starts each page at the last one’s newest time instead of an offset, unless a page is one millisecond', async () => {
    const items = setOf([1, 2, 3, 4, 5, 5, 5, 5, 6]);
    const { reads } = await readAll(items, 2);
    expect(reads.map((read) => [read.from?.getTime() ?? null, read.firstResult])).toEqual([
      [null, 0],
      [2, 0],
      [3, 0],
      [4, 0],
      [5, 0],
      [5, 2],
      [5, 4],
    ]);
  });
});
