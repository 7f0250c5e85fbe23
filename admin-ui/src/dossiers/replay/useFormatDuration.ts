import { useCallback } from 'react';
import { useTranslate } from 'react-admin';
import type { DurationParts } from './replayModel.js';

/** Says a duration in words, at most its two largest units ("2 ngày 3 giờ", "45 phút", "dưới 1 phút"). */
export function useFormatDuration(): (parts: DurationParts) => string {
  const translate = useTranslate();
  return useCallback(
    ({ days, hours, minutes }: DurationParts) => {
      const units = [
        ['days', days],
        ['hours', hours],
        ['minutes', minutes],
      ] as const;
      const first = units.findIndex(([, value]) => value > 0);
      if (first < 0) return translate('motcua.dossiers.replay.duration.under_a_minute');
      return units
        .slice(first, first + 2)
        .filter(([, value]) => value > 0)
        .map(([unit, value]) => translate(`motcua.dossiers.replay.duration.${unit}`, { smart_count: value }))
        .join(' ');
    },
    [translate],
  );
}
