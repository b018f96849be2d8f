// Arribo is a pure SPA: everything renders on the device, so it works the same online and offline.
export const ssr = false;
export const prerender = false;
