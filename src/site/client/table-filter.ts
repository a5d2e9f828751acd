// Filters on a table that works without them: a <form data-filter-table="id"> (hidden until this
// runs) whose selects name data-* attributes of the table's rows. A row is shown when every chosen
// value matches (a row attribute may hold several space-separated values). The choice is kept in
// the URL (?company=…&unit=…) so a filtered view can be shared or reloaded.
export function enhanceTableFilters(root: ParentNode): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-filter-table]')) {
    const table = document.getElementById(form.dataset.filterTable ?? '');
    if (!(table instanceof HTMLTableElement) || !table.tBodies[0]) continue;
    const body = table.tBodies[0];
    const selects = [...form.querySelectorAll<HTMLSelectElement>('select')];
    const status = form.querySelector<HTMLElement>('.filter-status');
    const params = new URLSearchParams(location.search);
    for (const s of selects) {
      const wanted = params.get(s.name);
      if (wanted && [...s.options].some((o) => o.value === wanted)) s.value = wanted;
    }
    const apply = () => {
      const chosen = selects.filter((s) => s.value).map((s) => [s.name, s.value] as const);
      let shown = 0;
      for (const row of body.rows) {
        const match = chosen.every(([name, value]) => (row.dataset[name] ?? '').split(' ').includes(value));
        row.hidden = !match;
        if (match) shown++;
      }
      if (status) status.textContent = chosen.length ? `${shown} of ${body.rows.length} shown.` : '';
      const url = new URL(location.href);
      for (const s of selects) {
        if (s.value) url.searchParams.set(s.name, s.value);
        else url.searchParams.delete(s.name);
      }
      history.replaceState(history.state, '', url);
    };
    for (const s of selects) s.addEventListener('change', apply);
    form.addEventListener('submit', (event) => event.preventDefault());
    // a reset clears the selects after this event: apply once they have
    form.addEventListener('reset', () => setTimeout(apply, 0));
    form.hidden = false;
    if (selects.some((s) => s.value)) apply();
  }
}
