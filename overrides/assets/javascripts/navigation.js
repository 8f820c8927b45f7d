// kb.navigate(url): opens a page of this site from a script, as a click on a link to it would.
// With navigation.instant on, Material's instant navigation takes that click: the page is
// fetched and swapped in without a reload, the address bar and history follow, and the
// scripts keep their state. Otherwise the browser follows the link: an ordinary page load.
//
// A click, not `location$.next(url)`: Material pushes the history entry (and records the
// scroll position for Back) only for clicks, and its own setLocation() navigates this way too.
(() => {
  const kb = (window.kb ??= {});

  kb.navigate = (url) => {
    const target = new URL(url, location.href);
    if (typeof document$ === "undefined" || target.origin !== location.origin) {
      location.href = target.href; // no Material bundle, or another site: nothing to intercept
      return;
    }
    const link = document.createElement("a");
    link.href = target.href;
    link.hidden = true;
    document.body.append(link); // Material listens for clicks on <body>
    link.click();
    link.remove();
  };
})();
