import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Box, Button, CircularProgress } from '@mui/material';
import { useRef } from 'react';
import { picksInMain } from '../lib/files';

/**
 * A button that chooses a file (or several): the system dialog in main in the desktop app (the renderer never sees a
 * path), a hidden file input (uploaded by the caller) in browser mode.
 */
export function FileChooser({
  label,
  accept,
  testId,
  variant = 'contained',
  busy = false,
  multiple = false,
  onPickInMain,
  onUpload,
}: {
  label: string;
  /** The extensions offered, as the input's `accept` (`.xlsx,.csv`). */
  accept: string;
  /** The hidden input's test id (Playwright sets its files). */
  testId: string;
  variant?: 'contained' | 'outlined';
  busy?: boolean;
  multiple?: boolean;
  onPickInMain(): void;
  /** The files chosen in the browser (one unless `multiple`). */
  onUpload(files: File[]): void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <Box>
      <Button
        variant={variant}
        disabled={busy}
        startIcon={busy ? <CircularProgress size={16} /> : <UploadFileIcon />}
        onClick={() => (picksInMain() ? onPickInMain() : input.current?.click())}
      >
        {label}
      </Button>
      <input
        ref={input}
        type="file"
        accept={accept}
        multiple={multiple}
        hidden
        data-testid={testId}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) onUpload(files);
        }}
      />
    </Box>
  );
}
