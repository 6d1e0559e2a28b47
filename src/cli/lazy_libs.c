/* Libraries loaded on first use: libcurl (only `rodtrad kolada fetch`,
 * ingest/kolada.c), libical (the planning calendar, report/process_ics.c),
 * libxml2 (XLSX import, ingest/xlsx_read.c) and libpq (only a postgres://
 * database, store/db_pg.c). Linked normally they and what hangs behind them
 * (OpenSSL, LDAP, Kerberos … for curl and libpq; ICU and libstdc++ for
 * libical and libxml2) were mapped and symbol-resolved at
 * every start of the binary: 66 shared libraries, most of the time before
 * `main`, and `rodtrad serve` missed its 50 ms start-up target (issue 4 §6,
 * bench/RESULTS.md). The functions below are the only ones the code calls;
 * defining them here satisfies the link, so with -Wl,--as-needed (set on the
 * rodtrad target in CMakeLists.txt) the executable no longer names those
 * libraries, and the first call dlopens the library and forwards. The
 * compiler checks every definition against the library's own header. A call
 * added elsewhere to a function not listed here still links and works: the
 * linker then takes it from the real library, which is loaded at start again
 * (only the start-up time suffers); ctest `startup_libs` fails then and
 * names the library, so add the function here. The tests link the real libraries and
 * never this file. */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#include <dlfcn.h>
#include <libical/ical.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#define RT_LAZY_PQ 1
#endif

struct lazy_lib {
	const char *soname;
	pthread_once_t once;
	void *handle;
};

static struct lazy_lib curl_lib = { "libcurl.so.4", PTHREAD_ONCE_INIT, NULL };
static struct lazy_lib ical_lib = { "libical.so.3", PTHREAD_ONCE_INIT, NULL };
static struct lazy_lib xml_lib = { "libxml2.so.2", PTHREAD_ONCE_INIT, NULL };

static void open_curl(void) { curl_lib.handle = dlopen(curl_lib.soname, RTLD_NOW | RTLD_LOCAL); }
static void open_ical(void) { ical_lib.handle = dlopen(ical_lib.soname, RTLD_NOW | RTLD_LOCAL); }
static void open_xml(void) { xml_lib.handle = dlopen(xml_lib.soname, RTLD_NOW | RTLD_LOCAL); }
#ifdef RT_LAZY_PQ
static struct lazy_lib pq_lib = { "libpq.so.5", PTHREAD_ONCE_INIT, NULL };
static void open_pq(void) { pq_lib.handle = dlopen(pq_lib.soname, RTLD_NOW | RTLD_LOCAL); }
/* libpq is called a dozen times per statement, and a dlsym each time was
 * ~6 % of the server's CPU on PostgreSQL: each call site keeps its address. */
#define PQ_FN(name) (__extension__({                                               \
	static void *_Atomic addr_;                                               \
	void *p_ = addr_;                                                         \
	if (!p_)                                                                  \
		addr_ = p_ = lazy_sym(&pq_lib, open_pq, #name, false);            \
	(__typeof__(&name))p_;                                                    \
}))
#endif

/* The address of `name` in `lib`, loading it the first time. A missing
 * library is a broken installation (the package depends on it): say so
 * and stop, except for curl, whose callers handle a failed init. */
static void *lazy_sym(struct lazy_lib *lib, void (*open_fn)(void), const char *name, bool may_fail)
{
	pthread_once(&lib->once, open_fn);
	void *p = lib->handle ? dlsym(lib->handle, name) : NULL;
	if (!p && !may_fail) {
		fprintf(stderr, "rodtrad: %s kunde inte laddas (%s): %s\n", lib->soname, name, dlerror());
		exit(70);
	}
	return p;
}

#define CURL_FN(name) ((__typeof__(&name))lazy_sym(&curl_lib, open_curl, #name, false))
#define ICAL_FN(name) ((__typeof__(&name))lazy_sym(&ical_lib, open_ical, #name, false))
#define XML_FN(name) ((__typeof__(&name))lazy_sym(&xml_lib, open_xml, #name, false))

/* ---- libcurl ---- */

/* Every option value and getinfo target is a long, a pointer, a function
 * pointer or a curl_off_t: one 64-bit argument word on LP64, forwarded as
 * a pointer. */
_Static_assert(sizeof(long) == sizeof(void *) && sizeof(curl_off_t) == sizeof(void *),
               "lazy_libs.c forwards curl's varargs as one pointer-sized word");

CURL *curl_easy_init(void)
{
	__typeof__(&curl_easy_init) fn = (__typeof__(&curl_easy_init))
		lazy_sym(&curl_lib, open_curl, "curl_easy_init", true);
	return fn ? fn() : NULL;
}

void curl_easy_cleanup(CURL *c)
{
	if (c)
		CURL_FN(curl_easy_cleanup)(c);
}

