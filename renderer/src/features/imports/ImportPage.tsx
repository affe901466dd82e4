import { Alert, Box, Button, Checkbox, FormControlLabel, Stack, Typography } from '@mui/material';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/format';
import { IMPORT_KINDS } from '../../../../shared/import-fields';
import type { ColumnMapping, ImportSetPreview } from '../../../../shared/schemas/imports';
import type { JobResults } from '../../../../shared/schemas/jobs';
import { JobProgressDialog, useJob } from '../../components/JobProgressDialog';
import { errorText, invoke } from '../../lib/api';
import { pickFilesInMain, saveDownload, uploadFile, type HeldFileInfo } from '../../lib/files';
import { useInvoke } from '../../lib/useInvoke';
import { useAttempt } from '../../lib/useAttempt';
import { ImportFileChooser } from './ImportFileChooser';
import { ImportHistory } from './ImportHistory';
import { ImportPreviewPanel, type AnalyzeChange } from './ImportPreviewPanel';
import { ImportSetTable, SetProblemsTable } from './ImportSetTable';
import { TemplateButton } from './TemplateButton';

interface Analysis {
  /** The files as they were given (the preview lists them in import order, `preview.order` maps back). */
  files: HeldFileInfo[];
  analysisId: string;
  preview: ImportSetPreview;
}

/**
 * What an import did, in words: one file as before (survey answers, catalogue or holding rows, or customers and
 * rows), several in total; and whether the tiers were recomputed.
 */
function importedText(t: TFunction, result: JobResults['imports.commit']): string {
  return filesImportedText(t, result) + tiersText(t, result);
}

/** The sentence saying the tiers were recomputed, after an import or an undo that changed what they are made of. */
const tiersText = (t: TFunction, result: { tiersRecomputed: boolean }) =>
  result.tiersRecomputed ? t('imports.tiersRecomputed') : '';

function filesImportedText(t: TFunction, result: JobResults['imports.commit']): string {
  const { kind } = result.files[0];
  if (result.files.length > 1)
    return t('imports.doneSet', {
      count: result.files.length,
      first: result.setId,
      last: result.files[result.files.length - 1].batchId,
      newCustomers: result.newCustomers,
      updatedCustomers: result.updatedCustomers,
      months: result.months.join('、') || '—',
      rows:
        result.assetRows +
        result.productRows +
        result.holdingRows +
        result.surveyRows +
        result.benefitUseRows +
        result.householdRows,
    });
  if (kind === 'surveys')
    return t('imports.doneSurveys', { batch: result.setId, rows: result.surveyRows, followUps: result.followUps });
  if (kind === 'products' || kind === 'holdings' || kind === 'benefit-usage' || kind === 'households')
    return t('imports.doneRows', {
      batch: result.setId,
      rows: result.productRows + result.holdingRows + result.benefitUseRows + result.householdRows,
    });
  return t('imports.done', {
    batch: result.setId,
    newCustomers: result.newCustomers,
    updatedCustomers: result.updatedCustomers,
    rows: result.assetRows,
  });
}

