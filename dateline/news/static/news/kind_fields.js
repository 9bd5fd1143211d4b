// In the article editor, shows the fact-check panel only for fact checks and the sponsor panel only
// for sponsored pieces. Without JavaScript both panels stay visible.
(() => {
    const script = document.currentScript;
    const ids = (name) => (script.dataset[name] || "").split(",").filter(Boolean);

    function setup() {
        const select = document.getElementById("id_kind");
        if (!select) return;
        const panels = [
            [document.querySelector("section.dateline-fact-check"), ids("factCheckKinds")],
            [document.querySelector("section.dateline-sponsor"), ids("sponsoredKinds")],
        ];
        const update = () => {
            for (const [panel, kinds] of panels) {
                if (panel) panel.hidden = !kinds.includes(select.value);
            }
        };
        select.addEventListener("change", update);
        update();
    }

    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
    else setup();
})();
