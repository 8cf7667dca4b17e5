/** What the Thymeleaf shell hands the app at load, as data attributes of #app. */
export interface Shell {
  apiBase: string;
  publishableKey: string;
  stripeJsUrl: string;
  currency: string;
  devMode: boolean;
  signupEnabled: boolean;
}

export function readShell(root: HTMLElement): Shell {
  const data = root.dataset;
  return {
    apiBase: data.apiBase || window.location.origin,
    publishableKey: data.publishableKey ?? '',
    stripeJsUrl: data.stripeJsUrl ?? '',
    currency: data.currency ?? 'usd',
    devMode: data.devMode === 'true',
    signupEnabled: data.signupEnabled === 'true',
  };
}
