/** The one image size of every dataset the app reads: 28x28 grey pixels, row-major, 784 per image. */
export const IMAGE_SIDE = 28;
export const IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;
