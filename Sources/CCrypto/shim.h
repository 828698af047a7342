// Why this file exists: deterministic UUIDs (version 5, RFC 9562) for exported schedules
// need SHA-1, which Foundation on Linux does not offer. OpenSSL's libcrypto is already on
// every machine that has libcurl4-openssl-dev's TLS stack; this module reaches its EVP API.
#ifndef STREAMREACH_CCRYPTO_SHIM_H
#define STREAMREACH_CCRYPTO_SHIM_H

#include <openssl/evp.h>

#endif
