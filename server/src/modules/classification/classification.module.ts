/** Category and route suggestion (智能分拨): models trained on the county's closed cases, suggestions at intake. */
export const classificationModule = { name: 'classification' } as const;
