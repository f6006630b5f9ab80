/* log.h — one-line log records to stderr, safe from any thread. */
#ifndef LANDUN_LOG_H
#define LANDUN_LOG_H

#include "base/util.h"

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/* Records below this level are dropped (default LOG_INFO; tests set LOG_WARN). */
void log_set_level(enum log_level level);
void log_msg(enum log_level level, const char *fmt, ...) PRINTF(2, 3);

#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