/** 确认导入: refused while any file cannot be imported; months already there are replaced only once confirmed. */
function CommitControls({
  preview,
  confirmed,
  onConfirmed,
  onCommit,
}: {
  preview: ImportSetPreview;
  confirmed: boolean;
  onConfirmed(confirmed: boolean): void;
  onCommit(): void;
}) {
  const { t } = useTranslation();
  const { replaces } = preview;
  return (
    <>
      {preview.files
        .filter((f) => f.alreadyImported)
        .map((f) => (
          <Alert key={f.sha256} severity="warning">
            {t('imports.already', {
              file: f.fileName,
              at: formatDateTime(f.alreadyImported?.at ?? ''),
              batch: f.alreadyImported?.batchId,
            })}
          </Alert>
        ))}
      {!preview.canCommit && <Alert severity="error">{t('imports.cannotCommit')}</Alert>}
      {replaces.length > 0 && preview.canCommit && (
        <FormControlLabel
          control={<Checkbox checked={confirmed} onChange={(e) => onConfirmed(e.target.checked)} />}
          label={t('imports.confirmReplace', {
            months: replaces.map((m) => t('imports.monthWithRows', { month: m.month, rows: m.rows })).join('、'),
          })}
        />
      )}
      <Box>
        <Button
          variant="contained"
          disabled={!preview.canCommit || (replaces.length > 0 && !confirmed)}
          onClick={onCommit}
        >
          {preview.files.length > 1 ? t('imports.commitSet', { count: preview.files.length }) : t('imports.commit')}
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
  /** What the user chose of each file (kind, sheet, mapping, template), by token. */
  const [choices, setChoices] = useState<Record<string, AnalyzeChange>>({});
  const [selected, setSelected] = useState(0);
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

  /** Analyses the files as one import, showing the file given at `show` (the first in import order without one). */
  const analyzeNow = async (files: HeldFileInfo[], chosen: Record<string, AnalyzeChange>, show?: number) => {
    if (files.length === 0) {
      setAnalysis(null);
      return;
    }
    const result = await job.run({
      kind: 'imports.analyze',
      files: files.map((f) => ({ fileToken: f.token, ...chosen[f.token] })),
    });
    const shown = Math.max(0, result.preview.order.indexOf(show ?? -1));
    setChoices(chosen);
    setAnalysis({ files, ...result });
    setSelected(shown);
    setMapping(result.preview.files[shown].mapping);
    setConfirmed(false);
  };
  const analyze = (files: HeldFileInfo[], chosen: Record<string, AnalyzeChange>, show?: number) =>
    attempt(t('imports.analyzing'), () => analyzeNow(files, chosen, show));

  /** Adds files to those already chosen (the same import), and analyses them all. */
  const add = async (files: HeldFileInfo[]) => {
    if (files.length > 0) await analyzeNow([...(analysis?.files ?? []), ...files], choices);
  };
  const pickInMain = () => attempt(t('imports.analyzing'), async () => add(await pickFilesInMain()));
  const upload = (files: File[]) =>
    attempt(t('imports.uploading'), async () => {
      const held: HeldFileInfo[] = [];
      for (const file of files) held.push(await uploadFile(file));
      await add(held);
    });

  const select = (index: number) => {
    if (!analysis) return;
    setSelected(index);
    setMapping(analysis.preview.files[index].mapping);
  };
  /** The file shown (in import order) analysed again with another kind, sheet, template or mapping. */
  const reanalyze = (change: AnalyzeChange) => {
    if (!analysis) return;
    const file = analysis.preview.files[selected];
    const given = analysis.preview.order[selected];
    const { token } = analysis.files[given];
    const pinned = { importKind: file.kind, sheet: file.sheet, templateId: file.surveys?.templateId, ...change };
    void analyze(analysis.files, { ...choices, [token]: pinned }, given);
  };
  const remove = (index: number) => {
    if (!analysis) return;
    const given = analysis.preview.order[index];
    void analyze(
      analysis.files.filter((_, i) => i !== given),
      choices,
    );
  };

  const commit = (current: Analysis) =>
    attempt(t('imports.committing'), async () => {
      const result = await job.run({
        kind: 'imports.commit',
        analysisId: current.analysisId,
        replaceMonths: confirmed,
      });
      setAnalysis(null);
      setChoices({});
      setNotice(importedText(t, result));
      history.reload();
      onImported();
    });

  const undo = () =>
    attempt(t('imports.undoing'), async () => {
      const result = await job.run({ kind: 'imports.undo' });
      setNotice(
        (result.fileNames.length > 1
          ? t('imports.undoneSet', { count: result.fileNames.length, files: result.fileNames.join('、') })
          : t('imports.undone', { batch: result.setId })) + tiersText(t, result),
      );
      history.reload();
      onImported();
    });

  return {
    job,
    history,
    analysis,
    selected,
    select,
    mapping,
    setMapping,
    confirmed,
    setConfirmed,
    notice,
    failure,
    jobTitle,
    pickInMain,
    upload,
    reanalyze,
    remove,
    commit,
    undo,
  };
}

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

/**
 * 数据导入: choose or drop one or several files, see one dry run of them all (each file, the totals, every problem;
 * fix a file's mapping if needed), import them at once, and undo the latest import from the history.
 */
export function ImportPage({ onImported }: { onImported(): void }) {
  const { t, i18n } = useTranslation();
  const steps = useImportSteps(onImported);
  const { analysis, failure, notice, selected } = steps;
  const preview = analysis?.preview ?? null;
  return (
    <Stack spacing={2} sx={{ p: 2, overflowY: 'auto', maxWidth: 1200 }}>
      <Typography variant="h6" component="h1">
        {t('imports.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('imports.hint')}
      </Typography>
      <ImportFileChooser onPickInMain={() => void steps.pickInMain()} onUpload={(files) => void steps.upload(files)} />
      <TemplateLinks onError={failure.setError} />
      {failure.error ? <Alert severity="error">{errorText(failure.error, i18n.language)}</Alert> : null}
      {notice ? <Alert severity="success">{notice}</Alert> : null}
      {analysis && preview && (
        <Stack spacing={2} data-testid="import-preview">
          <ImportSetTable preview={preview} selected={selected} onSelect={steps.select} onRemove={steps.remove} />
          <ImportPreviewPanel
            preview={preview.files[selected]}
            mapping={steps.mapping}
            onMappingChange={steps.setMapping}
            onReanalyze={steps.reanalyze}
          />
          <SetProblemsTable
            preview={preview}
            onDownload={() => {
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
        </Stack>
      )}
      <ImportHistory batches={steps.history.data?.batches ?? []} onUndo={() => void steps.undo()} />
      <JobProgressDialog progress={steps.job.progress} title={steps.jobTitle} />
    </Stack>
  );
}
