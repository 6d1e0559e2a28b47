/* The certificate and key for `rodtrad serve --tls-cert/--tls-key`. The
 * server hands libmicrohttpd the PEM text (MHD_OPTION_HTTPS_MEM_CERT/KEY),
 * which starts GnuTLS with it; when anything is wrong there, MHD_start_daemon
 * only returns NULL. So the files are checked here first with GnuTLS itself,
 * and each failure gets its own Swedish message naming the file. */
#include <errno.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/http_int.h"

#define MAX_PEM (1024 * 1024)

/* The whole file as a NUL-terminated string; `what` is "Certifikatfilen"
 * or "Nyckelfilen". */
static int read_pem(const char *what, const char *path, char **out, rt_err *err)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT)
			return rt_err_set(err, RT_EINVAL, "tls", "%s %s finns inte", what, path);
		if (errno == EACCES)
			return rt_err_set(err, RT_EINVAL, "tls", "%s %s kan inte läsas: behörighet saknas",
			                  what, path);
		return rt_err_set(err, RT_EIO, "tls", "%s %s kan inte läsas: %s", what, path,
		                  strerror(errno));
	}
	rt_buf b = RT_BUF_INIT;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && b.len <= MAX_PEM)
		rt_buf_add(&b, chunk, n);
	bool failed = ferror(f) != 0;
	fclose(f);
	if (failed || b.len > MAX_PEM || b.len == 0) {
		rt_buf_release(&b);
		return rt_err_set(err, RT_EINVAL, "tls", "%s %s %s", what, path,
		                  failed ? "kan inte läsas (är det en katalog?)"
		                  : b.len ? "är för stor för en PEM-fil" : "är tom");
	}
	*out = rt_buf_detach(&b, NULL);
	return 0;
}

static int check_cert(const char *path, const gnutls_datum_t *pem, rt_err *err)
{
	gnutls_x509_crt_t *crts = NULL;
	unsigned n = 0;
	int g = gnutls_x509_crt_list_import2(&crts, &n, pem, GNUTLS_X509_FMT_PEM, 0);
	if (g < 0 || n == 0)
		return rt_err_set(err, RT_EINVAL, "tls-cert", "Certifikatfilen %s innehåller inget "
		                  "giltigt certifikat i PEM-format (-----BEGIN CERTIFICATE-----)", path);
	time_t until = gnutls_x509_crt_get_expiration_time(crts[0]);
	for (unsigned i = 0; i < n; i++)
		gnutls_x509_crt_deinit(crts[i]);
	gnutls_free(crts);
	if (until != (time_t)-1 && until < time(NULL)) {
		struct tm tm;
		char day[16];
		gmtime_r(&until, &tm);
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
		return rt_err_set(err, RT_EINVAL, "tls-cert", "Certifikatet i %s gick ut %s; förnya "
		                  "det", path, day);
	}
	return 0;
}

static int check_key(const char *path, const gnutls_datum_t *pem, rt_err *err)
{
	if (strstr((const char *)pem->data, "ENCRYPTED"))
		return rt_err_set(err, RT_EINVAL, "tls-key", "Nyckelfilen %s är lösenordsskyddad; "
		                  "servern behöver nyckeln utan lösenord", path);
	gnutls_x509_privkey_t key;
	if (gnutls_x509_privkey_init(&key) < 0)
		return rt_err_set(err, RT_EINTERNAL, "tls-key", "GnuTLS kunde inte startas");
	int g = gnutls_x509_privkey_import2(key, pem, GNUTLS_X509_FMT_PEM, NULL, 0);
	gnutls_x509_privkey_deinit(key);
	if (g < 0)
		return rt_err_set(err, RT_EINVAL, "tls-key", "Nyckelfilen %s innehåller ingen giltig "
		                  "privat nyckel i PEM-format (-----BEGIN PRIVATE KEY-----)", path);
	return 0;
}

int rt_http_tls_load(const char *cert_path, const char *key_path, char **cert, char **key,
                     rt_err *err)
{
	*cert = *key = NULL;
	int rc = read_pem("Certifikatfilen", cert_path, cert, err);
	if (!rc)
		rc = read_pem("Nyckelfilen", key_path, key, err);
	gnutls_datum_t c = { (unsigned char *)*cert, *cert ? (unsigned)strlen(*cert) : 0 };
	gnutls_datum_t k = { (unsigned char *)*key, *key ? (unsigned)strlen(*key) : 0 };
	if (!rc)
		rc = check_cert(cert_path, &c, err);
	if (!rc)
		rc = check_key(key_path, &k, err);
	if (!rc) {
		gnutls_certificate_credentials_t cred;
		if (gnutls_certificate_allocate_credentials(&cred) < 0) {
			rc = rt_err_set(err, RT_EINTERNAL, "tls", "GnuTLS kunde inte startas");
		} else {
			int g = gnutls_certificate_set_x509_key_mem(cred, &c, &k, GNUTLS_X509_FMT_PEM);
			gnutls_certificate_free_credentials(cred);
			if (g == GNUTLS_E_CERTIFICATE_KEY_MISMATCH)
				rc = rt_err_set(err, RT_EINVAL, "tls-key", "Nyckeln i %s hör inte till "
				                "certifikatet i %s", key_path, cert_path);
			else if (g < 0)
				rc = rt_err_set(err, RT_EINVAL, "tls", "Certifikatet %s och nyckeln %s kan "
				                "inte användas tillsammans (GnuTLS: %s)", cert_path, key_path,
				                gnutls_strerror(g));
		}
	}
	if (rc) {
		free(*cert);
		free(*key);
		*cert = *key = NULL;
	}
	return rc;
}
