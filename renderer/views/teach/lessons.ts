/** The lessons the Lessons tab offers, in order; each is a component that fills the lesson area. */
import type { Component } from 'svelte';
import type { MessageKey } from '../../i18n/index.svelte.js';
import DenoiseView from './DenoiseView.svelte';
import DenseConvView from './DenseConvView.svelte';
import ContractiveView from './ContractiveView.svelte';
import KernelsView from './KernelsView.svelte';
import LossCompareView from './LossCompareView.svelte';
import PcaView from './PcaView.svelte';
import ReconstructionsView from './ReconstructionsView.svelte';

export interface Lesson {
  id: string;
  label: MessageKey;
  component: Component;
}

export const LESSONS: readonly Lesson[] = [
  { id: 'reconstructions', label: 'teach.lesson.reconstructions', component: ReconstructionsView },
  { id: 'kernels', label: 'teach.lesson.kernels', component: KernelsView },
  { id: 'denoise', label: 'teach.lesson.denoise', component: DenoiseView },
  { id: 'pca', label: 'teach.lesson.pca', component: PcaView },
  { id: 'loss', label: 'teach.lesson.loss', component: LossCompareView },
  { id: 'dense-conv', label: 'teach.lesson.denseConv', component: DenseConvView },
  { id: 'contractive', label: 'teach.lesson.contractive', component: ContractiveView },
];
