/*
 * SHA-256 of "abc" (FIPS 180-4, one padded block) computed with the ARMv8
 * SHA256H/SHA256H2/SHA256SU0/SHA256SU1 instructions; prints the digest in
 * hex.  Expected: ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
 */
    .arch armv8-a+crypto
    .global _start
_start:
    adr     x0, block
    ld1     {v16.16b-v19.16b}, [x0]
    rev32   v16.16b, v16.16b            // message words are big-endian
    rev32   v17.16b, v17.16b
    rev32   v18.16b, v18.16b
    rev32   v19.16b, v19.16b
    adr     x2, hinit
    ld1     {v0.4s, v1.4s}, [x2]        // abcd, efgh
    mov     v2.16b, v0.16b
    mov     v3.16b, v1.16b
    adr     x1, ktab
    ld1     {v4.4s}, [x1], #16
    add     v4.4s, v4.4s, v16.4s
    mov     v5.16b, v0.16b
    sha256h q0, q1, v4.4s
    sha256h2 q1, q5, v4.4s
    sha256su0 v16.4s, v17.4s
    sha256su1 v16.4s, v18.4s, v19.4s
    ld1     {v4.4s}, [x1], #16
    add     v4.4s, v4.4s, v17.4s
    mov     v5.16b, v0.16b
    sha256h q0, q1, v4.4s
    sha256h2 q1, q5, v4.4s
    sha256su0 v17.4s, v18.4s
    sha256su1 v17.4s, v19.4s, v16.4s
    ld1     {v4.4s}, [x1], #16
    add     v4.4s, v4.4s, v18.4s
    mov     v5.16b, v0.16b
    sha256h q0, q1, v4.4s
    sha256h2 q1, q5, v4.4s
    sha256su0 v18.4s, v19.4s
    sha256su1 v18.4s, v16.4s, v17.4s
    ld1     {v4.4s}, [x1], #16
    add     v4.4s, v4.4s, v19.4s
    mov     v5.16b, v0.16b
    sha256h q0, q1, v4.4s
    sha256h2 q1, q5, v4.4s
    sha256su0 v19.4s, v16.4s
    sha256su1 v19.4s, v17.4s, v18.4s
    ld1     {v4.4s}, [x1], #16
    add     v4.4s, v4.4s, v16.4s
    mov     v5.16b, v0.16b
    sha256h q0, q1, v4.4s
    sha256h2 q1, q5, v4.4s
    sha256su0 v16.4s, v17.4s
    sha256su1 v16.4s, v18.4s, v19.4s
    ld1     {v4.4s}, [x1], #16
    add     v4.4s, v4.4s, v17.4s
    mov     v5.16b, v0.16b
    sha256h q0, q1, v4.4s
    sha256h2 q1, q5, v4.4s
    sha256su0 v17.4s, v18.4s
    sha256su1 v17.4s, v19.4s, v16.4s
    ld1     {v4.4s}, [x1], #16
    add     v4.4s, v4.4s, v18.4s
    mov     v5.16b, v0.16b
    sha256h q0, q1, v4.4s
    sha256h2 q1, q5, v4.4s
    sha256su0 v18.4s, v19.4s
    sha256su1 v18.4s, v16.4s, v17.4s
    ld1     {v4.4s}, [x1], #16
    add     v4.4s, v4.4s, v19.4s
    mov     v5.16b, v0.16b
    sha256h q0, q1, v4.4s
    sha256h2 q1, q5, v4.4s
    sha256su0 v19.4s, v16.4s
    sha256su1 v19.4s, v17.4s, v18.4s
    ld1     {v4.4s}, [x1], #16
    add     v4.4s, v4.4s, v16.4s
    mov     v5.16b, v0.16b
    sha256h q0, q1, v4.4s
    sha256h2 q1, q5, v4.4s
    sha256su0 v16.4s, v17.4s
    sha256su1 v16.4s, v18.4s, v19.4s
    ld1     {v4.4s}, [x1], #16
    add     v4.4s, v4.4s, v17.4s
    mov     v5.16b, v0.16b
    sha256h q0, q1, v4.4s
    sha256h2 q1, q5, v4.4s
    sha256su0 v17.4s, v18.4s
    sha256su1 v17.4s, v19.4s, v16.4s
    ld1     {v4.4s}, [x1], #16
    add     v4.4s, v4.4s, v18.4s
    mov     v5.16b, v0.16b
    sha256h q0, q1, v4.4s
    sha256h2 q1, q5, v4.4s
    sha256su0 v18.4s, v19.4s
    sha256su1 v18.4s, v16.4s, v17.4s
    ld1     {v4.4s}, [x1], #16
    add     v4.4s, v4.4s, v19.4s
    mov     v5.16b, v0.16b
    sha256h q0, q1, v4.4s
    sha256h2 q1, q5, v4.4s
    sha256su0 v19.4s, v16.4s
    sha256su1 v19.4s, v17.4s, v18.4s
    ld1     {v4.4s}, [x1], #16
    add     v4.4s, v4.4s, v16.4s
    mov     v5.16b, v0.16b
    sha256h q0, q1, v4.4s
    sha256h2 q1, q5, v4.4s
    ld1     {v4.4s}, [x1], #16
    add     v4.4s, v4.4s, v17.4s
    mov     v5.16b, v0.16b
    sha256h q0, q1, v4.4s
    sha256h2 q1, q5, v4.4s
    ld1     {v4.4s}, [x1], #16
    add     v4.4s, v4.4s, v18.4s
    mov     v5.16b, v0.16b
    sha256h q0, q1, v4.4s
    sha256h2 q1, q5, v4.4s
    ld1     {v4.4s}, [x1], #16
    add     v4.4s, v4.4s, v19.4s
    mov     v5.16b, v0.16b
    sha256h q0, q1, v4.4s
    sha256h2 q1, q5, v4.4s
    add     v0.4s, v0.4s, v2.4s
    add     v1.4s, v1.4s, v3.4s
    // digest bytes: each 32-bit word big-endian
    rev32   v0.16b, v0.16b
    rev32   v1.16b, v1.16b
    adr     x2, digest
    st1     {v0.16b, v1.16b}, [x2]
    // hex-encode 32 bytes into out (64 chars + newline)
    adr     x3, out
    adr     x4, hexdig
    mov     x5, #0
1:  ldrb    w6, [x2, x5]
    lsr     w7, w6, #4
    and     w6, w6, #15
    ldrb    w7, [x4, x7]
    ldrb    w6, [x4, x6]
    strb    w7, [x3], #1
    strb    w6, [x3], #1
    add     x5, x5, #1
    cmp     x5, #32
    b.ne    1b
    mov     w6, #10
    strb    w6, [x3]
    mov     x0, #1
    adr     x1, out
    mov     x2, #65
    mov     x8, #64                     // write
    svc     #0
    mov     x0, #0
    mov     x8, #93                     // exit
    svc     #0

    .data
    .balign 16
block:                                  // "abc", 0x80, zeros, bit length 24
    .byte   0x61, 0x62, 0x63, 0x80
    .fill   59, 1, 0
    .byte   0x18
hinit:
    .word   0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
ktab:
    .word   0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5
    .word   0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5
    .word   0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3
    .word   0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174
    .word   0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc
    .word   0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da
    .word   0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7
    .word   0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967
    .word   0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13
    .word   0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85
    .word   0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3
    .word   0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070
    .word   0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5
    .word   0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3
    .word   0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208
    .word   0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
hexdig:
    .ascii  "0123456789abcdef"
digest:
    .fill   32, 1, 0
out:
    .fill   80, 1, 0

