/* Live pages: ask the updates endpoint for what changed since the last answer and show it in place.
   The page works without this script (the server renders the updates); this only spares a reload.
   New updates are announced in the polite status region; focus never moves. */
(function () {
    "use strict";

    var root = document.querySelector("[data-live-endpoint]");
    if (!root || !window.fetch || !("content" in document.createElement("template"))) {
        return;
    }
    var endpoint = root.getAttribute("data-live-endpoint");
    var cursor = root.getAttribute("data-live-cursor") || "0";
    var interval = (parseInt(root.getAttribute("data-live-interval"), 10) || 3) * 1000;
    var delay = interval;
    var list = root.querySelector("[data-live-updates]");
    var pinned = root.querySelector("[data-live-pinned]");
    var status = root.querySelector("[data-live-status]");
    var timer = null;

    function fromHtml(html) {
        var template = document.createElement("template");
        template.innerHTML = html.trim();  // rendered and escaped by the server's own template
        return template.content.firstElementChild;
    }

    function place(container, element, id) {
        // Newest first: before the first update with a smaller id.
        var children = container.querySelectorAll("[data-update-id]");
        for (var i = 0; i < children.length; i++) {
            if (parseInt(children[i].getAttribute("data-update-id"), 10) < id) {
                children[i].parentNode.insertBefore(element, children[i]);
                return;
            }
        }
        container.appendChild(element);
    }

    function show(updates) {
        var added = 0;
        var changed = 0;
        updates.forEach(function (update) {
            var existing = document.getElementById("update-" + update.id);
            if (update.withdrawn) {
                if (existing) {
                    existing.remove();  // deleted by the desk
                }
                return;
            }
            var element = fromHtml(update.html);
            var container = update.pinned && pinned ? pinned : list;
            if (existing) {
                changed += 1;
                if (existing.parentNode === container) {
                    existing.replaceWith(element);
                    return;
                }
                existing.remove();
            } else {
                added += 1;
            }
            place(container, element, update.id);
        });
        var empty = list.querySelector(".live__empty");
        if (empty && list.querySelector("[data-update-id]")) {
            empty.remove();
        }
        if (pinned) {
            pinned.hidden = !pinned.querySelector("[data-update-id]");
        }
        if (added === 1) {
            announce(root.getAttribute("data-live-one"));
        } else if (added > 1) {
            announce(root.getAttribute("data-live-many").replace("%(count)s", String(added)));
        } else if (changed) {
            announce(root.getAttribute("data-live-changed"));
        }
    }

    function announce(text) {
        status.textContent = text;
    }

    function schedule() {
        window.clearTimeout(timer);
        timer = window.setTimeout(poll, delay);
    }

    function poll() {
        if (document.hidden) {
            return;  // resumed by visibilitychange
        }
        fetch(endpoint + "?since=" + encodeURIComponent(cursor), {
            headers: { Accept: "application/json" },
            credentials: "same-origin",
            cache: "no-cache"
        })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("HTTP " + response.status);
                }
                return response.json();
            })
            .then(function (data) {
                cursor = String(data.cursor);
                if (data.updates.length) {
                    show(data.updates);
                }
                if (data.more) {
                    announce(root.getAttribute("data-live-reload"));
                }
                delay = interval;
                if (data.ongoing) {
                    schedule();
                }
            })
            .catch(function () {
                delay = Math.min(delay * 2, 60000);  // the site is busy or the reader offline: ask less often
                schedule();
            });
    }

    document.addEventListener("visibilitychange", function () {
        if (!document.hidden) {
            delay = interval;
            poll();
        }
    });
    schedule();
})();
