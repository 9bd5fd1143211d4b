// Readership figures (dateline.readership): one anonymous "this page was read" per page load, with the
// host of the referring site and nothing else. No cookie, no storage, no third party. Readers who ask
// for Global Privacy Control, and automated browsers, send nothing.
(function () {
    "use strict";
    var script = document.currentScript;
    if (!script || !navigator.sendBeacon || navigator.globalPrivacyControl || navigator.webdriver) {
        return;
    }
    var referrer = "";
    try {
        referrer = document.referrer ? new URL(document.referrer).hostname : "";
    } catch (error) {
        referrer = "";
    }
    if (referrer === location.hostname) {
        referrer = "";
    }
    var data = new URLSearchParams();
    data.set("page", script.dataset.page);
    data.set("ref", referrer);
    navigator.sendBeacon(script.dataset.endpoint, data);
})();
