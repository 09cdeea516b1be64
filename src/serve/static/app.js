// vsearch: small enhancements; every page works without this script.
// "/" focuses the search box, as on most search sites; Escape leaves it.
document.addEventListener("keydown", (event) => {
  const box = document.getElementById("q");
  if (!box) return;
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
  if (event.key === "/" && !typing) {
    event.preventDefault();
    box.focus();
    box.select();
  } else if (event.key === "Escape" && document.activeElement === box) {
    box.blur();
  }
});

// Search as you type, on the search page: 300 ms after the last key, the
// results of the words so far replace the page's, and the address follows
// (so Back and a bookmark keep them). The filters in the address stay. A
// query the server refuses while it is half typed (an open quote) leaves
// the results as they were. Pressing Enter still submits the form.
(() => {
  const box = document.getElementById("q");
  if (!box || location.pathname !== "/") return;
  let timer = 0;
  let pending = null;
  const show = async (query) => {
    const params = new URLSearchParams(location.search);
    params.set("q", query);
    params.delete("offset");
    const url = "/?" + params.toString();
    if (pending) pending.abort();
    pending = new AbortController();
    try {
      const response = await fetch(url, { signal: pending.signal });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const main = page.querySelector("main");
      if (!main || box.value.trim() !== query) return;
      document.querySelector("main").replaceWith(main);
      document.title = page.title;
      history.replaceState(null, "", url);
    } catch (error) {
      if (error.name !== "AbortError") throw error;
    }
  };
  box.addEventListener("input", () => {
    clearTimeout(timer);
    const query = box.value.trim();
    if (query.length < 2) return;
    timer = setTimeout(() => show(query), 300);
  });
})();

// The batch page: a list file chosen is read into the queries box.
(() => {
  const file = document.getElementById("list");
  const queries = document.getElementById("queries");
  if (!file || !queries) return;
  file.addEventListener("change", async () => {
    if (file.files.length) queries.value = await file.files[0].text();
  });
})();
