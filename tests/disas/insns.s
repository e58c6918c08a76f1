// Instruction list for tests/unit/test_disas.c (see gen-table.py).
// One instruction a line; assembled at address 0x400000.
	.text
start:
// --- data processing, immediate
	add x1, x2, #0x10, lsl #12
	add w0, w1, #4095
	add sp, x1, #8
	mov sp, x3
	mov x4, sp
	adds x0, x1, #1
	sub x3, x4, #0x20
	subs w1, w2, #7
	cmp x1, #16
	cmn w2, #3
	cmp sp, #4
	and x0, x1, #0xff
	and w0, w1, #0xfffffffe
	orr x2, x3, #0x5555555555555555
	eor w4, w5, #0x80000000
	ands x0, x1, #0x7
	tst w3, #0x1
	mov x0, #0xff00ff00ff00ff00
	mov w1, #0x0f0f0f0f
	movz x2, #0x1234, lsl #16
	mov x2, #0x12340000
	mov w3, #0xffffedcb
	movn x4, #0x0, lsl #16
	mov x5, #-1
	movk x6, #0xbeef, lsl #32
	movk w7, #0x1
	mov x8, #0
	adr x0, start
	adrp x1, start
	sbfm x0, x1, #3, #5
	asr x1, x2, #7
	asr w1, w2, #31
	lsl x3, x4, #4
	lsl w3, w4, #1
	lsr x5, x6, #60
	lsr w5, w6, #2
	ubfx x7, x8, #4, #8
	sbfx w9, w10, #1, #3
	ubfiz x11, x12, #5, #10
	sbfiz w13, w14, #2, #4
	bfi x15, x16, #8, #8
	bfxil w17, w18, #3, #5
	bfc x1, #4, #3
	sxtb x0, w1
	sxth w2, w3
	sxtw x4, w5
	uxtb w6, w7
	uxth w8, w9
	extr x1, x2, x3, #12
	ror w4, w5, #3
	ror x4, x5, #63
// --- data processing, register
	add x0, x1, x2
	add w0, w1, w2, lsl #3
	adds x3, x4, x5, asr #63
	sub x6, x7, x8, lsr #1
	subs w9, w10, w11
	neg x1, x2
	neg w3, w4, lsl #2
	negs x5, x6
	cmp x1, x2
	cmp w3, w4, lsr #5
	cmn x5, x6
	add x0, sp, w1, uxtw
	add x0, x1, w2, sxtw #2
	add sp, sp, x3
	add x2, sp, x3
	sub sp, sp, x4, lsl #2
	adds x0, x1, w2, uxtb #1
	sub w0, w1, w2, sxth
	cmp x0, w1, uxtw #2
	cmp sp, x1
	and x0, x1, x2
	and w0, w1, w2, ror #7
	orr x3, x4, x5, lsl #1
	mov x3, x5
	mov w6, w7
	mvn x1, x2
	mvn w3, w4, lsr #2
	orn x5, x6, x7
	eor x8, x9, x10, asr #3
	eon w11, w12, w13
	bic x14, x15, x16
	bics w17, w18, w19
	ands x20, x21, x22
	tst x23, x24
	tst w1, w2, lsl #4
	adc x0, x1, x2
	adcs w3, w4, w5
	sbc x6, x7, x8
	sbcs w9, w10, w11
	ngc x1, x2
	ngcs w3, w4
	ccmp x1, x2, #4, eq
	ccmp w3, #5, #0, ne
	ccmn x4, #31, #15, hi
	csel x1, x2, x3, lt
	csinc w4, w5, w6, ge
	cinc x7, x8, eq
	cset w9, ne
	csinv x10, x11, x12, cs
	cinv w13, w14, cc
	csetm x15, mi
	csneg x16, x17, x18, pl
	cneg w19, w20, vs
	madd x0, x1, x2, x3
	mul x4, x5, x6
	msub w7, w8, w9, w10
	mneg w11, w12, w13
	smaddl x0, w1, w2, x3
	smull x4, w5, w6
	umsubl x7, w8, w9, x10
	umull x11, w12, w13
	smnegl x14, w15, w16
	umnegl x0, w1, w2
	smulh x17, x18, x19
	umulh x20, x21, x22
	udiv x0, x1, x2
	sdiv w3, w4, w5
	lsl x6, x7, x8
	lsr w9, w10, w11
	asr x12, x13, x14
	ror w15, w16, w17
	crc32b w0, w1, w2
	crc32cx w3, w4, x5
	crc32h w0, w1, w2
	rbit x0, x1
	rev16 w2, w3
	rev32 x4, x5
	rev x6, x7
	rev w8, w9
	clz x10, x11
	cls w12, w13
