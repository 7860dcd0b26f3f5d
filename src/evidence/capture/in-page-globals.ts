/**
 * The few browser globals the functions passed to page.evaluate() use. The project compiles without the
 * DOM library (it is a Node program); these module-scoped declarations type just what runs in the page.
 */
export type InPageElement = { getClientRects(): { length: number }; scrollWidth: number; scrollHeight: number };
export type InPageImage = { complete: boolean; addEventListener(type: string, listener: (value?: unknown) => void, options?: { once: boolean }): void };
export type InPageDocument = {
  title: string;
  visibilityState: string;
  documentElement: InPageElement;
  body: InPageElement | null;
  images: ArrayLike<InPageImage>;
  fonts?: { ready: Promise<unknown> };
  querySelectorAll(selector: string): ArrayLike<InPageElement>;
};
export type InPageWindow = { innerWidth: number; innerHeight: number; devicePixelRatio: number; scrollTo(x: number, y: number): void };
export type InPagePerformance = { getEntriesByType(type: string): Array<{ responseStatus?: number }> };