CURLcode curl_easy_perform(CURL *c)
{
	return CURL_FN(curl_easy_perform)(c);
}

CURLcode curl_easy_setopt(CURL *c, CURLoption opt, ...)
{
	va_list ap;
	va_start(ap, opt);
	void *v = va_arg(ap, void *);
	va_end(ap);
	return CURL_FN(curl_easy_setopt)(c, opt, v);
}

CURLcode curl_easy_getinfo(CURL *c, CURLINFO info, ...)
{
	va_list ap;
	va_start(ap, info);
	void *v = va_arg(ap, void *);
	va_end(ap);
	return CURL_FN(curl_easy_getinfo)(c, info, v);
}

const char *curl_easy_strerror(CURLcode code)
{
	__typeof__(&curl_easy_strerror) fn = (__typeof__(&curl_easy_strerror))
		lazy_sym(&curl_lib, open_curl, "curl_easy_strerror", true);
	return fn ? fn(code) : "libcurl saknas";
}

/* ---- libical ---- */

icalcomponent *icalcomponent_new(icalcomponent_kind kind)
{
	return ICAL_FN(icalcomponent_new)(kind);
}

void icalcomponent_add_component(icalcomponent *parent, icalcomponent *child)
{
	ICAL_FN(icalcomponent_add_component)(parent, child);
}

void icalcomponent_add_property(icalcomponent *component, icalproperty *property)
{
	ICAL_FN(icalcomponent_add_property)(component, property);
}

char *icalcomponent_as_ical_string_r(icalcomponent *component)
{
	return ICAL_FN(icalcomponent_as_ical_string_r)(component);
}

void icalcomponent_free(icalcomponent *component)
{
	ICAL_FN(icalcomponent_free)(component);
}

