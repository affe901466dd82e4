import { Button, Dialog, DialogActions, DialogContent, DialogTitle, LinearProgress, Typography } from '@mui/material';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobEvent, JobKind, JobRequestInput, JobResults } from '../../../shared/schemas/jobs';
import { cancelJob, runJob } from '../lib/jobs';
import { formatCount } from '../../../shared/format';

/** Runs jobs one at a time and keeps the latest progress for `JobProgressDialog`. */
export function useJob() {
  const [progress, setProgress] = useState<JobEvent | null>(null);
  const run = useCallback(
    async <K extends JobKind>(request: Extract<JobRequestInput, { kind: K }>): Promise<JobResults[K]> => {
      setProgress({ jobId: '', kind: request.kind, state: 'running', phase: 'read', done: 0, total: 0 });
      try {
        return await runJob(request, setProgress);
      } finally {
        setProgress(null);
      }
    },
    [],
  );
  return { progress, run };
}

/** A modal with the running job's phase, a progress bar and 取消; nothing shows when no job runs. */
export function JobProgressDialog({
  progress,
  title,
  note,
}: {
  progress: JobEvent | null;
  title: string;
  note?: string;
}) {
  const { t } = useTranslation();
  const [cancelling, setCancelling] = useState<string | null>(null);
  if (!progress) return null;
  const percent = progress.total > 0 ? Math.min(100, (progress.done / progress.total) * 100) : null;
  const jobId = progress.jobId;
  return (
    <Dialog open aria-labelledby="job-progress-title" data-testid="job-progress" fullWidth maxWidth="xs">
      <DialogTitle id="job-progress-title">{title}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 1 }}>
          {t(`jobs.phase.${progress.phase}`)}
          {progress.total > 0 ? `  ${formatCount(progress.done)} / ${formatCount(progress.total)}` : ''}
        </Typography>
        <LinearProgress variant={percent === null ? 'indeterminate' : 'determinate'} value={percent ?? 0} />
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1 }}>
          {note ?? t('jobs.atomic')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button
          disabled={jobId === '' || cancelling === jobId || progress.phase === 'write'}
          onClick={() => {
            setCancelling(jobId);
            void cancelJob(jobId);
          }}
        >
          {cancelling === jobId ? t('jobs.cancelling') : t('jobs.cancel')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
