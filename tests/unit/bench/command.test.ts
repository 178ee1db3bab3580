import { describe, expect, it, vi } from 'vitest';
import { command, formatBench } from '../../../src/commands/bench.js';

describe('bench command', () => {
  it('formatBench prints every measure with the wasm/cpu ratios', () => {
    const text = formatBench({
      backend: 'wasm',
      train_threads: 2,
      dense_train_sps: 6200,
      dense_train_sps_1t: 3300,
      cpu_dense_train_sps: 165,
      conv_train_sps: 1700,
      conv_train_sps_1t: 950,
      cpu_conv_train_sps: 4,
      matmul_scaling: 1.7412,
      dense_split_ceiling: 1.6349,
      train_peak_rss_mb: 812.4,
      encode_70k_ms: 1800,
      decode1_p50_ms: 0.2,
      decode1_p99_ms: 0.9,
      grid400_p50_ms: 12,
      onnx_encode_70k_ms: 410,
      onnx_decode1_p50_ms: 0.04,
    });
    expect(text).toContain('6200 samples/s (cpu 165.0; 37.6x cpu)');
    expect(text).toContain('3300 samples/s (2 threads: 1.88x)');
    expect(text).toContain('1700 samples/s (cpu 4.0; 425.0x cpu)');
    expect(text).toContain('950 samples/s (2 threads: 1.79x)');
    expect(text).toContain('matrix products         two threads 1.74x one');
    expect(text).toContain('dense step, split       two threads at most 1.63x one');
    expect(text).toContain('training peak RSS       812 MB');
    expect(text).not.toContain('good map');
    expect(text).toContain('encode 70k              1800 ms');
    expect(text).toContain('p50 0.20 ms, p99 0.90 ms');
    expect(text).toContain('onnxruntime encode 70k  410 ms');
    expect(text).toContain('onnxruntime decode one  p50 0.040 ms');
  });

  it('rejects an unknown backend with exit code 2 before measuring anything', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await command.run(['--backend', 'gpu'])).toBe(2);
    expect(error.mock.calls[0]![0]).toContain("unknown backend 'gpu'");
    error.mockRestore();
  });

  it('documents the JSON keys in its help', () => {
    for (const key of [
      'backend',
      'dense_train_sps',
      'cpu_dense_train_sps',
      'conv_train_sps',
      'cpu_conv_train_sps',
      'encode_70k_ms',
      'decode1_p50_ms',
      'decode1_p99_ms',
      'grid400_p50_ms',
      'onnx_encode_70k_ms',
      'onnx_decode1_p50_ms',
      'train_threads',
      'dense_train_sps_1t',
      'conv_train_sps_1t',
      'train_peak_rss_mb',
      'matmul_scaling',
      'dense_split_ceiling',
      'time_to_good_map_s',
      'good_map_epoch',
    ]) {
      expect(command.help).toContain(key);
    }
  });
});
