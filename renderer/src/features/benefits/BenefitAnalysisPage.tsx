import {
  Alert,
  CircularProgress,
  Link,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CountedCustomers } from '../../components/CountedCustomers';
import { formatCount, formatPercent } from '../../../../shared/format';
import type { BenefitAnalysisCustomersQuery } from '../../../../shared/schemas/benefits';
import { ExportButton } from '../../components/ExportButton';
import { TierChip } from '../../components/TierChips';
import { errorText } from '../../lib/api';
import { useInvoke } from '../../lib/useInvoke';

type Opened = Omit<BenefitAnalysisCustomersQuery, 'month' | 'managerCode'>;

/** A count that opens its customers below the table. */
function Count({ n, open, testId }: { n: number; open: () => void; testId?: string }) {
  if (n === 0) return <span data-testid={testId}>0</span>;
  return (
    <Link component="button" underline="hover" onClick={open} data-testid={testId}>
      {formatCount(n)}
    </Link>
  );
}

/** The customers behind the count opened, most uses first. */
function OpenedCustomers({
  month,
  opened,
  title,
  onOpenCustomer,
}: {
  month: string;
  opened: Opened;
  title: string;
  onOpenCustomer(customerNo: string): void;
}) {
  const { t } = useTranslation();
  const list = useInvoke('benefits.analysisCustomers', { month, ...opened });
  return (
    <CountedCustomers
      title={title}
      list={list.data}
      error={list.error}
      figureHeader={t('benefitAnalysis.uses')}
      figureOf={(r) => r.uses}
      onOpenCustomer={onOpenCustomer}
      testId="benefit-analysis-customers"
    />
  );
}

/**
 * 客户权益分析 (docs/domain.md, "Benefits"): per tier of the data month, each benefit's entitled customers, users,
 * uses and quota used in the year to the month's end, and the entitled who used none (a care signal). Every count
 * opens its customers.
 */
export function BenefitAnalysisPage({
  month,
  onOpenCustomer,
}: {
  month: string | null;
  onOpenCustomer(customerNo: string): void;
}) {
  const { t, i18n } = useTranslation();
  const analysis = useInvoke('benefits.analysis', month ? { month } : null);
  const [opened, setOpened] = useState<{ what: Opened; title: string } | null>(null);
  const data = analysis.data;
  if (!month) return <Alert severity="info">{t('benefitAnalysis.noMonth')}</Alert>;
  if (!data)
    return analysis.error ? (
      <Alert severity="info" sx={{ m: 2 }}>
        {errorText(analysis.error, i18n.language)}
      </Alert>
    ) : (
      <CircularProgress sx={{ m: 3 }} size={24} />
    );
  const open = (what: Opened, title: string) => setOpened({ what, title });
  const noBenefits = data.tiers.every((tier) => tier.benefits.length === 0);
  return (
    <Stack spacing={2} sx={{ p: 2 }} data-testid="benefit-analysis">
      <Stack direction="row" spacing={2} alignItems="center">
        <Typography variant="h6" component="h1">
          {t('benefitAnalysis.title')} · {data.month}
        </Typography>
        <ExportButton subject={{ template: 'benefits', month: data.month }} label={t('exports.benefits')} />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('benefitAnalysis.hint', { from: data.from, to: data.to })}
      </Typography>
      {noBenefits ? (
        <Alert severity="info">{t('benefits.noCatalogue')}</Alert>
      ) : (
        <Paper variant="outlined">
          <Table size="small" data-testid="benefit-analysis-table">
            <TableHead>
              <TableRow>
                <TableCell>{t('tiers.tier')}</TableCell>
                <TableCell align="right">{t('benefitAnalysis.customers')}</TableCell>
                <TableCell align="right">{t('benefitAnalysis.neverUsed')}</TableCell>
                <TableCell>{t('benefits.benefit')}</TableCell>
                <TableCell align="right">{t('benefitAnalysis.entitled')}</TableCell>
                <TableCell align="right">{t('benefitAnalysis.users')}</TableCell>
                <TableCell align="right">{t('benefitAnalysis.uses')}</TableCell>
                <TableCell align="right">{t('benefitAnalysis.quota')}</TableCell>
                <TableCell align="right">{t('benefitAnalysis.quotaUsed')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.tiers.map((tier) => {
                const shown = tier.benefits.filter((b) => b.entitled > 0);
                const span = Math.max(1, shown.length);
                return (
                  <Fragment key={tier.tierCode}>
                    {(shown.length > 0 ? shown : [null]).map((b, i) => (
                      <TableRow key={b?.code ?? 'none'}>
                        {i === 0 && (
                          <>
                            <TableCell rowSpan={span}>
                              <TierChip code={tier.tierCode} name={tier.tierName} />
                            </TableCell>
                            <TableCell rowSpan={span} align="right">
                              {formatCount(tier.customers)}
                            </TableCell>
                            <TableCell rowSpan={span} align="right">
                              <Count
                                n={tier.neverUsed}
                                testId={`never-used-${tier.tierCode}`}
                                open={() =>
                                  open(
                                    { tierCode: tier.tierCode, count: 'neverUsed' },
                                    t('benefitAnalysis.neverUsedOf', { tier: tier.tierName }),
                                  )
                                }
                              />
                            </TableCell>
                          </>
                        )}
                        {b === null ? (
                          <TableCell colSpan={6}>
                            <Typography variant="body2" color="text.secondary">
                              {t('benefits.notEntitled')}
                            </Typography>
                          </TableCell>
                        ) : (
                          <>
                            <TableCell>{b.name}</TableCell>
                            <TableCell align="right">
                              <Count
                                n={b.entitled}
                                open={() =>
                                  open(
                                    { tierCode: tier.tierCode, count: 'entitled', benefitCode: b.code },
                                    t('benefitAnalysis.entitledOf', { tier: tier.tierName, benefit: b.name }),
                                  )
                                }
                              />
                            </TableCell>
                            <TableCell align="right">
                              <Count
                                n={b.users}
                                testId={`users-${tier.tierCode}-${b.code}`}
                                open={() =>
                                  open(
                                    { tierCode: tier.tierCode, count: 'users', benefitCode: b.code },
                                    t('benefitAnalysis.usersOf', { tier: tier.tierName, benefit: b.name }),
                                  )
                                }
                              />
                            </TableCell>
                            <TableCell align="right">{formatCount(b.uses)}</TableCell>
                            <TableCell align="right">{b.quota > 0 ? formatCount(b.quota) : '—'}</TableCell>
                            <TableCell align="right">
                              {b.quotaUsedShare === null ? '—' : formatPercent(b.quotaUsedShare)}
                            </TableCell>
                          </>
                        )}
                      </TableRow>
                    ))}
                  </Fragment>
                );
              })}
            </TableBody>
          </Table>
        </Paper>
      )}
      {opened && (
        <OpenedCustomers
          key={JSON.stringify(opened.what)}
          month={data.month}
          opened={opened.what}
          title={opened.title}
          onOpenCustomer={onOpenCustomer}
        />
      )}
    </Stack>
  );
}
