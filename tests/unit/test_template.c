/* test_template.c: the CloudFormation template reader (template.c): JSON
 * and YAML into one tree, every short-form intrinsic into its long form,
 * positions of values, and each refusal with its exact position, path and
 * sentence. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "ivs/template.h"

static struct ivs_template *parse(const char *text, struct ivs_diags *d)
{
	ivs_diags_init(d);
	return ivs_template_parse("t", text, strlen(text), d);
}

/* The tree printed compactly, for exact comparisons. */
static void assert_tree(const struct ivs_template *t, const char *json)
{
	char *s = cJSON_PrintUnformatted(t->root);
	assert_string_equal(s, json);
	free(s);
}

/* Parses text, which must fail with exactly one diagnostic. */
static void refused(const char *text, enum ivs_rule rule, unsigned line, unsigned col,
                    const char *path, const char *msg)
{
	struct ivs_diags d;
	struct ivs_template *t = parse(text, &d);
	if (t || d.n != 1)
		ivs_diags_print(stderr, "t", &d);
	assert_null(t);
	assert_int_equal(d.n, 1);
	assert_string_equal(ivs_rule_id(d.v[0].rule), ivs_rule_id(rule));
	assert_int_equal(d.v[0].pos.line, line);
	assert_int_equal(d.v[0].pos.col, col);
	assert_string_equal(d.v[0].path, path);
	assert_string_equal(d.v[0].msg, msg);
	ivs_diags_free(&d);
}

static void test_json(void **state)
{
	(void)state;
	struct ivs_diags d;
	struct ivs_template *t = parse("{\n \"Resources\": {\n  \"Main\": {\"Type\": \"AWS::IVS::Channel\","
	                               " \"Properties\": {\"N\": 5, \"B\": true, \"S\": \"5\"}}\n }\n}\n", &d);
	assert_non_null(t);
	assert_int_equal(d.n, 0);
	assert_true(t->json);
	assert_tree(t, "{\"Resources\":{\"Main\":{\"Type\":\"AWS::IVS::Channel\",\"Properties\":"
	               "{\"N\":5,\"B\":true,\"S\":\"5\"}}}}");
	const cJSON *main = cJSON_GetObjectItem(cJSON_GetObjectItem(t->root, "Resources"), "Main");
	struct ivs_pos p = ivs_template_pos(t, main), k = ivs_template_key_pos(t, main);
	assert_int_equal(p.line, 3);
	assert_int_equal(p.col, 11);
	assert_int_equal(k.line, 3);
	assert_int_equal(k.col, 3);
	const cJSON *n = cJSON_GetObjectItem(cJSON_GetObjectItem(main, "Properties"), "S");
	p = ivs_template_pos(t, n);
	assert_int_equal(p.line, 3);
	assert_int_equal(p.col, 80);
	assert_true(ivs_template_check(t, &d));
	ivs_template_free(t);
	ivs_diags_free(&d);
}

