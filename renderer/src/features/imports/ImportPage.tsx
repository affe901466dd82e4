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
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/format';
import { IMPORT_FILE_EXTENSIONS, IMPORT_KINDS } from '../../../../shared/import-fields';
import type { ColumnMapping, ImportBatch, ImportPreview } from '../../../../shared/schemas/imports';
import type { JobResults } from '../../../../shared/schemas/jobs';
import { FileChooser } from '../../components/FileChooser';
import { JobProgressDialog, useJob } from '../../components/JobProgressDialog';
import { errorText, invoke } from '../../lib/api';
import { pickFileInMain, saveDownload, uploadFile, type HeldFileInfo } from '../../lib/files';
import { useInvoke } from '../../lib/useInvoke';
import { useAttempt } from '../../lib/useAttempt';
import { ImportPreviewPanel, type AnalyzeChange } from './ImportPreviewPanel';
import { TemplateButton } from './TemplateButton';

interface Analysis {
  file: HeldFileInfo;
  analysisId: string;
  preview: ImportPreview;
}

/** What an import did, in words: survey answers and follow-ups, or customers and asset rows. */
function importedText(t: TFunction, kind: ImportPreview['kind'], result: JobResults['imports.commit']): string {
  return kind === 'surveys'
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
      });
}

/** 导入: refused while there are errors; a file that replaces months' data first asks to confirm it. */
function CommitControls({
  preview,
  confirmed,
  onConfirmed,
  onCommit,
}: {
  preview: ImportPreview;
  confirmed: boolean;
  onConfirmed(confirmed: boolean): void;
  onCommit(): void;
}) {
  const { t } = useTranslation();
  const replaced = preview.months.filter((m) => m.replacesRows > 0).map((m) => m.month);
  return (
    <>
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
          control={<Checkbox checked={confirmed} onChange={(e) => onConfirmed(e.target.checked)} />}
          label={t('imports.confirmReplace', { months: replaced.join('、') })}
        />
      )}
      <Box>
        <Button
          variant="contained"
          disabled={!preview.canCommit || (replaced.length > 0 && !confirmed)}
          onClick={onCommit}
        >
          {t('imports.commit')}
        </Button>
      </Box>
    </>
  );
}

/** The import's steps as jobs (analyse, commit, undo), each under its title, with the analysis and the outcome. */
function useImportSteps(onImported: () => void) {
  const { t } = useTranslation();
  const job = useJob();
  const history = useInvoke('imports.history', {});
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

  const pickInMain = () =>
    attempt(t('imports.analyzing'), async () => {
      const file = await pickFileInMain();
      if (file) await analyze(file);
    });

  const upload = (file: File) => attempt(t('imports.uploading'), async () => analyze(await uploadFile(file)));

  const commit = (current: Analysis) =>
    attempt(t('imports.committing'), async () => {
      const result = await job.run({
        kind: 'imports.commit',
        analysisId: current.analysisId,
        replaceMonths: confirmed,
      });
      setAnalysis(null);
      setNotice(importedText(t, current.preview.kind, result));
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

  return {
    job,
    history,
    analysis,
    mapping,
    setMapping,
    confirmed,
    setConfirmed,
    notice,
    failure,
    jobTitle,
    analyze,
    pickInMain,
    upload,
    commit,
    undo,
  };
}

/** 数据导入: choose a file, see the dry run (fix the mapping if needed), import, and undo from the history. */
/** 导入模板: for each kind an xlsx with the headers recognised, an example row and 填写说明. */
function TemplateLinks({ onError }: { onError(error: unknown): void }) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap data-testid="import-templates">
      <Typography variant="body2" color="text.secondary">
        {t('imports.templates')}
      </Typography>
      {IMPORT_KINDS.map((kind) => (
        <TemplateButton key={kind} kind={kind} onError={onError} />
      ))}
    </Stack>
  );
}

export function ImportPage({ onImported }: { onImported(): void }) {
  const { t, i18n } = useTranslation();
  const steps = useImportSteps(onImported);
  const { analysis, failure, notice } = steps;
  const preview = analysis?.preview ?? null;
  return (
    <Stack spacing={2} sx={{ p: 2, overflowY: 'auto', maxWidth: 1200 }}>
      <Typography variant="h6" component="h1">
        {t('imports.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('imports.hint')}
      </Typography>
      <FileChooser
        label={t('imports.choose')}
        accept={IMPORT_FILE_EXTENSIONS.map((extension) => `.${extension}`).join(',')}
        testId="import-file-input"
        onPickInMain={() => void steps.pickInMain()}
        onUpload={(file) => void steps.upload(file)}
      />
      <TemplateLinks onError={failure.setError} />
      {failure.error ? <Alert severity="error">{errorText(failure.error, i18n.language)}</Alert> : null}
      {notice ? <Alert severity="success">{notice}</Alert> : null}
      {analysis && preview && (
        <>
          <ImportPreviewPanel
            preview={preview}
            mapping={steps.mapping}
            onMappingChange={steps.setMapping}
            onReanalyze={(change) =>
              void steps.analyze(analysis.file, {
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
          <CommitControls
            preview={preview}
            confirmed={steps.confirmed}
            onConfirmed={steps.setConfirmed}
            onCommit={() => void steps.commit(analysis)}
          />
        </>
      )}
      <ImportHistory batches={steps.history.data?.batches ?? []} onUndo={() => void steps.undo()} />
      <JobProgressDialog progress={steps.job.progress} title={steps.jobTitle} />
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
