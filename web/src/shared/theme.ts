import type { ConfigProviderProps } from 'antd';

/**
 * The app's one theme colour (the console's red), for antd, antd-mobile (`--adm-color-primary` in
 * mobile/kit/phone.css) and the plain landing page alike.
 */
export const brandColour = '#c0392b';

/**
 * Hover/focus colour of form controls: a dark blue-grey, so a focused (valid) field never looks like
 * a field in error, which antd paints in red too.
 */
export const focusColour = '#3f5872';

const formControl = {
  hoverBorderColor: focusColour,
  activeBorderColor: focusColour,
  activeShadow: '0 0 0 2px rgba(63, 88, 114, 0.15)',
};

const selectControl = {
  hoverBorderColor: focusColour,
  activeBorderColor: focusColour,
  activeOutlineColor: 'rgba(63, 88, 114, 0.15)',
};

/** antd's theme for every page that uses antd (console, sign-in, password change). */
export const antdTheme: ConfigProviderProps['theme'] = {
  token: { colorPrimary: brandColour, borderRadius: 4 },
  components: {
    Input: formControl,
    InputNumber: formControl,
    DatePicker: formControl,
    Mentions: formControl,
    Select: selectControl, // TreeSelect and Cascader are drawn with the Select styles
  },
};

/** antd would write two-character Chinese button labels as "保 存"; we never want that. */
export const antdButtonConfig: ConfigProviderProps['button'] = { autoInsertSpace: false };
