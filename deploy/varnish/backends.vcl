# The app processes Varnish sends requests to, and who may purge. Edit for your hosts: one backend
# per app process (deploy/systemd/dateline-web@.service listens on 127.0.0.1:830N).

probe dateline_healthz {
    # Liveness only: a database restart must not mark every process sick (pages then come from
    # grace, see dateline.vcl). Set Host to a name in ALLOWED_HOSTS.
    .request = "GET /healthz HTTP/1.1"
        "Host: localhost"
        "User-Agent: varnish-probe"
        "Connection: close";
    .interval = 1s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

backend web1 {
    .host = "127.0.0.1";
    .port = "8301";
    .probe = dateline_healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

backend web2 {
    .host = "127.0.0.1";
    .port = "8302";
    .probe = dateline_healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

# Who may send PURGE: this machine and the app hosts.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(web1);
    app.add_backend(web2);
}
