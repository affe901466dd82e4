import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/format';
import type { ColumnMapping, ImportBatch, ImportPreview } from '../../../../shared/schemas/imports';
import { JobProgressDialog, useJob } from '../../components/JobProgressDialog';
import { errorText, invoke } from '../../lib/api';
import { pickFileInMain, picksInMain, saveDownload, uploadFile, type HeldFileInfo } from '../../lib/files';
import { useInvoke } from '../../lib/useInvoke';
import { useAttempt } from '../../lib/useAttempt';
import { ImportPreviewPanel, type AnalyzeChange } from './ImportPreviewPanel';

interface Analysis {
  file: HeldFileInfo;
  analysisId: string;
  preview: ImportPreview;
}

/** 数据导入: choose a file, see the dry run (fix the mapping if needed), import, and undo from the history. */
export function ImportPage({ onImported }: { onImported(): void }) {
  const { t, i18n } = useTranslation();
  const job = useJob();
  const history = useInvoke('imports.history', {});
  const input = useRef<HTMLInputElement>(null);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping[]>([]);
  const [confirmed, setConfirmed] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const failure = useAttempt();
  const [jobTitle, setJobTitle] = useState('');

  const attempt = (title: string, work: () => Promise<void>) => {
    setNotice(null);
    setJobTitle(title);
    return failure.attempt(work);
  };

  const analyze = (file: HeldFileInfo, change: AnalyzeChange = {}) =>
    attempt(t('imports.analyzing'), async () => {
      const result = await job.run({ kind: 'imports.analyze', fileToken: file.token, ...change });
      setAnalysis({ file, ...result });
      setMapping(result.preview.mapping);
      setConfirmed(false);
    });

  const choose = async () => {
    if (!picksInMain()) return input.current?.click();
    await attempt(t('imports.analyzing'), async () => {
      const file = await pickFileInMain();
      if (file) await analyze(file);
    });
  };

  const commit = (current: Analysis) =>
    attempt(t('imports.committing'), async () => {
      const result = await job.run({
        kind: 'imports.commit',
        analysisId: current.analysisId,
        replaceMonths: confirmed,
      });
      setAnalysis(null);
      setNotice(
        current.preview.kind === 'surveys'
          ? t('imports.doneSurveys', {
              batch: result.batchId,
              rows: result.surveyRows.toLocaleString(),
              followUps: result.followUps,
            })
          : t('imports.done', {
              batch: result.batchId,
              newCustomers: result.newCustomers,
              updatedCustomers: result.updatedCustomers,
              rows: result.assetRows.toLocaleString(),
            }),
      );
      history.reload();
      onImported();
    });

  const undo = () =>
    attempt(t('imports.undoing'), async () => {
      const result = await job.run({ kind: 'imports.undo' });
      setNotice(t('imports.undone', { batch: result.batchId }));
      history.reload();
      onImported();
    });

  const preview = analysis?.preview ?? null;
  const replaced = preview?.months.filter((m) => m.replacesRows > 0).map((m) => m.month) ?? [];
  return (
    <Stack spacing={2} sx={{ p: 2, overflowY: 'auto', maxWidth: 1200 }}>
      <Typography variant="h6" component="h1">
        {t('imports.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('imports.hint')}
      </Typography>
      <Box>
        <Button variant="contained" startIcon={<UploadFileIcon />} onClick={() => void choose()}>
          {t('imports.choose')}
        </Button>
        <input
          ref={input}
          type="file"
          accept=".xlsx,.xls,.csv"
          hidden
          data-testid="import-file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void attempt(t('imports.uploading'), async () => analyze(await uploadFile(file)));
          }}
        />
      </Box>
      {failure.error ? <Alert severity="error">{errorText(failure.error, i18n.language)}</Alert> : null}
      {notice ? <Alert severity="success">{notice}</Alert> : null}
      {analysis && preview && (
        <>
          <ImportPreviewPanel
            preview={preview}
            mapping={mapping}
            onMappingChange={setMapping}
            onReanalyze={(change) =>
              void analyze(analysis.file, {
                importKind: preview.kind,
                sheet: preview.sheet,
                templateId: preview.surveys?.templateId,
                ...change,
              })
            }
            onDownloadProblems={() => {
              invoke('imports.problems', { analysisId: analysis.analysisId }).then(
                ({ fileName, base64 }) => saveDownload(fileName, base64),
                failure.setError,
              );
            }}
          />
          {preview.alreadyImported && (
            <Alert severity="warning">
              {t('imports.already', {
                at: formatDateTime(preview.alreadyImported.at),
                batch: preview.alreadyImported.batchId,
              })}
            </Alert>
          )}
          {preview.errors > 0 && <Alert severity="error">{t('imports.cannotCommit')}</Alert>}
          {replaced.length > 0 && preview.canCommit && (
            <FormControlLabel
              control={<Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />}
              label={t('imports.confirmReplace', { months: replaced.join('、') })}
            />
          )}
          <Box>
            <Button
              variant="contained"
              disabled={!preview.canCommit || (replaced.length > 0 && !confirmed)}
              onClick={() => void commit(analysis)}
            >
              {t('imports.commit')}
            </Button>
          </Box>
        </>
      )}
      <ImportHistory batches={history.data?.batches ?? []} onUndo={() => void undo()} />
      <JobProgressDialog progress={job.progress} title={jobTitle} />
    </Stack>
  );
}

function ImportHistory({ batches, onUndo }: { batches: ImportBatch[]; onUndo(): void }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <Typography variant="subtitle1" sx={{ mb: 1 }}>
        {t('imports.history')}
      </Typography>
      {batches.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('imports.noHistory')}
        </Typography>
      ) : (
        <Table size="small" data-testid="import-history">
          <TableHead>
            <TableRow>
              <TableCell>{t('imports.at')}</TableCell>
              <TableCell>{t('imports.file')}</TableCell>
              <TableCell>{t('imports.kind')}</TableCell>
              <TableCell>{t('imports.result')}</TableCell>
              <TableCell>{t('imports.by')}</TableCell>
              <TableCell>{t('imports.status')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {batches.map((b) => (
              <TableRow key={b.id}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(b.createdAt)}</TableCell>
                <TableCell>{b.fileName}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{t(`imports.kinds.${b.kind}`)}</TableCell>
                <TableCell sx={{ fontSize: 12 }}>
                  {t('imports.historyLine', {
                    newCustomers: b.summary.newCustomers,
                    updatedCustomers: b.summary.updatedCustomers,
                    months: b.summary.months.join('、') || '—',
                    rows: (b.summary.assetRows + (b.summary.holdingRows ?? 0)).toLocaleString(),
                  })}
                </TableCell>
                <TableCell>{b.createdBy ?? '—'}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {b.undoneAt ? t('imports.undoneStatus') : t('imports.active')}
                </TableCell>
                <TableCell>
                  {b.canUndo && (
                    <Button size="small" color="warning" onClick={onUndo}>
                      {t('imports.undo')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  );
}