// --- branches
	b start
	bl start
	b.ne start
	b.eq fwd
	b.hs fwd
	b.lo fwd
	b.al fwd
	cbz x0, start
	cbnz w1, fwd
	tbz w2, #3, fwd
	tbnz x3, #63, start
	br x4
	blr x5
	ret
	ret x6
fwd:
// --- system
	nop
	yield
	wfe
	wfi
	sev
	sevl
	hint #0x22
	esb
	dsb sy
	dsb ish
	dmb ishld
	dmb oshst
	isb
	clrex
	clrex #5
	svc #0
	hvc #0x1
	smc #0x2
	brk #0x3e8
	hlt #0x1
	mrs x0, tpidr_el0
	msr tpidr_el0, x1
	mrs x2, nzcv
	msr fpcr, x3
	mrs x4, fpsr
	mrs x5, midr_el1
	mrs x6, cntvct_el0
	msr sctlr_el1, x7
	mrs x8, s3_0_c15_c2_0
	msr daifset, #0x2
	msr daifclr, #0xf
	msr spsel, #1
	dc civac, x0
	dc zva, x1
	ic ivau, x2
	ic iallu
	tlbi vmalle1is
	tlbi vae1, x3
	at s1e1r, x4
	sys #3, c7, c5, #1, x5
	sysl x6, #0, c1, c2, #3
	eret
