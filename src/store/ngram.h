/* ngram.h — registering the landun_ngram FTS5 tokenizer on a SQLite connection. */
#ifndef LANDUN_NGRAM_H
#define LANDUN_NGRAM_H

typedef struct sqlite3 sqlite3;

/* Register the tokenizer on db; 0 or -1 (FTS5 missing). */
int ngram_register(sqlite3 *db);

#endif
