/*
 * AES-128 encryption of FIPS-197 Appendix C.1 (plaintext 00112233..ff, key
 * 00010203..0f; round keys expanded offline) with AESE/AESMC; prints the
 * ciphertext, then decrypts it with AESD/AESIMC (the equivalent inverse
 * cipher: InvMixColumns applied to round keys 1-9) and prints the plaintext.
 * Expected: 69c4e0d86a7b0430d8cdb78070b4c55a / 00112233445566778899aabbccddeeff
 */
    .arch armv8-a+crypto
    .global _start
_start:
    adr     x0, rkeys
    ld1     {v20.16b-v23.16b}, [x0], #64
    ld1     {v24.16b-v27.16b}, [x0], #64
    ld1     {v28.16b-v30.16b}, [x0]
    adr     x1, plain
    ld1     {v0.16b}, [x1]
    aese    v0.16b, v20.16b
    aesmc   v0.16b, v0.16b
    aese    v0.16b, v21.16b
    aesmc   v0.16b, v0.16b
    aese    v0.16b, v22.16b
    aesmc   v0.16b, v0.16b
    aese    v0.16b, v23.16b
    aesmc   v0.16b, v0.16b
    aese    v0.16b, v24.16b
    aesmc   v0.16b, v0.16b
    aese    v0.16b, v25.16b
    aesmc   v0.16b, v0.16b
    aese    v0.16b, v26.16b
    aesmc   v0.16b, v0.16b
    aese    v0.16b, v27.16b
    aesmc   v0.16b, v0.16b
    aese    v0.16b, v28.16b
    aesmc   v0.16b, v0.16b
    aese    v0.16b, v29.16b
    eor     v0.16b, v0.16b, v30.16b
    adr     x2, buf
    st1     {v0.16b}, [x2]
    bl      print16
    // decrypt: AESD with the last round key first, InvMixColumns'd middle keys
    aesd    v0.16b, v30.16b
    aesimc  v0.16b, v0.16b
    aesimc  v1.16b, v29.16b
    aesd    v0.16b, v1.16b
    aesimc  v0.16b, v0.16b
    aesimc  v1.16b, v28.16b
    aesd    v0.16b, v1.16b
    aesimc  v0.16b, v0.16b
    aesimc  v1.16b, v27.16b
    aesd    v0.16b, v1.16b
    aesimc  v0.16b, v0.16b
    aesimc  v1.16b, v26.16b
    aesd    v0.16b, v1.16b
    aesimc  v0.16b, v0.16b
    aesimc  v1.16b, v25.16b
    aesd    v0.16b, v1.16b
    aesimc  v0.16b, v0.16b
    aesimc  v1.16b, v24.16b
    aesd    v0.16b, v1.16b
    aesimc  v0.16b, v0.16b
    aesimc  v1.16b, v23.16b
    aesd    v0.16b, v1.16b
    aesimc  v0.16b, v0.16b
    aesimc  v1.16b, v22.16b
    aesd    v0.16b, v1.16b
    aesimc  v0.16b, v0.16b
    aesimc  v1.16b, v21.16b
    aesd    v0.16b, v1.16b
    eor     v0.16b, v0.16b, v20.16b
    adr     x2, buf
    st1     {v0.16b}, [x2]
    bl      print16
    mov     x0, #0
    mov     x8, #93
    svc     #0

// print the 16 bytes at buf as hex and a newline
print16:
    adr     x2, buf
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
    cmp     x5, #16
    b.ne    1b
    mov     w6, #10
    strb    w6, [x3]
    mov     x0, #1
    adr     x1, out
    mov     x2, #33
    mov     x8, #64
    svc     #0
    ret

    .data
    .balign 16
rkeys:
    .byte   0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f
    .byte   0xd6, 0xaa, 0x74, 0xfd, 0xd2, 0xaf, 0x72, 0xfa, 0xda, 0xa6, 0x78, 0xf1, 0xd6, 0xab, 0x76, 0xfe
    .byte   0xb6, 0x92, 0xcf, 0x0b, 0x64, 0x3d, 0xbd, 0xf1, 0xbe, 0x9b, 0xc5, 0x00, 0x68, 0x30, 0xb3, 0xfe
    .byte   0xb6, 0xff, 0x74, 0x4e, 0xd2, 0xc2, 0xc9, 0xbf, 0x6c, 0x59, 0x0c, 0xbf, 0x04, 0x69, 0xbf, 0x41
    .byte   0x47, 0xf7, 0xf7, 0xbc, 0x95, 0x35, 0x3e, 0x03, 0xf9, 0x6c, 0x32, 0xbc, 0xfd, 0x05, 0x8d, 0xfd
    .byte   0x3c, 0xaa, 0xa3, 0xe8, 0xa9, 0x9f, 0x9d, 0xeb, 0x50, 0xf3, 0xaf, 0x57, 0xad, 0xf6, 0x22, 0xaa
    .byte   0x5e, 0x39, 0x0f, 0x7d, 0xf7, 0xa6, 0x92, 0x96, 0xa7, 0x55, 0x3d, 0xc1, 0x0a, 0xa3, 0x1f, 0x6b
    .byte   0x14, 0xf9, 0x70, 0x1a, 0xe3, 0x5f, 0xe2, 0x8c, 0x44, 0x0a, 0xdf, 0x4d, 0x4e, 0xa9, 0xc0, 0x26
    .byte   0x47, 0x43, 0x87, 0x35, 0xa4, 0x1c, 0x65, 0xb9, 0xe0, 0x16, 0xba, 0xf4, 0xae, 0xbf, 0x7a, 0xd2
    .byte   0x54, 0x99, 0x32, 0xd1, 0xf0, 0x85, 0x57, 0x68, 0x10, 0x93, 0xed, 0x9c, 0xbe, 0x2c, 0x97, 0x4e
    .byte   0x13, 0x11, 0x1d, 0x7f, 0xe3, 0x94, 0x4a, 0x17, 0xf3, 0x07, 0xa7, 0x8b, 0x4d, 0x2b, 0x30, 0xc5
plain:
    .byte   0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff
hexdig:
    .ascii  "0123456789abcdef"
buf:
    .fill   16, 1, 0
out:
    .fill   40, 1, 0
