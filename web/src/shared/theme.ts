/**
 * The app's one theme colour (the console's red), for antd, antd-mobile (`--adm-color-primary` in
 * mobile/kit/phone.css) and the plain landing page alike.
 */
export const brandColour = '#c0392b';

/** antd's theme for every page that uses antd (console, sign-in, password change). */
export const antdTheme = { token: { colorPrimary: brandColour, borderRadius: 4 } };
