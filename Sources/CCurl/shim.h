// Why this file exists: curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are
// C variadic functions, which Swift cannot call. Each wrapper below fixes the type of the
// variadic argument, one per kind that libcurl documents (long, pointer, curl_off_t,
// function pointer), so Swift sees ordinary typed functions.
// The same approach as GRDB's Sources/GRDBSQLite/shim.h for sqlite3_db_config.
#ifndef STREAMREACH_CCURL_SHIM_H
#define STREAMREACH_CCURL_SHIM_H

#include <curl/curl.h>

#pragma clang assume_nonnull begin

static inline CURLcode sr_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode sr_easy_setopt_string(CURL *handle, CURLoption option, const char *_Nullable value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode sr_easy_setopt_pointer(CURL *handle, CURLoption option, void *_Nullable value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode sr_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *_Nullable value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode sr_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*sr_data_callback)(char *_Nonnull data, size_t size, size_t count, void *_Nullable userdata);

static inline CURLcode sr_easy_setopt_data_callback(CURL *handle, CURLoption option, sr_data_callback _Nullable callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode sr_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode sr_easy_getinfo_pointer(CURL *handle, CURLINFO info, void *_Nullable *_Nonnull value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode sr_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLMcode sr_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

#pragma clang assume_nonnull end

#endif
