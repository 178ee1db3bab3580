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
  'runs.figures.title': 'Figuras',
  'runs.figures.hint': 'Marque modelos para compararlos en una figura; el primero marcado da la repetición y la carpeta de figuras.',
  'runs.figures.select': 'Usar {name} en las figuras',
  'runs.figures.loss': 'Pérdida de prueba de los modelos marcados',
  'runs.figures.recon': 'Los mismos dígitos reconstruidos por cada modelo',
  'runs.figures.replay': 'Repetición del entrenamiento de {name}',
  'runs.figures.all': 'Todas las figuras de {name} (zip)',
  'runs.figures.working': 'Dibujando las figuras de {name}…',
  'runs.figures.original': 'original',
  'runs.figures.epoch': 'época',
  'runs.figures.lossAxis': 'pérdida de prueba por píxel',
};
