;; One Adam step over a run of parameters, four values at a time (wasm SIMD), on the memory every training
;; thread shares (adam.ts). Compiled into adam-wasm.ts by `npm run build:wasm`.
;;
;; Every operation is a float32 operation in the order of TF.js's AdamOptimizer (4.22), so a step equals its
;; step on the same gradient bit for bit:
;;   g  = sum over shares of weight * gradient        (the shares' average, in rank order)
;;   m' = m * beta1 + g * (1 - beta1)
;;   v' = v * beta2 + (g * g) * (1 - beta2)
;;   w' = ((m' / (1 - beta1^t)) / (sqrt(v' / (1 - beta2^t)) + epsilon)) * -rate + w
;; The same loop in JavaScript (float64, reciprocals instead of the two divisions) took 8.7 ns a parameter.
(module
  (import "env" "memory" (memory 1 65536 shared))
  ;; table: `shares` pairs (byte address of the share's gradient at the first parameter: i32, weight: f32).
  ;; w, m, v: byte addresses of the first parameter. count: parameters, a multiple of 4; addresses 16-byte aligned.
  (func (export "adam")
    (param $table i32) (param $shares i32)
    (param $w i32) (param $m i32) (param $v i32) (param $count i32)
    (param $beta1 f32) (param $beta2 f32) (param $oneMinusBeta1 f32) (param $oneMinusBeta2 f32)
    (param $oneMinusAccBeta1 f32) (param $oneMinusAccBeta2 f32) (param $epsilon f32) (param $negativeRate f32)
    (local $i i32) (local $end i32) (local $entry i32) (local $tableEnd i32)
    (local $g v128) (local $m1 v128) (local $v1 v128)
    (local $b1 v128) (local $b2 v128) (local $c1 v128) (local $c2 v128)
    (local $acc1 v128) (local $acc2 v128) (local $eps v128) (local $rate v128)
    (local.set $b1 (f32x4.splat (local.get $beta1)))
    (local.set $b2 (f32x4.splat (local.get $beta2)))
    (local.set $c1 (f32x4.splat (local.get $oneMinusBeta1)))
    (local.set $c2 (f32x4.splat (local.get $oneMinusBeta2)))
    (local.set $acc1 (f32x4.splat (local.get $oneMinusAccBeta1)))
    (local.set $acc2 (f32x4.splat (local.get $oneMinusAccBeta2)))
    (local.set $eps (f32x4.splat (local.get $epsilon)))
    (local.set $rate (f32x4.splat (local.get $negativeRate)))
    (local.set $end (i32.shl (local.get $count) (i32.const 2)))
    (local.set $tableEnd (i32.add (local.get $table) (i32.shl (local.get $shares) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        ;; The first share's term, then the others added in rank order.
        (local.set $g
          (f32x4.mul (f32x4.splat (f32.load offset=4 (local.get $table)))
                     (v128.load (i32.add (i32.load (local.get $table)) (local.get $i)))))
        (local.set $entry (i32.add (local.get $table) (i32.const 8)))
        (block $summed
          (loop $share
            (br_if $summed (i32.ge_u (local.get $entry) (local.get $tableEnd)))
            (local.set $g
              (f32x4.add (local.get $g)
                (f32x4.mul (f32x4.splat (f32.load offset=4 (local.get $entry)))
                           (v128.load (i32.add (i32.load (local.get $entry)) (local.get $i))))))
            (local.set $entry (i32.add (local.get $entry) (i32.const 8)))
            (br $share)))
        (local.set $m1
          (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $i))) (local.get $b1))
                     (f32x4.mul (local.get $g) (local.get $c1))))
        (local.set $v1
          (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $i))) (local.get $b2))
                     (f32x4.mul (f32x4.mul (local.get $g) (local.get $g)) (local.get $c2))))
        (v128.store (i32.add (local.get $m) (local.get $i)) (local.get $m1))
        (v128.store (i32.add (local.get $v) (local.get $i)) (local.get $v1))
        (v128.store (i32.add (local.get $w) (local.get $i))
          (f32x4.add
            (f32x4.mul
              (f32x4.div
                (f32x4.div (local.get $m1) (local.get $acc1))
                (f32x4.add (f32x4.sqrt (f32x4.div (local.get $v1) (local.get $acc2))) (local.get $eps)))
              (local.get $rate))
            (v128.load (i32.add (local.get $w) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next)))))
