// Filter and sort the report's tables; no network, no library.
document.querySelectorAll("input.filter").forEach((input) => {
  input.addEventListener("input", () => {
    const words = input.value.trim().toLowerCase();
    document.querySelectorAll(`#${input.dataset.table} tbody tr`).forEach((row) => {
      row.style.display = row.textContent.toLowerCase().includes(words) ? "" : "none";
    });
  });
});
document.querySelectorAll("table.sortable th").forEach((header, column) => {
  header.addEventListener("click", () => {
    const body = header.closest("table").tBodies[0];
    const ascending = header.dataset.order !== "asc";
    header.dataset.order = ascending ? "asc" : "desc";
    const key = (row) => row.cells[column].textContent.trim();
    const number = (text) => Number(text.replace(/,/g, ""));
    const rows = Array.from(body.rows).sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const numeric = x !== "" && y !== "" && !isNaN(number(x)) && !isNaN(number(y));
      const order = numeric ? number(x) - number(y) : x.localeCompare(y, "zh");
      return ascending ? order : -order;
    });
    rows.forEach((row) => body.appendChild(row));
  });
});
// A link from a finding to its evidence marks every piece of that evidence.
function markCurrent() {
  document.querySelectorAll("mark.current").forEach((m) => m.classList.remove("current"));
  const match = location.hash.match(/^#evidence-(\d+)$/);
  if (match) document.querySelectorAll(`mark[data-finding="${match[1]}"]`).forEach((m) => m.classList.add("current"));
}
window.addEventListener("hashchange", markCurrent);
markCurrent();
