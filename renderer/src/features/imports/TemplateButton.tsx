import DownloadIcon from '@mui/icons-material/Download';
import { Button } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ImportKind } from '../../../../shared/import-fields';
import { invoke } from '../../lib/api';
import { saveDownload } from '../../lib/files';

/** Downloads the import template of `kind` (the button named after the kind, unless `label` says otherwise). */
export function TemplateButton({
  kind,
  label,
  onError,
}: {
  kind: ImportKind;
  label?: string;
  onError(error: unknown): void;
}) {
  const { t } = useTranslation();
  return (
    <Button
      size="small"
      startIcon={<DownloadIcon />}
      onClick={() =>
        invoke('imports.template', { kind }).then(({ fileName, base64 }) => saveDownload(fileName, base64), onError)
      }
      data-testid={`import-template-${kind}`}
    >
      {label ?? t(`imports.kinds.${kind}`)}
    </Button>
  );
}
