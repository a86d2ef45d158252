// @klimavagt/feeds: clients for the external data feeds Klimavagt polls.
export * from './dmi';
