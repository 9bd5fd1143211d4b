vcl 4.1;
# Dateline behind Varnish: anonymous readers get cached pages; editors, readers with a comment
# awaiting moderation, the admin and every write go straight to the app.
#
# The app decides what is cacheable and for how long (Cache-Control with s-maxage,
# stale-while-revalidate, stale-if-error), tags each page with surrogate keys (xkey header) and
# purges by key when a story changes. This file only carries those decisions out.
#
# backends.vcl (beside this file, or earlier on vcl_path) declares the app processes, the
# "app" director and the "purgers" ACL; deploy/local-stack writes its own for the loopback stack.

import directors;
import std;
import xkey;

include "backends.vcl";

# How long a stale copy may be served while a fresh one is fetched in the background, when the
# app is healthy. Pages carry their own stale-if-error, which sets how long a stale copy may stand
# in when the app (or its database) fails.
sub dateline_recv_grace {
    if (req.http.X-Dateline-Stale-OK) {
        # A restart after a failed fetch: any copy still in grace is better than an error.
        return;
    }
    if (std.healthy(req.backend_hint)) {
        set req.grace = 30s;
    }
}

sub vcl_recv {
    if (req.restarts == 0) {
        # Only Varnish itself sets these.
        unset req.http.X-Dateline-Stale-OK;
        unset req.http.X-Dateline-Cache;
        unset req.http.X-Dateline-Cookie-Check;
        unset req.http.X-Dateline-Anonymous;
    }
    set req.backend_hint = app.backend();
    # httpoxy: never let a request header become a proxy setting in the app.
    unset req.http.Proxy;

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from this address."));
        }
        if (req.http.xkey-purge && req.http.xkey-mode == "hard") {
            # Hard purge (an unpublished or deleted story): the copies go at once, not even grace
            # may show them again.
            set req.http.X-Dateline-Purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.X-Dateline-Purged + " objects."));
        }
        if (req.http.xkey-purge) {
            # Soft purge: the copies expire now but stay in grace, so readers keep getting them
            # while the first request fetches the new version.
            set req.http.X-Dateline-Purged = xkey.softpurge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.X-Dateline-Purged + " objects."));
        }
        return (purge);
    }

    # The app's own limits (dateline.core.guards), so a reader gets the same answer from either:
    # DATELINE_MAX_URL_LENGTH: 8192
    # DATA_UPLOAD_MAX_MEMORY_SIZE: 10485760
    # DATELINE_MAX_UPLOAD_REQUEST_SIZE: 22020096
    # DATELINE_LARGE_UPLOAD_PATHS: /admin/import-wordpress/ 537919488
    # A request line or headers past varnishd's http_req_size are refused before VCL runs (the
    # connection is closed): deploy/ starts varnishd with 64 KB, so every URL between the app's limit
    # and that gets this 414.
    if (req.url ~ "^.{8193}") {
        return (synth(414));
    }
    if (req.url ~ "^/admin/import-wordpress/") {
        # A WordPress export, uploaded by a superuser to be imported.
        if (std.integer(req.http.Content-Length, 0) > 537919488) {
            return (synth(413));
        }
    } else if (req.url ~ "^/admin/") {
        # Only the admin takes uploads: the largest file it accepts, and its form.
        if (std.integer(req.http.Content-Length, 0) > 22020096) {
            return (synth(413));
        }
    } else if (std.integer(req.http.Content-Length, 0) > 10485760) {
        return (synth(413));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        # Comment posts, admin forms, search forms posted by mistake: never cached, cookies intact.
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin)(/|$)" || req.url ~ "^(/[a-z]{2}(-[a-z]+)?)?/comments/challenge/" || req.url ~ "^/healthz") {
        return (pass);
    }
    # The readership beacon (dateline.readership): every view must reach the app to be counted.
    if (req.url ~ "^/_views(\?|$)") {
        return (pass);
    }
    # Editors and readers with a comment awaiting moderation see a personal page. Only the app can
    # tell a real cookie from a made-up one: it answers a made-up one with "X-Dateline-Cookie:
    # invalid" and no page, and vcl_deliver restarts the request as anonymous, served from the cache.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|dateline_pending)=" && !req.http.X-Dateline-Anonymous) {
        set req.http.X-Dateline-Cookie-Check = "1";
        return (pass);
    }

    # Everything else is public: no cookie, no language guess (the URL names the language).
    unset req.http.Cookie;
    unset req.http.Accept-Language;
    if (req.url ~ "^/(static|media)/") {
        # Hashed static names and rendition files never change: the query string adds nothing.
        set req.url = regsub(req.url, "\?.*$", "");
    } else {
        # Tracking parameters do not change the page; dropping them keeps one copy per page.
        set req.url = regsuball(req.url, "(?i)([?&])(utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=[^&]*", "\1");
        set req.url = regsuball(req.url, "&&+", "&");
        set req.url = regsub(req.url, "[?&]+$", "");
        set req.url = regsub(req.url, "\?&", "?");
    }
    call dateline_recv_grace;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.Host) {
        hash_data(req.http.Host);
    } else {
        hash_data(server.ip);
    }
    # http and https answers differ (the app redirects plain http): never mix them.
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_hit {
    if (obj.ttl <= 0s) {
        set req.http.X-Dateline-Cache = "hit-stale";
    } else {
        set req.http.X-Dateline-Cache = "hit";
    }
}

