import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, TitleComponent, CanvasRenderer]);

export interface CoverageBar {
  id: string;
  name: string;
  /** null: nothing to count (no data) — drawn as an empty grey stub, never as 100 %. */
  rate: number | null;
  visited: number;
  total: number;
}

/** Coverage per child area as bars (0–100 %); a click drills down. */
export function CoverageChart({ bars, title, noData, onPick }: { bars: CoverageBar[]; title: string; noData: string; onPick: (id: string) => void }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    chart.setOption({
      title: { text: title, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', formatter: (params: Array<{ dataIndex: number }>) => {
        const bar = bars[params[0]!.dataIndex]!;
        return `${bar.name}<br/>${bar.rate === null ? noData : `${bar.visited} / ${bar.total} (${Math.round(bar.rate * 100)}%)`}`;
      } },
      grid: { left: 40, right: 16, bottom: 60, top: 40 },
      xAxis: { type: 'category', data: bars.map((b) => b.name), axisLabel: { rotate: bars.length > 6 ? 30 : 0, interval: 0 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          data: bars.map((b) => ({ value: b.rate === null ? 0 : Math.round(b.rate * 1000) / 10, itemStyle: { color: b.rate === null ? '#d9d9d9' : b.rate >= 0.8 ? '#52c41a' : b.rate >= 0.5 ? '#faad14' : '#f5222d' } })),
          barMaxWidth: 36,
        },
      ],
    });
    chart.on('click', (event) => {
      const bar = bars[event.dataIndex];
      if (bar) onPick(bar.id);
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [bars, title, noData, onPick]);
  return <div ref={element} style={{ height: 280, width: '100%' }} data-testid="coverage-chart" />;
}
