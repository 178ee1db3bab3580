/**
 * The views the header offers as tabs, in order. A view is a component that fills the main area; it reads
 * `app`/`api` from `state/app.svelte.ts` itself, so it takes no props.
 */
import type { Component } from 'svelte';
import type { MessageKey } from '../i18n/index.svelte.js';
import ExplorerView from './explorer/ExplorerView.svelte';
import LabView from './lab/LabView.svelte';
import RunsView from './runs/RunsView.svelte';
import StudioView from './studio/StudioView.svelte';
import TeachView from './teach/TeachView.svelte';

export interface ViewEntry {
  id: string;
  /** Tab label. */
  label: MessageKey;
  component: Component;
}

export const VIEWS: readonly ViewEntry[] = [
  { id: 'explorer', label: 'view.explorer', component: ExplorerView },
  { id: 'lab', label: 'view.lab', component: LabView },
  { id: 'training', label: 'view.training', component: StudioView },
  { id: 'runs', label: 'view.runs', component: RunsView },
  { id: 'teach', label: 'view.teach', component: TeachView },
];