sub vcl_miss {
    set req.http.X-Dateline-Cache = "miss";
}

sub vcl_pass {
    set req.http.X-Dateline-Cache = "pass";
}

sub vcl_backend_response {
    # A failing app (database restarting, process dying) must not replace a good copy: drop the
    # answer so the stale copy stays, and let vcl_synth retry the request against grace.
    if (beresp.status >= 500 && !bereq.uncacheable) {
        return (abandon);
    }

    # stale-if-error sets how long a copy may be kept past its lifetime (grace); how much of that
    # a healthy backend may use is capped by req.grace in vcl_recv (stale-while-revalidate).
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1") + "s", 1h);
    } else if (beresp.http.Cache-Control ~ "stale-while-revalidate=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-while-revalidate=([0-9]+).*$", "\1") + "s", 30s);
    } else {
        set beresp.grace = 1h;
    }
    # Past grace, keep the object a while longer so Varnish can revalidate it with ETag / 304.
    set beresp.keep = 1h;

    # Audio (/media/audio/, dateline.audio.views) comes with a year's Cache-Control: Varnish fetches
    # the whole file once and cuts each reader's Range from that copy itself (206, or 416).
    if (bereq.url ~ "^/media/" && beresp.status == 200 && !beresp.http.Cache-Control) {
        # Uploaded originals and renditions get new names when they change.
        set beresp.ttl = 1d;
    } else if (!beresp.http.Cache-Control && !beresp.http.Expires && !bereq.uncacheable) {
        # The app did not say this may be shared: do not guess (default_ttl would cache it).
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }

    if (!beresp.http.Content-Encoding && beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss\+xml|atom\+xml|feed\+json|javascript|manifest\+json)|image/svg\+xml)") {
        set beresp.do_gzip = true;
    }
    # Fall through to the built-in rules: Set-Cookie, private, no-store and Vary: * stay uncached.
}

