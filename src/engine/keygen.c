/* keygen.c: P-384 key pairs: make one, write the private half with mode
 * 0600, read keys back. Declared in token.h.
 *
 * Ownership: private PEM strings are the caller's and must be released with
 * ivs_secret_free; memory BIOs holding private bytes are secure-memory BIOs
 * (cleansed when freed); file buffers are cleansed after parsing. Error
 * messages name files and reasons, never key bytes. */
#include "ivs/token.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include "ivs/fsutil.h"
#include "ivs/keys.h"
#include "ivs/util.h"

#define KEY_FILE_MAX (64u * 1024u)

static void set_err(char **err, char *msg)
{
	if (err)
		*err = msg;
	else
		free(msg);
}

void ivs_secret_free(char *s)
{
	if (!s)
		return;
	OPENSSL_cleanse(s, strlen(s));
	free(s);
}

bool ivs_pkey_is_p384(const EVP_PKEY *k)
{
	char group[80];
	size_t len = 0;
	return k && EVP_PKEY_is_a(k, "EC") &&
	       EVP_PKEY_get_group_name(k, group, sizeof group, &len) &&
	       strcmp(group, "secp384r1") == 0;
}

/* Copies a BIO's contents into a malloc'd string. */
static char *bio_take(BIO *b)
{
	char *p = NULL;
	long n = BIO_get_mem_data(b, &p);
	return n > 0 ? ivs_xstrndup(p, (size_t)n) : NULL;
}

int ivs_keygen(char **private_pem, char **public_pem, char **err)
{
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-384");
	BIO *priv = BIO_new(BIO_s_secmem()), *pub = BIO_new(BIO_s_mem());
	int rc = -1;

	*private_pem = *public_pem = NULL;
	if (!k || !priv || !pub) {
		set_err(err, ivs_xstrdup("cannot make a P-384 key pair: libcrypto failed"));
		goto out;
	}
	if (!PEM_write_bio_PrivateKey(priv, k, NULL, NULL, 0, NULL, NULL) ||
	    !PEM_write_bio_PUBKEY(pub, k)) {
		set_err(err, ivs_xstrdup("cannot encode the new key pair as PEM: libcrypto failed"));
		goto out;
	}
	*private_pem = bio_take(priv);
	*public_pem = bio_take(pub);
	if (!*private_pem || !*public_pem) {
		ivs_secret_free(*private_pem);
		free(*public_pem);
		*private_pem = *public_pem = NULL;
		set_err(err, ivs_xstrdup("cannot encode the new key pair as PEM: empty output"));
		goto out;
	}
	rc = 0;
out:
	ERR_clear_error();
	BIO_free(priv);
	BIO_free(pub);
	EVP_PKEY_free(k);
	return rc;
}

int ivs_private_key_target_ok(const char *path, bool force, char **err)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return 0;
	if (!S_ISREG(st.st_mode)) {
		set_err(err, ivs_xasprintf("%s is not a regular file: not replacing it with a "
		                           "private key", path));
		return -1;
	}
	if (!force) {
		set_err(err, ivs_xasprintf("%s exists: not replacing a key file (use --force to "
		                           "replace it)", path));
		return -1;
	}
	return 0;
}

/* Writes pem to a new 0600 file beside path, under a fresh name (*staged,
 * caller frees): a new inode, never readable by others, even briefly, and
 * all the I/O that can fail done before anything is published. Errors
 * name path, as the user knows it. */
static int stage_private_key(const char *path, const char *pem, char **staged, char **err)
{
	unsigned char r[6];

	*staged = NULL;
	for (int tries = 0; tries < 8; tries++) {
		char *werr = NULL;
		if (RAND_bytes(r, sizeof r) != 1) {
			set_err(err, ivs_xstrdup("cannot make a temporary name: the random generator "
			                         "failed"));
			return -1;
		}
		*staged = ivs_xasprintf("%s.new-%02x%02x%02x%02x%02x%02x", path, r[0], r[1], r[2],
		                        r[3], r[4], r[5]);
		if (ivs_write_new(*staged, pem, strlen(pem), 0600, 0, &werr) == 0)
			return 0;
		int e = errno;
		free(werr);
		free(*staged);
		*staged = NULL;
		if (e != EEXIST) {
			set_err(err, ivs_xasprintf("cannot write %s: %s", path, strerror(e)));
			return -1;
		}
	}
	set_err(err, ivs_xasprintf("cannot write %s: no free temporary name beside it", path));
	return -1;
}

