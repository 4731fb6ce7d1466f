/**
 * A message lookup for the pages that cannot afford vue-i18n (the public results page, the
 * residents' questionnaire): dotted keys into nested messages, {name} placeholders filled in.
 */
export type MessageTree = { readonly [key: string]: string | readonly string[] | MessageTree };

export function lookUpMessage(messages: MessageTree, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

export function fillMessage(template: string, values: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}
