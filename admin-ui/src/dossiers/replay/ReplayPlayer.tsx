import PauseIcon from '@mui/icons-material/Pause';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import SkipNextIcon from '@mui/icons-material/SkipNext';
import SkipPreviousIcon from '@mui/icons-material/SkipPrevious';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Slider from '@mui/material/Slider';
import Stack from '@mui/material/Stack';
import { useEffect } from 'react';
import { useTranslate } from 'react-admin';

/** How long the replay stays on a stop while playing. */
export const PLAY_INTERVAL_MS = 1500;

export interface ReplayPlayerProps {
  /** How many stops the timeline has. */
  count: number;
  /** The stop shown, 0 for the first. */
  position: number;
  onPosition(position: number): void;
  playing: boolean;
  onPlaying(playing: boolean): void;
  /** The stop's step in words, for the slider's value text. */
  describe(position: number): string;
}

/**
 * Play, pause, step back and forth, and a slider along the timeline of the replay's stops. Playing
 * moves one stop every PLAY_INTERVAL_MS and stops at the last; playing from the last starts over.
 */
export function ReplayPlayer({ count, position, onPosition, playing, onPlaying, describe }: ReplayPlayerProps) {
  const translate = useTranslate();
  const last = count - 1;

  useEffect(() => {
    if (!playing) return;
    if (position >= last) {
      onPlaying(false);
      return;
    }
    const timer = setTimeout(() => onPosition(position + 1), PLAY_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [playing, position, last, onPosition, onPlaying]);

  const togglePlay = () => {
    if (playing) return onPlaying(false);
    if (position >= last) onPosition(0);
    onPlaying(true);
  };

  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' }, mt: 1 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <IconButton
          aria-label={translate('motcua.dossiers.replay.previous')}
          onClick={() => onPosition(Math.max(0, position - 1))}
          disabled={position <= 0}
        >
          <SkipPreviousIcon />
        </IconButton>
        <Button
          variant="contained"
          onClick={togglePlay}
          startIcon={playing ? <PauseIcon /> : <PlayArrowIcon />}
          sx={{ minWidth: 128 }}
        >
          {translate(playing ? 'motcua.dossiers.replay.pause' : 'motcua.dossiers.replay.play')}
        </Button>
        <IconButton
          aria-label={translate('motcua.dossiers.replay.next')}
          onClick={() => onPosition(Math.min(last, position + 1))}
          disabled={position >= last}
        >
          <SkipNextIcon />
        </IconButton>
      </Stack>
      <Box sx={{ flex: 1, px: 1 }}>
        <Slider
          aria-label={translate('motcua.dossiers.replay.timeline')}
          value={position}
          min={0}
          max={Math.max(0, last)}
          step={1}
          marks
          disabled={count < 2}
          onChange={(_, value) => {
            onPlaying(false);
            onPosition(Array.isArray(value) ? value[0]! : value);
          }}
          getAriaValueText={describe}
          valueLabelDisplay="off"
        />
      </Box>
    </Stack>
  );
}
