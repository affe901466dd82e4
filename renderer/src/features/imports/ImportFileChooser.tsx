import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Box, Button, Stack, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FILE_EXTENSIONS } from '../../../../shared/import-fields';
import { picksInMain } from '../../lib/files';

/**
 * 选择文件: one or several at once — the desktop app's own file dialog, or the browser's (the files are then
 * uploaded); in the browser they may also be dropped here, several at a time.
 */
export function ImportFileChooser({ onPickInMain, onUpload }: { onPickInMain(): void; onUpload(files: File[]): void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const inMain = picksInMain();
  const dropped = (files: FileList | null) => {
    const chosen = [...(files ?? [])];
    if (chosen.length > 0) onUpload(chosen);
  };
  return (
    <Box
      data-testid="import-drop"
      onDragOver={(e) => {
        if (inMain) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        if (inMain) return;
        e.preventDefault();
        setOver(false);
        dropped(e.dataTransfer.files);
      }}
      sx={{
        p: 2,
        border: 2,
        borderStyle: 'dashed',
        borderRadius: 1,
        borderColor: over ? 'primary.main' : 'divider',
        bgcolor: over ? 'action.hover' : undefined,
      }}
    >
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <Button
          variant="contained"
          startIcon={<UploadFileIcon />}
          onClick={() => (inMain ? onPickInMain() : input.current?.click())}
        >
          {t('imports.choose')}
        </Button>
        <Typography variant="body2" color="text.secondary">
          {inMain ? t('imports.chooseHint') : t('imports.dropHint')}
        </Typography>
      </Stack>
      <input
        ref={input}
        type="file"
        multiple
        accept={IMPORT_FILE_EXTENSIONS.map((extension) => `.${extension}`).join(',')}
        hidden
        data-testid="import-file-input"
        onChange={(e) => {
          const files = e.target.files;
          dropped(files);
          e.target.value = '';
        }}
      />
    </Box>
  );
}
