#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A bump allocator for cmark-gfm, one per thread, for one document at a time: allocations
   come from large blocks, free does nothing, and portal_arena_reset() makes the whole arena
   free again once the document's tree and HTML are no longer needed. Parsing and rendering a
   page otherwise spend about half their time in malloc and free. Each allocation is preceded
   by its size, so realloc can copy (or, for the last allocation, grow in place). Used only by
   PortalMarkdown's DocumentRenderer, never for two documents at once on one thread. */

typedef struct portal_arena_block {
    struct portal_arena_block *previous;
    size_t capacity;
    size_t used;
    size_t padding; /* keeps the data 16-byte aligned */
} portal_arena_block;

static _Thread_local portal_arena_block *portal_arena_top = NULL;
static _Thread_local int portal_arena_busy = 0;

/* The block a thread keeps between documents is freed when the thread ends (worker threads
   come and go in a long-running preview server). */
static pthread_key_t portal_arena_key = 0;
static pthread_once_t portal_arena_key_once = PTHREAD_ONCE_INIT;
static inline void portal_arena_thread_ended(void *block) { free(block); }
static inline void portal_arena_make_key(void) { pthread_key_create(&portal_arena_key, portal_arena_thread_ended); }

enum { portal_arena_block_size = 1 << 20, portal_arena_header = 16 };

static inline size_t portal_arena_round(size_t size) { return (size + 15) & ~(size_t)15; }

static inline char *portal_arena_data(portal_arena_block *block) { return (char *)(block + 1); }

static inline void *portal_arena_take(size_t size) {
    if (size > SIZE_MAX / 2) abort();
    size_t need = portal_arena_header + portal_arena_round(size);
    portal_arena_block *top = portal_arena_top;
    if (top == NULL || top->used + need > top->capacity) {
        size_t capacity = need > portal_arena_block_size ? need : portal_arena_block_size;
        portal_arena_block *block = malloc(sizeof(portal_arena_block) + capacity);
        if (block == NULL) abort(); /* as cmark-gfm's own allocator does */
        block->previous = top;
        block->capacity = capacity;
        block->used = 0;
        portal_arena_top = top = block;
    }
    char *start = portal_arena_data(top) + top->used;
    *(size_t *)start = size;
    top->used += need;
    return start + portal_arena_header;
}

static inline void *portal_arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) abort();
    void *memory = portal_arena_take(count * size);
    memset(memory, 0, count * size);
    return memory;
}

static inline void *portal_arena_realloc(void *old, size_t size) {
    if (old == NULL) return portal_arena_take(size);
    size_t *header = (size_t *)((char *)old - portal_arena_header);
    size_t old_size = *header;
    portal_arena_block *top = portal_arena_top;
    char *old_end = (char *)old + portal_arena_round(old_size);
    if (top != NULL && old_end == portal_arena_data(top) + top->used) {
        /* The block's last allocation: grow or shrink it where it is, when it fits. */
        size_t new_end = (size_t)((char *)old - portal_arena_data(top)) + portal_arena_round(size);
        if (size <= SIZE_MAX / 2 && new_end <= top->capacity) {
            top->used = new_end;
            *header = size;
            return old;
        }
    }
    if (size <= old_size) return old;
    void *memory = portal_arena_take(size);
    memcpy(memory, old, old_size);
    return memory;
}

static inline void portal_arena_free(void *memory) { (void)memory; }

/* Makes the whole arena free again: keeps one standard block for the thread's next document. */
static inline void portal_arena_reset(void) {
    portal_arena_busy = 0;
    portal_arena_block *block = portal_arena_top;
    while (block != NULL && block->previous != NULL) {
        portal_arena_block *previous = block->previous;
        free(block);
        block = previous;
    }
    if (block != NULL && block->capacity > portal_arena_block_size) {
        free(block);
        block = NULL;
    }
    if (block != NULL) block->used = 0;
    portal_arena_top = block;
    pthread_once(&portal_arena_key_once, portal_arena_make_key);
    pthread_setspecific(portal_arena_key, block);
}

/* The arena as a cmark-gfm allocator for one document, until portal_arena_reset(); NULL when
   this thread's arena already holds a document (the caller then uses cmark-gfm's default). */
static inline cmark_mem *portal_arena_allocator(void) {
    static cmark_mem allocator = {portal_arena_calloc, portal_arena_realloc, portal_arena_free};
    if (portal_arena_busy) return NULL;
    portal_arena_busy = 1;
    return &allocator;
}
