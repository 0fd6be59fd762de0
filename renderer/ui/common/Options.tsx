/** The <option>s of a select over a fixed set of codes, each shown by its label. */
export function LabelledOptions<T extends string>({ codes, labels }: { codes: readonly T[]; labels: Record<T, string> }) {
  return codes.map((c) => (
    <option key={c} value={c}>
      {labels[c]}
    </option>
  ));
}

/** The <option>s of a select over records (organisations and the like), valued by id and shown by name. */
export function NamedOptions({ items }: { items: readonly { id: string; name: string }[] }) {
  return items.map((i) => (
    <option key={i.id} value={i.id}>
      {i.name}
    </option>
  ));
}
