/* main.c: placeholder entry so the tree builds; replaced by the CLI. */
#include <stdio.h>
int main(void)
{
	fputs("ivs-tui: not built yet\n", stderr);
	return 2;
}
