;; The transpose of a rows x cols matrix of 4-byte values (float32 or int32), four by four with wasm SIMD
;; shuffles, on the wasm backend's own memory (transpose.ts). Compiled into transpose-wasm.ts by
;; `npm run build:wasm`.
;;
;; Input rows are walked in strips of four, so reads stream; each 4x4 block becomes four 16-byte writes, one
;; to each of four output rows. Output columns are taken `tile` at a time so that the output lines a strip
;; writes stay in cache until their other twelve floats arrive (the stock kernel writes one float at a time
;; with a stride of `rows`, which collides in the cache when `rows` is a multiple of 128).
(module
  (import "env" "memory" (memory 1))
  ;; src, dst: byte addresses; rows, cols: the input's shape; tile: output rows (input columns) per sweep.
  (func (export "transpose") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32) (param $tile i32)
    (local $i i32) (local $j i32) (local $j0 i32) (local $j1 i32) (local $rows4 i32) (local $cols4 i32)
    (local $rowBytes i32) (local $colBytes i32) (local $in i32) (local $out i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $rows4 (i32.and (local.get $rows) (i32.const -4)))
    (local.set $cols4 (i32.and (local.get $cols) (i32.const -4)))
    ;; Bytes from one input row to the next, and from one output row to the next.
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $colBytes (i32.shl (local.get $rows) (i32.const 2)))
    (local.set $j0 (i32.const 0))
    (block $tilesDone
      (loop $tiles
        (br_if $tilesDone (i32.ge_u (local.get $j0) (local.get $cols4)))
        (local.set $j1 (i32.add (local.get $j0) (local.get $tile)))
        (if (i32.gt_u (local.get $j1) (local.get $cols4)) (then (local.set $j1 (local.get $cols4))))
        (local.set $i (i32.const 0))
        (block $stripsDone
          (loop $strips
            (br_if $stripsDone (i32.ge_u (local.get $i) (local.get $rows4)))
            (local.set $j (local.get $j0))
            (block $blocksDone
              (loop $blocks
                (br_if $blocksDone (i32.ge_u (local.get $j) (local.get $j1)))
                ;; in = src + (i * cols + j) * 4
                (local.set $in
                  (i32.add (local.get $src)
                    (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $j)) (i32.const 2))))
                (local.set $r0 (v128.load (local.get $in)))
                (local.set $r1 (v128.load (i32.add (local.get $in) (local.get $rowBytes))))
                (local.set $r2 (v128.load (i32.add (local.get $in) (i32.shl (local.get $rowBytes) (i32.const 1)))))
                (local.set $r3 (v128.load (i32.add (local.get $in) (i32.mul (local.get $rowBytes) (i32.const 3)))))
                ;; (a0 b0 a1 b1), (a2 b2 a3 b3), (c0 d0 c1 d1), (c2 d2 c3 d3)
                (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
                (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
                (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
                (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
                ;; out = dst + (j * rows + i) * 4
                (local.set $out
                  (i32.add (local.get $dst)
                    (i32.shl (i32.add (i32.mul (local.get $j) (local.get $rows)) (local.get $i)) (i32.const 2))))
                (v128.store (local.get $out)
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
                (v128.store (i32.add (local.get $out) (local.get $colBytes))
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
                (v128.store (i32.add (local.get $out) (i32.shl (local.get $colBytes) (i32.const 1)))
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
                (v128.store (i32.add (local.get $out) (i32.mul (local.get $colBytes) (i32.const 3)))
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
                (local.set $j (i32.add (local.get $j) (i32.const 4)))
                (br $blocks)))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $strips)))
        (local.set $j0 (local.get $j1))
        (br $tiles)))
    ;; The last rows % 4 rows (every column), then the last cols % 4 columns of the other rows, one value at a time.
    (call $scalar (local.get $src) (local.get $dst) (local.get $rows) (local.get $cols)
      (local.get $rows4) (local.get $rows) (i32.const 0) (local.get $cols))
    (call $scalar (local.get $src) (local.get $dst) (local.get $rows) (local.get $cols)
      (i32.const 0) (local.get $rows4) (local.get $cols4) (local.get $cols)))

  ;; dst[j][i] = src[i][j] for i in [i0, i1), j in [j0, j1).
  (func $scalar (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (param $i0 i32) (param $i1 i32) (param $j0 i32) (param $j1 i32)
    (local $i i32) (local $j i32)
    (local.set $i (local.get $i0))
    (block $rowsDone
      (loop $eachRow
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $i1)))
        (local.set $j (local.get $j0))
        (block $colsDone
          (loop $eachCol
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $j1)))
            (i32.store
              (i32.add (local.get $dst)
                (i32.shl (i32.add (i32.mul (local.get $j) (local.get $rows)) (local.get $i)) (i32.const 2)))
              (i32.load
                (i32.add (local.get $src)
                  (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $j)) (i32.const 2)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $eachCol)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $eachRow))))
)
