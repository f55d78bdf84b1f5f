/* replay.c: a main() for the fuzz targets without libFuzzer, so that the
 * normal build (gcc, and the ASan+UBSan pass of make test) runs every
 * target over the seed files and the saved crash inputs:
 *     BUILD/fuzz/fuzz_load FILE...
 * Each file is read whole and given to LLVMFuzzerTestOneInput once; a
 * target that finds a broken invariant aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ivs/fsutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

int main(int argc, char **argv)
{
	int status = 0;
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		char *err = NULL;
		size_t len = 0;
		char *data = ivs_read_file(argv[i], (size_t)1 << 26, &len, &err);
		if (!data) {
			fprintf(stderr, "%s\n", err);
			free(err);
			status = 2;
			continue;
		}
		/* A copy of exactly len bytes, so that ASan sees reads past the end. */
		uint8_t *copy = malloc(len ? len : 1);
		if (!copy)
			abort();
		for (size_t k = 0; k < len; k++)
			copy[k] = (uint8_t)data[k];
		free(data);
		LLVMFuzzerTestOneInput(copy, len);
		free(copy);
	}
	return status;
}