static void sync_dir_of(const char *path)
{
	char *d = ivs_xstrdup(path), *slash = strrchr(d, '/');
	if (slash)
		slash[slash == d ? 1 : 0] = '\0';
	int fd = open(slash ? d : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);   /* best effort: some file systems refuse it */
		close(fd);
	}
	free(d);
}

/* Gives the staged file its name: rename over path with force (the old
 * file's inode is not touched: another hard link to it keeps its contents
 * and its mode), else link, which refuses an existing path. */
static int publish_private_key(const char *staged, const char *path, bool force, char **err)
{
	struct stat st;
	int rc;

	if (force) {
		rc = rename(staged, path);
	} else {
		rc = link(staged, path);
		if (rc != 0 && (errno == EPERM || errno == EOPNOTSUPP || errno == ENOSYS) &&
		    lstat(path, &st) != 0)
			rc = rename(staged, path);   /* no hard links on this file system */
	}
	if (rc != 0) {
		int e = errno;
		unlink(staged);
		if (e == EEXIST)
			set_err(err, ivs_xasprintf("%s exists: not replacing a key file (use --force to "
			                           "replace it)", path));
		else
			set_err(err, ivs_xasprintf("cannot write %s: %s", path, strerror(e)));
		return -1;
	}
	unlink(staged);   /* after link(); after rename() it is gone already */
	sync_dir_of(path);
	return 0;
}

int ivs_write_private_key_then(const char *path, const char *private_pem, bool force,
                               int (*before_publish)(void *ctx, char **err), void *ctx,
                               char **err)
{
	struct stat st;
	char *staged = NULL;
	sigset_t held;

	if (ivs_private_key_target_ok(path, force, err) != 0)
		return -1;
	/* An interrupt waits until the staged name is gone: never a private
	 * key left behind under NAME.new-XXXXXXXXXXXX. */
	ivs_signals_hold(&held);
	if (stage_private_key(path, private_pem, &staged, err) != 0) {
		ivs_signals_release(&held);
		return -1;
	}
	if (before_publish && before_publish(ctx, err) != 0) {
		unlink(staged);
		free(staged);
		ivs_signals_release(&held);
		return -1;
	}
	int rc = publish_private_key(staged, path, force, err);
	free(staged);
	ivs_signals_release(&held);
	if (rc != 0)
		return -1;
	if (stat(path, &st) != 0 || (st.st_mode & 07777) != 0600) {
		if (chmod(path, 0600) != 0 || stat(path, &st) != 0 || (st.st_mode & 07777) != 0600) {
			set_err(err, ivs_xasprintf("wrote %s but cannot make it readable by you only "
			                           "(mode 0600): remove it or fix its mode", path));
			return -1;
		}
	}
	return 0;
}

int ivs_write_private_key(const char *path, const char *private_pem, bool force, char **err)
{
	return ivs_write_private_key_then(path, private_pem, force, NULL, NULL, err);
}

int ivs_keygen_to_file(const char *private_path, bool force, char **public_pem, char **err)
{
	char *priv = NULL;
	int rc;

	*public_pem = NULL;
	if (ivs_keygen(&priv, public_pem, err) != 0)
		return -1;
	rc = ivs_write_private_key(private_path, priv, force, err);
	ivs_secret_free(priv);
	if (rc != 0) {
		free(*public_pem);
		*public_pem = NULL;
	}
	return rc;
}

/* Reads a secret file into one exactly-sized buffer (no intermediate copies
 * left behind, unlike a growing buffer). Caller cleanses and frees. */
