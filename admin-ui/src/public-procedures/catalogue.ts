import type { PublicProcedure } from '@motcua/common';

/** Lower case without Vietnamese diacritics, so "cap phep" finds "Cấp giấy phép" on a kiosk keyboard. */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** Whether every word searched for appears in the procedure's name, code, field or agency. */
export function matchesSearch(procedure: PublicProcedure, search: string): boolean {
  const words = foldDiacritics(search).split(/\s+/).filter(Boolean);
  const haystack = foldDiacritics([procedure.name, procedure.code, procedure.field, procedure.agency.name].join(' '));
  return words.every((word) => haystack.includes(word));
}

/** "Trong ngày" for 0 working days (the same working day), "%{smart_count} ngày làm việc" otherwise. */
export function processingTimeKey(processingDays: number): string {
  return processingDays === 0 ? 'motcua.public_procedures.same_day' : 'motcua.public_procedures.working_days';
}
