/**
 * The bundled demo datasets (public/datasets/*.csv), their shapes and their credits. Every demo
 * is a CSV with a header row and the target in its last column.
 */
import type { DatasetSource } from './types';

export type DemoId = 'digits' | 'iris' | 'wine';

export interface DemoDataset {
  readonly id: DemoId;
  readonly title: string;
  /** File name under `public/datasets/` (served at `<base>datasets/<file>`). */
  readonly file: string;
  readonly rows: number;
  readonly features: number;
  readonly classes: number;
  readonly target: string;
  readonly description: string;
  /** Image-like demos keep every pixel as a feature, in row-major order. */
  readonly imageShape?: readonly [number, number, number];
  /** Who made the data, as the credit line shown in the page and README. */
  readonly credit: string;
  readonly license: string;
  readonly url: string;
}

const UCI_LICENSE = 'CC BY 4.0';

export const demoDatasets: readonly DemoDataset[] = [
  {
    id: 'digits',
    title: 'Handwritten digits (8x8)',
    file: 'digits.csv',
    rows: 1797,
    features: 64,
    classes: 10,
    target: 'digit',
    description: '8x8 images of handwritten digits, pixel values 0..16; predict the digit.',
    imageShape: [8, 8, 1],
    credit:
      'Optical Recognition of Handwritten Digits, E. Alpaydin and C. Kaynak, UCI Machine Learning Repository (the 1797-image set as distributed with scikit-learn)',
    license: UCI_LICENSE,
    url: 'https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits',
  },
  {
    id: 'iris',
    title: 'Iris flowers',
    file: 'iris.csv',
    rows: 150,
    features: 4,
    classes: 3,
    target: 'species',
    description: 'Sepal and petal measurements in cm; predict the species.',
    credit: 'Iris, R. A. Fisher (1936), UCI Machine Learning Repository',
    license: UCI_LICENSE,
    url: 'https://archive.ics.uci.edu/dataset/53/iris',
  },
  {
    id: 'wine',
    title: 'Wine cultivars',
    file: 'wine.csv',
    rows: 178,
    features: 13,
    classes: 3,
    target: 'cultivar',
    description: 'Chemical analysis of Italian wines; predict the cultivar.',
    credit: 'Wine, M. Forina et al., UCI Machine Learning Repository',
    license: UCI_LICENSE,
    url: 'https://archive.ics.uci.edu/dataset/109/wine',
  },
];

/** The demo opened with the page. */
export const DEFAULT_DEMO: DemoId = 'digits';

/** The demo named `id` (`digits`, or `demo:digits`), or undefined. */
export function findDemo(id: string): DemoDataset | undefined {
  const bare = id.startsWith('demo:') ? id.slice(5) : id;
  return demoDatasets.find((d) => d.id === bare);
}

/** The experiment-file source of a demo: `demo:digits`. */
export function demoSource(demo: DemoDataset): DatasetSource {
  return `demo:${demo.id}`;
}
