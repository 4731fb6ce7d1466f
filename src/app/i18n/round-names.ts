/** A round as people say it, for the app's and the public page's messages alike. */
export const roundNamesZhCN = { half1: '{year}年上半年', half2: '{year}年下半年' };
export const roundNamesEn: typeof roundNamesZhCN = { half1: 'first half of {year}', half2: 'second half of {year}' };
