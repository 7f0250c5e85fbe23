/**
 * Reading a large set from the engine a page at a time in the order of a timestamp, each page from
 * where the last one ended rather than from an offset. For an offset the engine sorts every record
 * before the page, so reading 100 000 of them cost its database a second a page towards the end, and
 * the whole read grows with the square of the set (docs/benchmarks.md, "Reading the run at
 * 1 000 000 / 100 000"); from where the last page ended, each page costs about the same.
 *
 * Records may share a millisecond, so a page starts at the last one's newest time, inclusively, and
 * the records of that time already read are left out. Only when a whole page shares one millisecond
 * does the read go on by offset inside that millisecond.
 */

/** Where one page starts: at `from` (inclusive; undefined: from the first record), skipping `firstResult`. */
export interface PageFrom {
  from: Date | undefined;
  firstResult: number;
  maxResults: number;
}

/**
 * The pages of a set, each with only the records not read before. `readPage` answers the records at
 * or after `from`, sorted by the time `timeOf` gives (an engine date) and then by id, so that the
 * order is the same in every page.
 */
export async function* pagesInTimeOrder<T extends { id: string }>(
  readPage: (page: PageFrom) => Promise<T[]>,
  timeOf: (record: T) => string,
  pageSize: number,
): AsyncGenerator<T[]> {
  let from: number | undefined;
  let firstResult = 0;
  /** The ids already read whose time is `from`: the next page reads them again. */
  let readAtFrom = new Set<string>();
  for (;;) {
    const page = await readPage({
      from: from === undefined ? undefined : new Date(from),
      firstResult,
      maxResults: pageSize,
    });
    const unread = page.filter((record) => !readAtFrom.has(record.id));
    if (unread.length > 0) yield unread;
    if (page.length < pageSize) return;
    const last = Date.parse(timeOf(page.at(-1)!));
    if (last === from) {
      // the whole page is at `from`: the next one is the page after it in the same millisecond
      firstResult += pageSize;
      for (const record of page) readAtFrom.add(record.id);
    } else {
      from = last;
      firstResult = 0;
      readAtFrom = new Set(page.filter((record) => Date.parse(timeOf(record)) === last).map((record) => record.id));
    }
  }
}
