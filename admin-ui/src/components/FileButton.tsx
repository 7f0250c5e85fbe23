import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { useMutation } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { Button, useNotify, useTranslate } from 'react-admin';
import { saveFile } from './downloadFile.js';

export interface FileButtonProps {
  /** Translation key of the button, naming the file, e.g. "Giấy tiếp nhận (Mẫu 01)". */
  label: string;
  /** Fetches the file through the data provider (with the officer's token). */
  load: () => Promise<Blob>;
  fileName: string;
  disabled?: boolean;
  icon?: ReactElement;
  variant?: 'text' | 'outlined' | 'contained';
}

/** A button that fetches a file from the API and saves it; a failure is told in the officer's words. */
export function FileButton({ label, load, fileName, disabled, icon, variant = 'outlined' }: FileButtonProps) {
  const notify = useNotify();
  const translate = useTranslate();
  const download = useMutation({
    mutationFn: load,
    onSuccess: (file) => saveFile(file, fileName),
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  return (
    <Button
      label={label}
      // react-admin names its icon-only phone button only while enabled: a disabled one needs the name too (WCAG 4.1.2)
      aria-label={translate(label, { _: label })}
      variant={variant}
      disabled={disabled || download.isPending}
      onClick={() => download.mutate()}
    >
      {icon ?? <PictureAsPdfIcon />}
    </Button>
  );
}