#define ICAL_NEW_STR(prop)                                     \
	icalproperty *icalproperty_new_##prop(const char *v)      \
	{                                                          \
		return ICAL_FN(icalproperty_new_##prop)(v);            \
	}
#define ICAL_NEW_TIME(prop)                                        \
	icalproperty *icalproperty_new_##prop(struct icaltimetype v)  \
	{                                                              \
		return ICAL_FN(icalproperty_new_##prop)(v);                \
	}
ICAL_NEW_STR(calscale)
ICAL_NEW_STR(categories)
ICAL_NEW_STR(description)
ICAL_NEW_STR(prodid)
ICAL_NEW_STR(summary)
ICAL_NEW_STR(uid)
ICAL_NEW_STR(version)
ICAL_NEW_STR(x)
ICAL_NEW_TIME(dtend)
ICAL_NEW_TIME(dtstamp)
ICAL_NEW_TIME(dtstart)

icalproperty *icalproperty_new_transp(enum icalproperty_transp v)
{
	return ICAL_FN(icalproperty_new_transp)(v);
}

void icalproperty_set_x_name(icalproperty *prop, const char *name)
{
	ICAL_FN(icalproperty_set_x_name)(prop, name);
}

void icaltime_adjust(struct icaltimetype *tt, const int days, const int hours, const int minutes,
                     const int seconds)
{
	ICAL_FN(icaltime_adjust)(tt, days, hours, minutes, seconds);
}

struct icaltimetype icaltime_from_timet_with_zone(const time_t tm, const int is_date,
                                                  const icaltimezone *zone)
{
	return ICAL_FN(icaltime_from_timet_with_zone)(tm, is_date, zone);
}

struct icaltimetype icaltime_null_date(void)
{
	return ICAL_FN(icaltime_null_date)();
}

icaltimezone *icaltimezone_get_utc_timezone(void)
{
	return ICAL_FN(icaltimezone_get_utc_timezone)();
}

/* ---- libxml2 ---- */

/* libxml2's xmlFree is a variable (a function pointer), which the
 * executable would otherwise copy from the library at start. Nothing here
 * calls xmlMemSetup, so libxml2 allocates with malloc: free is its xmlFree. */
xmlFreeFunc xmlFree = free;

xmlDocPtr xmlReadMemory(const char *buffer, int size, const char *URL, const char *encoding,
                        int options)
{
	return XML_FN(xmlReadMemory)(buffer, size, URL, encoding, options);
}

void xmlFreeDoc(xmlDocPtr cur)
{
	XML_FN(xmlFreeDoc)(cur);
}

xmlNodePtr xmlDocGetRootElement(const xmlDoc *doc)
{
	return XML_FN(xmlDocGetRootElement)(doc);
}

xmlChar *xmlGetProp(const xmlNode *node, const xmlChar *name)
{
	return XML_FN(xmlGetProp)(node, name);
}

xmlChar *xmlNodeGetContent(const xmlNode *cur)
{
	return XML_FN(xmlNodeGetContent)(cur);
}

/* ---- libpq ---- */

#ifdef RT_LAZY_PQ
PGconn *PQconnectdb(const char *conninfo)
{
	return PQ_FN(PQconnectdb)(conninfo);
}

PGconn *PQconnectdbParams(const char *const *keywords, const char *const *values,
                          int expand_dbname)
{
	return PQ_FN(PQconnectdbParams)(keywords, values, expand_dbname);
}

PQconninfoOption *PQconninfoParse(const char *conninfo, char **errmsg)
{
	return PQ_FN(PQconninfoParse)(conninfo, errmsg);
}

void PQconninfoFree(PQconninfoOption *connOptions)
{
	PQ_FN(PQconninfoFree)(connOptions);
}

void PQfinish(PGconn *conn)
{
	PQ_FN(PQfinish)(conn);
}

ConnStatusType PQstatus(const PGconn *conn)
{
	return PQ_FN(PQstatus)(conn);
}

PGTransactionStatusType PQtransactionStatus(const PGconn *conn)
{
	return PQ_FN(PQtransactionStatus)(conn);
}

char *PQerrorMessage(const PGconn *conn)
{
	return PQ_FN(PQerrorMessage)(conn);
}

int PQsetClientEncoding(PGconn *conn, const char *encoding)
{
	return PQ_FN(PQsetClientEncoding)(conn, encoding);
}

PQnoticeProcessor PQsetNoticeProcessor(PGconn *conn, PQnoticeProcessor proc, void *arg)
{
	return PQ_FN(PQsetNoticeProcessor)(conn, proc, arg);
}

PGresult *PQexec(PGconn *conn, const char *query)
{
	return PQ_FN(PQexec)(conn, query);
}

PGresult *PQprepare(PGconn *conn, const char *stmtName, const char *query, int nParams,
                    const Oid *paramTypes)
{
	return PQ_FN(PQprepare)(conn, stmtName, query, nParams, paramTypes);
}

PGresult *PQexecPrepared(PGconn *conn, const char *stmtName, int nParams,
                         const char *const *paramValues, const int *paramLengths,
                         const int *paramFormats, int resultFormat)
{
	return PQ_FN(PQexecPrepared)(conn, stmtName, nParams, paramValues, paramLengths,
	                             paramFormats, resultFormat);
}

void PQclear(PGresult *res)
{
	PQ_FN(PQclear)(res);
}

ExecStatusType PQresultStatus(const PGresult *res)
{
	return PQ_FN(PQresultStatus)(res);
}

char *PQresultErrorMessage(const PGresult *res)
{
	return PQ_FN(PQresultErrorMessage)(res);
}

char *PQresultErrorField(const PGresult *res, int fieldcode)
{
	return PQ_FN(PQresultErrorField)(res, fieldcode);
}

char *PQcmdTuples(PGresult *res)
{
	return PQ_FN(PQcmdTuples)(res);
}

int PQntuples(const PGresult *res)
{
	return PQ_FN(PQntuples)(res);
}

int PQnfields(const PGresult *res)
{
	return PQ_FN(PQnfields)(res);
}

char *PQgetvalue(const PGresult *res, int tup_num, int field_num)
{
	return PQ_FN(PQgetvalue)(res, tup_num, field_num);
}

int PQgetlength(const PGresult *res, int tup_num, int field_num)
{
	return PQ_FN(PQgetlength)(res, tup_num, field_num);
}

int PQgetisnull(const PGresult *res, int tup_num, int field_num)
{
	return PQ_FN(PQgetisnull)(res, tup_num, field_num);
}

/* pipeline mode (several statements per round trip) */
int PQenterPipelineMode(PGconn *conn)
{
	return PQ_FN(PQenterPipelineMode)(conn);
}

int PQexitPipelineMode(PGconn *conn)
{
	return PQ_FN(PQexitPipelineMode)(conn);
}

int PQpipelineSync(PGconn *conn)
{
	return PQ_FN(PQpipelineSync)(conn);
}

PGresult *PQgetResult(PGconn *conn)
{
	return PQ_FN(PQgetResult)(conn);
}

int PQsendPrepare(PGconn *conn, const char *stmtName, const char *query, int nParams,
                  const Oid *paramTypes)
{
	return PQ_FN(PQsendPrepare)(conn, stmtName, query, nParams, paramTypes);
}

int PQsendQueryParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                      const char *const *paramValues, const int *paramLengths,
                      const int *paramFormats, int resultFormat)
{
	return PQ_FN(PQsendQueryParams)(conn, command, nParams, paramTypes, paramValues,
	                                paramLengths, paramFormats, resultFormat);
}

int PQsendQueryPrepared(PGconn *conn, const char *stmtName, int nParams,
                        const char *const *paramValues, const int *paramLengths,
                        const int *paramFormats, int resultFormat)
{
	return PQ_FN(PQsendQueryPrepared)(conn, stmtName, nParams, paramValues, paramLengths,
	                                  paramFormats, resultFormat);
}
#endif
