/** Spanish messages (the language of the course material this app serves). Keys mirror `en.ts`. */
import type { MessageKey } from './en.js';

export const es: Record<MessageKey, string> = {
  'app.title': 'Latent Explorer',
  'app.tagline': 'El espacio latente de los autocodificadores, a la vista',
  'view.explorer': 'Explorador',
  'view.training': 'Entrenamiento',
  'view.runs': 'Modelos',
  'header.views': 'Vistas',
  'header.language': 'Idioma',
  'status.backend': 'Motor',
  'status.dataset': 'Datos',
  'status.model': 'Modelo',
  'status.noModel': 'ningún modelo abierto',
  'status.connecting': 'Conectando con el motor…',
  'status.connected': 'Motor listo',
  'status.lost': 'Conexión con el motor perdida; reintentando…',
  'status.restarted': 'El motor se detuvo y se reinició ({reason}).',
  'status.training': 'Entrenando época {epoch}/{epochs}',
  'status.datasetCounts': '{name} · {train} de entrenamiento + {test} de prueba',
  'status.latent': '{arch}, latente de {latent} dimensiones',
  'error.engine': 'El motor informó de un error: {message}',
  'common.dismiss': 'Cerrar',
};
