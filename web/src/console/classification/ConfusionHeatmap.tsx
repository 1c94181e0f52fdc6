import * as echarts from 'echarts/core';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

/** The confusion matrix as a heat map: rows the true class, columns the suggested one; the diagonal is right. */
export function ConfusionHeatmap({ names, matrix }: { names: string[]; matrix: number[][] }) {
  const element = useRef<HTMLDivElement>(null);
  const size = Math.max(320, Math.min(900, 120 + names.length * 18));
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    const cells = matrix.flatMap((row, i) => row.map((count, j) => [j, i, count] as [number, number, number])).filter((c) => c[2] > 0);
    const max = Math.max(1, ...cells.map((c) => c[2]));
    chart.setOption({
      tooltip: {
        formatter: (p: { value: [number, number, number] }) => `${names[p.value[1]]} → ${names[p.value[0]]}<br/>${p.value[2]}`,
      },
      grid: { left: 150, right: 20, top: 10, bottom: 150 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 60, interval: 0, fontSize: 10, width: 130, overflow: 'truncate' }, splitArea: { show: true } },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { interval: 0, fontSize: 10, width: 140, overflow: 'truncate' }, splitArea: { show: true } },
      visualMap: { min: 0, max, show: false, inRange: { color: ['#fff1f0', '#cf1322'] } },
      series: [{ type: 'heatmap', data: cells, label: { show: names.length <= 20, fontSize: 10 } }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [names, matrix]);
  return <div ref={element} style={{ width: '100%', height: size }} data-testid="confusion-matrix" />;
}
