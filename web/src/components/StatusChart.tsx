// A small ECharts pie (loaded lazily with echarts, so first paint does not wait for it).
import { useEffect, useRef } from 'react';
import { PieChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([PieChart, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface Slice {
  name: string;
  value: number;
}

const COLORS = ['#52c41a', '#fa8c16', '#f5222d', '#8c8c8c', '#bfbfbf', '#1677ff', '#722ed1'];

export default function StatusChart({ data, height = 240 }: { data: Slice[]; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(ref.current!);
    chart.setOption({
      color: COLORS,
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { orient: 'vertical', right: 8, top: 'middle' },
      series: [{ type: 'pie', radius: ['45%', '72%'], center: ['38%', '50%'], label: { show: false }, data }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); chart.dispose(); };
  }, [data]);
  return <div ref={ref} style={{ height, width: '100%' }} data-testid="status-chart" />;
}
