import { Box, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FILE_EXTENSIONS } from '../../../../shared/import-fields';
import { FileChooser } from '../../components/FileChooser';
import { picksInMain } from '../../lib/files';

/**
 * 选择文件: one or several at once — the desktop app's own file dialog, or the browser's (the files are then
 * uploaded); in the browser they may also be dropped here, several at a time.
 */
export function ImportFileChooser({ onPickInMain, onUpload }: { onPickInMain(): void; onUpload(files: File[]): void }) {
  const { t } = useTranslation();
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
        <FileChooser
          label={t('imports.choose')}
          accept={IMPORT_FILE_EXTENSIONS.map((extension) => `.${extension}`).join(',')}
          testId="import-file-input"
          multiple
          onPickInMain={onPickInMain}
          onUpload={onUpload}
        />
        <Typography variant="body2" color="text.secondary">
          {inMain ? t('imports.chooseHint') : t('imports.dropHint')}
        </Typography>
      </Stack>
    </Box>
  );
}