sub vcl_backend_error {
    # Connection refused or reset (an app process was killed): try the next process once, but
    # only for reads; a write might have reached the app, and sending it twice would post twice.
    if (bereq.retries < 1 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
    if (!bereq.uncacheable) {
        # A cacheable read: vcl_synth retries it against any stale copy before giving up.
        return (abandon);
    }
    call dateline_unavailable_page;
    return (deliver);
}

# The security headers the app sends on every response (dateline.core.security_headers), on the
# pages Varnish writes itself: they run no script and load nothing, so their policy allows nothing.
sub dateline_security_headers {
    set resp.http.Content-Security-Policy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    set resp.http.X-Content-Type-Options = "nosniff";
    set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
    set resp.http.X-Frame-Options = "DENY";
    # As DATELINE_PERMISSIONS_POLICY (dateline/settings/base.py).
    set resp.http.Permissions-Policy = "accelerometer=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), idle-detection=(), magnetometer=(), microphone=(), midi=(), payment=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()";
}

sub dateline_unavailable_page {
    set beresp.status = 503;
    set beresp.http.Content-Security-Policy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    set beresp.http.X-Content-Type-Options = "nosniff";
    set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
    set beresp.http.X-Frame-Options = "DENY";
    set beresp.http.Permissions-Policy = "accelerometer=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), idle-detection=(), magnetometer=(), microphone=(), midi=(), payment=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()";
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "30";
    set beresp.http.Cache-Control = "no-store";
    synthetic({"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Briefly unavailable</title></head>
<body><main><h1>We will be back in a moment</h1>
<p>The site could not answer this request. Nothing you sent was saved: please try again in a minute.</p>
</main></body></html>
"});
}

# The words of the app's 413.html and 414.html (dateline/templates/).
sub dateline_refused_page {
    set resp.http.Content-Type = "text/html; charset=utf-8";
    set resp.http.Cache-Control = "no-store";
    if (resp.status == 413) {
        # The unread rest of the body must not be read as the next request.
        set resp.http.Connection = "close";
        synthetic({"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Too much to send</title></head>
<body><main><h1>That was too much to send</h1>
<p>What you sent is larger than this site accepts. Nothing was saved: please shorten it and send it again.</p>
<p><a href="/">Go to the front page</a></p>
</main></body></html>
"});
    } else {
        synthetic({"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Address too long</title></head>
<body><main><h1>That address is too long</h1>
<p>No page of ours has an address this long. Check the link, or search for the story from the front page.</p>
<p><a href="/">Go to the front page</a></p>
</main></body></html>
"});
    }
}

sub vcl_synth {
    if (resp.status == 413 || resp.status == 414) {
        call dateline_security_headers;
        call dateline_refused_page;
        return (deliver);
    }
    if (resp.status == 503 && !req.http.X-Dateline-Stale-OK && (req.method == "GET" || req.method == "HEAD")) {
        # The fetch failed (see vcl_backend_response): look again, accepting any copy in grace.
        set req.http.X-Dateline-Stale-OK = "1";
        return (restart);
    }
    if (resp.status == 503) {
        call dateline_security_headers;
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Retry-After = "30";
        set resp.http.Cache-Control = "no-store";
        synthetic({"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Briefly unavailable</title></head>
<body><main><h1>We will be back in a moment</h1>
<p>The site could not answer this request. Nothing you sent was saved: please try again in a minute.</p>
</main></body></html>
"});
        return (deliver);
    }
}

sub vcl_deliver {
    if (resp.http.X-Dateline-Cookie == "invalid" && req.http.X-Dateline-Cookie-Check) {
        # The app found the session or pending cookie made up: serve this reader the shared page.
        unset req.http.X-Dateline-Cookie-Check;
        set req.http.X-Dateline-Anonymous = "1";
        return (restart);
    }
    unset resp.http.X-Dateline-Cookie;
    # Surrogate keys are for Varnish only; the app's own cache status and server name say nothing
    # true about a copy Varnish kept, and readers need neither.
    unset resp.http.xkey;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    unset resp.http.X-Dateline-Cache;
    unset resp.http.Server;
    if (req.http.X-Dateline-Cache) {
        set resp.http.X-Cache = req.http.X-Dateline-Cache;
    }
    # Browsers revalidate HTML often; Varnish keeps it per s-maxage and purges it on change.
    if (resp.http.Content-Type ~ "^text/html" && resp.http.Cache-Control ~ "s-maxage") {
        set resp.http.Cache-Control = regsub(resp.http.Cache-Control, "s-maxage=[0-9]+,?\s*", "");
    }
}
