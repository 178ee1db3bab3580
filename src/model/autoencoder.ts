/** Assembles an {@link Autoencoder} from an architecture's models and loss. */
import * as tf from '@tensorflow/tfjs';
import type { LayersModel } from '@tensorflow/tfjs';
import type { ModelConfig } from '../pure/model/types.js';
import type { Autoencoder, LossGradients } from './types.js';

export interface AutoencoderParts {
  config: ModelConfig;
  encoder: LayersModel;
  decoder: LayersModel;
  /** A VAE's `z_log_var` head as a model of its own (shares the encoder's layers). */
  logVar?: LayersModel;
  /** Models sharing layers with the two above (pre-output decoder, VAE's two-headed encoder): disposed too. */
  extra?: LayersModel[];
  trainableVariables: tf.Variable[];
  /** The loss of a batch; called inside a tidy, so it may leave intermediates behind. */
  loss(x: tf.Tensor2D, training: boolean): tf.Scalar;
  /** The training loss and its gradient by hand, agreeing with `loss` under a tape to float32 rounding. */
  gradient?(x: tf.Tensor2D): LossGradients;
  sync?(): void;
}

/** Wraps an architecture's parts: tidies the loss and disposes every model and variable exactly once. */
export function makeAutoencoder(parts: AutoencoderParts): Autoencoder {
  let disposed = false;
  return {
    config: parts.config,
    encoder: parts.encoder,
    decoder: parts.decoder,
    ...(parts.logVar ? { logVar: parts.logVar } : {}),
    trainableVariables: parts.trainableVariables,
    loss: (x, training) => tf.tidy(() => parts.loss(x, training)),
    ...(parts.gradient ? { gradient: parts.gradient } : {}),
    sync: () => {
      if (parts.sync) tf.tidy(() => parts.sync!());
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      for (const model of [parts.encoder, parts.decoder, ...(parts.logVar ? [parts.logVar] : []), ...(parts.extra ?? [])]) {
        // A model whose layers another model already released throws here; its weights are gone either way.
        try {
          model.dispose();
        } catch {
          /* already released */
        }
      }
      for (const v of parts.trainableVariables) if (!v.isDisposed) v.dispose();
    },
  };
}
