/*
 * gzip decompression for compressed kernels (Image.gz), through GLib's
 * GIO zlib converter: a well-kept inflate beats one of our own.
 */
#include <gio/gio.h>
#include <string.h>
#include "boot/image.h"

bool boot_gunzip(const uint8_t *in, size_t len, size_t max_out, const char *what, uint8_t **out,
                 size_t *out_len, EmuError *err)
{
    GZlibDecompressor *dec = g_zlib_decompressor_new(G_ZLIB_COMPRESSOR_FORMAT_GZIP);
    GConverter *conv = G_CONVERTER(dec);
    size_t cap = len * 4 < (1u << 20) ? (1u << 20) : len * 4, used = 0, in_pos = 0;
    uint8_t *buf;
    bool ok = false;

    if (cap > max_out + 1) {
        cap = max_out + 1;
    }
    buf = g_malloc(cap);
    for (;;) {
        gsize nread = 0, nwritten = 0;
        GError *gerr = NULL;
        GConverterResult r;

        r = g_converter_convert(conv, in + in_pos, len - in_pos, buf + used, cap - used,
                                G_CONVERTER_INPUT_AT_END, &nread, &nwritten, &gerr);
        in_pos += nread;
        used += nwritten;
        if (used > max_out) {
            g_clear_error(&gerr);
            emu_error_set(err, "%s: decompresses to more than %zu bytes", what, max_out);
            break;
        }
        if (r == G_CONVERTER_FINISHED) {
            ok = true;
            break;
        }
        if (r == G_CONVERTER_ERROR && !g_error_matches(gerr, G_IO_ERROR, G_IO_ERROR_NO_SPACE)) {
            if (g_error_matches(gerr, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT)) {
                emu_error_set(err, "%s: truncated gzip data", what);
            } else {
                emu_error_set(err, "%s: corrupt gzip data (%s)", what, gerr->message);
            }
            g_error_free(gerr);
            break;
        }
        g_clear_error(&gerr);
        if (r == G_CONVERTER_ERROR || used == cap) {
            /* Out of room for the output: grow, up to one byte past the limit. */
            if (cap > max_out) {
                emu_error_set(err, "%s: decompresses to more than %zu bytes", what, max_out);
                break;
            }
            cap = cap * 2 > max_out + 1 ? max_out + 1 : cap * 2;
            buf = g_realloc(buf, cap);
        } else if (nread == 0 && nwritten == 0) {
            emu_error_set(err, "%s: truncated gzip data", what);
            break;
        }
    }
    g_object_unref(dec);
    if (!ok) {
        g_free(buf);
        return false;
    }
    *out = buf;
    *out_len = used;
    return true;
}
