import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip } from 'chart.js';
import { BarWithErrorBar, BarWithErrorBarsController, LineWithErrorBarsController, PointWithErrorBar, ScatterWithErrorBarsController } from 'chartjs-chart-error-bars';

// Only what the score charts draw, so the office chunk stays lean; imported by the chart components alone.
Chart.register(
  BarWithErrorBarsController,
  BarWithErrorBar,
  LineWithErrorBarsController,
  ScatterWithErrorBarsController,
  PointWithErrorBar,
  LineController,
  ScatterController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
);

/** Series colours that stay apart for common colour-vision deficiencies (Okabe–Ito). */
export const seriesColours = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
export const outlierColours = { above: '#009E73', below: '#D55E00', none: '#0072B2' } as const;
