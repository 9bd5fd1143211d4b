/* Comments: reply in place and focus the error summary. The form works without this file. */
(function () {
  "use strict";
  var form = document.querySelector("[data-comment-form]");
  if (!form) return;
  var region = document.getElementById("make-a-comment-region");
  var home = document.createComment("comment form");
  region.parentNode.insertBefore(home, region);
  var parentField = form.querySelector("[data-parent-field]");
  var replying = form.querySelector("[data-replying]");
  var body = document.getElementById("comment-body");

  function showReplying(name) {
    replying.textContent = "";
    var text = document.createElement("span");
    var isolated = document.createElement("bdi");
    isolated.textContent = name;
    text.append(replying.getAttribute("data-replying-label") + " ", isolated, ". ");
    replying.appendChild(text);
    replying.appendChild(cancel);
    replying.hidden = false;
  }

  var cancel = form.querySelector("[data-cancel-reply]");
  cancel.addEventListener("click", function (event) {
    event.preventDefault();
    parentField.value = "";
    replying.hidden = true;
    home.parentNode.insertBefore(region, home.nextSibling);
    body.focus();
  });

  document.querySelectorAll("[data-reply-to]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      parentField.value = link.getAttribute("data-reply-to");
      showReplying(link.getAttribute("data-reply-name"));
      var comment = link.closest("article");
      comment.parentNode.insertBefore(region, comment.nextSibling);
      body.focus();
    });
  });

  var errors = document.getElementById("comment-form-errors");
  if (errors) {
    errors.setAttribute("tabindex", "-1");
    errors.focus();
  }
})();
