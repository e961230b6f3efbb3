// Tag suggestions for a comma-separated tags input, with the browser's own <datalist>:
// each option is what is typed so far plus one existing tag, so picking one completes the last tag.
"use strict";
document.addEventListener("DOMContentLoaded", () => document.querySelectorAll("input[data-tag-suggestions]").forEach((input) => {
  const list = document.getElementById(input.getAttribute("list"));
  const tags = JSON.parse(document.getElementById(input.dataset.tagSuggestions).textContent);
  input.addEventListener("input", () => {
    const parts = input.value.split(/[,，]/);
    const typed = parts.pop().trim().toLowerCase();
    const chosen = parts.map((part) => part.trim()).filter(Boolean);
    const prefix = chosen.length ? chosen.join(", ") + ", " : "";
    list.replaceChildren(
      ...tags
        .filter((tag) => !chosen.includes(tag) && tag.toLowerCase().startsWith(typed))
        .slice(0, 20)
        .map((tag) => new Option(prefix + tag))
    );
  });
}));
