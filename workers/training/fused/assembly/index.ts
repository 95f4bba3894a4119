// Entry of the fused dense training kernel (see ../kernel.ts for how JS drives it).
export { heapBase, matmul, transpose, gradients } from './dense';
export { activate, activateBackward, seedDropout, dropout, multiply } from './activations';
export { softmaxCrossEntropy, squaredError, sumSquares } from './loss';
export { sgd, momentum, adam, rmsprop } from './optimizers';
