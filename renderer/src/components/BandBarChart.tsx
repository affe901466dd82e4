import { BarChart, type BarSeries } from '@mui/x-charts/BarChart';
import { formatCount } from '../../../shared/format';

interface BandBarChartProps {
  /** One bar (or stack) per category, left to right: months, or the two months of a comparison. */
  categories: string[];
  series: Array<
    Pick<BarSeries, 'id' | 'label' | 'color' | 'data'> & Partial<Pick<BarSeries, 'stack' | 'valueFormatter'>>
  >;
  height: number;
  /** Tick labels of the value axis (plain numbers by default). */
  valueFormatter?(value: number): string;
  /** Every category's label shown, turned aslant (long labels such as 资产区间), none skipped. */
  everyLabel?: boolean;
}

/**
 * Bars over categories with the legend above, drawn at once (no animation: screenshots and slow PCs alike); values
 * are counts with separators unless a series formats its own.
 */
export function BandBarChart({ categories, series, height, valueFormatter, everyLabel = false }: BandBarChartProps) {
  const fontSize = categories.length > 12 ? 10 : 12;
  return (
    <BarChart
      skipAnimation
      height={height}
      xAxis={[
        everyLabel
          ? {
              scaleType: 'band',
              data: categories,
              tickLabelInterval: () => true,
              tickLabelStyle: { fontSize, angle: -30, textAnchor: 'end' },
              height: 90,
            }
          : { scaleType: 'band', data: categories, tickLabelStyle: { fontSize } },
      ]}
      yAxis={[{ width: 64, valueFormatter: valueFormatter ?? ((v: number) => formatCount(v)) }]}
      series={series.map((s) => ({ valueFormatter: (v: number | null) => (v === null ? '' : formatCount(v)), ...s }))}
      margin={{ left: 8, right: 8, top: 8, bottom: 8 }}
    />
  );
}
