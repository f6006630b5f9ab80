/* media.c — recognise an evidence file by its signature (magic bytes). */
#include "base/media.h"

#include <stdbool.h>
#include <string.h>

static const struct media_type types[] = {
    {"image/jpeg", "photo", "照片", "jpg"},  {"image/png", "photo", "照片", "png"},
    {"image/webp", "photo", "照片", "webp"}, {"image/heic", "photo", "照片", "heic"},
    {"audio/mpeg", "audio", "录音", "mp3"},  {"audio/wav", "audio", "录音", "wav"},
    {"audio/aac", "audio", "录音", "aac"},   {"audio/amr", "audio", "录音", "amr"},
    {"audio/ogg", "audio", "录音", "ogg"},   {"audio/mp4", "audio", "录音", "m4a"},
    {"video/mp4", "video", "视频", "mp4"},   {"video/quicktime", "video", "视频", "mov"},
    {"video/webm", "video", "视频", "webm"}, {"application/pdf", "scan", "扫描件", "pdf"},
};

enum { JPEG, PNG, WEBP, HEIC, MP3, WAV, AAC, AMR, OGG, M4A, MP4, MOV, WEBM, PDF };

static bool at(const unsigned char *h, size_t len, size_t off, const char *sig, size_t n)
{
    return len >= off + n && memcmp(h + off, sig, n) == 0;
}

/* An ISO base media file (MP4, MOV, M4A, HEIC): "ftyp" at 4 and its major brand at 8. */
static const struct media_type *iso_media(const unsigned char *h, size_t len)
{
    if (!at(h, len, 4, "ftyp", 4) || len < 12) return NULL;
    const char *brand = (const char *)h + 8;
    if (!memcmp(brand, "heic", 4) || !memcmp(brand, "heix", 4) || !memcmp(brand, "mif1", 4))
        return &types[HEIC];
    if (!memcmp(brand, "M4A ", 4)) return &types[M4A];
    if (!memcmp(brand, "qt  ", 4)) return &types[MOV];
    return &types[MP4]; /* isom, mp41, mp42, avc1, 3gp4 … */
}

const struct media_type *media_sniff(const unsigned char *h, size_t len)
{
    if (len > MEDIA_SNIFF_LEN) len = MEDIA_SNIFF_LEN;
    if (at(h, len, 0, "\xff\xd8\xff", 3)) return &types[JPEG];
    if (at(h, len, 0, "\x89PNG\r\n\x1a\n", 8)) return &types[PNG];
    if (at(h, len, 0, "RIFF", 4) && at(h, len, 8, "WEBP", 4)) return &types[WEBP];
    if (at(h, len, 0, "RIFF", 4) && at(h, len, 8, "WAVE", 4)) return &types[WAV];
    if (at(h, len, 0, "%PDF-", 5)) return &types[PDF];
    if (at(h, len, 0, "#!AMR", 5)) return &types[AMR];
    if (at(h, len, 0, "OggS", 4)) return &types[OGG];
    if (at(h, len, 0, "\x1a\x45\xdf\xa3", 4)) return &types[WEBM];
    if (at(h, len, 0, "ID3", 3)) return &types[MP3];
    const struct media_type *iso = iso_media(h, len);
    if (iso) return iso;
    /* MPEG audio frames and ADTS (AAC): a sync word of 11 or 12 set bits */
    if (len >= 2 && h[0] == 0xff && (h[1] & 0xf6) == 0xf0) return &types[AAC];
    if (len >= 2 && h[0] == 0xff && (h[1] & 0xe0) == 0xe0 && (h[1] & 0x06) != 0) return &types[MP3];
    return NULL;
}

const char *media_label(const char *media)
{
    for (size_t i = 0; media && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(types[i].media, media) == 0) return types[i].label;
    return NULL;
}
