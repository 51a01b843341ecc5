let timer;

/** toast shows a short message in the page's live region; errors stay longer and say what to do. */
export function toast(message, kind = "info") {
  const t = document.getElementById("toast");
  if (!t) return;
  t.textContent = message;
  t.className = `toast show ${kind}`;
  clearTimeout(timer);
  timer = setTimeout(() => (t.className = "toast"), kind === "error" ? 6000 : 3000);
}
