// Small enhancements to pages that already work without JavaScript.
(function () {
    "use strict";

    function announce(nav, text) {
        var status = nav.querySelector("[data-share-status]");
        if (status) { status.textContent = text; }
    }

    document.querySelectorAll("nav.share").forEach(function (nav) {
        var copy = nav.querySelector("[data-copy-link]");
        if (copy && navigator.clipboard) {
            copy.setAttribute("role", "button");
            copy.addEventListener("click", function (event) {
                event.preventDefault();
                navigator.clipboard.writeText(copy.href).then(function () {
                    announce(nav, copy.dataset.copiedText || "Link copied.");
                    copy.classList.add("is-copied");
                });
            });
        }
        var native = nav.querySelector("[data-web-share]");
        if (native && navigator.share) {
            native.hidden = false;
            var button = native.querySelector("button");
            button.addEventListener("click", function () {
                var data = { title: button.dataset.shareTitle, url: button.dataset.shareUrl };
                if (button.dataset.shareText) { data.text = button.dataset.shareText; }
                // A reader who closes the share sheet rejects the promise; that is not an error.
                navigator.share(data).catch(function () {});
            });
        }
    });
})();
