import FileDownloadIcon from '@mui/icons-material/FileDownload';
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
  Snackbar,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isPersonalTemplate,
  type CsvEncoding,
  type ExportRequest,
  type ExportResult,
} from '../../../shared/schemas/exports';
import { errorText, invoke } from '../lib/api';
import { followDownload, picksInMain } from '../lib/files';
import { JobProgressDialog, useJob } from './JobProgressDialog';

/** What a screen knows of its export: the template and what it shows (month, segment, filter). */
export type ExportSubject = Pick<
  ExportRequest,
  'template' | 'month' | 'segment' | 'filter' | 'sort' | 'care' | 'handoverId'
>;

const FORMATS = ['xlsx', 'csv-utf8', 'csv-gb18030', 'csv-gbk'] as const;
type FormatChoice = (typeof FORMATS)[number];

/** Hands a finished export to the user: Electron's save dialog in main, or the browser's download. */
async function deliver(result: ExportResult): Promise<boolean> {
  if (picksInMain()) return (await invoke('exports.save', { token: result.token })).saved;
  followDownload(`/download/${encodeURIComponent(result.token)}`, result.fileName);
  return true;
}

/** The file's format: Excel, or CSV in UTF-8, GB18030 or GBK. */
function FormatRadios({ value, onChange }: { value: FormatChoice; onChange(value: FormatChoice): void }) {
  const { t } = useTranslation();
  return (
    <RadioGroup
      value={value}
      onChange={(e) => onChange(e.target.value as FormatChoice)}
      aria-label={t('exports.format')}
    >
      {FORMATS.map((f) => (
        <FormControlLabel key={f} value={f} control={<Radio size="small" />} label={t(`exports.formats.${f}`)} />
      ))}
    </RadioGroup>
  );
}

/** For a report with personal data: masked unless a full export is chosen, with its reason (audited). */
function FullExportChoice({
  full,
  onFull,
  reason,
  onReason,
  reasonMissing,
}: {
  full: boolean;
  onFull(full: boolean): void;
  reason: string;
  onReason(reason: string): void;
  reasonMissing: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Typography variant="body2" color="text.secondary">
        {t('exports.maskedHint')}
      </Typography>
      <FormControlLabel
        control={<Checkbox checked={full} onChange={(e) => onFull(e.target.checked)} />}
        label={t('exports.full')}
      />
      {full && (
        <TextField
          size="small"
          label={t('exports.reason')}
          value={reason}
          onChange={(e) => onReason(e.target.value)}
          error={reasonMissing}
          helperText={reasonMissing ? t('exports.reasonHint') : t('exports.audited')}
          autoFocus
        />
      )}
    </>
  );
}

/** The finished export's note at the bottom of the window. */
function DoneSnackbar({ text, onClose }: { text: string | null; onClose(): void }) {
  return (
    <Snackbar
      open={text !== null}
      autoHideDuration={6000}
      onClose={onClose}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
    >
      <Alert severity="success" onClose={onClose} data-testid="export-done">
        {text}
      </Alert>
    </Snackbar>
  );
}

/**
 * 导出 and its dialog: format (Excel, or CSV in UTF-8, GB18030 or GBK) and, for reports with personal data, the choice of
 * a full export with its reason (audited). The export runs as a job with progress and 取消; the file then downloads.
 */
export function ExportButton({ subject, label }: { subject: ExportSubject | null; label: string }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<FormatChoice>('xlsx');
  const [full, setFull] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const job = useJob();
  const personal = subject !== null && isPersonalTemplate(subject.template);
  const reasonMissing = full && reason.trim().length < 2;

  const start = async () => {
    if (!subject) return;
    setError(null);
    setOpen(false);
    try {
      const result = await job.run({
        kind: 'exports.report',
        export: {
          ...subject,
          format: format === 'xlsx' ? 'xlsx' : 'csv',
          encoding: format === 'xlsx' ? 'utf8' : (format.slice(4) as CsvEncoding),
          full: personal && full,
          reason: personal && full ? reason.trim() : null,
        },
      });
      if (await deliver(result)) {
        setDone(
          result.unencodable > 0
            ? t('exports.doneGbk', { rows: result.rows, count: result.unencodable })
            : t('exports.done', { rows: result.rows, file: result.fileName }),
        );
      }
    } catch (failure) {
      setError(errorText(failure, i18n.language));
      setOpen(true);
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        size="small"
        startIcon={<FileDownloadIcon />}
        disabled={!subject}
        onClick={() => setOpen(true)}
        data-testid={`export-${subject?.template ?? 'none'}`}
      >
        {label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="export-title" fullWidth maxWidth="xs">
        <DialogTitle id="export-title">{label}</DialogTitle>
        <DialogContent>
          <Stack spacing={1.5}>
            <FormatRadios value={format} onChange={setFormat} />
            {personal && (
              <FullExportChoice
                full={full}
                onFull={setFull}
                reason={reason}
                onReason={setReason}
                reasonMissing={reasonMissing}
              />
            )}
            {error && <Alert severity="error">{error}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{t('exports.cancel')}</Button>
          <Button variant="contained" disabled={reasonMissing} onClick={() => void start()} data-testid="export-start">
            {t('exports.start')}
          </Button>
        </DialogActions>
      </Dialog>
      <JobProgressDialog progress={job.progress} title={label} note={t('exports.atomic')} />
      <DoneSnackbar text={done} onClose={() => setDone(null)} />
    </>
  );
}
