#ifndef CJPEG_SHIM_H
#define CJPEG_SHIM_H

// jpeglib.h relies on FILE and size_t without including their headers.
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>
#include <jerror.h>

// libjpeg reports fatal errors through error_exit, which must not return.
// Swift cannot use setjmp, so every libjpeg call that may fail goes through
// one of the small wrappers below: each arms its own jump target, and a
// fatal error makes the wrapper return 0 instead of killing the process.
// Warnings (corrupt or truncated data) are recorded instead of printed.

/// Error state shared by the decoder and the encoder.
typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    /// libjpeg hit the end of the data before the end of the image (JWRN_JPEG_EOF).
    int truncated;
    /// libjpeg reported damaged entropy-coded data (the image would show garbage).
    int damaged;
    /// Number of warnings, harmless ones included.
    int warningCount;
    /// The progressive scan limit was exceeded.
    int tooManyScans;
    /// Text of the fatal error, or else of the first warning.
    char message[JMSG_LENGTH_MAX];
} CJPEGErrorState;

static inline void cjpeg_error_exit(j_common_ptr cinfo) {
    CJPEGErrorState *state = (CJPEGErrorState *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, state->message);
    longjmp(state->jump, 1);
}

static inline void cjpeg_emit_message(j_common_ptr cinfo, int level) {
    if (level >= 0) {
        return;  // trace messages
    }
    CJPEGErrorState *state = (CJPEGErrorState *)cinfo->err;
    int code = cinfo->err->msg_code;
    if (code == JWRN_JPEG_EOF) {
        state->truncated = 1;
    } else if (code == JWRN_HIT_MARKER || code == JWRN_HUFF_BAD_CODE || code == JWRN_MUST_RESYNC
               || code == JWRN_ARITH_BAD_CODE || code == JWRN_NOT_SEQUENTIAL) {
        state->damaged = 1;
    }
    if (state->warningCount == 0) {
        (*cinfo->err->format_message)(cinfo, state->message);
    }
    state->warningCount += 1;
    cinfo->err->num_warnings += 1;
}

static inline void cjpeg_output_message(j_common_ptr cinfo) {
    (void)cinfo;  // never print to stderr
}

static inline void cjpeg_init_error_state(CJPEGErrorState *state) {
    memset(state, 0, sizeof(*state));
    jpeg_std_error(&state->pub);
    state->pub.error_exit = cjpeg_error_exit;
    state->pub.emit_message = cjpeg_emit_message;
    state->pub.output_message = cjpeg_output_message;
}

// MARK: - Decoder

/// A decompressor with its error state; allocate with cjpeg_decoder_create.
typedef struct {
    struct jpeg_decompress_struct cinfo;
    CJPEGErrorState error;
    struct jpeg_progress_mgr progress;
    /// Progressive files with more scans than this are refused (CPU exhaustion guard).
    int maxScans;
} CJPEGDecoder;

static inline void cjpeg_decoder_progress(j_common_ptr cinfo) {
    CJPEGDecoder *decoder = (CJPEGDecoder *)cinfo;
    if (decoder->maxScans > 0 && decoder->cinfo.input_scan_number > decoder->maxScans) {
        decoder->error.tooManyScans = 1;
        snprintf(decoder->error.message, JMSG_LENGTH_MAX, "more than %d progressive scans", decoder->maxScans);
        longjmp(decoder->error.jump, 1);
    }
}

static inline CJPEGDecoder *cjpeg_decoder_create(void) {
    CJPEGDecoder *decoder = (CJPEGDecoder *)calloc(1, sizeof(CJPEGDecoder));
    if (decoder == NULL) {
        return NULL;
    }
    cjpeg_init_error_state(&decoder->error);
    decoder->cinfo.err = &decoder->error.pub;
    if (setjmp(decoder->error.jump)) {
        free(decoder);
        return NULL;
    }
    jpeg_create_decompress(&decoder->cinfo);
    decoder->progress.progress_monitor = cjpeg_decoder_progress;
    decoder->cinfo.progress = &decoder->progress;
    decoder->maxScans = 200;
    return decoder;
}

static inline void cjpeg_decoder_destroy(CJPEGDecoder *decoder) {
    if (decoder == NULL) {
        return;
    }
    jpeg_destroy_decompress(&decoder->cinfo);
    free(decoder);
}

/// Reads the header from memory; the data must outlive the decoder. Returns 0 on error.
static inline int cjpeg_decoder_read_header(CJPEGDecoder *decoder, const unsigned char *data, unsigned long size) {
    if (setjmp(decoder->error.jump)) {
        return 0;
    }
    jpeg_mem_src(&decoder->cinfo, data, size);
    return jpeg_read_header(&decoder->cinfo, TRUE) == JPEG_HEADER_OK;
}

static inline int cjpeg_decoder_start(CJPEGDecoder *decoder) {
    if (setjmp(decoder->error.jump)) {
        return 0;
    }
    return jpeg_start_decompress(&decoder->cinfo) ? 1 : 0;
}

