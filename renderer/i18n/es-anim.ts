/** Spanish messages of the animation export (merged into `es.ts`). */
import type { animEn } from './en-anim.js';

export const animEs: Record<keyof typeof animEn, string> = {
  'anim.button': 'Animar',
  'anim.menu': 'Exportar esta vista como animación',
  'anim.frames': 'Fotogramas',
  'anim.fps': 'Fotogramas por segundo',
  'anim.scale': 'Tamaño',
  'anim.aspect': 'Proporción',
  'anim.loop': 'En bucle',
  'anim.pingPong': 'Ida y vuelta',
  'anim.format': 'Formato',
  'anim.export': 'Exportar animación',
  'anim.working': 'Dibujando el fotograma {k} de {n}…',
  'anim.noVideo': 'Este entorno no puede codificar vídeo (no hay codificador WebCodecs {codec}): exporte un GIF.',
};
