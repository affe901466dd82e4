import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Box, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/format';
import {
  RULE_PACKAGE_EXTENSION,
  type RulePackagePreview,
  type RulePackageSection,
} from '../../../../shared/schemas/rule-packages';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FileChooser } from '../../components/FileChooser';
import { JobProgressDialog, useJob } from '../../components/JobProgressDialog';
import { errorText, invoke } from '../../lib/api';
import { pickFilesInMain, saveDownload, uploadFile, type HeldFileInfo } from '../../lib/files';
import { useSession } from '../../lib/session';
import { useAttempt } from '../../lib/useAttempt';

/** A previewed package and the file it was read from (applied by its token and checksum). */
interface Chosen {
  file: HeldFileInfo;
  preview: RulePackagePreview;
}

/**
 * What the package would change, section by section (one row each: 无变化, or its lines in the user's language), with
 * where it comes from and 确认应用 above, so both show without scrolling.
 */
function PackageDiff({ preview, action }: { preview: RulePackagePreview; action: ReactNode }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { source } = preview;
  const from =
    [source.headOffice, source.name, source.code].filter(Boolean).join(' ') || t('rulePackages.unknownSource');
  return (
    <Paper variant="outlined" data-testid="rule-package-diff">
      <Stack direction="row" spacing={2} alignItems="center" sx={{ p: 1.5 }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          {t('rulePackages.source', {
            source: from,
            at: formatDateTime(preview.createdAt),
            version: preview.appVersion,
          })}
        </Typography>
        {action}
      </Stack>
      {!preview.changed && (
        <Alert severity="info" sx={{ mx: 1.5, mb: 1.5 }}>
          {t('rulePackages.nothingChanges')}
        </Alert>
      )}
      {preview.sections.map(({ section, changes }) => {
        const count = changes.filter((c) => c.kind === 'change').length;
        return (
          <Stack
            key={section}
            direction="row"
            spacing={2}
            sx={{ px: 1.5, py: 1, borderTop: 1, borderColor: 'divider' }}
            data-testid={`rule-package-section-${section}`}
          >
            <Typography variant="subtitle2" sx={{ width: 150, flexShrink: 0 }}>
              {t(`rulePackages.sections.${section}`)}
            </Typography>
            <Box sx={{ width: 90, flexShrink: 0 }}>
              <Chip
                size="small"
                color={count > 0 ? 'warning' : 'default'}
                label={count > 0 ? t('rulePackages.changes', { count }) : t('rulePackages.unchanged')}
              />
            </Box>
            <Stack spacing={0.5} sx={{ minWidth: 0 }}>
              {changes.map((c) => (
                <Typography variant="body2" key={c.text} color={c.kind === 'note' ? 'text.secondary' : 'text.primary'}>
                  {en ? c.textEn : c.text}
                </Typography>
              ))}
            </Stack>
          </Stack>
        );
      })}
    </Paper>
  );
}

/** 设置 → 规则包: export the branch's settings as one file; import one (管理员) after seeing what it would change. */
export function RulePackagesPage({ onApplied }: { onApplied(): void }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const job = useJob();
  const { error, attempt } = useAttempt();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [reading, setReading] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const sectionNames = (sections: RulePackageSection[]) =>
    sections.map((s) => t(`rulePackages.sections.${s}`)).join(i18n.language === 'en' ? ', ' : '、');

  const exportPackage = () =>
    attempt(async () => {
      setNotice(null);
      const { fileName, base64, checksum } = await invoke('rules.exportPackage', {});
      saveDownload(fileName, base64, 'application/json');
      setNotice(t('rulePackages.exported', { file: fileName, checksum: checksum.slice(0, 12) }));
    });

  const read = (getFile: () => Promise<HeldFileInfo | null>) =>
    attempt(async () => {
      setNotice(null);
      setChosen(null);
      setReading(true);
      try {
        const file = await getFile();
        if (file) setChosen({ file, preview: await invoke('rules.previewPackage', { fileToken: file.token }) });
      } finally {
        setReading(false);
      }
    });

  const apply = (current: Chosen) =>
    attempt(async () => {
      setConfirming(false);
      const result = await job.run({
        kind: 'rules.importPackage',
        fileToken: current.file.token,
        checksum: current.preview.checksum,
      });
      const { recomputed } = result;
      setChosen(null);
      setNotice(
        t('rulePackages.applied', { sections: sectionNames(result.changedSections) }) +
          (recomputed
            ? t('rulePackages.recomputed', {
                months: recomputed.months,
                customers: recomputed.customers,
              })
            : ''),
      );
      onApplied();
    });

  const changed = chosen
    ? chosen.preview.sections.filter((s) => s.changes.some((c) => c.kind === 'change')).map((s) => s.section)
    : [];
  return (
    <Stack spacing={2} sx={{ p: 2, overflowY: 'auto', maxWidth: 1100 }}>
      <Typography variant="h6" component="h1">
        {t('rulePackages.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('rulePackages.hint')}
      </Typography>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Paper variant="outlined" sx={{ p: 2, flex: 1 }}>
          <Typography variant="subtitle1" gutterBottom>
            {t('rulePackages.exportTitle')}
          </Typography>
          <Button
            variant="contained"
            startIcon={<DownloadIcon />}
            onClick={() => void exportPackage()}
            data-testid="rule-package-export"
          >
            {t('rulePackages.export')}
          </Button>
        </Paper>
        <Paper variant="outlined" sx={{ p: 2, flex: 1 }}>
          <Typography variant="subtitle1" gutterBottom>
            {t('rulePackages.importTitle')}
          </Typography>
          {can('rules.previewPackage') ? (
            <Stack spacing={1.5}>
              <Typography variant="body2" color="text.secondary">
                {t('rulePackages.importHint')}
              </Typography>
              <FileChooser
                label={t('rulePackages.choose')}
                accept={`${RULE_PACKAGE_EXTENSION},.json`}
                testId="rule-package-input"
                variant="outlined"
                busy={reading}
                onPickInMain={() => void read(async () => (await pickFilesInMain())[0] ?? null)}
                onUpload={([file]) => void read(() => uploadFile(file))}
              />
            </Stack>
          ) : (
            <Alert severity="info">{t('rulePackages.adminOnly')}</Alert>
          )}
        </Paper>
      </Stack>
      {error ? (
        <Alert severity="error" data-testid="rule-package-error">
          {errorText(error, i18n.language)}
        </Alert>
      ) : null}
      {notice ? (
        <Alert severity="success" data-testid="rule-package-notice">
          {notice}
        </Alert>
      ) : null}
      {chosen && (
        <>
          <PackageDiff
            preview={chosen.preview}
            action={
              <Button
                variant="contained"
                disabled={!chosen.preview.changed || job.progress !== null}
                onClick={() => setConfirming(true)}
                data-testid="rule-package-apply"
              >
                {t('rulePackages.apply')}
              </Button>
            }
          />
          <ConfirmDialog
            open={confirming}
            title={t('rulePackages.confirmTitle')}
            text={t('rulePackages.confirmText', {
              sections: sectionNames(changed),
              recompute:
                changed.includes('tierRules') || changed.includes('dimensions')
                  ? t('rulePackages.confirmRecompute')
                  : '',
            })}
            confirmLabel={t('rulePackages.apply')}
            color="warning"
            testId="rule-package-confirm"
            onClose={() => setConfirming(false)}
            onConfirm={() => void apply(chosen)}
          />
        </>
      )}
      <JobProgressDialog progress={job.progress} title={t('rulePackages.applying')} />
    </Stack>
  );
}
