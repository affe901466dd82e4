import CloseIcon from '@mui/icons-material/Close';
import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  Button,
  Chip,
  IconButton,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, ImportSetPreview } from '../../../../shared/schemas/imports';
import { formatCount } from '../../../../shared/format';

const num = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

/** Whether a file can be imported, in words. */
function fileStatus(t: TFunction, file: ImportPreview): { label: string; color: 'success' | 'error' | 'warning' } {
  if (file.errors > 0) return { label: t('imports.statusErrors'), color: 'error' };
  if (file.alreadyImported) return { label: t('imports.statusAlready'), color: 'warning' };
  if (!file.canCommit) return { label: t('imports.statusEmpty'), color: 'warning' };
  return { label: t('imports.statusReady'), color: 'success' };
}

/**
 * The import's files in the order they are imported, each with what it would change, and the totals; a row chosen
 * shows that file's details below.
 */
export function ImportSetTable({
  preview,
  selected,
  onSelect,
  onRemove,
}: {
  preview: ImportSetPreview;
  selected: number;
  onSelect(index: number): void;
  /** Takes a file (by its place in import order) out of the import. */
  onRemove(index: number): void;
}) {
  const { t } = useTranslation();
  const { totals } = preview;
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <Typography variant="subtitle1">{t('imports.setTitle', { count: preview.files.length })}</Typography>
      <Typography variant="caption" color="text.secondary">
        {t('imports.setOrder')}
      </Typography>
      <TableContainer>
        <Table size="small" data-testid="import-set">
          <TableHead>
            <TableRow>
              <TableCell sx={num}>#</TableCell>
              <TableCell>{t('imports.file')}</TableCell>
              <TableCell>{t('imports.kind')}</TableCell>
              <TableCell>{t('imports.sheet')}</TableCell>
              <TableCell sx={num}>{t('imports.monthRows')}</TableCell>
              <TableCell sx={num}>{t('imports.newCustomers')}</TableCell>
              <TableCell sx={num}>{t('imports.updatedCustomers')}</TableCell>
              <TableCell>{t('imports.month')}</TableCell>
              <TableCell sx={num}>{t('imports.error')}</TableCell>
              <TableCell sx={num}>{t('imports.warning')}</TableCell>
              <TableCell>{t('imports.status')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {preview.files.map((f, i) => {
              const status = fileStatus(t, f);
              return (
                <TableRow
                  key={`${i}-${f.sha256}`}
                  hover
                  selected={i === selected}
                  onClick={() => onSelect(i)}
                  sx={{ cursor: 'pointer' }}
                >
                  <TableCell sx={num}>{i + 1}</TableCell>
                  <TableCell sx={{ fontWeight: i === selected ? 600 : undefined }}>{f.fileName}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{t(`imports.kinds.${f.kind}`)}</TableCell>
                  <TableCell>{f.sheet}</TableCell>
                  <TableCell sx={num}>{formatCount(f.rows)}</TableCell>
                  <TableCell sx={num}>{formatCount(f.newCustomers)}</TableCell>
                  <TableCell sx={num}>{formatCount(f.updatedCustomers)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{f.months.map((m) => m.month).join('、') || '—'}</TableCell>
                  <TableCell sx={{ ...num, color: f.errors > 0 ? 'error.main' : undefined }}>
                    {formatCount(f.errors)}
                  </TableCell>
                  <TableCell sx={num}>{formatCount(f.warnings)}</TableCell>
                  <TableCell>
                    <Chip size="small" color={status.color} label={status.label} />
                  </TableCell>
                  <TableCell padding="none">
                    <IconButton
                      size="small"
                      aria-label={t('imports.remove', { name: f.fileName })}
                      onClick={(e) => {
                        e.stopPropagation();
                        onRemove(i);
                      }}
                    >
                      <CloseIcon fontSize="small" />
                    </IconButton>
                  </TableCell>
                </TableRow>
              );
            })}
            <TableRow data-testid="import-set-totals" sx={{ '& td': { fontWeight: 600 } }}>
              <TableCell />
              <TableCell colSpan={3}>{t('imports.totals', { count: preview.files.length })}</TableCell>
              <TableCell sx={num}>{formatCount(totals.rows)}</TableCell>
              <TableCell sx={num}>{formatCount(totals.newCustomers)}</TableCell>
              <TableCell sx={num}>{formatCount(totals.updatedCustomers)}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {t('imports.monthsCount', { count: totals.months.length })}
              </TableCell>
              <TableCell sx={num}>{formatCount(totals.errors)}</TableCell>
              <TableCell sx={num}>{formatCount(totals.warnings)}</TableCell>
              <TableCell colSpan={2} />
            </TableRow>
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}

/** Every file's problems together, each naming its file, sheet, row and column; all of them downloadable. */
export function SetProblemsTable({ preview, onDownload }: { preview: ImportSetPreview; onDownload(): void }) {
  const { t } = useTranslation();
  const { errors, warnings } = preview.totals;
  const total = errors + warnings;
  const shown = preview.files.flatMap((f) => f.problems);
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
        <Chip size="small" color={errors > 0 ? 'error' : 'default'} label={t('imports.errors', { count: errors })} />
        <Chip
          size="small"
          color={warnings > 0 ? 'warning' : 'default'}
          label={t('imports.warnings', { count: warnings })}
        />
        <Box sx={{ flexGrow: 1 }} />
        {total > 0 && (
          <Button size="small" startIcon={<DownloadIcon />} onClick={onDownload}>
            {t('imports.downloadProblems')}
          </Button>
        )}
      </Stack>
      {total === 0 ? (
        <Alert severity="success">{t('imports.noProblems')}</Alert>
      ) : (
        <TableContainer sx={{ maxHeight: 320 }}>
          <Table size="small" stickyHeader data-testid="import-problems">
            <TableHead>
              <TableRow>
                <TableCell>{t('imports.severity')}</TableCell>
                <TableCell>{t('imports.file')}</TableCell>
                <TableCell>{t('imports.sheet')}</TableCell>
                <TableCell sx={num}>{t('imports.row')}</TableCell>
                <TableCell>{t('imports.column')}</TableCell>
                <TableCell>{t('imports.value')}</TableCell>
                <TableCell>{t('imports.message')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((p, i) => (
                <TableRow key={i}>
                  <TableCell>
                    <Chip
                      size="small"
                      color={p.severity === 'error' ? 'error' : 'warning'}
                      label={t(`imports.${p.severity}`)}
                    />
                  </TableCell>
                  <TableCell>{p.file}</TableCell>
                  <TableCell>{p.sheet}</TableCell>
                  <TableCell sx={num}>{p.row ?? '—'}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{p.column ?? '—'}</TableCell>
                  <TableCell>{p.value ?? ''}</TableCell>
                  <TableCell>{p.message}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {shown.length < total && (
        <Typography variant="caption" color="text.secondary">
          {t('imports.moreProblems', { shown: shown.length, total })}
        </Typography>
      )}
    </Paper>
  );
}
