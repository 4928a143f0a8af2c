/* FuzzC: zstd and xxhash for the fuzz harnesses (rewriting snapshot chunks, fixing checksums). */
#include <zstd.h>
#include <xxhash.h>

/* libFuzzer's entry point for a program that has its own main (FuzzerInterface.h). */
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
