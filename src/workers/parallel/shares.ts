/** How a data-parallel step is split: contiguous rows of the batch, contiguous slices of the parameters. */

/** Items `[start, end)` of `n` for `rank` of `threads`: contiguous, rank 0 never empty. */
export function shareOf(rank: number, threads: number, n: number): { start: number; end: number } {
  return { start: Math.ceil((rank * n) / threads), end: Math.ceil(((rank + 1) * n) / threads) };
}
