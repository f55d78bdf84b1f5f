/* arn.c: the one check of IVS ARNs (see arn.h). The validator reports its
 * sentence as a diagnostic; `ivs-tui token` refuses to sign with it. */
#include "ivs/arn.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "ivs/util.h"
#include "validate_int.h"

static bool part_ok(const char *s, size_t n, const char *extra)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr(extra, s[i]))
			return false;
	return true;
}

/* "public-key" reads "public key" in a sentence. */
static void type_words(const char *type, char *buf, size_t n)
{
	size_t i = 0;
	for (; type[i] && i + 1 < n; i++)
		buf[i] = type[i] == '-' ? ' ' : type[i];
	buf[i] = '\0';
}

char *ivs_arn_check(const char *arn, const char *type, const char *what)
{
	const char *part[6];
	size_t len[6], n = 0, tlen = strlen(type);
	const char *s = arn;
	char vb[80], sb[80], tw[40];
	const char *v = ivs_vshow(arn, vb, sizeof vb);

	type_words(type, tw, sizeof tw);
	for (; n < 5; n++) {
		const char *c = strchr(s, ':');
		if (!c)
			break;
		part[n] = s;
		len[n] = (size_t)(c - s);
		s = c + 1;
	}
	if (strlen(arn) > IVS_ARN_MAX) {
		if (strcmp(type, "channel") == 0)
			return ivs_xasprintf("%s must be at most 128 characters (a stream key's "
			                     "ChannelArn), got %zu.", what, strlen(arn));
		return ivs_xasprintf("%s must be at most 128 characters (an IVS %s ARN), got %zu.",
		                     what, tw, strlen(arn));
	}
	if (n < 5 || strncmp(arn, "arn:", 4) != 0)
		return ivs_xasprintf("%s is not an ARN, got '%s': write "
		                     "arn:<partition>:ivs:<region>:<account>:%s/<id>.", what, v, type);
	part[5] = s;
	len[5] = strlen(s);
	if (len[2] != 3 || strncmp(part[2], "ivs", 3) != 0) {
		snprintf(sb, sizeof sb, "%.*s", (int)(len[2] < 60 ? len[2] : 60), part[2]);
		return ivs_xasprintf("%s must name service 'ivs', got '%s': use the ARN of an IVS %s.",
		                     what, ivs_vshow(sb, vb, sizeof vb), tw);
	}
	/* the resource part's shape, when that is what is wrong */
	if (!*part[5])
		return ivs_xasprintf("%s ends after the account: the resource part, %s/<id>, is "
		                     "missing; write arn:<partition>:ivs:<region>:<account>:%s/<id>.",
		                     what, type, type);
	if (strncmp(part[5], type, tlen) == 0 && part[5][tlen] == ':')
		return ivs_xasprintf("%s separates the %s id with ':' (got '%s'), but a %s ARN ends "
		                     "in %s/<id>, with '/': write %s/%s.", what, tw,
		                     ivs_vshow(part[5], vb, sizeof vb), tw, type, type,
		                     ivs_vshow(part[5] + tlen + 1, sb, sizeof sb));
	if (strncmp(part[5], type, tlen) == 0 &&
	    (part[5][tlen] == '\0' || strcmp(part[5] + tlen, "/") == 0))
		return ivs_xasprintf("%s has no %s id after '%s': a %s ARN ends in %s/<id>; copy the "
		                     "whole ARN from the IVS console or `aws ivs list-%ss`.", what, tw,
		                     type, tw, type, type);
	const char *slash = strchr(part[5], '/');
	size_t rlen = slash ? (size_t)(slash - part[5]) : len[5];
	if (rlen != tlen || strncmp(part[5], type, tlen) != 0) {
		snprintf(sb, sizeof sb, "%.*s", (int)(rlen < 60 ? rlen : 60), part[5]);
		return ivs_xasprintf("%s must name a resource of type '%s', got '%s': use the ARN of a "
		                     "%s, not of another IVS resource.", what, type,
		                     ivs_vshow(sb, vb, sizeof vb), tw);
	}
	bool ok = len[1] >= 3 && strncmp(part[1], "aws", 3) == 0 && part_ok(part[1], len[1], "-") &&
	          part_ok(part[3], len[3], "-") && part_ok(part[4], len[4], "");
	for (size_t i = 0; ok && i < len[3]; i++)
		ok = !isupper((unsigned char)part[3][i]);
	for (size_t i = 0; ok && i < len[4]; i++)
		ok = isdigit((unsigned char)part[4][i]);
	ok = ok && slash && part_ok(slash + 1, strlen(slash + 1), "-");
	if (!ok)
		return ivs_xasprintf("%s must be arn:<partition>:ivs:<region>:<account>:%s/<id> with a "
		                     "lower-case region, a numeric account and a %s id of letters, "
		                     "digits and hyphens, got '%s'.", what, type, tw,
		                     ivs_vshow(arn, vb, sizeof vb));
	return NULL;
}

const char *ivs_arn_resource_id(const char *arn)
{
	const char *s = arn;
	for (int i = 0; i < 5 && s; i++) {
		s = strchr(s, ':');
		if (s)
			s++;
	}
	s = s ? strchr(s, '/') : NULL;
	return s && s[1] ? s + 1 : NULL;
}