// --- loads and stores
	ldr x0, [x1]
	ldr x0, [x1, #8]
	ldr w2, [sp, #4092]
	ldrb w3, [x4, #4095]
	ldrh w5, [x6, #2]
	ldrsb x7, [x8, #1]
	ldrsb w7, [x8]
	ldrsh x9, [x10, #6]
	ldrsh w9, [x10]
	ldrsw x11, [x12, #16]
	str x0, [x1, #-8]!
	str w2, [x3], #4
	ldr x4, [x5, #16]!
	ldr w6, [x7], #-4
	strb w8, [x9, #1]!
	ldrh w10, [x11], #2
	ldur x12, [x13, #-1]
	stur w14, [x15, #3]
	ldursb w16, [x17, #-2]
	ldtr x18, [x19, #8]
	sttrb w20, [x21]
	ldr w3, [x4, w5, sxtw #2]
	ldr x0, [x1, x2]
	ldr x0, [x1, x2, lsl #3]
	ldr w0, [x1, w2, uxtw]
	ldrb w0, [x1, x2, lsl #0]
	ldrb w0, [x1, x2]
	strh w3, [x4, w5, sxtw #1]
	ldrsw x6, [x7, x8, sxtx]
	str x9, [sp, x10]
	ldr x0, start
	ldr w1, fwd
	ldrsw x2, fwd
	prfm pldl1keep, [x0]
	prfm pstl2strm, [x1, #8]
	prfm plil3keep, [x2, x3]
	prfm pldl1keep, fwd
	prfum pldl2keep, [x1, #-1]
	ldp x29, x30, [sp], #16
	stp x29, x30, [sp, #-16]!
	ldp w0, w1, [x2, #8]
	stp x3, x4, [x5]
	ldnp x6, x7, [x8, #-512]
	stnp w9, w10, [x11, #4]
	ldpsw x12, x13, [x14, #-8]
	ldxr x0, [x1]
	ldaxr w2, [x3]
	stxr w4, x5, [x6]
	stlxr w7, w8, [x9]
	ldxrb w0, [x1]
	stlxrh w2, w3, [x4]
	ldxp x0, x1, [x2]
	stlxp w3, x4, x5, [x6]
	ldar x0, [x1]
	ldarb w2, [x3]
	stlr w4, [x5]
	stlrh w6, [x7]
	ldlar x8, [x9]
	stllr w10, [x11]
	cas x0, x1, [x2]
	casal w3, w4, [x5]
	casb w6, w7, [x8]
	casp x0, x1, x2, x3, [x4]
	ldadd x0, x1, [x2]
	ldaddal w3, w4, [x5]
	ldclrb w6, w7, [x8]
	ldeorh w9, w10, [x11]
	ldset x12, x13, [x14]
	ldsmax w15, w16, [x17]
	ldumin x18, x19, [x20]
	stadd x0, [x1]
	stclrl w2, [x3]
	swp x0, x1, [x2]
	swpal w3, w4, [x5]
	ldr s0, [x1]
	ldr d2, [x3, #8]
	ldr q4, [x5, #16]
	ldr b6, [x7, #1]
	ldr h8, [x9, #2]
	str q10, [sp, #-32]!
	str d11, [x12], #8
	ldur s13, [x14, #-4]
	ldr q15, [x16, x17, lsl #4]
	str d18, [x19, w20, uxtw #3]
	ldr q0, fwd
	ldr d1, fwd
	ldp q0, q1, [sp, #32]
	stp d8, d9, [sp, #-16]!
	ldp s2, s3, [x4], #8
	ldnp q5, q6, [x7]
	ld1 {v0.16b}, [x0]
	ld1 {v0.4s, v1.4s}, [x1], #32
	st1 {v2.2d, v3.2d, v4.2d}, [x2]
	st1 {v5.8h, v6.8h, v7.8h, v8.8h}, [x3], x4
	ld2 {v0.8b, v1.8b}, [x5]
	ld3 {v0.4h, v1.4h, v2.4h}, [x6], #24
	st4 {v28.4s, v29.4s, v30.4s, v31.4s}, [x7]
	ld1 {v0.s}[1], [x0]
	st1 {v1.d}[1], [x1], #8
	ld1 {v2.b}[15], [x2], x3
	ld2 {v3.h, v4.h}[3], [x4]
	ld1r {v5.4s}, [x5]
	ld4r {v0.2d, v1.2d, v2.2d, v3.2d}, [x6], #32
	st3 {v6.s, v7.s, v8.s}[0], [x7]
// --- FP scalar
	fadd s0, s1, s2
	fadd d0, d1, d2
	fadd h0, h1, h2
	fsub d3, d4, d5
	fmul s6, s7, s8
	fdiv d9, d10, d11
	fmax s0, s1, s2
	fminnm d3, d4, d5
	fnmul s0, s1, s2
	fmadd d0, d1, d2, d3
	fmsub s4, s5, s6, s7
	fnmadd d8, d9, d10, d11
	fnmsub s12, s13, s14, s15
	fmov s0, s1
	fmov d2, d3
	fabs d4, d5
	fneg s6, s7
	fsqrt d8, d9
	fcvt d0, s1
	fcvt s2, d3
	fcvt h4, s5
	fcvt d6, h7
	frintn d0, d1
	frintm s2, s3
	frintz d4, d5
	frinta s6, s7
	frintx d8, d9
	frinti s10, s11
	frintp d0, d1
	fcmp s0, s1
	fcmp d2, #0.0
	fcmpe d3, d4
	fcmpe s5, #0.0
	fccmp s0, s1, #0, eq
	fccmpe d2, d3, #15, gt
	fcsel d0, d1, d2, le
	fmov s0, #1.0
	fmov d1, #-2.5
	fmov s2, #0.125
	fmov h3, #1.0
	fmov w0, s1
	fmov s2, w3
	fmov x4, d5
	fmov d6, x7
	fmov x8, v9.d[1]
	fmov v10.d[1], x11
	fcvtzs w0, s1
	fcvtzs x2, d3
	fcvtzu w4, d5
	fcvtns x6, s7
	fcvtms w8, d9
	fcvtps x10, s11
	fcvtau w12, s13
	fcvtas x14, d15
	scvtf d0, w1
	scvtf s2, x3
	ucvtf d4, x5
	fcvtzs w0, s1, #16
	scvtf d2, x3, #64
	ucvtf s4, w5, #1
	fjcvtzs w0, d1
// --- AdvSIMD
	fadd v0.4s, v1.4s, v2.4s
	fadd v0.2d, v1.2d, v2.2d
	fsub v3.2s, v4.2s, v5.2s
	fmul v6.8h, v7.8h, v8.8h
	fdiv v0.4s, v1.4s, v2.4s
	fmla v0.2d, v1.2d, v2.2d
	fmaxnm v3.4s, v4.4s, v5.4s
	fcmeq v0.4s, v1.4s, v2.4s
	fcmge v3.2d, v4.2d, v5.2d
	facgt v6.2s, v7.2s, v8.2s
	faddp v0.4s, v1.4s, v2.4s
	fabd v3.2d, v4.2d, v5.2d
	fmulx s0, s1, s2
	frecps d3, d4, d5
	fabs v0.4s, v1.4s
	fneg v2.2d, v3.2d
	fsqrt v4.4s, v5.4s
	frintn v0.4s, v1.4s
	fcvtzs v2.2d, v3.2d
	scvtf v4.4s, v5.4s
	ucvtf d0, d1
	frecpe v6.2s, v7.2s
	frsqrte s0, s1
	fcmgt v0.4s, v1.4s, #0.0
	fcmeq d2, d3, #0.0
	fcmlt v4.2d, v5.2d, #0.0
	fcvtn v0.4h, v1.4s
	fcvtn2 v2.4s, v3.2d
	fcvtl v4.2d, v5.2s
	fcvtl2 v6.4s, v7.8h
	fcvtxn s0, d1
	fmaxv s0, v1.4s
	fminnmv s2, v3.4s
	faddp s4, v5.2s
	fmaxp d6, v7.2d
	fmla v0.4s, v1.4s, v2.s[3]
	fmul v3.2d, v4.2d, v5.d[1]
	fmls s6, s7, v8.s[1]
	fmulx v9.8h, v10.8h, v11.h[7]
	scvtf v0.4s, v1.4s, #3
	fcvtzu d2, d3, #64
	fmov v0.4s, #1.0
	fmov v1.2d, #-0.5
	add v0.4s, v1.4s, v2.4s
	add d0, d1, d2
	sub v3.16b, v4.16b, v5.16b
	sub v3.8b, v4.8b, v5.8b
	mul v6.8h, v7.8h, v8.8h
	mla v0.4s, v1.4s, v2.4s
	mls v0.4h, v1.4h, v2.4h
	pmul v0.16b, v1.16b, v2.16b
	sqadd v0.2d, v1.2d, v2.2d
	uqsub b0, b1, b2
	shadd v0.8b, v1.8b, v2.8b
	urhadd v3.4s, v4.4s, v5.4s
	smax v6.4s, v7.4s, v8.4s
	uminp v9.8h, v10.8h, v11.8h
	sabd v0.16b, v1.16b, v2.16b
	uaba v3.2s, v4.2s, v5.2s
	cmeq v0.4s, v1.4s, v2.4s
	cmhi v3.2d, v4.2d, v5.2d
	cmge d0, d1, d2
	cmtst v6.8b, v7.8b, v8.8b
	sshl v0.4s, v1.4s, v2.4s
	uqrshl v3.8h, v4.8h, v5.8h
	sqdmulh v0.4s, v1.4s, v2.4s
	sqrdmulh h0, h1, h2
	addp v0.2d, v1.2d, v2.2d
	and v0.16b, v1.16b, v2.16b
	bic v3.8b, v4.8b, v5.8b
	orr v6.16b, v7.16b, v8.16b
	mov v9.16b, v10.16b
	orn v0.16b, v1.16b, v2.16b
	eor v3.16b, v4.16b, v5.16b
	bsl v6.16b, v7.16b, v8.16b
	bit v9.8b, v10.8b, v11.8b
	bif v12.16b, v13.16b, v14.16b
	sqrdmlah v0.4s, v1.4s, v2.4s
	sdot v0.4s, v1.16b, v2.16b
	udot v3.2s, v4.8b, v5.8b
	saddl v0.8h, v1.8b, v2.8b
	uaddl2 v3.4s, v4.8h, v5.8h
	saddw v6.2d, v7.2d, v8.2s
	usubl v0.2d, v1.2s, v2.2s
	addhn v0.8b, v1.8h, v2.8h
	raddhn2 v3.16b, v4.8h, v5.8h
	sabal v0.4s, v1.4h, v2.4h
	umlal2 v3.2d, v4.4s, v5.4s
	smull v6.8h, v7.8b, v8.8b
	umull2 v9.4s, v10.8h, v11.8h
	sqdmull v0.4s, v1.4h, v2.4h
	pmull v0.8h, v1.8b, v2.8b
	pmull2 v3.1q, v4.2d, v5.2d
	sqdmlal s0, h1, h2
	rev64 v0.4s, v1.4s
	rev32 v2.8h, v3.8h
	rev16 v4.16b, v5.16b
	saddlp v0.4h, v1.8b
	uadalp v2.2d, v3.4s
	suqadd v4.4s, v5.4s
	usqadd d6, d7
	cls v0.4s, v1.4s
	clz v2.16b, v3.16b
	cnt v4.8b, v5.8b
	not v6.16b, v7.16b
	mvn v8.8b, v9.8b
	rbit v10.16b, v11.16b
	sqabs v0.4s, v1.4s
	sqneg d2, d3
	cmgt v0.4s, v1.4s, #0
	cmeq v2.2d, v3.2d, #0
	cmle d4, d5, #0
	cmlt v6.8b, v7.8b, #0
	abs v0.2d, v1.2d
	neg v2.4s, v3.4s
	neg d4, d5
	xtn v0.8b, v1.8h
	xtn2 v2.8h, v3.4s
	sqxtun v4.2s, v5.2d
	uqxtn2 v6.16b, v7.8h
	sqxtn s0, d1
	shll v0.8h, v1.8b, #8
	shll2 v2.2d, v3.4s, #32
	saddlv h0, v1.16b
	umaxv s2, v3.4s
	sminv b4, v5.8b
	addv h6, v7.8h
	addp d0, v1.2d
	mla v0.4s, v1.4s, v2.s[2]
	mul v3.8h, v4.8h, v5.h[7]
	sqdmulh v0.4s, v1.4s, v2.s[1]
	sqrdmulh s3, s4, v5.s[3]
	smull v0.4s, v1.4h, v2.h[3]
	umlal2 v3.2d, v4.4s, v5.s[1]
	sqdmull s6, h7, v8.h[1]
	sdot v0.4s, v1.16b, v2.4b[1]
	sshr v0.4s, v1.4s, #3
	ushr d2, d3, #64
	ssra v4.8b, v5.8b, #1
	urshr v6.2d, v7.2d, #63
	srsra v0.8h, v1.8h, #16
	sri v2.4s, v3.4s, #32
	shl v4.16b, v5.16b, #7
	shl d6, d7, #0
	sli v8.2s, v9.2s, #31
	sqshlu v0.4s, v1.4s, #5
	sqshl v2.8h, v3.8h, #1
	uqshl b4, b5, #7
	shrn v0.8b, v1.8h, #8
	rshrn2 v2.8h, v3.4s, #16
	sqshrun v4.2s, v5.2d, #32
	uqrshrn s6, d7, #1
	sqshrn2 v8.16b, v9.8h, #3
	sshll v0.8h, v1.8b, #3
	ushll2 v2.2d, v3.4s, #31
	sxtl v4.4s, v5.4h
	uxtl v6.2d, v7.2s
	uxtl2 v8.8h, v9.16b
	movi v0.4s, #0x12
	movi v1.4s, #0x34, lsl #8
	movi v2.8h, #0xff, lsl #8
	movi v3.16b, #0x80
	movi v4.2d, #0xff00ff00ff00ff00
	movi d5, #0xff
	movi v6.2s, #0x12, msl #8
	mvni v7.4s, #0x1
	mvni v8.4h, #0x2, lsl #8
	orr v9.4s, #0x1, lsl #16
	bic v10.8h, #0x3
	movi v0.2d, #0
	dup v0.4s, v1.s[1]
	dup v2.16b, v3.b[15]
	dup v4.2d, x5
	dup v6.8b, w7
	mov s0, v1.s[3]
	mov d2, v3.d[1]
	mov v0.s[1], w1
	mov v2.d[0], x3
	mov v4.b[3], v5.b[7]
	smov x0, v1.b[2]
	smov w2, v3.h[1]
	umov w4, v5.b[3]
	mov w6, v7.s[2]
	mov x8, v9.d[1]
	tbl v0.16b, {v1.16b}, v2.16b
	tbx v3.8b, {v4.16b, v5.16b}, v6.8b
	tbl v0.16b, {v29.16b, v30.16b, v31.16b, v0.16b}, v1.16b
	uzp1 v0.4s, v1.4s, v2.4s
	trn2 v3.8b, v4.8b, v5.8b
	zip1 v6.2d, v7.2d, v8.2d
	ext v0.16b, v1.16b, v2.16b, #8
	ext v3.8b, v4.8b, v5.8b, #3
// --- crypto
	aese v0.16b, v1.16b
	aesd v2.16b, v3.16b
	aesmc v4.16b, v5.16b
	aesimc v6.16b, v7.16b
	sha1c q0, s1, v2.4s
	sha1p q3, s4, v5.4s
	sha1m q6, s7, v8.4s
	sha1su0 v9.4s, v10.4s, v11.4s
	sha1h s0, s1
	sha1su1 v2.4s, v3.4s
	sha256h q0, q1, v2.4s
	sha256h2 q3, q4, v5.4s
	sha256su0 v6.4s, v7.4s
	sha256su1 v8.4s, v9.4s, v10.4s
	sha512h q0, q1, v2.2d
	sha512h2 q3, q4, v5.2d
	sha512su0 v6.2d, v7.2d
	sha512su1 v8.2d, v9.2d, v10.2d
	rax1 v0.2d, v1.2d, v2.2d
	eor3 v0.16b, v1.16b, v2.16b, v3.16b
	bcax v4.16b, v5.16b, v6.16b, v7.16b
	xar v8.2d, v9.2d, v10.2d, #10
// --- unallocated
	.inst 0x00000000
	.inst 0xffffffff
	.inst 0xd503201e
