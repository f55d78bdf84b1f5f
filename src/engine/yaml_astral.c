/* yaml_astral.c: see yaml_astral.h. */
#include "yaml_astral.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ivs_astral_init(struct ivs_astral *x, int attempt)
{
	if (attempt < 0) {   /* off: libyaml's escapes */
		memset(x, 0, sizeof *x);
		return;
	}
	unsigned cp = 0xE000u + (unsigned)attempt;
	x->mark[0] = (char)(0xE0 | (cp >> 12));
	x->mark[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	x->mark[2] = (char)(0x80 | (cp & 0x3F));
	x->mark[3] = '\0';
	x->clash = false;
}

char *ivs_astral_hide(struct ivs_astral *x, const char *v)
{
	if (!x->mark[0])
		return NULL;
	if (strstr(v, x->mark))
		x->clash = true;
	const char *s = v;
	while (*s && (unsigned char)*s < 0xF0)
		s++;
	if (!*s)
		return NULL;
	struct ivs_buf b;
	ivs_buf_init(&b);
	for (s = v; *s;) {
		const unsigned char *u = (const unsigned char *)s;
		if (u[0] >= 0xF0 && u[1] && u[2] && u[3]) {   /* valid: the saver fixed bad UTF-8 */
			unsigned cp = ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) |
			              ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu);
			ivs_buf_printf(&b, "%s%06X", x->mark, cp);
			s += 4;
		} else {
			ivs_buf_putc(&b, *s++);
		}
	}
	return ivs_buf_steal(&b);
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

void ivs_astral_restore(const struct ivs_astral *x, struct ivs_buf *b, size_t start)
{
	size_t w = start;
	if (!x->mark[0])
		return;
	for (size_t r = start; r < b->len;) {
		unsigned cp = 0;
		bool hit = r + 9 <= b->len && memcmp(b->data + r, x->mark, 3) == 0;
		for (size_t k = 0; hit && k < 6; k++) {
			int h = hexval(b->data[r + 3 + k]);
			hit = h >= 0;
			cp = cp * 16 + (unsigned)(h < 0 ? 0 : h);
		}
		if (hit && cp >= 0x10000 && cp <= 0x10FFFF) {
			b->data[w++] = (char)(0xF0 | (cp >> 18));
			b->data[w++] = (char)(0x80 | ((cp >> 12) & 0x3F));
			b->data[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			b->data[w++] = (char)(0x80 | (cp & 0x3F));
			r += 9;
		} else {
			b->data[w++] = b->data[r++];
		}
	}
	b->len = w;
	if (b->data)
		b->data[w] = '\0';
}