/// Reads up to `count` scanlines into `rows`; stores how many were read. Returns 0 on error.
static inline int cjpeg_decoder_read_scanlines(CJPEGDecoder *decoder, JSAMPARRAY rows, JDIMENSION count, JDIMENSION *read) {
    if (setjmp(decoder->error.jump)) {
        return 0;
    }
    *read = jpeg_read_scanlines(&decoder->cinfo, rows, count);
    return 1;
}

static inline int cjpeg_decoder_finish(CJPEGDecoder *decoder) {
    if (setjmp(decoder->error.jump)) {
        return 0;
    }
    jpeg_finish_decompress(&decoder->cinfo);
    return 1;
}

// MARK: - Encoder

/// A compressor writing to a growing memory buffer, with its error state; allocate with cjpeg_encoder_create.
///
/// The buffer is managed here rather than by jpeg_mem_dest, which frees and replaces its buffer as it grows and only
/// reports the final one at the end: a stream abandoned midway would leave a dangling pointer behind.
typedef struct {
    struct jpeg_compress_struct cinfo;
    CJPEGErrorState error;
    struct jpeg_destination_mgr destination;
    unsigned char *buffer;
    size_t capacity;
    /// Bytes written, once cjpeg_encoder_finish has succeeded.
    size_t size;
} CJPEGEncoder;

static inline void cjpeg_destination_init(j_compress_ptr cinfo) {
    CJPEGEncoder *encoder = (CJPEGEncoder *)cinfo;
    encoder->destination.next_output_byte = encoder->buffer;
    encoder->destination.free_in_buffer = encoder->capacity;
}

/// Called when the buffer is full: doubles it.
static inline boolean cjpeg_destination_grow(j_compress_ptr cinfo) {
    CJPEGEncoder *encoder = (CJPEGEncoder *)cinfo;
    size_t capacity = encoder->capacity * 2;
    unsigned char *buffer = (unsigned char *)realloc(encoder->buffer, capacity);
    if (buffer == NULL) {
        ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 0);
    }
    encoder->destination.next_output_byte = buffer + encoder->capacity;
    encoder->destination.free_in_buffer = capacity - encoder->capacity;
    encoder->buffer = buffer;
    encoder->capacity = capacity;
    return TRUE;
}

static inline void cjpeg_destination_term(j_compress_ptr cinfo) {
    CJPEGEncoder *encoder = (CJPEGEncoder *)cinfo;
    encoder->size = encoder->capacity - encoder->destination.free_in_buffer;
}

static inline CJPEGEncoder *cjpeg_encoder_create(void) {
    CJPEGEncoder *encoder = (CJPEGEncoder *)calloc(1, sizeof(CJPEGEncoder));
    if (encoder == NULL) {
        return NULL;
    }
    encoder->capacity = 64 * 1024;
    encoder->buffer = (unsigned char *)malloc(encoder->capacity);
    if (encoder->buffer == NULL) {
        free(encoder);
        return NULL;
    }
    cjpeg_init_error_state(&encoder->error);
    encoder->cinfo.err = &encoder->error.pub;
    if (setjmp(encoder->error.jump)) {
        free(encoder->buffer);
        free(encoder);
        return NULL;
    }
    jpeg_create_compress(&encoder->cinfo);
    encoder->destination.init_destination = cjpeg_destination_init;
    encoder->destination.empty_output_buffer = cjpeg_destination_grow;
    encoder->destination.term_destination = cjpeg_destination_term;
    encoder->cinfo.dest = &encoder->destination;
    return encoder;
}

static inline void cjpeg_encoder_destroy(CJPEGEncoder *encoder) {
    if (encoder == NULL) {
        return;
    }
    jpeg_destroy_compress(&encoder->cinfo);
    free(encoder->buffer);
    free(encoder);
}

/// Starts a baseline (or, if asked, progressive) JFIF (or Adobe, for CMYK) stream with no other marker. Returns 0 on error.
static inline int cjpeg_encoder_start(CJPEGEncoder *encoder, JDIMENSION width, JDIMENSION height, J_COLOR_SPACE colorSpace,
                                      int components, int quality, int optimizeCoding, int progressive) {
    if (setjmp(encoder->error.jump)) {
        return 0;
    }
    encoder->cinfo.image_width = width;
    encoder->cinfo.image_height = height;
    encoder->cinfo.input_components = components;
    encoder->cinfo.in_color_space = colorSpace;
    jpeg_set_defaults(&encoder->cinfo);
    jpeg_set_quality(&encoder->cinfo, quality, TRUE);
    encoder->cinfo.optimize_coding = optimizeCoding ? TRUE : FALSE;
    if (progressive) {
        jpeg_simple_progression(&encoder->cinfo);
    }
    jpeg_start_compress(&encoder->cinfo, TRUE);
    return 1;
}

static inline int cjpeg_encoder_write_scanlines(CJPEGEncoder *encoder, JSAMPARRAY rows, JDIMENSION count) {
    if (setjmp(encoder->error.jump)) {
        return 0;
    }
    return jpeg_write_scanlines(&encoder->cinfo, rows, count) == count;
}

/// Finishes the stream; `buffer` and `size` then hold the file.
static inline int cjpeg_encoder_finish(CJPEGEncoder *encoder) {
    if (setjmp(encoder->error.jump)) {
        return 0;
    }
    jpeg_finish_compress(&encoder->cinfo);
    return 1;
}

#endif
