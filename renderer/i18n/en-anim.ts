/** English messages of the animation export (merged into `en.ts`). */
export const animEn = {
  'anim.button': 'Animate',
  'anim.menu': 'Export this view as an animation',
  'anim.frames': 'Frames',
  'anim.fps': 'Frames per second',
  'anim.scale': 'Size',
  'anim.aspect': 'Aspect',
  'anim.loop': 'Loop',
  'anim.pingPong': 'Ping-pong',
  'anim.format': 'Format',
  'anim.export': 'Export animation',
  'anim.working': 'Drawing frame {k} of {n}…',
  'anim.noVideo': 'This runtime cannot encode video (no WebCodecs {codec} encoder): export a GIF instead.',
} as const;
