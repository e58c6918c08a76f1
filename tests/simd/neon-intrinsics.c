/*
 * AdvSIMD and crypto intrinsics (arm_neon.h) over fixed pseudo-random data;
 * prints one line of checksums per group.  The output is compared between
 * our aarch64-user and qemu-aarch64-static by tests/suites/simd-programs.sh.
 */
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>

static uint8_t buf[4096];

static uint64_t mix(uint64_t h, uint64_t v)
{
    return (h ^ v) * 0x100000001b3ull;
}

static uint64_t hq(uint64_t h, uint8x16_t v)
{
    return mix(mix(h, vgetq_lane_u64(vreinterpretq_u64_u8(v), 0)),
               vgetq_lane_u64(vreinterpretq_u64_u8(v), 1));
}

int main(void)
{
    uint32_t x = 12345;
    for (unsigned i = 0; i < sizeof(buf); i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (uint8_t)(x >> 16);
        if (i % 7 == 0) {
            buf[i] = (i & 8) ? 0x80 : 0x7f;
        }
    }
    uint64_t h = 1469598103934665603ull;
    for (unsigned i = 0; i + 64 <= sizeof(buf); i += 48) {
        uint8x16_t a = vld1q_u8(buf + i), b = vld1q_u8(buf + i + 16), c = vld1q_u8(buf + i + 32);
        int16x8_t sa = vreinterpretq_s16_u8(a), sb = vreinterpretq_s16_u8(b);
        int32x4_t wa = vreinterpretq_s32_u8(a), wb = vreinterpretq_s32_u8(b);
        h = hq(h, vaddq_u8(a, b));
        h = hq(h, vqaddq_u8(a, b));
        h = hq(h, vreinterpretq_u8_s16(vqsubq_s16(sa, sb)));
        h = hq(h, vreinterpretq_u8_u16(vmull_u8(vget_low_u8(a), vget_high_u8(b))));
        h = hq(h, vreinterpretq_u8_s32(vmull_high_s16(sa, sb)));
        h = hq(h, vreinterpretq_u8_s16(vqrdmulhq_s16(sa, sb)));
        h = hq(h, vreinterpretq_u8_s32(vqdmulhq_s32(wa, wb)));
        h = hq(h, vreinterpretq_u8_s32(vmlal_s16(wa, vget_low_s16(sa), vget_high_s16(sb))));
        h = hq(h, vcombine_u8(vshrn_n_u16(vreinterpretq_u16_u8(a), 3), vqmovn_u16(vreinterpretq_u16_u8(b))));
        h = hq(h, vcombine_u8(vqrshrun_n_s16(sa, 4), vqmovun_s16(sb)));
        h = hq(h, vqtbl2q_u8((uint8x16x2_t){ { a, b } }, vandq_u8(c, vdupq_n_u8(0x3f))));
        h = hq(h, vqtbx1q_u8(a, b, c));
        h = hq(h, vzip1q_u8(a, b));
        h = hq(h, vuzp2q_u8(a, c));
        h = hq(h, vtrn1q_u8(b, c));
        h = hq(h, vextq_u8(a, b, 5));
        h = hq(h, vrev64q_u8(a));
        h = hq(h, vcntq_u8(a));
        h = hq(h, vclzq_u8(b));
        h = hq(h, vreinterpretq_u8_s8(vclsq_s8(vreinterpretq_s8_u8(c))));
        h = hq(h, vrbitq_u8(a));
        h = hq(h, vreinterpretq_u8_u16(vpaddlq_u8(a)));
        h = hq(h, vpaddq_u8(a, b));
        h = hq(h, vmaxq_u8(a, b));
        h = hq(h, vreinterpretq_u8_s8(vminq_s8(vreinterpretq_s8_u8(a), vreinterpretq_s8_u8(c))));
        h = hq(h, vabdq_u8(a, c));
        h = hq(h, vhaddq_u8(a, b));
        h = hq(h, vrhaddq_u8(a, c));
        h = hq(h, vceqq_u8(a, b));
        h = hq(h, vcgtq_u8(a, c));
        h = hq(h, vreinterpretq_u8_s8(vqabsq_s8(vreinterpretq_s8_u8(a))));
        h = hq(h, vreinterpretq_u8_s8(vqnegq_s8(vreinterpretq_s8_u8(b))));
        h = hq(h, vreinterpretq_u8_s16(vshlq_s16(sa, vreinterpretq_s16_u8(vandq_u8(b, vdupq_n_u8(0x8f))))));
        h = hq(h, vreinterpretq_u8_s16(vqrshlq_s16(sa, vreinterpretq_s16_u8(vandq_u8(c, vdupq_n_u8(0x8f))))));
        h = hq(h, vsriq_n_u8(a, b, 3));
        h = hq(h, vsliq_n_u8(a, c, 5));
        h = mix(h, vaddvq_u8(a));
        h = mix(h, vaddlvq_u8(b));
        h = mix(h, vmaxvq_u8(c));
        h = mix(h, (uint64_t)vminvq_s16(sa));
        h = mix(h, vgetq_lane_u8(a, 13));
        uint8x16x3_t t3 = vld3q_u8(buf + i);
        h = hq(h, t3.val[0]);
        h = hq(h, t3.val[2]);
        uint8x16x4_t t4 = vld4q_dup_u8(buf + i);
        h = hq(h, t4.val[3]);
        uint8_t out[64];
        vst4q_u8(out, (uint8x16x4_t){ { a, b, c, t3.val[1] } });
        h = hq(h, vld1q_u8(out + 32));
        /* crypto */
        h = hq(h, vaesmcq_u8(vaeseq_u8(a, b)));
        h = hq(h, vaesimcq_u8(vaesdq_u8(a, c)));
        uint32x4_t ua = vreinterpretq_u32_u8(a), ub = vreinterpretq_u32_u8(b), uc = vreinterpretq_u32_u8(c);
        h = hq(h, vreinterpretq_u8_u32(vsha256hq_u32(ua, ub, uc)));
        h = hq(h, vreinterpretq_u8_u32(vsha256h2q_u32(ua, ub, uc)));
        h = hq(h, vreinterpretq_u8_u32(vsha256su0q_u32(ua, ub)));
        h = hq(h, vreinterpretq_u8_u32(vsha256su1q_u32(ua, ub, uc)));
        h = hq(h, vreinterpretq_u8_u32(vsha1cq_u32(ua, vgetq_lane_u32(ub, 0), uc)));
        h = hq(h, vreinterpretq_u8_u32(vsha1pq_u32(ua, vgetq_lane_u32(ub, 1), uc)));
        h = hq(h, vreinterpretq_u8_u32(vsha1mq_u32(ua, vgetq_lane_u32(ub, 2), uc)));
        h = mix(h, vsha1h_u32(vgetq_lane_u32(uc, 3)));
        h = hq(h, vreinterpretq_u8_u32(vsha1su0q_u32(ua, ub, uc)));
        h = hq(h, vreinterpretq_u8_u32(vsha1su1q_u32(ua, ub)));
        poly128_t p = vmull_p64(vgetq_lane_u64(vreinterpretq_u64_u8(a), 0),
                                vgetq_lane_u64(vreinterpretq_u64_u8(b), 1));
        h = mix(mix(h, (uint64_t)p), (uint64_t)(p >> 64));
        if (i % (48 * 16) == 0) {
            printf("%u %016llx\n", i, (unsigned long long)h);
        }
    }
    printf("final %016llx\n", (unsigned long long)h);
    return 0;
}
