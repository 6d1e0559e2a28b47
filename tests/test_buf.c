/* rt_buf: the invariants from buf.h (buf never NULL, NUL-terminated,
 * detach/release reset), growth, printf, trimming and the escapers. */
#include "test_util.h"
#include "util/buf.h"

#include <stdlib.h>
#include <string.h>

static void test_init_invariants(void **state)
{
	(void)state;
	rt_buf b = RT_BUF_INIT;
	assert_non_null(b.buf);
	assert_string_equal(b.buf, "");
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, 0);
	rt_buf_trim(&b);           /* no-ops on the shared empty string */
	rt_buf_setlen(&b, 0);
	rt_buf_reset(&b);
	assert_string_equal(b.buf, "");
	size_t len = 99;
	char *s = rt_buf_detach(&b, &len);   /* empty detach still gives heap memory */
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
	rt_buf_release(&b);
	assert_string_equal(b.buf, "");
	rt_buf_init(&b, 100);
	assert_true(b.alloc >= 101);
	assert_string_equal(b.buf, "");
	rt_buf_release(&b);
	assert_int_equal(b.alloc, 0);
	assert_int_equal(b.buf, rt_buf_empty);
}

static void test_append_and_grow(void **state)
{
	(void)state;
	rt_buf b = RT_BUF_INIT;
	rt_buf_addstr(&b, "Mål");
	rt_buf_addch(&b, ' ');
	rt_buf_add(&b, "12345", 2);
	rt_buf_addstr(&b, NULL);
	rt_buf_add(&b, NULL, 0);
	assert_string_equal(b.buf, "Mål 12");
	assert_int_equal(b.len, strlen("Mål 12"));
	for (int i = 0; i < 1000; i++) rt_buf_addch(&b, 'x');
	assert_int_equal(b.len, strlen("Mål 12") + 1000);
	assert_true(b.len < b.alloc);
	assert_int_equal(b.buf[b.len], '\0');
	rt_buf_setlen(&b, 3);
	assert_string_equal(b.buf, "Må");
	rt_buf_setlen(&b, 100);    /* cannot grow */
	assert_int_equal(b.len, 3);
	rt_buf_reset(&b);
	assert_string_equal(b.buf, "");
	assert_true(b.alloc > 0);
	rt_buf_addf(&b, "%s %d %.1f", "år", 2024, 4.75);
	assert_string_equal(b.buf, "år 2024 4.8");
	rt_buf_addf(&b, "%s", "");
	assert_string_equal(b.buf, "år 2024 4.8");
	size_t len;
	char *s = rt_buf_detach(&b, &len);
	assert_string_equal(s, "år 2024 4.8");
	assert_int_equal(len, strlen(s));
	assert_int_equal(b.len, 0);
	assert_string_equal(b.buf, "");
	free(s);
}

static void test_addf_long(void **state)
{
	(void)state;
	rt_buf b = RT_BUF_INIT;
	char big[3000];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	rt_buf_addf(&b, "<%s>", big);
	assert_int_equal(b.len, sizeof(big) + 1);
	assert_int_equal(b.buf[0], '<');
	assert_int_equal(b.buf[b.len - 1], '>');
	rt_buf_release(&b);
}

static void test_trim(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } rows[] = {
		{ "  hej  ", "hej" }, { "\t\r\nhej då\n", "hej då" }, { "   ", "" },
		{ "x", "x" }, { "", "" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		rt_buf b = RT_BUF_INIT;
		rt_buf_addstr(&b, rows[i].in);
		rt_buf_trim(&b);
		assert_string_equal(b.buf, rows[i].out);
		assert_int_equal(b.len, strlen(rows[i].out));
		rt_buf_release(&b);
	}
}

static void test_html(void **state)
{
	(void)state;
	rt_buf b = RT_BUF_INIT;
	rt_buf_add_html(&b, "<a href=\"x\">R&D 'ö'</a>");
	assert_string_equal(b.buf, "&lt;a href=&quot;x&quot;&gt;R&amp;D &#39;ö&#39;&lt;/a&gt;");
	rt_buf_reset(&b);
	rt_buf_add_html(&b, NULL);
	rt_buf_add_html(&b, "≤ 4,7 %");
	assert_string_equal(b.buf, "≤ 4,7 %");
	rt_buf_release(&b);
}

/* The escaper copies plain runs at once: it must give the bytes of the
 * one-character-at-a-time definition for specials at the start, the end,
 * next to each other and between UTF-8, on every length. */
static void html_reference(rt_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': rt_buf_addstr(b, "&amp;"); break;
		case '<': rt_buf_addstr(b, "&lt;"); break;
		case '>': rt_buf_addstr(b, "&gt;"); break;
		case '"': rt_buf_addstr(b, "&quot;"); break;
		case '\'': rt_buf_addstr(b, "&#39;"); break;
		default: rt_buf_addch(b, *s);
		}
	}
}

static void test_html_runs(void **state)
{
	(void)state;
	static const char *const alphabet[] = { "&", "<", ">", "\"", "'", "a", "Z", " ", "ö", "≤" };
	unsigned seed = 12345;
	rt_buf in = RT_BUF_INIT, got = RT_BUF_INIT, want = RT_BUF_INIT;
	for (int round = 0; round < 2000; round++) {
		rt_buf_reset(&in);
		size_t n = (size_t)round % 40;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			rt_buf_addstr(&in, alphabet[(seed >> 16) % 10]);
		}
		rt_buf_reset(&got);
		rt_buf_reset(&want);
		rt_buf_addstr(&got, "x");                  /* appends, keeps what was there */
		rt_buf_addstr(&want, "x");
		rt_buf_add_html(&got, in.buf);
		html_reference(&want, in.buf);
		assert_string_equal(got.buf, want.buf);
		assert_int_equal(got.len, want.len);
	}
	rt_buf_release(&in);
	rt_buf_release(&got);
	rt_buf_release(&want);
}

static void test_json(void **state)
{
	(void)state;
	rt_buf b = RT_BUF_INIT;
	rt_buf_add_json(&b, "a\"b\\c\nd\re\tf\x01g\x1fh");
	assert_string_equal(b.buf, "a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh");
	rt_buf_reset(&b);
	rt_buf_add_json(&b, "Målvärde ≥ 4,5 / år");   /* UTF-8 and '/' pass through */
	assert_string_equal(b.buf, "Målvärde ≥ 4,5 / år");
	rt_buf_reset(&b);
	rt_buf_add_json(&b, NULL);
	assert_string_equal(b.buf, "");
	rt_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_invariants),
		cmocka_unit_test(test_append_and_grow),
		cmocka_unit_test(test_addf_long),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_html_runs),
		cmocka_unit_test(test_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
