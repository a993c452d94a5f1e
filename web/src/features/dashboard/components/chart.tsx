/**
 * One ECharts chart (bar, pie or line), loaded on demand: only the chart kinds and
 * components used are imported, so the dashboard chunk stays small and the initial
 * bundle carries no chart code at all.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface ChartProps {
  kind: 'bar' | 'pie' | 'trend';
  labels: string[];
  values: number[];
  colors?: string[];
  onSelect: (index: number) => void;
  title: string;
}

export default function Chart({ kind, labels, values, colors, onSelect, title }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.on('click', (p) => {
      if (typeof p.dataIndex === 'number') select.current(p.dataIndex);
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, []);
  useEffect(() => {
    const el = ref.current;
    const chart = el ? echarts.getInstanceByDom(el) : undefined;
    if (!chart) return;
    const data = values.map((v, i) => ({
      value: v,
      name: labels[i],
      itemStyle: colors?.[i] ? { color: colors[i] } : {},
    }));
    chart.setOption(
      kind === 'pie'
        ? { tooltip: {}, series: [{ type: 'pie', radius: ['35%', '70%'], data }] }
        : {
            tooltip: { trigger: 'axis' },
            grid: { left: 40, right: 12, top: 12, bottom: 28 },
            xAxis: { type: 'category', data: labels },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              kind === 'trend' ? { type: 'line', data, smooth: true, areaStyle: {} } : { type: 'bar', data },
            ],
          },
      true,
    );
  }, [kind, labels, values, colors]);
  return <div ref={ref} className="chart" role="img" aria-label={title} />;
}
