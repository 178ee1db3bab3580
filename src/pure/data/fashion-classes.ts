/** Fashion-MNIST's class names, index = label (Xiao, Rasul & Vollgraf 2017). Pure, so the renderer shares it. */
export const FASHION_ID = 'fashion-mnist';
export const FASHION_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;
