#ifndef CWEBP_SHIM_H
#define CWEBP_SHIM_H

// libwebp's decoder, for decoding straight to the preview's size (WebPDecoderConfig.options.use_scaling).
#include <webp/decode.h>

#endif
