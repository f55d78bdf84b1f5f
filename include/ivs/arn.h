/* arn.h: the one check of IVS ARNs, shared by the validator
 * (from_channel_arn) and `ivs-tui token` (--channel-arn, --stage-arn,
 * --public-key-arn, and the ARNs read back by --verify).
 *
 * An IVS ARN is arn:<partition>:ivs:<region>:<account>:<type>/<id> as the
 * CloudFormation schemas write it (^arn:aws[-a-z]*:ivs:[a-z0-9-]+:[0-9]+:
 * <type>/[a-zA-Z0-9-]+$, at most 128 characters). Engine code: no curses. */
#ifndef IVS_ARN_H
#define IVS_ARN_H

#include <stdbool.h>
#include <stddef.h>

#define IVS_ARN_MAX 128

/* Checks that arn is the ARN of an IVS resource of type `type` ("channel",
 * "stage", "public-key"). Returns NULL when it is; otherwise a sentence
 * (caller frees) that starts with `what` (the field or option name),
 * says what is wrong first (as the CDK's Arn.split would) and ends with a
 * full stop. The value is shown at most 60 characters long. */
char *ivs_arn_check(const char *arn, const char *type, const char *what);
/* The <id> of an ARN that passes ivs_arn_check (a pointer into arn: the
 * text after the first '/' of the resource part), or NULL. */
const char *ivs_arn_resource_id(const char *arn);

#endif