static void test_yaml_short_forms(void **state)
{
	(void)state;
	struct ivs_diags d;
	struct ivs_template *t = parse(
		"Resources:\n"
		"  K:\n"
		"    Type: AWS::IVS::StreamKey\n"
		"    Properties:\n"
		"      A: !Ref Main\n"
		"      B: !GetAtt Main.Arn\n"
		"      C: !GetAtt [Main, PlaybackUrl]\n"
		"      D: !GetAtt Bucket.DomainName.Extra\n"
		"      E: !Sub \"${AWS::StackName}-x\"\n"
		"      F: !Join [\"-\", [a, !Ref AWS::Region]]\n"
		"      G: !Select [0, !GetAZs \"\"]\n"
		"      H: !If [C, !Base64 x, !ImportValue y]\n"
		"      I: !Equals [a, b]\n"
		"      J: !Not [!Condition C]\n"
		"      K: !And [!Or [a, b], c]\n"
		"      L: !FindInMap [M, k, v]\n"
		"      M: !Cidr [10.0.0.0/16, 2, 8]\n"
		"      N: !Split [\",\", \"a,b\"]\n"
		"      O: !Sub\n"
		"        - \"${X}\"\n"
		"        - X: !Ref Y\n", &d);
	if (!t)
		ivs_diags_print(stderr, "t", &d);
	assert_non_null(t);
	assert_false(t->json);
	assert_tree(t,
		"{\"Resources\":{\"K\":{\"Type\":\"AWS::IVS::StreamKey\",\"Properties\":{"
		"\"A\":{\"Ref\":\"Main\"},"
		"\"B\":{\"Fn::GetAtt\":[\"Main\",\"Arn\"]},"
		"\"C\":{\"Fn::GetAtt\":[\"Main\",\"PlaybackUrl\"]},"
		"\"D\":{\"Fn::GetAtt\":[\"Bucket\",\"DomainName.Extra\"]},"
		"\"E\":{\"Fn::Sub\":\"${AWS::StackName}-x\"},"
		"\"F\":{\"Fn::Join\":[\"-\",[\"a\",{\"Ref\":\"AWS::Region\"}]]},"
		"\"G\":{\"Fn::Select\":[0,{\"Fn::GetAZs\":\"\"}]},"
		"\"H\":{\"Fn::If\":[\"C\",{\"Fn::Base64\":\"x\"},{\"Fn::ImportValue\":\"y\"}]},"
		"\"I\":{\"Fn::Equals\":[\"a\",\"b\"]},"
		"\"J\":{\"Fn::Not\":[{\"Condition\":\"C\"}]},"
		"\"K\":{\"Fn::And\":[{\"Fn::Or\":[\"a\",\"b\"]},\"c\"]},"
		"\"L\":{\"Fn::FindInMap\":[\"M\",\"k\",\"v\"]},"
		"\"M\":{\"Fn::Cidr\":[\"10.0.0.0/16\",2,8]},"
		"\"N\":{\"Fn::Split\":[\",\",\"a,b\"]},"
		"\"O\":{\"Fn::Sub\":[\"${X}\",{\"X\":{\"Ref\":\"Y\"}}]}}}}}");
	const cJSON *b = cJSON_GetObjectItem(
		cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(t->root, "Resources"), "K"),
		                    "Properties"), "B");
	struct ivs_pos p = ivs_template_pos(t, b), k = ivs_template_key_pos(t, b);
	assert_int_equal(p.line, 6);
	assert_int_equal(p.col, 10);
	assert_int_equal(k.line, 6);
	assert_int_equal(k.col, 7);
	assert_true(ivs_template_check(t, &d));
	ivs_template_free(t);
	ivs_diags_free(&d);
}

/* Plain scalars by the core schema; quoted ones stay text. */
static void test_yaml_scalars(void **state)
{
	(void)state;
	struct ivs_diags d;
	struct ivs_template *t = parse("a: 5\nb: \"5\"\nc: -1.5e3\nd: true\ne: 'true'\nf: ~\ng:\n"
	                               "h: 1234567890123456789\ni: 0x1F\nj: yes\nk: !!str 7\nl: .5\n"
	                               "m: 2010-09-09\n", &d);
	assert_non_null(t);
	assert_tree(t, "{\"a\":5,\"b\":\"5\",\"c\":-1500,\"d\":true,\"e\":\"true\",\"f\":null,"
	               "\"g\":null,\"h\":\"1234567890123456789\",\"i\":\"0x1F\",\"j\":\"yes\","
	               "\"k\":\"7\",\"l\":0.5,\"m\":\"2010-09-09\"}");
	ivs_template_free(t);
	ivs_diags_free(&d);
}

/* A YAML flow mapping that is not JSON is read as YAML. */
static void test_yaml_flow_not_json(void **state)
{
	(void)state;
	struct ivs_diags d;
	struct ivs_template *t = parse("{Resources: {A: {Type: X::Y::Z}}}\n", &d);
	assert_non_null(t);
	assert_false(t->json);
	assert_tree(t, "{\"Resources\":{\"A\":{\"Type\":\"X::Y::Z\"}}}");
	ivs_template_free(t);
	ivs_diags_free(&d);
}

