/**
 * English messages: the reference catalogue. Every other catalogue must have exactly these keys (a compile
 * error otherwise). `{name}` placeholders are filled by `t(key, {name})`.
 * Views add their own keys here, prefixed with the view's name.
 */
export const en = {
  'app.title': 'Latent Explorer',
  'app.tagline': 'The latent space of autoencoders, made visible',
  'view.explorer': 'Explorer',
  'view.training': 'Training',
  'view.runs': 'Runs',
  'header.views': 'Views',
  'header.language': 'Language',
  'status.backend': 'Backend',
  'status.dataset': 'Dataset',
  'status.model': 'Model',
  'status.noModel': 'no model open',
  'status.connecting': 'Connecting to the engine…',
  'status.connected': 'Engine ready',
  'status.lost': 'Engine connection lost; retrying…',
  'status.restarted': 'The engine stopped and was restarted ({reason}).',
  'status.training': 'Training epoch {epoch}/{epochs}',
  'status.datasetCounts': '{name} · {train} train + {test} test',
  'status.latent': '{arch}, {latent}-D latent',
  'error.engine': 'The engine reported an error: {message}',
  'common.dismiss': 'Dismiss',
} as const;

export type MessageKey = keyof typeof en;
