// Tables with class "sortable" sort by a column when its header is clicked (or activated with the
// keyboard). Cells may carry data-sort with the value to sort by (a number or an ISO date).
export function enhanceSortableTables(root: ParentNode): void {
  for (const table of root.querySelectorAll<HTMLTableElement>('table.sortable')) {
    const headers = [...table.tHead?.rows[0]?.cells ?? []];
    headers.forEach((th, column) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort-button';
      button.textContent = th.textContent ?? '';
      th.textContent = '';
      th.append(button);
      // the order the page was built in (e.g. by name) stays announced until the reader re-sorts
      if (!th.hasAttribute('aria-sort')) th.setAttribute('aria-sort', 'none');
      button.addEventListener('click', () => {
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        for (const other of headers) other.setAttribute('aria-sort', 'none');
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        sortBy(table, column, ascending);
      });
    });
  }
}

function sortKey(cell: HTMLTableCellElement | undefined): string | number {
  const raw = cell?.dataset.sort ?? cell?.textContent?.trim() ?? '';
  const n = Number(raw.replace(/,/g, ''));
  return raw !== '' && Number.isFinite(n) ? n : raw.toLowerCase();
}

function sortBy(table: HTMLTableElement, column: number, ascending: boolean): void {
  const body = table.tBodies[0];
  if (!body) return;
  const rows = [...body.rows];
  rows.sort((a, b) => {
    const x = sortKey(a.cells[column]);
    const y = sortKey(b.cells[column]);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return ascending ? order : -order;
  });
  body.append(...rows);
}
