/** Which inputs the training form shows, in order, for an architecture. Pure. */
import { TRAIN_DATASETS } from '../../../src/pure/api/api.js';
import { ACTIVATIONS, ARCHS, LOSSES, type Arch } from '../../../src/pure/model/types.js';
import { SCHEDULES } from '../../../src/pure/model/schedule.js';
import { FORM_NOISE_KINDS, fieldsFor, type Field } from './form.js';

export interface FieldSpec {
  field: Field;
  /** Select options; a text input when absent. */
  options?: readonly string[];
  /** Option labels are the message `${optionPrefix}${value}`; the raw value when absent. */
  optionPrefix?: 'studio.arch.' | 'studio.loss.' | 'studio.noise.' | 'studio.dataset.' | 'studio.schedule.';
  /** The select starts with a "default" entry of value ''. */
  allowDefault?: boolean;
  hint?: 'studio.hint.hidden' | 'studio.hint.limit';
  inputmode?: 'decimal' | 'numeric' | 'text';
  /** Spans both columns of the form grid. */
  wide?: boolean;
}

/** The model section for `arch`: settings it does not use are left out. */
export function modelFields(arch: Arch): FieldSpec[] {
  const uses = fieldsFor(arch);
  const specs: (FieldSpec | false)[] = [
    { field: 'name', inputmode: 'text', wide: true },
    { field: 'dataset', options: TRAIN_DATASETS, optionPrefix: 'studio.dataset.' },
    { field: 'arch', options: ARCHS, optionPrefix: 'studio.arch.' },
    uses.hidden && { field: 'hidden', inputmode: 'text', hint: 'studio.hint.hidden', wide: true },
    uses.filters && { field: 'filters', inputmode: 'text', wide: true },
    { field: 'latent', inputmode: 'numeric' },
    { field: 'activation', options: ACTIVATIONS },
    uses.hidden && { field: 'codeActivation', options: ACTIVATIONS, allowDefault: true },
    { field: 'loss', options: LOSSES, optionPrefix: 'studio.loss.' },
    uses.noise && { field: 'noiseKind', options: FORM_NOISE_KINDS, optionPrefix: 'studio.noise.' },
    uses.noise && { field: 'noiseLevel' },
    uses.beta && { field: 'beta' },
    uses.contraction && { field: 'contraction' },
  ];
  return specs.filter((s): s is FieldSpec => s !== false);
}

/** The optimiser and data section. */
export const TRAINING_FIELDS: readonly FieldSpec[] = [
  { field: 'learningRate' },
  { field: 'schedule', options: SCHEDULES, optionPrefix: 'studio.schedule.' },
  { field: 'batchSize', inputmode: 'numeric' },
  { field: 'epochs', inputmode: 'numeric' },
  { field: 'seed', inputmode: 'numeric' },
  { field: 'limit', inputmode: 'numeric', hint: 'studio.hint.limit', wide: true },
];
