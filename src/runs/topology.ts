/**
 * A model.json topology is code-like input: TF.js builds whatever it describes, allocating every layer's weights
 * and walking its node graph, before any weight is compared. A crafted or damaged topology (a node reference
 * replaced by a huge number, a layer of 10^9 units) can hang or exhaust the engine there. So, before TF.js sees
 * it, the topology must have the shape our models have: a functional model of the layer classes we build, node
 * references of the usual form, finite numbers, and sizes within the limits the training form allows.
 */
import { z } from 'zod';

/** Layer classes our architectures are made of (see src/model/arch/), plus close relatives. */
export const LAYER_CLASSES = [
  'InputLayer',
  'Dense',
  'Activation',
  'Reshape',
  'Flatten',
  'Conv2D',
  'Conv2DTranspose',
  'ReLU',
  'LeakyReLU',
  'ELU',
  'Softmax',
  'Dropout',
  // Keras models imported through the TF.js converter (see src/host/import-model.ts).
  'BatchNormalization',
] as const;
/**
 * Largest value of each sizing key: the training form's own limits (4,096 units, 256 filters), small kernels and
 * strides. With these no layer can ask TF.js for more than a few tens of millions of weights.
 */
export const SIZE_LIMITS: Readonly<Record<string, number>> = {
  units: 4096,
  filters: 256,
  kernel_size: 16,
  strides: 16,
  dilation_rate: 16,
  pool_size: 16,
  target_shape: 4096,
  batch_input_shape: 4096,
  input_dim: 4096,
  output_dim: 4096,
};
const MAX_LAYERS = 64;
const MAX_VALUES = 20_000;

const index = z.number().int().min(0).max(MAX_LAYERS);
const nodeRef = z.tuple([z.string().min(1).max(200), index, index]).rest(z.record(z.string(), z.unknown()));
const layerSchema = z
  .object({
    name: z.string().min(1).max(200),
    class_name: z.enum(LAYER_CLASSES),
    // The fields TF.js keys weights and tensors by must have the types it expects (a numeric name leaked a tensor).
    config: z.looseObject({
      name: z.string().min(1).max(200).optional(),
      dtype: z.literal('float32').optional(),
      trainable: z.boolean().optional(),
      activation: z.enum(['linear', 'relu', 'tanh', 'sigmoid', 'elu', 'softmax', 'selu', 'softplus', 'relu6', 'swish']).optional(),
    }),
    inbound_nodes: z.array(z.array(nodeRef).max(8)).max(8),
  })
  .refine((l) => l.config.name === undefined || l.config.name === l.name, "a layer's config.name must be its name");
const topologySchema = z.object({
  class_name: z.enum(['Model', 'Functional']),
  config: z.object({
    name: z.string().max(200).optional(),
    layers: z.array(layerSchema).min(1).max(MAX_LAYERS),
    input_layers: z
      .array(z.tuple([z.string().min(1).max(200), index, index]))
      .min(1)
      .max(4),
    output_layers: z
      .array(z.tuple([z.string().min(1).max(200), index, index]))
      .min(1)
      .max(4),
  }),
});

/** Why `topology` is not one we will hand to TF.js, or null when it is. */
export function topologyProblem(topology: unknown): string | null {
  const parsed = topologySchema.safeParse(topology);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return `modelTopology.${issue.path.join('.')}: ${issue.message}`;
  }
  let seen = 0;
  const walk = (value: unknown, path: string, limit: number | undefined, depth: number): string | null => {
    if (++seen > MAX_VALUES || depth > 12) return `modelTopology is too large or too deep (at ${path})`;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return `${path} is not a finite number`;
      if (limit !== undefined && (!Number.isInteger(value) || value < 0 || value > limit))
        return `${path} = ${value} is not a size in 0..${limit}`;
      return null;
    }
    if (value === null || typeof value !== 'object') return null;
    for (const [key, child] of Object.entries(value)) {
      const problem = walk(child, `${path}.${key}`, limit ?? (Object.hasOwn(SIZE_LIMITS, key) ? SIZE_LIMITS[key] : undefined), depth + 1);
      if (problem) return problem;
    }
    return null;
  };
  const layers = parsed.data.config.layers;
  for (const layer of layers) {
    const problem = walk(layer.config, `layer ${layer.name}`, undefined, 0);
    if (problem) return problem;
  }
  // Every reference must name a layer of this model.
  const names = new Set(layers.map((l) => l.name));
  const refs = [
    ...layers.flatMap((l) => l.inbound_nodes.flat().map((n) => n[0])),
    ...parsed.data.config.input_layers.map((r) => r[0]),
    ...parsed.data.config.output_layers.map((r) => r[0]),
  ];
  const dangling = refs.find((name) => !names.has(name));
  return dangling === undefined ? null : `modelTopology refers to a layer '${dangling.slice(0, 80)}' it does not have`;
}
