import { unstableSetRender } from 'antd-mobile';
import { createRoot, type Root } from 'react-dom/client';

// antd-mobile renders Toast/Dialog into roots of its own; under React 19 they must use createRoot.
// Imported by the phone areas only, so the console never loads antd-mobile.
unstableSetRender((node, container) => {
  const host = container as Element & { wgRoot?: Root };
  host.wgRoot ??= createRoot(host);
  host.wgRoot.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    host.wgRoot?.unmount();
    delete host.wgRoot;
  };
});