static void test_refusals(void **state)
{
	(void)state;
	refused("Resources:\n  A:\n    Type: X::Y::Z\n  A:\n    Type: B\n", IVS_RULE_YAML_DUPLICATE_KEY,
	        4, 3, "Resources",
	        "the key `A` is given twice in this mapping (first on line 2); remove one: "
	        "CloudFormation would keep only one of them.");
	refused("{\"Resources\": {\"A\": {\"Type\": \"X::Y::Z\"},\n \"A\": 1}}",
	        IVS_RULE_YAML_DUPLICATE_KEY, 2, 2, "Resources",
	        "the key `A` is given twice in this mapping (first on line 1); remove one: "
	        "CloudFormation would keep only one of them.");
	refused("Resources:\n  A: !Foo x\n", IVS_RULE_YAML_TAG, 2, 6, "Resources.A",
	        "the tag !Foo is not a CloudFormation intrinsic; use one of !Ref, !GetAtt, !Sub, "
	        "!Join, !Select, !Split, !If, !Equals, !Not, !And, !Or, !FindInMap, !Base64, "
	        "!Cidr, !GetAZs, !ImportValue, !Condition, or the long form (Fn::...).");
	refused("x: !GetAtt Main\n", IVS_RULE_YAML_TAG, 1, 4, "x",
	        "!GetAtt needs LogicalId.Attribute (as `!GetAtt Main.Arn`) or a list "
	        "`[LogicalId, Attribute]`; write it in one of these forms.");
	refused("a: 1\n---\nb: 2\n", IVS_RULE_YAML_MULTI_DOC, 2, 1, "",
	        "the file holds more than one YAML document (a second `---`); a template is one "
	        "document: remove the others.");
	refused("# nothing\n", IVS_RULE_YAML_EMPTY, 1, 1, "",
	        "the file is empty; a template is a mapping with `Resources:`.");
	refused("a:\n  b: *x\n", IVS_RULE_YAML_ALIAS, 2, 6, "a.b",
	        "aliases (*x) are not allowed in a template: CloudFormation does not read them; "
	        "write the value out.");
	refused("? [a]\n: 1\n", IVS_RULE_YAML_WRONG_TYPE, 1, 3, "",
	        "a key must be text, not a list; write the key as text.");
	refused("{\"a\": 1} x", IVS_RULE_YAML_SYNTAX, 1, 10, "",
	        "not valid JSON: text follows the end of the template; remove it.");
	refused("{\"a\": [1, 2}", IVS_RULE_YAML_SYNTAX, 1, 12, "",
	        "not valid JSON here; check for a missing or extra comma, quote, `:`, `]` or `}` "
	        "(JSON allows no comments and no trailing commas).");
	refused("{\"a\": \"x", IVS_RULE_YAML_SYNTAX, 1, 9, "",
	        "not valid JSON: the file ends inside a value; close the string, `]` or `}` that "
	        "is still open.");
	refused("{\"a\": \"x\xff\"}", IVS_RULE_YAML_SYNTAX, 1, 9, "",
	        "the file is not valid UTF-8 here; save it as UTF-8.");
	refused("a: \"x\x01\"\n", IVS_RULE_YAML_SYNTAX, 1, 6, "",
	        "the file holds a control character (0x01) that YAML does not allow; remove it.");
}

static void test_anchor_and_alias(void **state)
{
	(void)state;
	struct ivs_diags d;
	struct ivs_template *t = parse("A: &a {x: 1}\nB: *a\n", &d);
	assert_null(t);
	assert_int_equal(d.n, 2);
	assert_string_equal(ivs_rule_id(d.v[0].rule), "yaml-alias");
	assert_int_equal(d.v[0].pos.line, 1);
	assert_int_equal(d.v[0].pos.col, 4);
	assert_string_equal(d.v[1].msg, "aliases (*a) are not allowed in a template: CloudFormation "
	                                "does not read them; write the value out.");
	assert_int_equal(d.v[1].pos.line, 2);
	ivs_diags_free(&d);
}

/* Nesting: 64 levels read, 65 refused, in both syntaxes. */
static void test_depth(void **state)
{
	(void)state;
	struct ivs_buf b;
	struct ivs_diags d;
	struct ivs_template *t;

	for (int json = 0; json < 2; json++) {
		for (unsigned levels = IVS_TEMPLATE_MAX_DEPTH; levels <= IVS_TEMPLATE_MAX_DEPTH + 1; levels++) {
			ivs_buf_init(&b);
			for (unsigned i = 0; i < levels; i++)
				ivs_buf_puts(&b, json ? "[" : "- ");
			if (json)
				for (unsigned i = 0; i < levels; i++)
					ivs_buf_puts(&b, "]");
			else
				ivs_buf_puts(&b, "x\n");
			t = parse(b.data, &d);
			if (levels <= IVS_TEMPLATE_MAX_DEPTH) {
				assert_non_null(t);
			} else {
				assert_null(t);
				assert_int_equal(d.n, 1);
				assert_string_equal(ivs_rule_id(d.v[0].rule), "yaml-too-deep");
				assert_int_equal(d.v[0].pos.line, 1);
				assert_int_equal(d.v[0].pos.col, json ? 65 : 129);
			}
			ivs_template_free(t);
			ivs_diags_free(&d);
			ivs_buf_free(&b);
		}
	}
}

