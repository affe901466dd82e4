import { Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';

/** Under a page of branch figures, for whom they are restricted: what is withheld, and that their list is their book. */
export function BranchFiguresNote({ branch }: { branch: { rows: boolean; money: boolean } }) {
  const { t } = useTranslation();
  if (branch.rows && branch.money) return null;
  return (
    <Typography variant="caption" color="text.secondary" data-testid="branch-figures-note">
      {t('branchFigures.moneyWithheld')}
      {branch.rows ? '' : t('branchFigures.ownList')}
    </Typography>
  );
}
