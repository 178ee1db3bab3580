/** d3 axes for the scatter, drawn into two SVG groups from the current plot mapping. */
import { axisBottom, axisLeft, scaleLinear, select } from 'd3';
import { visibleDomain, type PlotMapping } from './plot-mapping.js';

/** Draw the x axis into `gx` (placed at the plot's bottom edge) and the y axis into `gy` (at its left edge). */
export function drawAxes(gx: SVGGElement, gy: SVGGElement, m: PlotMapping, width: number, height: number): void {
  const d = visibleDomain(m, width, height);
  const x = scaleLinear().domain([d.x0, d.x1]).range([0, width]);
  const y = scaleLinear().domain([d.y0, d.y1]).range([height, 0]);
  select(gx).call(
    axisBottom(x)
      .ticks(Math.max(2, Math.floor(width / 90)))
      .tickSizeOuter(0),
  );
  select(gy).call(
    axisLeft(y)
      .ticks(Math.max(2, Math.floor(height / 70)))
      .tickSizeOuter(0),
  );
}
