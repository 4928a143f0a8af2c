/* COpenSSL: the C header of this system library, imported by exactly one Swift file. */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/md5.h>
#include <openssl/sha.h>
#include <openssl/evp.h>