static char *read_secret(const char *path, size_t *len, char **err)
{
	/* O_NONBLOCK: a FIFO or a device given as the key must not block the
	 * open; fstat below refuses anything but a regular file. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
	struct stat st;
	char *buf;

	if (!f) {
		set_err(err, ivs_xasprintf("cannot read %s: %s", path, strerror(errno)));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (unsigned long long)st.st_size > KEY_FILE_MAX) {
		set_err(err, ivs_xasprintf("cannot read %s: not a key file (a regular file of at "
		                           "most %u bytes)", path, KEY_FILE_MAX));
		fclose(f);
		return NULL;
	}
	setvbuf(f, NULL, _IONBF, 0);
	buf = ivs_xmalloc((size_t)st.st_size + 1);
	*len = fread(buf, 1, (size_t)st.st_size, f);
	buf[*len] = '\0';
	if (ferror(f)) {
		set_err(err, ivs_xasprintf("cannot read %s: %s", path, strerror(errno)));
		OPENSSL_cleanse(buf, *len);
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* A passphrase callback that gives none: encrypted keys fail to load. */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return 0;
}

EVP_PKEY *ivs_private_key_load(const char *path, char **err)
{
	size_t len = 0;
	char *text = read_secret(path, &len, err);
	EVP_PKEY *k = NULL;
	BIO *b;

	if (!text)
		return NULL;
	b = BIO_new_mem_buf(text, (int)len);
	if (b)
		k = PEM_read_bio_PrivateKey(b, NULL, no_passphrase, NULL);
	BIO_free(b);
	ERR_clear_error();
	if (!k) {
		if (strstr(text, "-----BEGIN ENCRYPTED PRIVATE KEY-----") ||
		    strstr(text, "Proc-Type: 4,ENCRYPTED"))
			set_err(err, ivs_xasprintf("%s is an encrypted private key: decrypt it first "
			                           "(openssl pkey -in %s -out plain.pem)", path, path));
		else if (strstr(text, "-----BEGIN PUBLIC KEY-----"))
			set_err(err, ivs_xasprintf("%s holds a public key: signing needs the private "
			                           "key file that `ivs-tui keygen -o` wrote", path));
		else
			set_err(err, ivs_xasprintf("%s is not a PEM private key: give the file that "
			                           "`ivs-tui keygen -o` wrote", path));
	} else if (!ivs_pkey_is_p384(k)) {
		set_err(err, ivs_xasprintf("%s is not an ECDSA P-384 private key: IVS tokens are "
		                           "ES384; make a key with `ivs-tui keygen -o FILE`", path));
		EVP_PKEY_free(k);
		k = NULL;
	}
	OPENSSL_cleanse(text, len);
	free(text);
	return k;
}

EVP_PKEY *ivs_public_key_from_pem(const char *pem, char **err)
{
	char *msg = NULL;
	enum ivs_rule r = ivs_key_check_public(pem, &msg);
	EVP_PKEY *k = NULL;
	BIO *b;

	if (r != IVS_RULE_COUNT && r != IVS_RULE_KEY_ENCODING) {
		set_err(err, msg);
		return NULL;
	}
	free(msg);   /* an unusual encoding still verifies */
	b = BIO_new_mem_buf(pem, -1);
	if (b)
		k = PEM_read_bio_PUBKEY(b, NULL, NULL, NULL);
	BIO_free(b);
	ERR_clear_error();
	if (!k)
		set_err(err, ivs_xstrdup("cannot read the public key: libcrypto failed"));
	return k;
}

EVP_PKEY *ivs_public_key_load(const char *path, char **err)
{
	char *rerr = NULL, *msg = NULL;
	char *text = ivs_read_file(path, KEY_FILE_MAX, NULL, &rerr);
	EVP_PKEY *k;

	if (!text) {
		set_err(err, rerr);
		return NULL;
	}
	if (ivs_key_check_public(text, NULL) == IVS_RULE_KEY_PRIVATE) {
		OPENSSL_cleanse(text, strlen(text));
		free(text);
		set_err(err, ivs_xasprintf("%s holds a private key: give the public key (the one "
		                           "`ivs-tui keygen` printed, or `openssl ec -in %s -pubout`)",
		                           path, path));
		return NULL;
	}
	k = ivs_public_key_from_pem(text, &msg);
	free(text);
	if (!k)
		set_err(err, ivs_xasprintf("%s: %s", path, msg));
	free(msg);
	return k;
}
