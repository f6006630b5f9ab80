/* upload.h — resumable uploads (tus) whose bodies web/server.c streams into the evidence store
 * as they arrive, with memory flat whatever the size (web/upload.c). */
#ifndef LANDUN_UPLOAD_H
#define LANDUN_UPLOAD_H

#include "web/http.h"

struct upload_stream;

/* True when r (its target parsed, its headers set, no body yet) may stream: a PATCH of an
 * upload. */
bool web_upload_streams(const struct req *r);
/* Admit r before its body is read (route, authentication, permission, CSRF, the upload's owner,
 * type and offset): 1 with *out to write the body into, 0 when r is not an upload after all
 * (read the body whole and handle it as usual), -1 with the refusal made in w (answer it without
 * reading the body). */
int web_upload_stream_open(struct req *r, struct resp *w, struct upload_stream **out);
/* Append the next bytes of the body (a failure is kept and answered at close). */
void web_upload_stream_write(struct upload_stream *s, const void *data, size_t len);
/* The body has ended: save what arrived, make the answer in w, free s. */
void web_upload_stream_close(struct upload_stream *s, struct req *r, struct resp *w);
/* The connection ended before the body did: keep what arrived (the client resumes), free s. */
void web_upload_stream_abort(struct upload_stream *s);

/* The value of key in a tus Upload-Metadata header (key base64, key base64 …) decoded into *out
 * (arena; NULL when the key is absent): 0, or -1 when the header is malformed. */
int upload_metadata_value(struct arena *a, const char *meta, const char *key, const char **out);

#endif