/* A scalar past the bound is refused, not read. */
static void test_scalar_bound(void **state)
{
	(void)state;
	size_t n = IVS_TEMPLATE_MAX_SCALAR + 1;
	char *text = malloc(n + 8);
	memcpy(text, "a: ", 3);
	memset(text + 3, 'x', n);
	strcpy(text + 3 + n, "\n");
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_template *t = ivs_template_parse("t", text, strlen(text), &d);
	assert_null(t);
	assert_int_equal(d.n, 1);
	assert_string_equal(ivs_rule_id(d.v[0].rule), "yaml-too-large");
	assert_string_equal(d.v[0].path, "a");
	ivs_diags_free(&d);
	free(text);
}

/* Duplicate keys are found in linear time: 100000 distinct keys read fast,
 * one repeat at the end is found. */
static void test_many_keys(void **state)
{
	(void)state;
	struct ivs_buf b;
	struct ivs_diags d;
	ivs_buf_init(&b);
	ivs_buf_puts(&b, "{");
	for (int i = 0; i < 100000; i++)
		ivs_buf_printf(&b, "\"k%d\": %d, ", i, i);
	ivs_buf_puts(&b, "\"k17\": 0}");
	struct ivs_template *t = parse(b.data, &d);
	assert_null(t);
	assert_int_equal(d.n, 1);
	assert_string_equal(ivs_rule_id(d.v[0].rule), "yaml-duplicate-key");
	ivs_diags_free(&d);
	ivs_buf_free(&b);
}

static void check_one(const char *text, const char *path, unsigned line, const char *msg)
{
	struct ivs_diags d;
	struct ivs_template *t = parse(text, &d);
	assert_non_null(t);
	assert_false(ivs_template_check(t, &d));
	if (d.n != 1)
		ivs_diags_print(stderr, "t", &d);
	assert_int_equal(d.n, 1);
	assert_string_equal(ivs_rule_id(d.v[0].rule), "template-invalid");
	assert_string_equal(d.v[0].path, path);
	assert_int_equal(d.v[0].pos.line, line);
	assert_string_equal(d.v[0].msg, msg);
	ivs_template_free(t);
	ivs_diags_free(&d);
}

static void test_check(void **state)
{
	(void)state;
	check_one("- a\n", "", 1, "a template is a mapping with `Resources:`, but this file holds a "
	                         "list; check that it is a CloudFormation template.");
	check_one("ivs_tui: 1\n", "", 1,
	          "this is not a CloudFormation template: it has no `Resources:` mapping.");
	check_one("Resources:\n  A:\n    Properties: {}\n", "Resources.A", 2,
	          "the resource A has no `Type`; add one, as `Type: AWS::IVS::Channel`.");
	check_one("Resources:\n  A:\n    Type: Channel\n", "Resources.A.Type", 3,
	          "the resource type must be text of the form Service::Group::Name (as "
	          "AWS::IVS::Channel), not Channel.");
	check_one("Resources:\n  A:\n    Type: A::B::C\n    Properties: [1]\n",
	          "Resources.A.Properties", 4, "`Properties` is a list; it must be a mapping.");
	check_one("Resources: {}\nOutputs:\n  O: 1\n", "Outputs.O", 3,
	          "the output O is a number; it must be a mapping with `Value:`.");
}

static void test_load_missing(void **state)
{
	(void)state;
	struct ivs_diags d;
	ivs_diags_init(&d);
	assert_null(ivs_template_load("/nonexistent/t.json", &d));
	assert_int_equal(d.n, 1);
	assert_string_equal(ivs_rule_id(d.v[0].rule), "io-error");
	ivs_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_yaml_short_forms),
		cmocka_unit_test(test_yaml_scalars),
		cmocka_unit_test(test_yaml_flow_not_json),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_anchor_and_alias),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_scalar_bound),
		cmocka_unit_test(test_many_keys),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_load_missing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
