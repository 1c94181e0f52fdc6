import { Tooltip } from 'antd';

/**
 * The text of a table cell whose column cuts it off (`ellipsis: { showTitle: false }`): the full text
 * shows in a tooltip on hover. Missing text reads as a dash.
 */
export function CellText({ text, testId }: { text: string | null | undefined; testId?: string }) {
  if (!text) return <>—</>;
  return (
    <Tooltip title={text} placement="topLeft">
      <span data-testid={testId}>{text}</span>
    </Tooltip>
  );
}
